// Feeds as Atom 1.0 (the `feed` package writes the XML) and agreement windows as iCalendar (ical-generator writes
// RFC 5545). Links are made absolute against the site's origin; every text that goes into HTML is escaped first.

import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { WindowEvent, WindowStatus } from '../../../core/calendar.js';
import type { AgreementCalendar, EntryFact, FeedDocument, FeedEntry } from '../../../services/feeds.js';
import { escapeHtml } from '../../pages.js';

/** A link of an entry as an absolute URL: a path of the site against the origin, an http(s) URL as it is. */
function absolute(href: string, origin: string): string | null {
  if (/^\/(?!\/)/.test(href)) return `${origin}${href}`;
  return /^https?:\/\//i.test(href) ? href : null;
}

function factHtml(fact: EntryFact, origin: string): string {
  const href = fact.href === undefined ? null : absolute(fact.href, origin);
  const value =
    href === null ? escapeHtml(fact.value) : `<a href="${escapeHtml(href)}">${escapeHtml(fact.value)}</a>`;
  return `<dt>${escapeHtml(fact.label)}</dt><dd>${value}</dd>`;
}

/**
 * An entry's content: its summary, its facts as a list and any rendered text, with the site's own links made
 * absolute (a feed reader resolves them against nothing). `]]>` cannot close the CDATA section the XML puts the
 * HTML in: escaped text never holds a `>`, and the rendered text is guarded as well.
 */
function contentHtml(entry: FeedEntry, origin: string): string {
  const html = [
    `<p>${escapeHtml(entry.summary)}</p>`,
    `<dl>${entry.facts.map((f) => factHtml(f, origin)).join('')}</dl>`,
    entry.html === null ? '' : entry.html.replace(/(href|src)="\/(?!\/)/g, `$1="${origin}/`),
  ].join('\n');
  return html.replace(/]]>/g, ']]&gt;');
}

/**
 * The feed as an Atom 1.0 document. `selfUrl` is the feed's own address; its `alternate` link is the page of the
 * web app that shows the same thing. Titles are sent as escaped HTML, as the `feed` package marks them.
 */
export function atomDocument(feed: FeedDocument, origin: string, selfUrl: string): string {
  const atom = new Feed({
    id: feed.id,
    title: feed.title,
    description: feed.subtitle,
    updated: new Date(feed.updated),
    generator: 'Truceline',
    link: `${origin}${feed.alternatePath}`,
    feed: selfUrl,
    author: { name: 'Truceline', link: `${origin}/` },
    favicon: `${origin}/favicon.svg`,
  });
  for (const entry of feed.entries) {
    atom.addItem({
      id: entry.id,
      title: escapeHtml(entry.title),
      link: `${origin}${entry.path}`,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      description: escapeHtml(entry.summary),
      content: contentHtml(entry, origin),
      // Terms only, from fixed vocabularies: the package does not escape `<` in attribute values.
      category: entry.categories.map((term) => ({ term })),
    });
  }
  return atom.atom1();
}

const STATUS: Readonly<Record<WindowStatus, ICalEventStatus>> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/** A day (`2025-03-18`) as ical-generator writes a DATE value: a Date at midnight UTC. */
function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function eventTimes(event: WindowEvent): { start: Date; end?: Date; allDay: boolean } {
  const { time } = event;
  if (time.allDay)
    return { start: day(time.startDate), allDay: true, ...(time.endDate ? { end: day(time.endDate) } : {}) };
  return {
    start: new Date(time.startUtc),
    allDay: false,
    ...(time.endUtc ? { end: new Date(time.endUtc) } : {}),
  };
}

/** The calendar as an RFC 5545 iCalendar file: one VEVENT per readout window, published for subscription. */
export function icsDocument(calendar: AgreementCalendar, origin: string, selfUrl: string): string {
  const cal = ical({
    name: calendar.name,
    description: calendar.description,
    prodId: { company: 'Truceline', product: 'Agreement windows', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    url: selfUrl,
    // Subscribers look again every hour.
    ttl: 3600,
  });
  for (const event of calendar.events) {
    const page = `${origin}/agreements/${encodeURIComponent(event.agreementSlug)}`;
    cal.createEvent({
      id: event.uid,
      ...eventTimes(event),
      summary: event.summary,
      description: [...event.description, `Terms and readouts side by side: ${page}`].join('\n'),
      status: STATUS[event.status],
      url: page,
      stamp: new Date(event.updatedAt),
      sequence: event.version,
    });
  }
  return cal.toString();
}

/** A strong validator of a document: the SHA-256 of its bytes. */
export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}
