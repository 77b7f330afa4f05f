// Public pages rendered on the server into the app's index.html: bulletins and agreements, so that search engines,
// link previews and `curl` get their text (title, description, Open Graph tags, canonical link, the article in
// `#root`), and a printer gets a clean copy. Only public data: a draft is a 404 here whoever asks. The app boots
// on these pages as on any other and replaces the article with its own view.

import { longDate, plainText, renderMarkdown } from '../core/bulletins.js';
import { TrucelineError } from '../core/errors.js';
import type { Agreement, Readout, Source } from '../core/model.js';
import { readoutSpan } from '../core/terms.js';
import { formatInstant, parseInstant } from '../core/time.js';
import type { FastifyRequest } from 'fastify';
import { getAgreement } from '../services/agreements.js';
import { type BulletinView, getBulletin, searchBulletins } from '../services/bulletins.js';
import type { Services } from '../services/context.js';
import { allSources } from '../services/reference.js';
import { citedSources } from './presenters.js';
import type { ServerPage } from './web.js';

/** Text made safe for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** A link's address if it is an http(s) URL or a path of this site; null for anything else (`javascript:`). */
function safeHref(url: string | null): string | null {
  if (url === null) return null;
  return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : null;
}

function link(href: string | null, text: string): string {
  const safe = safeHref(href);
  return safe === null ? escapeHtml(text) : `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>`;
}

/** Printing: no navigation or controls, black on white, the address after each link. */
const PRINT_STYLE = `<style media="print">
  .server-page { color: #000; background: #fff; font: 11pt/1.45 Georgia, serif; max-width: none; }
  .server-page .breadcrumbs { display: none; }
  .server-page a { color: #000; }
  .server-page a[href^="http"]::after, .server-page a[href^="/"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  .server-page h1, .server-page h2, .server-page h3 { break-after: avoid; }
</style>`;

/** The media type of the Atom feeds a page points to (docs/feeds.md). */
const ATOM = 'application/atom+xml';

interface PageContent {
  readonly title: string;
  readonly description: string;
  readonly path: string;
  readonly type: 'article' | 'website';
  readonly publishedAt?: string | null;
  readonly modifiedAt?: string | null;
  /** Feeds and calendars of the page's subject, for `<link rel="alternate">` (paths of this site). */
  readonly alternates?: readonly { readonly type: string; readonly title: string; readonly path: string }[];
  /** The article, as HTML built from escaped parts. */
  readonly body: string;
}

/** The origin links are made absolute with, as the request reached us (a proxy sets the forwarded host). */
export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Writes a page into the template: its title, description, canonical link and Open Graph tags in the head (the
 * template's own description is replaced), and the article inside `#root`. Replacements are functions, so that a
 * `$&` in the data is not read as a pattern.
 */
export function fillTemplate(template: string, page: PageContent, origin: string): string {
  const url = `${origin}${page.path}`;
  const description = page.description.length > 300 ? `${page.description.slice(0, 297)}…` : page.description;
  const meta = [
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    `<meta property="og:site_name" content="Truceline" />`,
    `<meta property="og:type" content="${page.type}" />`,
    `<meta property="og:title" content="${escapeHtml(page.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(description)}" />`,
    `<meta property="og:url" content="${escapeHtml(url)}" />`,
    `<meta name="twitter:card" content="summary" />`,
    ...(page.publishedAt
      ? [`<meta property="article:published_time" content="${escapeHtml(page.publishedAt)}" />`]
      : []),
    ...(page.modifiedAt
      ? [`<meta property="article:modified_time" content="${escapeHtml(page.modifiedAt)}" />`]
      : []),
    ...(page.alternates ?? []).map(
      (a) =>
        `<link rel="alternate" type="${escapeHtml(a.type)}" title="${escapeHtml(a.title)}" href="${escapeHtml(`${origin}${a.path}`)}" />`,
    ),
    PRINT_STYLE,
  ].join('\n    ');
  return template
    .replace(/<meta\s+name="description"[^>]*>\s*/i, () => '')
    .replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(page.title)} · Truceline</title>`)
    .replace(/<\/head>/i, () => `  ${meta}\n  </head>`)
    .replace(/<div id="root">\s*<\/div>/i, () => `<div id="root">${page.body}</div>`);
}

/** The template as a 404 the app still boots on (it may show a draft to a signed-in editor). */
function notFoundPage(template: string): { status: number; html: string } {
  return {
    status: 404,
    html: template.replace(/<\/head>/i, () => '  <meta name="robots" content="noindex" />\n  </head>'),
  };
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof TrucelineError &&
    (error.code === 'BULLETIN_NOT_FOUND' || error.code === 'AGREEMENT_NOT_FOUND')
  );
}

function day(date: string): string {
  return `<time datetime="${escapeHtml(date)}">${escapeHtml(longDate(date))}</time>`;
}

function instant(at: string): string {
  return `<time datetime="${escapeHtml(at)}">${escapeHtml(at.slice(0, 10))}</time>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Bulletins.

function relatedSection({ related }: BulletinView): string {
  const groups = [
    {
      title: 'Agreements',
      items: related.agreements.map((a) => link(`/agreements/${encodeURIComponent(a.slug)}`, a.title)),
    },
    {
      title: 'Incidents',
      items: related.incidents.map(
        (i) => `${link(`/incidents/${encodeURIComponent(i.id)}`, i.title)} (${instant(i.occurredAt)})`,
      ),
    },
    {
      title: 'Bulletins',
      items: related.bulletins.map((b) => link(`/bulletins/${encodeURIComponent(b.slug)}`, b.title)),
    },
  ].filter((g) => g.items.length > 0);
  if (groups.length === 0) return '';
  return [
    '<section class="related" aria-labelledby="related-heading">',
    '<h2 id="related-heading">Related</h2>',
    ...groups.map((g) => `<h3>${g.title}</h3><ul>${g.items.map((item) => `<li>${item}</li>`).join('')}</ul>`),
    '</section>',
  ].join('\n');
}

function bulletinBody(view: BulletinView): string {
  const { bulletin, shown } = view;
  return [
    `<article class="server-page bulletin" data-record-type="bulletin" data-record-id="${escapeHtml(bulletin.id)}">`,
    '<p class="breadcrumbs"><a href="/">Truceline</a> › <a href="/bulletins">Bulletins</a></p>',
    `<h1>${escapeHtml(shown.title)}</h1>`,
    `<p class="meta">Report on ${day(bulletin.date)}${bulletin.publishedAt ? ` · published ${instant(bulletin.publishedAt)}` : ''} · version ${String(shown.version)}</p>`,
    `<p class="lead">${escapeHtml(shown.summary)}</p>`,
    `<div class="markdown">${renderMarkdown(shown.markdown)}</div>`,
    relatedSection(view),
    '</article>',
  ].join('\n');
}

async function bulletinPage(services: Services, request: FastifyRequest, template: string) {
  const { slug } = request.params as { slug: string };
  let view: BulletinView;
  try {
    // As the public, whoever asks: the page is the same for everyone, and a draft is never in it.
    view = await getBulletin(services, null, slug);
  } catch (error) {
    if (isNotFound(error)) return notFoundPage(template);
    throw error;
  }
  const description = view.shown.summary.trim() || plainText(view.shown.markdown);
  const html = fillTemplate(
    template,
    {
      title: view.shown.title,
      description,
      path: `/bulletins/${encodeURIComponent(view.bulletin.slug)}`,
      type: 'article',
      publishedAt: view.bulletin.publishedAt,
      modifiedAt: view.shown.editedAt,
      alternates: [{ type: ATOM, title: 'Truceline: bulletins', path: '/api/v1/feeds/bulletins.atom' }],
      body: bulletinBody(view),
    },
    originOf(request),
  );
  return { status: 200, html };
}

/** How many bulletins the list page names; the app pages through the rest. */
const LIST_LIMIT = 100;

async function bulletinListPage(services: Services, request: FastifyRequest, template: string) {
  const page = await searchBulletins(services, null, { limit: LIST_LIMIT, offset: 0 });
  const items = page.items.map(
    (b) =>
      `<li>${link(`/bulletins/${encodeURIComponent(b.slug)}`, b.title)} — ${day(b.date)}<br />${escapeHtml(b.summary)}</li>`,
  );
  const body = [
    '<article class="server-page bulletins">',
    '<p class="breadcrumbs"><a href="/">Truceline</a></p>',
    '<h1>Bulletins</h1>',
    items.length === 0 ? '<p>No bulletin has been published yet.</p>' : `<ul>${items.join('\n')}</ul>`,
    page.total > LIST_LIMIT
      ? `<p>The ${String(LIST_LIMIT)} latest of ${String(page.total)} bulletins; all are at /api/v1/bulletins.</p>`
      : '',
    '</article>',
  ].join('\n');
  const html = fillTemplate(
    template,
    {
      title: 'Bulletins',
      description: "The monitoring mission's published bulletins: daily reports drafted from the data.",
      path: '/bulletins',
      type: 'website',
      alternates: [{ type: ATOM, title: 'Truceline: bulletins', path: '/api/v1/feeds/bulletins.atom' }],
      body,
    },
    originOf(request),
  );
  return { status: 200, html };
}

// ---------------------------------------------------------------------------------------------------------------
// Agreements.

function windowText(agreement: Agreement, readout: Readout): string {
  const { start, end, durationDays } = readout.window;
  const stated =
    start === null
      ? 'no start stated'
      : `from ${start.at}${end ? ` until ${end.at}` : durationDays !== null ? ` for ${String(durationDays)} days` : ', no end stated'}`;
  const span = readoutSpan(agreement, readout);
  if (!span.inForce) return `${stated}; never in force: ${span.reason}`;
  const offset = parseInstant(start?.at ?? '')?.offsetMinutes ?? 0;
  const until = Number.isFinite(span.interval.endMs)
    ? ` until ${formatInstant({ epochMs: span.interval.endMs, offsetMinutes: offset })}`
    : '';
  return `${stated}${span.cappedBy ? `; in force${until} (cut short: ${span.cappedBy})` : ''}`;
}

function readoutSection(
  agreement: Agreement,
  readout: Readout,
  sources: ReadonlyMap<string, Source>,
): string {
  const source = readout.source === null ? undefined : sources.get(readout.source);
  const quotes = readout.provisions
    .map((p) => p.quote)
    .filter((q): q is string => q !== null && q.trim() !== '');
  return [
    `<section class="readout"><h3>${escapeHtml(readout.issuer)} (${escapeHtml(readout.issuedBy)}), ${instant(readout.issuedAt)}</h3>`,
    `<p>Scope, in its words: “${escapeHtml(readout.scope)}”</p>`,
    readout.summary ? `<p>${escapeHtml(readout.summary)}</p>` : '',
    `<p>Window: ${escapeHtml(windowText(agreement, readout))}.</p>`,
    quotes.length > 0
      ? `<ul class="quotes">${quotes.map((q) => `<li><q>${escapeHtml(q)}</q></li>`).join('')}</ul>`
      : '',
    source ? `<p>Source: ${link(source.url, source.title)} (${escapeHtml(source.issuer)})</p>` : '',
    '</section>',
  ].join('\n');
}

function agreementBody(agreement: Agreement, sources: readonly Source[]): string {
  const byKey = new Map(sources.map((s) => [s.key, s]));
  const facts = [
    ['Form', agreement.form],
    ['Kind', agreement.kind],
    ['Parties', agreement.parties.join(', ') || '—'],
    ['Mediators', agreement.mediators.join(', ') || '—'],
  ]
    .map(([k, v]) => `<dt>${escapeHtml(k ?? '')}</dt><dd>${escapeHtml(v ?? '')}</dd>`)
    .join('');
  const lifecycle = agreement.lifecycle.map(
    (s) =>
      `<li>${instant(s.at)}: ${escapeHtml(s.status)}${s.party ? ` (${escapeHtml(s.party)})` : ''}${s.note ? ` — ${escapeHtml(s.note)}` : ''}</li>`,
  );
  const conditions = agreement.conditions.map(
    (c) =>
      `<li>${escapeHtml(c.party)}, ${escapeHtml(c.kind)} (${escapeHtml(c.status)}): ${escapeHtml(c.text)}</li>`,
  );
  return [
    `<article class="server-page agreement" data-record-type="agreement" data-record-id="${escapeHtml(agreement.id)}">`,
    '<p class="breadcrumbs"><a href="/">Truceline</a> › Agreements</p>',
    `<h1>${escapeHtml(agreement.title)}</h1>`,
    `<p class="lead">${escapeHtml(agreement.summary)}</p>`,
    `<dl>${facts}</dl>`,
    '<h2>Readouts</h2>',
    '<p>Each party’s version of the terms, side by side; they are compared, never merged.</p>',
    ...agreement.readouts.map((r) => readoutSection(agreement, r, byKey)),
    lifecycle.length > 0 ? `<h2>Lifecycle</h2><ol>${lifecycle.join('')}</ol>` : '',
    conditions.length > 0 ? `<h2>Conditions</h2><ul>${conditions.join('')}</ul>` : '',
    sources.length > 0
      ? `<h2>Sources</h2><ul>${sources.map((s) => `<li>${link(s.url, s.title)} — ${escapeHtml(s.issuer)}</li>`).join('')}</ul>`
      : '',
    '</article>',
  ].join('\n');
}

/** The feeds and the calendar of one agreement (docs/feeds.md). */
function agreementFeeds(agreement: Agreement): NonNullable<PageContent['alternates']> {
  const slug = encodeURIComponent(agreement.slug);
  return [
    {
      type: ATOM,
      title: `Changes: ${agreement.title}`,
      path: `/api/v1/feeds/agreements.atom?agreement=${slug}`,
    },
    {
      type: ATOM,
      title: `Findings: ${agreement.title}`,
      path: `/api/v1/feeds/findings.atom?agreement=${slug}`,
    },
    {
      type: 'text/calendar',
      title: `Windows: ${agreement.title}`,
      path: `/api/v1/calendars/agreements/${slug}.ics`,
    },
  ];
}

async function agreementPage(services: Services, request: FastifyRequest, template: string) {
  const { slug } = request.params as { slug: string };
  let agreement: Agreement;
  try {
    agreement = await getAgreement(services, slug);
  } catch (error) {
    if (isNotFound(error)) return notFoundPage(template);
    throw error;
  }
  const sources = await allSources(services, citedSources(agreement));
  const html = fillTemplate(
    template,
    {
      title: agreement.title,
      description: agreement.summary,
      path: `/agreements/${encodeURIComponent(agreement.slug)}`,
      type: 'article',
      modifiedAt: agreement.updatedAt,
      alternates: agreementFeeds(agreement),
      body: agreementBody(agreement, sources),
    },
    originOf(request),
  );
  return { status: 200, html };
}

/** The pages the server renders, by route, for `webRoutes`. */
export function serverPages(services: Services): Readonly<Record<string, ServerPage>> {
  return {
    '/bulletins': (request, template) => bulletinListPage(services, request, template),
    '/bulletins/:slug': (request, template) => bulletinPage(services, request, template),
    '/agreements/:slug': (request, template) => agreementPage(services, request, template),
  };
}
