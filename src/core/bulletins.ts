// Bulletins, the pure part: drafting a day's bulletin in Markdown from that day's data, rendering Markdown to
// HTML (raw HTML is never passed through), the links a text makes, and the related items a bulletin page shows.

import MarkdownIt from 'markdown-it';
import type { Verdict } from './screening.js';
import type { Grade, Occurrence, RulingStatus } from './verification.js';

/** A day as `YYYY-MM-DD` that exists in the calendar. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `2025-04-02` as "2 April 2025". */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${String(day)} ${MONTHS[(month ?? 1) - 1] ?? ''} ${String(year)}`;
}

/** The slug a day's bulletin gets unless the editor names another. */
export function dailySlug(date: string): string {
  return `daily-${date}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The day's data, as the drafter receives it (public data only: the service leaves out what the public may not
// see, so that a draft never carries it into a published text).

export interface DayScreening {
  readonly agreementSlug: string;
  readonly agreementTitle: string;
  readonly verdict: Verdict;
}

export interface DayRuling {
  readonly agreementSlug: string;
  readonly status: RulingStatus;
}

export interface DayIncident {
  readonly id: string;
  readonly title: string;
  /** Where, as the public copy names it (a place, else the oblast); null when withheld or unknown. */
  readonly place: string | null;
  /** The sector key of its derived geography, when the public may know it. */
  readonly sector: string | null;
  readonly allegations: readonly { readonly accuser: string; readonly accused: string }[];
  readonly screenings: readonly DayScreening[];
  readonly occurrence: Occurrence;
  readonly grade: Grade;
  readonly rulings: readonly DayRuling[];
}

export interface DayFinding {
  readonly incidentId: string;
  readonly incidentTitle: string;
  readonly occurrence: Occurrence;
  readonly grade: Grade;
  readonly rulings: readonly DayRuling[];
}

/** One edge of one readout's window falling on the day. */
export interface WindowEdge {
  readonly agreementSlug: string;
  readonly agreementTitle: string;
  readonly readoutKey: string;
  readonly issuer: string;
  readonly edge: 'starts' | 'lapses';
  /** The instant as stated, with its offset (`2025-03-18T00:00:00+03:00`). */
  readonly at: string;
  /** What cut the window short (`expired 2025-04-17`), when it was not the window itself. */
  readonly cutShortBy: string | null;
}

/** A prisoner exchange of the day, as the exchange ledger summarises it. */
export interface DayExchange {
  /** The exchange's key: the ledger page has an anchor of that name. */
  readonly id: string;
  readonly title: string;
  /** One line: who gave how many for how many, and what the mediator announced. */
  readonly summary: string;
}

export interface BulletinDay {
  readonly date: string;
  readonly incidents: readonly DayIncident[];
  readonly findingsPublished: readonly DayFinding[];
  readonly windowEdges: readonly WindowEdge[];
  /** Null when this installation keeps no exchange ledger: the section is left out rather than shown empty. */
  readonly exchanges: readonly DayExchange[] | null;
  /** Sector names by key. */
  readonly sectors: ReadonlyMap<string, string>;
}

/** A bulletin the demo drafts from its day, edits (a note in front, a new summary) and publishes. */
export interface BulletinSeed {
  readonly date: string;
  readonly slug: string;
  /** The summary link previews show, in place of the drafted one. */
  readonly summary: string;
  /** The editor's note put in front of the drafted text. */
  readonly note: string;
}

export interface BulletinDraft {
  readonly title: string;
  readonly summary: string;
  readonly markdown: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Drafting.

/** Verdicts in the order a reader should meet them: the disputed first. */
const VERDICT_ORDER: readonly Verdict[] = ['contested', 'covered', 'unknown', 'not-covered'];

const VERDICT_MEANING: Readonly<Record<Verdict, string>> = {
  contested: 'covered under some readouts only',
  covered: 'covered under every readout',
  unknown: 'a field the terms need is missing',
  'not-covered': 'covered under no readout',
};

const RULING_WORDS: Readonly<Record<RulingStatus, string>> = {
  pending: 'pending',
  violation: 'violation',
  'not-a-violation': 'not a violation',
  'unable-to-rule': 'unable to rule',
};

/**
 * Escapes text for Markdown so that it reads as written: titles and place names are data, and a `*` or `[` in
 * them must not turn into emphasis or a link.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

function incidentLink(incident: { readonly id: string; readonly title: string }): string {
  return `[${markdownText(incident.title)}](/incidents/${encodeURIComponent(incident.id)})`;
}

function agreementLink(slug: string, title: string): string {
  return `[${markdownText(title)}](/agreements/${encodeURIComponent(slug)})`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

function allegedBy(incident: DayIncident): string | null {
  const pairs = [...new Set(incident.allegations.map((a) => `${a.accuser} against ${a.accused}`))];
  return pairs.length === 0 ? null : `alleged by ${pairs.join('; ')}`;
}

function rulingText(rulings: readonly DayRuling[], slug: string | null): string | null {
  const chosen = slug === null ? rulings : rulings.filter((r) => r.agreementSlug === slug);
  if (chosen.length === 0) return null;
  if (slug !== null) return `ruling: ${chosen.map((r) => RULING_WORDS[r.status]).join(', ')}`;
  return `rulings: ${chosen.map((r) => `${r.agreementSlug} ${RULING_WORDS[r.status]}`).join(', ')}`;
}

/** "Sumy region; alleged by UA against RU; occurrence alleged; ruling: unable to rule". */
function incidentDetails(incident: DayIncident, slug: string | null): string {
  return [
    incident.place === null ? null : markdownText(incident.place),
    allegedBy(incident),
    `occurrence ${incident.occurrence}`,
    rulingText(incident.rulings, slug),
  ]
    .filter((part): part is string => part !== null)
    .join('; ');
}

function verdictSection(day: BulletinDay): string[] {
  const agreements = new Map<string, string>();
  for (const incident of day.incidents)
    for (const s of incident.screenings) agreements.set(s.agreementSlug, s.agreementTitle);
  const present = VERDICT_ORDER.filter((v) =>
    day.incidents.some((i) => i.screenings.some((s) => s.verdict === v)),
  );
  const lines: string[] = ['### By verdict', ''];
  if (present.length > 0)
    lines.push(`_${present.map((v) => `${v}: ${VERDICT_MEANING[v]}`).join('; ')}._`, '');
  for (const [slug, title] of agreements) {
    lines.push(`Under ${agreementLink(slug, title)}:`, '');
    for (const verdict of VERDICT_ORDER) {
      const matching = day.incidents.filter((i) =>
        i.screenings.some((s) => s.agreementSlug === slug && s.verdict === verdict),
      );
      // What an agreement does not cover is listed briefly: it is context, not news.
      if (verdict === 'not-covered' && matching.length > 0)
        lines.push(`- **${verdict}** — ${matching.map(incidentLink).join(', ')}.`);
      else
        for (const incident of matching)
          lines.push(`- **${verdict}** — ${incidentLink(incident)}: ${incidentDetails(incident, slug)}.`);
    }
    lines.push('');
  }
  const unscreened = day.incidents.filter((i) => i.screenings.length === 0);
  if (unscreened.length > 0) {
    lines.push('Not screened against any agreement (no agreement’s terms were in reach):', '');
    for (const incident of unscreened)
      lines.push(`- ${incidentLink(incident)}: ${incidentDetails(incident, null)}.`);
    lines.push('');
  }
  return lines;
}

function sectorSection(day: BulletinDay): string[] {
  const bySector = new Map<string | null, DayIncident[]>();
  for (const incident of day.incidents) {
    const list = bySector.get(incident.sector);
    if (list) list.push(incident);
    else bySector.set(incident.sector, [incident]);
  }
  const keys = [...bySector.keys()].sort((a, b) => {
    if (a === null) return 1;
    if (b === null) return -1;
    return (day.sectors.get(a) ?? a).localeCompare(day.sectors.get(b) ?? b);
  });
  const lines = ['### By sector', ''];
  for (const key of keys) {
    const incidents = bySector.get(key) ?? [];
    const name =
      key === null ? 'Outside the sectors, or not located' : markdownText(day.sectors.get(key) ?? key);
    lines.push(`- **${name}** (${String(incidents.length)}): ${incidents.map(incidentLink).join(', ')}`);
  }
  lines.push('');
  return lines;
}

function verdictCounts(day: BulletinDay): string {
  const counts = new Map<Verdict, number>();
  for (const incident of day.incidents)
    for (const s of incident.screenings) counts.set(s.verdict, (counts.get(s.verdict) ?? 0) + 1);
  const parts = VERDICT_ORDER.filter((v) => counts.has(v)).map((v) => `${v} ${String(counts.get(v))}`);
  return parts.length === 0 ? '' : ` (screenings: ${parts.join(', ')})`;
}

function findingsSection(day: BulletinDay): string[] {
  const lines = ['## Findings published', ''];
  if (day.findingsPublished.length === 0) {
    lines.push('No finding was published on this day.', '');
    return lines;
  }
  for (const f of day.findingsPublished) {
    const ruling = rulingText(f.rulings, null);
    lines.push(
      `- ${incidentLink({ id: f.incidentId, title: f.incidentTitle })}: occurrence ${f.occurrence}, grade ${f.grade}${ruling === null ? '' : `; ${ruling}`}.`,
    );
  }
  lines.push('');
  return lines;
}

function windowsSection(day: BulletinDay): string[] {
  const lines = ['## Agreements starting or lapsing', ''];
  if (day.windowEdges.length === 0) {
    lines.push('No readout’s window starts or lapses on this day.', '');
    return lines;
  }
  for (const e of day.windowEdges) {
    const verb = e.edge === 'starts' ? 'in force from' : 'lapses at';
    const cut = e.cutShortBy === null ? '' : ` (cut short: ${markdownText(e.cutShortBy)})`;
    lines.push(
      `- ${agreementLink(e.agreementSlug, e.agreementTitle)}, as ${markdownText(e.issuer)} reads it (\`${e.readoutKey}\`): ${verb} ${e.at}${cut}.`,
    );
  }
  lines.push('');
  return lines;
}

function exchangesSection(exchanges: readonly DayExchange[]): string[] {
  const lines = ['## Prisoner exchanges', ''];
  if (exchanges.length === 0) lines.push('No prisoner exchange took place on this day.');
  for (const x of exchanges)
    lines.push(
      `- [${markdownText(x.title)}](/exchanges#${encodeURIComponent(x.id)}): ${markdownText(x.summary)}`,
    );
  lines.push('');
  return lines;
}

/**
 * Drafts a day's bulletin: the incidents of the day by verdict (per agreement) and by sector, each with its title
 * and link, the findings published that day, the readouts whose windows start or lapse, and the prisoner
 * exchanges. The text is a starting point an editor revises; it states only what the data hold.
 */
export function draftBulletin(day: BulletinDay): BulletinDraft {
  const when = longDate(day.date);
  const n = day.incidents.length;
  // No heading for the title: it is the bulletin's own field, shown above the text.
  const lines: string[] = [
    `_Drafted from the published record for ${when} (Kyiv time). Incidents are listed as alleged; a verdict says what an incident would breach if it happened as reported, not that it did._`,
    '',
    '## Incidents',
    '',
  ];
  if (n === 0) {
    lines.push('No published incident is recorded for this day.', '');
  } else {
    lines.push(`${plural(n, 'incident')} recorded for this day${verdictCounts(day)}.`, '');
    lines.push(...verdictSection(day), ...sectorSection(day));
  }
  lines.push(...findingsSection(day), ...windowsSection(day));
  if (day.exchanges !== null) lines.push(...exchangesSection(day.exchanges));

  const summary = [
    `${plural(n, 'incident')} on ${when}${verdictCounts(day)}`,
    `${plural(day.findingsPublished.length, 'finding')} published`,
    `${plural(day.windowEdges.length, 'readout window')} starting or lapsing`,
    ...(day.exchanges === null || day.exchanges.length === 0
      ? []
      : [plural(day.exchanges.length, 'prisoner exchange')]),
  ].join('; ');
  return {
    title: `Daily bulletin: ${when}`,
    summary: `${summary}.`,
    markdown: `${lines.join('\n').trimEnd()}\n`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

/**
 * One Markdown renderer for the API, the server-rendered pages and the app's preview. Raw HTML is off: a
 * `<script>` in the text comes out as the text `&lt;script&gt;`. markdown-it's own link check refuses
 * `javascript:`, `vbscript:`, `file:` and `data:` URLs (but images of a few types); links that leave the site
 * get `rel="nofollow noopener noreferrer"`.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.renderer.rules['link_open'] = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  const href = token?.attrGet('href') ?? '';
  if (token && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) token.attrSet('rel', 'nofollow noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

/** Markdown as HTML, safe to put into a page: nothing in the text becomes markup but Markdown's own. */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

/** The text of a Markdown document without its markup, for descriptions and search (whitespace collapsed). */
export function plainText(text: string): string {
  const out: string[] = [];
  for (const token of markdown.parse(text, {})) {
    if (token.type === 'inline')
      for (const child of token.children ?? [])
        if (child.type === 'text' || child.type === 'code_inline') out.push(child.content);
    if (token.type === 'inline' || token.type === 'fence' || token.type === 'code_block') out.push(' ');
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Links and related items.

/** The records a text links to, by the site's own paths (`/agreements/…`, `/incidents/…`, `/bulletins/…`). */
export interface BulletinLinks {
  readonly agreements: readonly string[];
  readonly incidents: readonly string[];
  readonly bulletins: readonly string[];
}

type Token = ReturnType<MarkdownIt['parse']>[number];

const LINK_PATH = /^\/(agreements|incidents|bulletins)\/([^/?#]+)\/?(?:[?#].*)?$/;

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The agreements, incidents and bulletins a Markdown text links to, each once, in the order first linked. Only
 * the site's own paths count (`/incidents/…`, not another site's page of that name).
 */
export function linksIn(text: string): BulletinLinks {
  const found = { agreements: new Set<string>(), incidents: new Set<string>(), bulletins: new Set<string>() };
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') {
        const m = LINK_PATH.exec(token.attrGet('href') ?? '');
        const key = m?.[2] === undefined ? null : decoded(m[2]);
        if (m && key) found[m[1] as keyof typeof found].add(key);
      }
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(text, {}));
  return {
    agreements: [...found.agreements],
    incidents: [...found.incidents],
    bulletins: [...found.bulletins],
  };
}

/** Why an item is related: linked in the text, part of the day's data, linking here, or sharing an incident. */
export type RelatedReason = 'linked' | 'same-day' | 'links-here' | 'shares-incident';

export interface RelatedRef {
  readonly key: string;
  readonly reasons: readonly RelatedReason[];
}

export interface RelatedItems {
  readonly agreements: readonly RelatedRef[];
  readonly incidents: readonly RelatedRef[];
  readonly bulletins: readonly RelatedRef[];
}

export interface RelatedInput {
  readonly slug: string;
  readonly date: string;
  readonly links: BulletinLinks;
  /** The day's data: its incidents, and the agreements they are screened under or whose windows edge that day. */
  readonly day: { readonly incidents: readonly string[]; readonly agreements: readonly string[] };
  /** The other bulletins a reader may see, with the links of the text they see. */
  readonly others: readonly { readonly slug: string; readonly date: string; readonly links: BulletinLinks }[];
}

class Collector {
  private readonly items = new Map<string, RelatedReason[]>();
  add(key: string, reason: RelatedReason): void {
    const reasons = this.items.get(key);
    if (!reasons) this.items.set(key, [reason]);
    else if (!reasons.includes(reason)) reasons.push(reason);
  }
  refs(): RelatedRef[] {
    return [...this.items].map(([key, reasons]) => ({ key, reasons }));
  }
}

/**
 * What a bulletin touches: the agreements and incidents it links to or that make up its day, and the other
 * bulletins it links to, that link to it, that report on the same day or that share an incident with it. Items
 * come in the order they were first found: what the text links to first.
 */
export function relatedItems(input: RelatedInput): RelatedItems {
  const agreements = new Collector();
  const incidents = new Collector();
  const bulletins = new Collector();
  for (const slug of input.links.agreements) agreements.add(slug, 'linked');
  for (const slug of input.day.agreements) agreements.add(slug, 'same-day');
  for (const id of input.links.incidents) incidents.add(id, 'linked');
  for (const id of input.day.incidents) incidents.add(id, 'same-day');
  const mine = new Set([...input.links.incidents, ...input.day.incidents]);
  const others = input.others.filter((o) => o.slug !== input.slug);
  for (const slug of input.links.bulletins) if (slug !== input.slug) bulletins.add(slug, 'linked');
  for (const other of others) {
    if (other.links.bulletins.includes(input.slug)) bulletins.add(other.slug, 'links-here');
    if (other.date === input.date) bulletins.add(other.slug, 'same-day');
    if (other.links.incidents.some((id) => mine.has(id))) bulletins.add(other.slug, 'shares-incident');
  }
  return { agreements: agreements.refs(), incidents: incidents.refs(), bulletins: bulletins.refs() };
}
