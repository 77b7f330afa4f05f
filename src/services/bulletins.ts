// Bulletin use cases: draft a day's bulletin from the published record, edit it (each edit a new version, kept),
// publish it, and read bulletins with their related items. Drafts are the mission's staff's; the public reads the
// version last published and is told a draft does not exist.

import {
  type BulletinDay,
  type BulletinSeed,
  type BulletinDraft,
  type DayExchange,
  type DayIncident,
  type DayRuling,
  dailySlug,
  draftBulletin,
  isCalendarDate,
  linksIn,
  type RelatedReason,
  relatedItems,
  type WindowEdge,
} from '../core/bulletins.js';
import { publicCopy } from '../core/disclosure.js';
import { buildLedger, type LedgerEntry } from '../core/exchanges.js';
import { fieldError, TrucelineError } from '../core/errors.js';
import type { Agreement, Incident } from '../core/model.js';
import { type Actor, can, personId } from '../core/policy.js';
import { slugSchema } from '../core/schemas.js';
import { readoutSpan } from '../core/terms.js';
import { DAY_MS, formatInstant, localDate, parseInstant, precisionInterval, toUtcIso } from '../core/time.js';
import type { Finding } from '../core/verification.js';
import { agreementNames, listAgreements } from '../db/agreements.js';
import {
  appendBulletinVersion,
  type BulletinRecord,
  type BulletinSummary,
  type BulletinVersion,
  bulletinLinks,
  bulletinSlugTaken,
  type Edition,
  findBulletinRecord,
  incidentsPublishedBetween,
  insertBulletin,
  listBulletins,
  markBulletinPublished,
} from '../db/bulletins.js';
import type { Handle } from '../db/engine.js';
import { claimsOf, listExchanges } from '../db/exchanges.js';
import { findingRecordsOf } from '../db/findings.js';
import { listSectors } from '../db/frontline.js';
import { findIncident, incidentIdsBetween, screeningsFor } from '../db/incidents.js';
import { kyivTime } from '../io/kyiv-time.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { currentFinding } from './findings.js';
import { maySee } from './incidents.js';

// ---------------------------------------------------------------------------------------------------------------
// A day's data.

/** The Kyiv calendar day `date` as an interval of instants (23 or 25 hours on the days the clocks change). */
function kyivDay(date: string): { startMs: number; endMs: number } {
  const start = kyivTime(date);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const end = kyivTime(next);
  if (!start || !end) throw fieldError('VALIDATION_FAILED', 'date', `"${date}" is not a date (YYYY-MM-DD)`);
  return { startMs: start.instant.epochMs, endMs: end.instant.epochMs };
}

function checkDate(date: string): void {
  if (!isCalendarDate(date))
    throw fieldError('VALIDATION_FAILED', 'date', `"${date}" is not a calendar date (YYYY-MM-DD)`);
}

/**
 * Whether an incident belongs to a day. A time to the minute or hour is placed by Kyiv time; a day is the day as
 * reported (Russia's "19 March" is 19 March, though it begins at 23:00 on the 18th in Kyiv in winter); an incident
 * dated only to a week or a month belongs to no single day.
 */
function isOfDay(incident: Incident, date: string, day: { startMs: number; endMs: number }): boolean {
  switch (incident.timePrecision) {
    case 'day':
      return incident.occurredAt.slice(0, 10) === date;
    case 'minute':
    case 'hour': {
      const instant = parseInstant(incident.occurredAt);
      return instant !== null && instant.epochMs >= day.startMs && instant.epochMs < day.endMs;
    }
    case 'week':
    case 'month':
      return false;
  }
}

/** Every incident of the day (whoever may see it), earliest first. */
async function incidentsOfDay(db: Handle, date: string): Promise<Incident[]> {
  const day = kyivDay(date);
  // A day as reported may begin up to a day before or after the Kyiv day, whatever offset it was stated in.
  const ids = await incidentIdsBetween(db, toUtcIso(day.startMs - DAY_MS), toUtcIso(day.endMs + DAY_MS));
  const incidents: Incident[] = [];
  for (const id of ids) {
    const incident = await findIncident(db, id);
    if (incident && isOfDay(incident, date, day)) incidents.push(incident);
  }
  return incidents.sort(
    (a, b) =>
      (parseInstant(a.occurredAt)?.epochMs ?? 0) - (parseInstant(b.occurredAt)?.epochMs ?? 0) ||
      a.title.localeCompare(b.title),
  );
}

async function findingsByIncident(db: Handle, incidents: readonly Incident[]): Promise<Map<string, Finding>> {
  const ids = incidents.map((i) => i.id);
  const screenings = await screeningsFor(db, ids);
  const stored = await findingRecordsOf(db, ids);
  return new Map(
    incidents.map((incident) => [
      incident.id,
      currentFinding({
        incidentId: incident.id,
        reportedBy: incident.reportedBy,
        screenings: screenings.filter((s) => s.incidentId === incident.id),
        stored: stored.get(incident.id) ?? null,
      }),
    ]),
  );
}

function rulingsOf(finding: Finding | undefined, names: ReadonlyMap<string, { slug: string }>): DayRuling[] {
  return (finding?.rulings ?? []).map((r) => ({
    agreementSlug: names.get(r.agreementId)?.slug ?? r.agreementId,
    status: r.ruling.status,
  }));
}

/** The offset a readout's edge is stated in: its own bound's, or that of the lifecycle step that cut it short. */
function edgeOffset(agreement: Agreement, atMs: number, fallback: string): number {
  for (const step of agreement.lifecycle) {
    const instant = parseInstant(step.at);
    if (step.party === null && instant && precisionInterval(instant, step.precision).startMs === atMs)
      return instant.offsetMinutes;
  }
  return parseInstant(fallback)?.offsetMinutes ?? 0;
}

/**
 * The readouts whose windows (as in force: cut short by the agreement's end) start or lapse on the day, each edge
 * dated in the offset its readout states it in, as the parties announced it.
 */
function windowEdges(agreements: readonly Agreement[], date: string): WindowEdge[] {
  const edges: WindowEdge[] = [];
  for (const agreement of agreements) {
    for (const readout of agreement.readouts) {
      const span = readoutSpan(agreement, readout);
      const start = readout.window.start;
      if (!span.inForce || start === null) continue;
      const base = {
        agreementSlug: agreement.slug,
        agreementTitle: agreement.title,
        readoutKey: readout.key,
      };
      const startOffset = parseInstant(start.at)?.offsetMinutes ?? 0;
      const startAt = { epochMs: span.interval.startMs, offsetMinutes: startOffset };
      if (localDate(startAt) === date)
        edges.push({
          ...base,
          issuer: readout.issuer,
          edge: 'starts',
          at: formatInstant(startAt),
          cutShortBy: null,
        });
      if (!Number.isFinite(span.interval.endMs)) continue;
      const endAt = {
        epochMs: span.interval.endMs,
        offsetMinutes:
          span.cappedBy === null
            ? (parseInstant(readout.window.end?.at ?? start.at)?.offsetMinutes ?? startOffset)
            : edgeOffset(agreement, span.interval.endMs, start.at),
      };
      if (localDate(endAt) === date)
        edges.push({
          ...base,
          issuer: readout.issuer,
          edge: 'lapses',
          at: formatInstant(endAt),
          cutShortBy: span.cappedBy,
        });
    }
  }
  return edges;
}

/** "RU handed over 197 and UA 175 (372 people); mediated by AE; figures provisional while disputed". */
function exchangeLine(entry: LedgerEntry): string {
  const [a, b] = entry.parity.sides;
  const parts = [
    `${a.party} handed over ${String(a.gave)} and ${b.party} ${String(b.gave)} (${String(entry.parity.people)} people)`,
  ];
  if (entry.exchange.mediator !== null) parts.push(`mediated by ${entry.exchange.mediator}`);
  if (entry.discrepancies.length > 0)
    parts.push(`the sources differ on ${plural(entry.discrepancies.length, 'figure')}`);
  if (entry.parity.provisional) parts.push('figures provisional while disputed');
  return `${parts.join('; ')}.`;
}

function plural(count: number, one: string): string {
  return `${String(count)} ${count === 1 ? one : `${one}s`}`;
}

/** The prisoner exchanges of the day from the exchange ledger, with who gave how many for how many. */
async function exchangesOfDay(db: Handle, date: string): Promise<readonly DayExchange[]> {
  const exchanges = (await listExchanges(db)).filter((x) => x.date === date);
  if (exchanges.length === 0) return [];
  const ledger = buildLedger(
    exchanges,
    await claimsOf(
      db,
      exchanges.map((x) => x.id),
    ),
  );
  return ledger.map((entry) => ({
    id: entry.exchange.key,
    title: entry.exchange.summary || `Prisoner exchange ${entry.exchange.key}`,
    summary: exchangeLine(entry),
  }));
}

/** What the drafter needs of a day, public data only, and how many unpublished incidents were left out. */
async function publicDay(db: Handle, date: string): Promise<{ day: BulletinDay; unpublished: number }> {
  const all = await incidentsOfDay(db, date);
  const incidents = all.filter((i) => i.publishedAt !== null).map(publicCopy);
  const names = await agreementNames(db);
  const screenings = await screeningsFor(
    db,
    incidents.map((i) => i.id),
  );
  const findings = await findingsByIncident(db, incidents);
  const dayIncidents: DayIncident[] = incidents.map((incident) => {
    const finding = findings.get(incident.id);
    return {
      id: incident.id,
      title: incident.title,
      place: incident.locationName ?? incident.admin1,
      sector: incident.geography?.sector ?? null,
      allegations: incident.allegations.map((a) => ({ accuser: a.accuser, accused: a.accused })),
      screenings: screenings
        .filter((s) => s.incidentId === incident.id)
        .map((s) => ({
          agreementSlug: names.get(s.agreementId)?.slug ?? s.agreementId,
          agreementTitle: names.get(s.agreementId)?.title ?? s.agreementId,
          verdict: s.verdict,
        })),
      occurrence: finding?.occurrence ?? 'alleged',
      grade: finding?.grade ?? 'weak',
      rulings: rulingsOf(finding, names),
    };
  });

  const { startMs, endMs } = kyivDay(date);
  const publishedIds = await incidentsPublishedBetween(db, toUtcIso(startMs), toUtcIso(endMs));
  const published: Incident[] = [];
  for (const id of publishedIds) {
    const incident = await findIncident(db, id);
    if (incident) published.push(incident);
  }
  const publishedFindings = await findingsByIncident(db, published);
  const findingsPublished = published.map((incident) => {
    const finding = publishedFindings.get(incident.id);
    return {
      incidentId: incident.id,
      incidentTitle: incident.title,
      occurrence: finding?.occurrence ?? 'alleged',
      grade: finding?.grade ?? 'weak',
      rulings: rulingsOf(finding, names),
    };
  });

  const sectors = new Map((await listSectors(db)).map((s) => [s.key, s.name]));
  return {
    day: {
      date,
      incidents: dayIncidents,
      findingsPublished,
      windowEdges: windowEdges(await listAgreements(db), date),
      exchanges: await exchangesOfDay(db, date),
      sectors,
    },
    unpublished: all.length - incidents.length,
  };
}

export interface DayDraft {
  readonly date: string;
  readonly draft: BulletinDraft;
  /** Incidents of the day left out of the draft because they are not published. */
  readonly unpublishedLeftOut: number;
}

/**
 * Drafts the bulletin of a day from the published record, without storing it (the CLI prints it). Unpublished
 * incidents are left out, so that publishing the text can never publish them; how many there were is returned.
 */
export async function draftForDate(services: Services, actor: Actor | null, date: string): Promise<DayDraft> {
  authorise(actor, 'bulletin.write');
  checkDate(date);
  const { day, unpublished } = await publicDay(services.db.kysely, date);
  return { date, draft: draftBulletin(day), unpublishedLeftOut: unpublished };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

export interface DraftInput {
  readonly date: string;
  readonly slug?: string | undefined;
}

export interface BulletinWrite {
  readonly bulletin: BulletinRecord;
  readonly unpublishedLeftOut?: number;
}

function notFound(slug: string): TrucelineError {
  return new TrucelineError('BULLETIN_NOT_FOUND', `No bulletin has the slug "${slug}".`);
}

export interface BulletinEdit {
  /** The version the edit was made on: refused if another edit came first. */
  readonly version: number;
  readonly title?: string | undefined;
  readonly summary?: string | undefined;
  readonly markdown?: string | undefined;
  /** What changed and why, kept with the version. */
  readonly note?: string | undefined;
}

function latest(record: BulletinRecord): BulletinVersion {
  const current = record.versions.find((v) => v.version === record.version);
  if (!current) throw new Error(`Bulletin ${record.slug} has no version ${String(record.version)}`);
  return current;
}

function stale(record: BulletinRecord, asked: number): TrucelineError {
  return new TrucelineError(
    'BULLETIN_VERSION_STALE',
    `version: the bulletin is at version ${String(record.version)}, not ${String(asked)}; reload it and edit the current version.`,
    {
      issues: [{ path: 'version', message: `the current version is ${String(record.version)}` }],
      current: record.version,
    },
  );
}

async function reload(trx: Handle, id: string): Promise<BulletinRecord> {
  const record = await findBulletinRecord(trx, id);
  if (!record) throw new Error(`The bulletin ${id} just written is missing`);
  return record;
}

// The steps of the use cases, each inside the caller's transaction and audited there.

async function insertDraft(
  services: Services,
  trx: Handle,
  who: Actor,
  input: { readonly date: string; readonly slug: string },
): Promise<BulletinWrite> {
  if (await bulletinSlugTaken(trx, input.slug))
    throw new TrucelineError(
      'BULLETIN_SLUG_TAKEN',
      `Another bulletin already has the slug "${input.slug}": edit that one, or give this one another slug.`,
      { issues: [{ path: 'slug', message: 'already taken' }] },
    );
  const { day, unpublished } = await publicDay(trx, input.date);
  const draft = draftBulletin(day);
  const now = services.now().toISOString();
  const id = services.newId();
  await insertBulletin(
    trx,
    { id, slug: input.slug, date: input.date, createdBy: personId(who), createdAt: now, updatedAt: now },
    {
      version: 1,
      title: draft.title,
      summary: draft.summary,
      markdown: draft.markdown,
      links: linksIn(draft.markdown),
      note: 'drafted from the data of the day',
      editedBy: personId(who),
      editedAt: now,
    },
  );
  const stored = await reload(trx, id);
  await recordAudit(services, trx, {
    actor: who,
    action: 'bulletin.create',
    subjectType: 'bulletin',
    subjectId: id,
    after: stored,
  });
  return { bulletin: stored, unpublishedLeftOut: unpublished };
}

async function appendEdit(
  services: Services,
  trx: Handle,
  who: Actor,
  before: BulletinRecord,
  edit: BulletinEdit,
): Promise<BulletinRecord> {
  if (edit.version !== before.version) throw stale(before, edit.version);
  const current = latest(before);
  const next = {
    title: edit.title ?? current.title,
    summary: edit.summary ?? current.summary,
    markdown: edit.markdown ?? current.markdown,
  };
  if (next.title === current.title && next.summary === current.summary && next.markdown === current.markdown)
    return before;
  const now = services.now().toISOString();
  await appendBulletinVersion(trx, before.id, {
    version: before.version + 1,
    ...next,
    links: linksIn(next.markdown),
    note: edit.note ?? null,
    editedBy: personId(who),
    editedAt: now,
  });
  const after = await reload(trx, before.id);
  await recordAudit(services, trx, {
    actor: who,
    action: 'bulletin.edit',
    subjectType: 'bulletin',
    subjectId: before.id,
    before,
    after,
    reason: edit.note ?? null,
  });
  return after;
}

async function publishLatest(
  services: Services,
  trx: Handle,
  who: Actor,
  before: BulletinRecord,
  input: { readonly version: number; readonly note?: string | undefined },
): Promise<BulletinRecord> {
  if (input.version !== before.version) throw stale(before, input.version);
  if (before.publishedVersion === before.version) return before;
  const now = services.now().toISOString();
  await markBulletinPublished(trx, before.id, before.version, now, before.publishedAt);
  const after = await reload(trx, before.id);
  await recordAudit(services, trx, {
    actor: who,
    action: 'bulletin.publish',
    subjectType: 'bulletin',
    subjectId: before.id,
    before,
    after,
    reason: input.note ?? null,
  });
  return after;
}

function draftSlug(input: DraftInput): string {
  checkDate(input.date);
  const slug = input.slug ?? dailySlug(input.date);
  if (!slugSchema.safeParse(slug).success)
    throw fieldError('VALIDATION_FAILED', 'slug', 'use lower-case letters, digits and single hyphens');
  return slug;
}

/** Drafts a day's bulletin and stores it as version 1 of a new, unpublished bulletin. */
export async function createDraft(
  services: Services,
  actor: Actor | null,
  input: DraftInput,
): Promise<BulletinWrite> {
  const who = authorise(actor, 'bulletin.write');
  const slug = draftSlug(input);
  return inTransaction(services, (trx) => insertDraft(services, trx, who, { date: input.date, slug }));
}

/**
 * Edits a bulletin: a new version with the changed title, summary or Markdown, the earlier versions kept. An edit
 * made on an older version than the latest is refused (someone else edited in between); an edit that changes
 * nothing writes nothing. Editing a published bulletin leaves the public on the published version until the new
 * one is published.
 */
export async function editBulletin(
  services: Services,
  actor: Actor | null,
  slug: string,
  edit: BulletinEdit,
): Promise<BulletinWrite> {
  const who = authorise(actor, 'bulletin.write');
  return inTransaction(services, async (trx) => {
    const before = await findBulletinRecord(trx, slug);
    if (!before) throw notFound(slug);
    return { bulletin: await appendEdit(services, trx, who, before, edit) };
  });
}

/**
 * Publishes a bulletin's latest version, which must be the version the editor reviewed (`version`): the public
 * reads it from now on. Publishing the version already published writes nothing.
 */
export async function publishBulletin(
  services: Services,
  actor: Actor | null,
  slug: string,
  input: { readonly version: number; readonly note?: string | undefined },
): Promise<BulletinWrite> {
  const who = authorise(actor, 'bulletin.publish');
  return inTransaction(services, async (trx) => {
    const before = await findBulletinRecord(trx, slug);
    if (!before) throw notFound(slug);
    return { bulletin: await publishLatest(services, trx, who, before, input) };
  });
}

/**
 * Drafts, edits and publishes each seed whose slug is not taken yet, all three steps of one bulletin in one
 * transaction (so a bulletin is never left half-seeded); returns how many it wrote. A seed whose slug exists is left
 * alone, whatever an editor has done to it since.
 */
export async function seedBulletins(
  services: Services,
  actor: Actor | null,
  seeds: readonly BulletinSeed[],
): Promise<number> {
  const who = authorise(actor, 'bulletin.publish');
  authorise(who, 'bulletin.write');
  let written = 0;
  for (const seed of seeds) {
    const slug = draftSlug(seed);
    if (await bulletinSlugTaken(services.db.kysely, slug)) continue;
    await inTransaction(services, async (trx) => {
      const drafted = (await insertDraft(services, trx, who, { date: seed.date, slug })).bulletin;
      const edited = await appendEdit(services, trx, who, drafted, {
        version: drafted.version,
        summary: seed.summary,
        markdown: `${seed.note}\n\n${latest(drafted).markdown}`,
        note: 'an editor’s note in front; summary rewritten',
      });
      await publishLatest(services, trx, who, edited, { version: edited.version });
    });
    written++;
  }
  return written;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

/** Whether the reader reads drafts and latest versions (the mission's staff) or only what is published. */
function editionFor(actor: Actor | null): Edition {
  return can(actor, 'bulletin.read-drafts') ? 'latest' : 'published';
}

export interface RelatedView {
  readonly agreements: readonly { slug: string; title: string; reasons: readonly RelatedReason[] }[];
  readonly incidents: readonly {
    id: string;
    title: string;
    occurredAt: string;
    reasons: readonly RelatedReason[];
  }[];
  readonly bulletins: readonly {
    slug: string;
    title: string;
    date: string;
    reasons: readonly RelatedReason[];
  }[];
}

export interface BulletinView {
  readonly bulletin: BulletinRecord;
  /** The version shown: the published one to the public; the latest (or the one asked for) to staff. */
  readonly shown: BulletinVersion;
  readonly related: RelatedView;
}

/**
 * The agreements, incidents and other bulletins a bulletin touches, as far as the reader may see them: what its
 * text links to, the day's incidents and the agreements they are screened under or whose windows start or lapse
 * that day, and bulletins linked either way, of the same day or sharing an incident.
 */
async function relatedFor(
  services: Services,
  actor: Actor | null,
  bulletin: BulletinRecord,
  shown: BulletinVersion,
): Promise<RelatedView> {
  const db = services.db.kysely;
  const incidents = (await incidentsOfDay(db, bulletin.date)).filter((i) => maySee(actor, i));
  const names = await agreementNames(db);
  const screened = (
    await screeningsFor(
      db,
      incidents.map((i) => i.id),
    )
  )
    .filter((s) => s.verdict !== 'not-covered')
    .map((s) => names.get(s.agreementId)?.slug)
    .filter((slug): slug is string => slug !== undefined);
  const agreements = await listAgreements(db);
  const edged = windowEdges(agreements, bulletin.date).map((e) => e.agreementSlug);
  const others = await bulletinLinks(db, editionFor(actor));
  const refs = relatedItems({
    slug: bulletin.slug,
    date: bulletin.date,
    links: shown.links,
    day: { incidents: incidents.map((i) => i.id), agreements: [...new Set([...screened, ...edged])] },
    others,
  });

  const bySlug = new Map(agreements.map((a) => [a.slug, a]));
  const relatedAgreements = refs.agreements.flatMap(({ key, reasons }) => {
    const agreement = bySlug.get(key);
    return agreement ? [{ slug: agreement.slug, title: agreement.title, reasons }] : [];
  });
  const relatedIncidents: RelatedView['incidents'][number][] = [];
  for (const { key, reasons } of refs.incidents) {
    const incident = incidents.find((i) => i.id === key) ?? (await findIncident(db, key));
    if (incident && maySee(actor, incident))
      relatedIncidents.push({
        id: incident.id,
        title: incident.title,
        occurredAt: incident.occurredAt,
        reasons,
      });
  }
  const bulletinsBySlug = new Map(others.map((o) => [o.slug, o]));
  const relatedBulletins = refs.bulletins.flatMap(({ key, reasons }) => {
    const other = bulletinsBySlug.get(key);
    return other ? [{ slug: other.slug, title: other.title, date: other.date, reasons }] : [];
  });
  return { agreements: relatedAgreements, incidents: relatedIncidents, bulletins: relatedBulletins };
}

/**
 * One bulletin as the reader may see it, with its related items. The public reads the published version and is
 * told a draft does not exist (BULLETIN_NOT_FOUND, as for an unknown slug); the mission's staff read the latest
 * version, or any earlier one they ask for.
 */
export async function getBulletin(
  services: Services,
  actor: Actor | null,
  slug: string,
  version?: number,
): Promise<BulletinView> {
  const bulletin = await findBulletinRecord(services.db.kysely, slug);
  if (!bulletin) throw notFound(slug);
  const staff = editionFor(actor) === 'latest';
  // Only the published version is the public's; an earlier or later one is as absent as a draft.
  if (
    !staff &&
    (bulletin.publishedVersion === null || (version !== undefined && version !== bulletin.publishedVersion))
  )
    throw notFound(slug);
  const wanted = staff ? (version ?? bulletin.version) : bulletin.publishedVersion;
  const shown = bulletin.versions.find((v) => v.version === wanted);
  if (!shown)
    throw new TrucelineError('BULLETIN_NOT_FOUND', `Bulletin "${slug}" has no version ${String(wanted)}.`, {
      issues: [{ path: 'query.version', message: `versions run from 1 to ${String(bulletin.version)}` }],
    });
  return { bulletin, shown, related: await relatedFor(services, actor, bulletin, shown) };
}

/** A page of bulletins, newest day first: the published ones for the public, every one for the mission's staff. */
export async function searchBulletins(
  services: Services,
  actor: Actor | null,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ readonly items: readonly BulletinSummary[]; readonly total: number }> {
  return listBulletins(services.db.kysely, editionFor(actor), page);
}

/** Every version of a bulletin, for the mission's staff (the public: 401). */
export async function bulletinHistory(
  services: Services,
  actor: Actor | null,
  slug: string,
): Promise<BulletinRecord> {
  authorise(actor, 'bulletin.read-drafts');
  const bulletin = await findBulletinRecord(services.db.kysely, slug);
  if (!bulletin) throw notFound(slug);
  return bulletin;
}
