// The public feeds and calendars: published findings, published bulletins and agreement changes as feed entries,
// and readout windows as calendar events. Everything is read as the anonymous public reads it, whoever asks:
// published incidents only, each as its public copy; the edition of each bulletin the public reads.

import { createHash } from 'node:crypto';
import { longDate, renderMarkdown } from '../core/bulletins.js';
import { windowEvents, type WindowEvent } from '../core/calendar.js';
import { publicCopy } from '../core/disclosure.js';
import { TrucelineError } from '../core/errors.js';
import type { Agreement, Incident, LifecycleStep } from '../core/model.js';
import type { Verdict } from '../core/screening.js';
import { parseInstant, toUtcIso } from '../core/time.js';
import type { Attribution, Finding } from '../core/verification.js';
import { agreementNames, findAgreement, listAgreements } from '../db/agreements.js';
import {
  type AgreementChange,
  firstAuditHash,
  latestAgreementChanges,
  publishedBulletins,
} from '../db/feeds.js';
import { findingRecordsOf } from '../db/findings.js';
import { listIncidents, screeningsFor, type StoredScreening } from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import { listSources } from '../db/sources.js';
import type { Services } from './context.js';
import { currentFinding } from './findings.js';
import { incidentFilter } from './incidents.js';

/** How many entries a feed holds: the latest ones. */
export const FEED_LIMIT = 100;

/** What a feed is narrowed to: one agreement (id or slug), one party (its code). */
export interface FeedFilter {
  readonly agreement?: string | undefined;
  readonly party?: string | undefined;
}

/** A filter as resolved: the agreement found by its id or slug, the party checked against the known ones. */
export interface ResolvedFilter {
  readonly agreement: { readonly id: string; readonly slug: string; readonly title: string } | null;
  readonly party: string | null;
}

/** One fact of an entry: a label and plain text, linked to a page of the site (`/agreements/…`) or a source. */
export interface EntryFact {
  readonly label: string;
  readonly value: string;
  readonly href?: string | undefined;
}

export interface FeedEntry {
  /** `urn:uuid:` made from the installation and the record (and, for a change, which change): never changes. */
  readonly id: string;
  readonly title: string;
  /** The page of the site the entry is about: `/incidents/<id>`, `/bulletins/<slug>`, `/agreements/<slug>`. */
  readonly path: string;
  readonly published: string;
  /** The last time the entry changed in a way a reader should know of. */
  readonly updated: string;
  /** One paragraph of plain text. */
  readonly summary: string;
  readonly facts: readonly EntryFact[];
  /** HTML that is safe as it is (a bulletin's rendered Markdown), whose links are paths of the site; or null. */
  readonly html: string | null;
  /** Terms from fixed vocabularies (`verdict:contested`, `occurrence:alleged`, `party:RU`, `change:created`). */
  readonly categories: readonly string[];
}

export interface FeedDocument {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** The page of the web app that shows the same thing. */
  readonly alternatePath: string;
  /** The latest entry's `updated`, or the epoch for a feed with nothing in it yet. */
  readonly updated: string;
  readonly filter: ResolvedFilter;
  readonly entries: readonly FeedEntry[];
}

// ---------------------------------------------------------------------------------------------------------------
// Identifiers.

/** RFC 4122's namespace for names that are URLs; the installation's namespace is made in it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID (version 5, SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Makes the `urn:uuid:` ids of this installation: from the first event of its audit log (append-only, so the ids
 * survive restarts, a new address and a restore from backup, and differ between installations) and a name that
 * says what is identified (`finding/<incident id>`). Neither the address nor the clock enters an id.
 */
async function idMaker(services: Services): Promise<(name: string) => string> {
  const first = (await firstAuditHash(services.db.kysely)) ?? 'empty';
  const namespace = uuidV5(`truceline:${first}`, URL_NAMESPACE);
  return (name) => `urn:uuid:${uuidV5(name, namespace)}`;
}

function filterName(filter: ResolvedFilter): string {
  const parts = [
    ...(filter.agreement ? [`agreement=${filter.agreement.id}`] : []),
    ...(filter.party ? [`party=${filter.party}`] : []),
  ];
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Filters.

/** Resolves a feed's filter: an unknown agreement is 404 AGREEMENT_NOT_FOUND, an unknown party 400. */
export async function resolveFilter(services: Services, filter: FeedFilter): Promise<ResolvedFilter> {
  const db = services.db.kysely;
  let agreement: ResolvedFilter['agreement'] = null;
  if (filter.agreement !== undefined) {
    const found = await findAgreement(db, filter.agreement);
    if (!found)
      throw new TrucelineError(
        'AGREEMENT_NOT_FOUND',
        `No agreement has the id or slug "${filter.agreement}".`,
        { issues: [{ path: 'query.agreement', message: 'no such agreement' }] },
      );
    agreement = { id: found.id, slug: found.slug, title: found.title };
  }
  if (filter.party !== undefined && !(await partyCodes(db)).has(filter.party))
    throw new TrucelineError('VALIDATION_FAILED', `query.party: no party has the code "${filter.party}".`, {
      issues: [{ path: 'query.party', message: `no party has the code "${filter.party}"` }],
    });
  return { agreement, party: filter.party ?? null };
}

function titled(base: string, filter: ResolvedFilter, partyWord: string): string {
  return [
    base,
    ...(filter.agreement ? [filter.agreement.title] : []),
    ...(filter.party ? [`${partyWord} ${filter.party}`] : []),
  ].join(' — ');
}

function latest(times: readonly (string | null | undefined)[]): string {
  return times.filter((t): t is string => typeof t === 'string').reduce((a, b) => (b > a ? b : a), '');
}

/** The epoch: the `updated` of a feed that has no entry yet, so that it does not change with the clock. */
const NEVER = '1970-01-01T00:00:00.000Z';

function feedUpdated(entries: readonly FeedEntry[]): string {
  return latest(entries.map((e) => e.updated)) || NEVER;
}

// ---------------------------------------------------------------------------------------------------------------
// Published findings.

function attributionText(a: Attribution): string {
  switch (a.status) {
    case 'unknown':
      return 'unknown';
    case 'alleged':
      return `alleged: ${a.party}`;
    case 'attributed':
      return `attributed to ${a.party} (confidence ${a.confidence})`;
  }
}

const RULING_WORDS = {
  pending: 'no ruling yet',
  violation: 'ruled a violation',
  'not-a-violation': 'ruled not a violation',
  'unable-to-rule': 'unable to rule',
} as const;

interface AgreementName {
  readonly slug: string;
  readonly title: string;
}

/** Each agreement the incident is screened against or ruled on: its verdict and the finding's ruling. */
function agreementLines(
  finding: Finding,
  screenings: readonly StoredScreening[],
  names: ReadonlyMap<string, AgreementName>,
): { name: AgreementName; verdict: Verdict | null; ruling: string | null }[] {
  const ids = [
    ...new Set([...screenings.map((s) => s.agreementId), ...finding.rulings.map((r) => r.agreementId)]),
  ];
  return ids.flatMap((id) => {
    const name = names.get(id);
    if (!name) return [];
    const verdict = screenings.find((s) => s.agreementId === id)?.verdict ?? null;
    const ruling = finding.rulings.find((r) => r.agreementId === id)?.ruling.status;
    return [{ name, verdict, ruling: ruling === undefined ? null : RULING_WORDS[ruling] }];
  });
}

function findingEntry(
  incident: Incident,
  finding: Finding,
  findingUpdatedAt: string | null,
  screenings: readonly StoredScreening[],
  names: ReadonlyMap<string, AgreementName>,
  makeId: (name: string) => string,
): FeedEntry {
  // The public copy, and of it only what any public reader of the incident sees; never its coordinates.
  const pub = publicCopy(incident);
  const publishedAt = pub.publishedAt ?? pub.updatedAt;
  const lines = agreementLines(finding, screenings, names);
  const where = [pub.locationName, pub.admin2, pub.admin1, pub.country].filter(
    (p): p is string => p !== null && p.trim() !== '',
  );
  const verdicts = lines.map(
    (l) => `${l.name.title}: ${l.verdict ?? 'not screened'}${l.ruling === null ? '' : `, ${l.ruling}`}`,
  );
  return {
    id: makeId(`finding/${incident.id}`),
    title: pub.title,
    path: `/incidents/${encodeURIComponent(incident.id)}`,
    published: publishedAt,
    updated: latest([publishedAt, findingUpdatedAt, pub.updatedAt]),
    summary: [
      `Occurrence ${finding.occurrence}, attribution ${attributionText(finding.attribution)}, grade ${finding.grade}.`,
      ...(verdicts.length > 0 ? [`${verdicts.join('; ')}.`] : ['Screened against no agreement.']),
    ].join(' '),
    facts: [
      { label: 'Occurred', value: `${pub.occurredAt} (to the ${pub.timePrecision})` },
      ...(where.length > 0 ? [{ label: 'Where', value: where.join(', ') }] : []),
      ...(pub.act ? [{ label: 'Act', value: pub.act }] : []),
      ...(pub.target ? [{ label: 'Target', value: pub.target }] : []),
      ...(pub.perpetrator ? [{ label: 'Alleged perpetrator', value: pub.perpetrator }] : []),
      { label: 'Occurrence', value: finding.occurrence },
      { label: 'Attribution', value: attributionText(finding.attribution) },
      { label: 'Grade', value: finding.grade },
      ...lines.map((l) => ({
        label: l.name.title,
        value: `screening: ${l.verdict ?? 'not screened'}; ruling: ${l.ruling ?? 'none (not covered)'}`,
        href: `/agreements/${encodeURIComponent(l.name.slug)}`,
      })),
    ],
    html: null,
    categories: [
      ...new Set([
        ...lines.flatMap((l) => (l.verdict === null ? [] : [`verdict:${l.verdict}`])),
        `occurrence:${finding.occurrence}`,
        ...(pub.perpetrator ? [`party:${pub.perpetrator}`] : []),
      ]),
    ],
  };
}

/**
 * The latest published findings, most recently published first: one entry per published incident, with its
 * finding (occurrence, attribution, grade), its verdict under each agreement and the ruling on it. With a filter,
 * the incidents `GET /incidents?agreement=…&party=…` lists to the public (screened against the agreement; alleged
 * to have been done by the party).
 */
export async function findingsFeed(services: Services, filter: FeedFilter): Promise<FeedDocument> {
  const db = services.db.kysely;
  const resolved = await resolveFilter(services, filter);
  const criteria = await incidentFilter(services, null, {
    agreement: resolved.agreement?.id,
    party: resolved.party ?? undefined,
    status: 'published',
  });
  const page = await listIncidents(
    db,
    criteria,
    { limit: FEED_LIMIT, offset: 0 },
    { key: 'publishedAt', descending: true },
  );
  const ids = page.items.map((i) => i.id);
  const [screenings, stored, names, makeId] = await Promise.all([
    screeningsFor(db, ids),
    findingRecordsOf(db, ids),
    agreementNames(db),
    idMaker(services),
  ]);
  const entries = page.items.map((incident) => {
    const own = screenings.filter((s) => s.incidentId === incident.id);
    const record = stored.get(incident.id) ?? null;
    const finding = currentFinding({
      incidentId: incident.id,
      reportedBy: incident.reportedBy,
      screenings: own,
      stored: record,
    });
    return findingEntry(incident, finding, record?.updatedAt ?? null, own, names, makeId);
  });
  const query = [
    ...(resolved.agreement ? [`agreement=${encodeURIComponent(resolved.agreement.slug)}`] : []),
    ...(resolved.party ? [`party=${encodeURIComponent(resolved.party)}`] : []),
  ].join('&');
  return {
    id: makeId(`feed/findings${filterName(resolved)}`),
    title: titled('Truceline: published findings', resolved, 'alleged perpetrator'),
    subtitle:
      'Findings on incidents as the monitoring mission publishes them: whether each happened, who did it, its screening under each agreement and the ruling.',
    alternatePath: `/incidents${query ? `?${query}` : ''}`,
    updated: feedUpdated(entries),
    filter: resolved,
    entries,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Published bulletins.

/** How many bulletins are read at a time while looking for those that concern one agreement. */
const BULLETIN_BATCH = 200;

/**
 * The latest published bulletins, newest day first, each as the public reads it (the version last published),
 * with its summary and its text. With an agreement, the bulletins whose published text links to it.
 */
export async function bulletinsFeed(services: Services, filter: FeedFilter): Promise<FeedDocument> {
  const db = services.db.kysely;
  const resolved = await resolveFilter(services, filter);
  const makeId = await idMaker(services);
  const wanted = resolved.agreement;
  const found: FeedEntry[] = [];
  for (let offset = 0; found.length < FEED_LIMIT; offset += BULLETIN_BATCH) {
    const batch = await publishedBulletins(db, { limit: BULLETIN_BATCH, offset });
    for (const b of batch) {
      if (wanted && !b.links.agreements.some((key) => key === wanted.slug || key === wanted.id)) continue;
      found.push({
        id: makeId(`bulletin/${b.id}`),
        title: b.title,
        path: `/bulletins/${encodeURIComponent(b.slug)}`,
        published: b.publishedAt,
        updated: latest([b.publishedAt, b.editedAt]),
        summary: b.summary,
        facts: [
          { label: 'Report on', value: longDate(b.date) },
          { label: 'Version', value: String(b.version) },
        ],
        html: renderMarkdown(b.markdown),
        categories: ['bulletin'],
      });
      if (found.length === FEED_LIMIT) break;
    }
    if (batch.length < BULLETIN_BATCH) break;
  }
  return {
    id: makeId(`feed/bulletins${filterName(resolved)}`),
    title: titled('Truceline: bulletins', resolved, 'party'),
    subtitle: "The monitoring mission's published bulletins: daily reports drafted from the data.",
    alternatePath: wanted ? `/agreements/${encodeURIComponent(wanted.slug)}` : '/bulletins',
    updated: feedUpdated(found),
    filter: resolved,
    entries: found,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Agreement changes.

/** What each audited change of an agreement means, for its entry. */
const CHANGE_WORDS: Readonly<Record<string, { readonly term: string; readonly text: string }>> = {
  'agreement.create': { term: 'created', text: 'The agreement was recorded.' },
  'agreement.update': {
    term: 'amended',
    text: 'The agreement was amended: its own fields (lifecycle, parties, conditions, links or wording).',
  },
  'agreement.replace': {
    term: 'amended',
    text: 'The agreement was revised as a whole from its source (its readouts and lifecycle included).',
  },
  'readout.create': { term: 'readout-added', text: 'A readout was added: another version of its terms.' },
  'readout.update': {
    term: 'readout-amended',
    text: "A readout's terms were changed (window, provisions or wording).",
  },
};

function changeEntry(
  change: AgreementChange,
  agreement: Agreement,
  makeId: (name: string) => string,
): FeedEntry {
  const words = CHANGE_WORDS[change.action] ?? { term: 'changed', text: `Changed (${change.action}).` };
  const created = change.action === 'agreement.create';
  return {
    id: makeId(`agreement/${agreement.id}/event/${String(change.seq)}`),
    title: `${agreement.title}: ${created ? 'recorded' : words.term.replace('-', ' ')}`,
    path: `/agreements/${encodeURIComponent(agreement.slug)}`,
    published: change.at,
    updated: change.at,
    summary: created ? `${words.text} ${agreement.summary}` : words.text,
    facts: [
      { label: 'Change', value: words.term },
      { label: 'Recorded', value: change.at },
      { label: 'Audit event', value: `#${String(change.seq)}` },
      { label: 'Parties', value: agreement.parties.join(', ') || '—' },
      ...(agreement.mediators.length > 0
        ? [{ label: 'Mediators', value: agreement.mediators.join(', ') }]
        : []),
      { label: 'Readouts now', value: String(agreement.readouts.length) },
    ],
    html: null,
    categories: [`change:${words.term}`, ...agreement.parties.map((p) => `party:${p}`)],
  };
}

const STATUS_WORDS: Readonly<Record<LifecycleStep['status'], string>> = {
  proposed: 'proposed',
  accepted: 'accepted',
  'accepted-conditionally': 'accepted on conditions',
  rejected: 'rejected',
  'in-force': 'in force',
  suspended: 'suspended',
  expired: 'expired',
  collapsed: 'collapsed',
};

function lifecycleEntry(
  step: LifecycleStep,
  agreement: Agreement,
  sources: ReadonlyMap<string, { title: string; url: string | null }>,
  makeId: (name: string) => string,
): FeedEntry | null {
  const instant = parseInstant(step.at);
  if (!instant) return null;
  const at = toUtcIso(instant.epochMs);
  const source = step.source === null ? undefined : sources.get(step.source);
  const who = step.party === null ? '' : ` (${step.party})`;
  return {
    id: makeId(`agreement/${agreement.id}/lifecycle/${step.status}/${step.party ?? '*'}/${step.at}`),
    title: `${agreement.title}: ${STATUS_WORDS[step.status]}${who}`,
    path: `/agreements/${encodeURIComponent(agreement.slug)}`,
    published: at,
    updated: at,
    summary: step.note || `${STATUS_WORDS[step.status]}${who}.`,
    facts: [
      { label: 'Lifecycle step', value: `${STATUS_WORDS[step.status]}${who}` },
      { label: 'Date as stated', value: `${step.at} (to the ${step.precision})` },
      ...(source ? [{ label: 'Source', value: source.title, href: source.url ?? undefined }] : []),
    ],
    html: null,
    categories: [`lifecycle:${step.status}`, ...(step.party ? [`party:${step.party}`] : [])],
  };
}

/**
 * Agreement changes, the latest first: each audited change (recorded, amended, a readout added or changed) and
 * each step of an agreement's lifecycle (proposed, accepted, in force, suspended, expired, collapsed), dated when
 * the step happened. With a party, the agreements it is a party to or mediates.
 */
export async function agreementsFeed(services: Services, filter: FeedFilter): Promise<FeedDocument> {
  const db = services.db.kysely;
  const resolved = await resolveFilter(services, filter);
  const { agreement, party } = resolved;
  const chosen = (await listAgreements(db)).filter(
    (a) =>
      (agreement === null || a.id === agreement.id) &&
      (party === null || a.parties.includes(party) || a.mediators.includes(party)),
  );
  const byId = new Map(chosen.map((a) => [a.id as string, a]));
  const filtered = agreement !== null || party !== null;
  const [changes, sources, makeId] = await Promise.all([
    latestAgreementChanges(db, filtered ? [...byId.keys()] : undefined, FEED_LIMIT),
    listSources(db),
    idMaker(services),
  ]);
  const sourceByKey = new Map(sources.map((s) => [s.key, { title: s.title, url: s.url }]));
  const entries = [
    ...changes.flatMap((c) => {
      const a = byId.get(c.agreementId);
      return a ? [changeEntry(c, a, makeId)] : [];
    }),
    ...chosen.flatMap((a) =>
      a.lifecycle.flatMap((step) => lifecycleEntry(step, a, sourceByKey, makeId) ?? []),
    ),
  ]
    .sort((x, y) => (x.updated === y.updated ? x.id.localeCompare(y.id) : x.updated < y.updated ? 1 : -1))
    .slice(0, FEED_LIMIT);
  return {
    id: makeId(`feed/agreements${filterName(resolved)}`),
    title: titled('Truceline: agreement changes', resolved, 'party'),
    subtitle:
      'Agreements as they are recorded and amended, and the steps of their lifecycle: proposed, accepted, in force, suspended, expired, collapsed.',
    alternatePath: agreement ? `/agreements/${encodeURIComponent(agreement.slug)}` : '/',
    updated: feedUpdated(entries),
    filter: resolved,
    entries,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Calendars.

export interface AgreementCalendar {
  readonly name: string;
  readonly description: string;
  readonly agreement: { readonly slug: string; readonly title: string } | null;
  /** The latest change of the agreements it shows: when its content last changed. */
  readonly updated: string;
  readonly events: readonly WindowEvent[];
}

/**
 * The readout windows of every agreement, or of one (by id or slug; 404 AGREEMENT_NOT_FOUND when none has it), as
 * calendar events: one per readout that states a start, so that readouts that disagree show side by side.
 */
export async function agreementCalendar(services: Services, idOrSlug?: string): Promise<AgreementCalendar> {
  const db = services.db.kysely;
  let agreements: Agreement[];
  if (idOrSlug === undefined) agreements = await listAgreements(db);
  else {
    const one = await findAgreement(db, idOrSlug);
    if (!one)
      throw new TrucelineError('AGREEMENT_NOT_FOUND', `No agreement has the id or slug "${idOrSlug}".`, {
        issues: [{ path: 'params.slug', message: 'no such agreement' }],
      });
    agreements = [one];
  }
  const single = idOrSlug === undefined ? null : (agreements[0] ?? null);
  return {
    name: single ? `${single.title} (Truceline)` : 'Truceline: agreement windows',
    description: single
      ? `When each readout of “${single.title}” puts its terms in force, one event per readout.`
      : 'When each readout of each agreement puts its terms in force, one event per readout: readouts that disagree show side by side.',
    agreement: single ? { slug: single.slug, title: single.title } : null,
    updated: latest(agreements.map((a) => a.updatedAt)) || NEVER,
    events: agreements.flatMap(windowEvents),
  };
}
