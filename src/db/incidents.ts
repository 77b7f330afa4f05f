// Incidents with their allegations and stored screening results.

import { type ExpressionBuilder, sql } from 'kysely';
import { lonLat } from '../core/geo.js';
import type {
  Allegation,
  Casualties,
  Count,
  Effect,
  GeoPrecision,
  Incident,
  IncidentGeography,
  IncidentId,
  LocationDisclosure,
  ObservationMethod,
  Side,
} from '../core/model.js';
import { blurredRange, longitudeRanges, type OgcBbox } from '../core/ogc.js';
import {
  type AgreementScreening,
  mostSerious,
  type ReadoutScreening,
  type Verdict,
  VERDICT_SEVERITY,
} from '../core/screening.js';
import type { Act, Domain, TargetCode } from '../core/taxonomy.js';
import type { Precision } from '../core/time.js';
import { currentAllegationsOf, insertAllegations } from './allegations.js';
import { insertRows } from './bulk.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { Database, IncidentsTable } from './schema.js';

/** An incident from its row and its current allegations (for repositories that select incidents themselves). */
export function incidentFromRow(row: IncidentsTable, allegations: readonly Allegation[]): Incident {
  return {
    id: row.id as IncidentId,
    ref: row.ref,
    occurredAt: row.occurred_at,
    timePrecision: row.time_precision as Precision,
    title: row.title,
    eventType: row.event_type,
    subEventType: row.sub_event_type,
    actor1: row.actor1,
    actor2: row.actor2,
    country: row.country,
    admin1: row.admin1,
    admin2: row.admin2,
    admin3: row.admin3,
    locationName: row.location_name,
    location: row.lon !== null && row.lat !== null ? lonLat(row.lon, row.lat) : null,
    geoPrecision: row.geo_precision as GeoPrecision | null,
    sourceText: row.source_text,
    sourceScale: row.source_scale,
    notes: row.notes,
    fatalities: row.fatalities,
    act: row.act as Act | null,
    domain: row.domain as Domain | null,
    target: row.target as TargetCode | null,
    weapon: row.weapon,
    perpetrator: row.perpetrator,
    counts: fromJson<Count[]>(row.counts_json),
    effects: fromJson<Effect[]>(row.effects_json),
    observation: row.observation as ObservationMethod | null,
    casualties: fromJson<Casualties>(row.casualties_json),
    allegations,
    geography: geographyFromRow(row),
    reportedBy: row.reported_by,
    publishedAt: row.published_at,
    disclosure: {
      reporter: row.withhold_reporter === 1 ? 'withheld' : 'shown',
      location: row.location_disclosure as LocationDisclosure,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function incidentToRow(incident: Incident, occurredUtc: string): IncidentsTable {
  return {
    id: incident.id,
    ref: incident.ref,
    occurred_at: incident.occurredAt,
    occurred_utc: occurredUtc,
    time_precision: incident.timePrecision,
    title: incident.title,
    event_type: incident.eventType,
    sub_event_type: incident.subEventType,
    actor1: incident.actor1,
    actor2: incident.actor2,
    country: incident.country,
    admin1: incident.admin1,
    admin2: incident.admin2,
    admin3: incident.admin3,
    location_name: incident.locationName,
    lon: incident.location ? incident.location[0] : null,
    lat: incident.location ? incident.location[1] : null,
    geo_precision: incident.geoPrecision,
    source_text: incident.sourceText,
    source_scale: incident.sourceScale,
    notes: incident.notes,
    fatalities: incident.fatalities,
    act: incident.act,
    domain: incident.domain,
    target: incident.target,
    weapon: incident.weapon,
    perpetrator: incident.perpetrator,
    counts_json: toJson(incident.counts),
    effects_json: toJson(incident.effects),
    observation: incident.observation,
    casualties_json: toJson(incident.casualties),
    reported_by: incident.reportedBy,
    published_at: incident.publishedAt,
    withhold_reporter: incident.disclosure.reporter === 'withheld' ? 1 : 0,
    location_disclosure: incident.disclosure.location,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    ...geographyToRow(incident.geography),
  };
}

type GeographyColumns = Pick<
  IncidentsTable,
  'geo_snapshot_date' | 'geo_distance_km' | 'geo_side' | 'geo_sector' | 'geo_admin1'
>;

function geographyFromRow(row: GeographyColumns): IncidentGeography | null {
  if (row.geo_snapshot_date === null || row.geo_distance_km === null || row.geo_side === null) return null;
  return {
    snapshotDate: row.geo_snapshot_date,
    distanceKm: row.geo_distance_km,
    side: row.geo_side as Side,
    sector: row.geo_sector,
    admin1: row.geo_admin1,
  };
}

function geographyToRow(g: IncidentGeography | null): GeographyColumns {
  return {
    geo_snapshot_date: g?.snapshotDate ?? null,
    geo_distance_km: g?.distanceKm ?? null,
    geo_side: g?.side ?? null,
    geo_sector: g?.sector ?? null,
    geo_admin1: g?.admin1 ?? null,
  };
}

/** Stores an incident's derived geography alone (when a new snapshot changes it). */
export async function updateIncidentGeography(
  trx: Handle,
  id: string,
  geography: IncidentGeography | null,
): Promise<void> {
  await trx.updateTable('incidents').set(geographyToRow(geography)).where('id', '=', id).execute();
}

/** Incidents with coordinates whose time lies in [fromUtc, toUtc) (either end open). */
export async function locatedIncidentsBetween(
  db: Handle,
  fromUtc: string | null,
  toUtc: string | null,
): Promise<Incident[]> {
  let query = db.selectFrom('incidents').select('id').where('lon', 'is not', null);
  if (fromUtc !== null) query = query.where('occurred_utc', '>=', fromUtc);
  if (toUtc !== null) query = query.where('occurred_utc', '<', toUtc);
  const ids = (await query.execute()).map((r) => r.id);
  const incidents: Incident[] = [];
  for (const id of ids) {
    const incident = await findIncident(db, id);
    if (incident) incidents.push(incident);
  }
  return incidents;
}

/** Inserts an incident and its allegations. `occurredUtc` is its time as sortable UTC text. */
export async function insertIncident(trx: Handle, incident: Incident, occurredUtc: string): Promise<void> {
  await trx.insertInto('incidents').values(incidentToRow(incident, occurredUtc)).execute();
  await insertAllegations(trx, incident.id, incident.allegations);
}

/** A lone UTF-16 surrogate: each engine stores it differently (SQLite as three U+FFFD, PostgreSQL as one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether reading the row back gives exactly what was written: every text is well-formed UTF-16. */
function readsBackAsWritten(row: IncidentsTable): boolean {
  for (const value of Object.values(row)) {
    if (typeof value === 'string' && SURROGATE.test(value) && LONE_SURROGATE.test(value)) return false;
  }
  return true;
}

/**
 * Inserts many new incidents, their allegations and their screenings with a few multi-row statements. Returns
 * the incidents as reading them back gives them, so that callers can digest what is stored without a second
 * query: the rows as written, through `incidentFromRow` (numbers, nulls and text come back as they went, JSON
 * columns through the same `toJson`/`fromJson`); only incidents with allegations or ill-formed text are read back.
 */
export async function insertIncidents(
  trx: Handle,
  incidents: readonly {
    readonly incident: Incident;
    readonly occurredUtc: string;
    readonly screenings: readonly AgreementScreening[];
    readonly computedAt: string;
  }[],
): Promise<Incident[]> {
  const rows = incidents.map((i) => incidentToRow(i.incident, i.occurredUtc));
  await insertRows(
    trx,
    'incidents',
    rows.map((row, n) => ({ ...row, verdict_rank: keptRank(incidents[n]?.screenings ?? []) })),
  );
  for (const { incident } of incidents) await insertAllegations(trx, incident.id, incident.allegations);
  await insertRows(
    trx,
    'screenings',
    incidents.flatMap((i) =>
      i.screenings.map((r) => ({
        incident_id: i.incident.id,
        agreement_id: r.agreementId,
        verdict: r.verdict,
        readouts_json: toJson(r.readouts),
        computed_at: i.computedAt,
      })),
    ),
  );
  const reread = new Map<string, Incident>();
  const unsure = incidents.flatMap((i, n) => {
    const row = rows[n];
    return i.incident.allegations.length > 0 || !row || !readsBackAsWritten(row) ? [i.incident.id] : [];
  });
  for (const incident of await findIncidents(trx, unsure)) reread.set(incident.id, incident);
  return rows.map((row) => reread.get(row.id) ?? incidentFromRow(row, []));
}

/** Rewrites an incident's own fields; allegations are left as they are. */
export async function updateIncident(trx: Handle, incident: Incident, occurredUtc: string): Promise<void> {
  const { id: _id, created_at: _created, ...row } = incidentToRow(incident, occurredUtc);
  await trx.updateTable('incidents').set(row).where('id', '=', incident.id).execute();
}

export async function findIncident(db: Handle, id: string): Promise<Incident | null> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const allegations = await currentAllegationsOf(db, [id]);
  return incidentFromRow(row, allegations.get(id) ?? []);
}

/** The incidents with these ids, in the order given; ids not found are left out. */
export async function findIncidents(db: Handle, ids: readonly string[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const allegations = await currentAllegationsOf(db, ids);
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [incidentFromRow(row, allegations.get(id) ?? [])] : [];
  });
}

export async function findIncidentIdByRef(db: Handle, ref: string): Promise<string | null> {
  const row = await db.selectFrom('incidents').select('id').where('ref', '=', ref).executeTakeFirst();
  return row?.id ?? null;
}

/** Which of these refs are stored already (one query per thousand refs). */
export async function storedRefs(db: Handle, refs: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += 1000) {
    const rows = await db
      .selectFrom('incidents')
      .select('ref')
      .where('ref', 'in', refs.slice(i, i + 1000))
      .execute();
    for (const row of rows) if (row.ref !== null) found.add(row.ref);
  }
  return found;
}

/**
 * Which incidents a reader may list: all of them (the mission's staff), the published ones (the public), or the
 * published ones and those whose current allegations concern one party (that party's liaison).
 */
export type Visibility =
  | { readonly kind: 'all' }
  | { readonly kind: 'published' }
  | { readonly kind: 'published-or-party'; readonly party: string };

export interface IncidentFilter {
  readonly agreementId?: string | undefined;
  readonly verdict?: Verdict | undefined;
  readonly party?: string | undefined;
  readonly fromUtc?: string | undefined;
  readonly toUtc?: string | undefined;
  readonly target?: string | undefined;
  /** Sector key of the derived geography. */
  readonly sector?: string | undefined;
  /** Oblast (ISO 3166-2:UA code) of the derived geography. */
  readonly oblast?: string | undefined;
  /**
   * Located in this box (west, south, east, north; west > east crosses the antimeridian). With `publicGeography`
   * a blurred location is tested by its blurred point and a withheld one never matches, so that no sequence of
   * boxes can find where a record really is.
   */
  readonly bbox?: OgcBbox | undefined;
  readonly status?: 'published' | 'unpublished' | undefined;
  /**
   * The reader sees public copies only: a withheld location's derived geography (sector, oblast) is not theirs
   * to know, so the sector and oblast filters never match such an incident for them.
   */
  readonly publicGeography?: boolean | undefined;
  readonly visibility: Visibility;
}

/** The orders of an incident listing; `-` in front is descending. */
export const INCIDENT_SORT_KEYS = ['occurredAt', 'title', 'verdict', 'occurrence', 'publishedAt'] as const;
export type IncidentSortKey = (typeof INCIDENT_SORT_KEYS)[number];
export interface IncidentSort {
  readonly key: IncidentSortKey;
  readonly descending: boolean;
}

/** Occurrences by how far verification got, least first; an incident without a stored finding is `alleged`. */
const OCCURRENCE_RANK = ['unfounded', 'unable-to-determine', 'alleged', 'corroborated', 'verified'] as const;

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** How a query tests what the filter asks, where the engine's own choice can be poor. */
export interface FilterPlan {
  /**
   * Test the box on each row read rather than through the location index: for a page in time order of a box
   * that holds much of the data, reading in time order finds a page after a few rows, while the index would
   * gather every incident in the box and sort them (which SQLite's planner chooses).
   */
  readonly boxByRow?: boolean;
}

/** The incidents a reader may list, narrowed by the filter: for listings and counts alike. */
export function filteredIncidents(db: Handle, filter: IncidentFilter, plan: FilterPlan = {}) {
  let query = db.selectFrom('incidents');
  if (filter.agreementId !== undefined || filter.verdict !== undefined) {
    const { agreementId, verdict } = filter;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('screenings')
          .select('screenings.incident_id')
          .whereRef('screenings.incident_id', '=', 'incidents.id')
          .$if(agreementId !== undefined, (q) => q.where('screenings.agreement_id', '=', agreementId ?? ''))
          .$if(verdict !== undefined, (q) => q.where('screenings.verdict', '=', verdict ?? 'unknown')),
      ),
    );
  }
  const { visibility } = filter;
  if (visibility.kind === 'published') query = query.where('published_at', 'is not', null);
  if (visibility.kind === 'published-or-party') {
    query = query.where((eb) =>
      eb.or([
        eb('published_at', 'is not', null),
        eb.exists(
          eb
            .selectFrom('allegations')
            .select('allegations.id')
            .whereRef('allegations.incident_id', '=', 'incidents.id')
            .where((a) =>
              a.or([
                a('allegations.accuser', '=', visibility.party),
                a('allegations.accused', '=', visibility.party),
              ]),
            ),
        ),
      ]),
    );
  }
  if (filter.party !== undefined) query = query.where('perpetrator', '=', filter.party);
  if (filter.fromUtc !== undefined) query = query.where('occurred_utc', '>=', filter.fromUtc);
  if (filter.toUtc !== undefined) query = query.where('occurred_utc', '<', filter.toUtc);
  if (filter.target !== undefined) {
    const target = filter.target;
    query = query.where((eb) => eb.or([eb('target', '=', target), eb('target', 'like', `${target}.%`)]));
  }
  if (filter.sector !== undefined) query = query.where('geo_sector', '=', filter.sector);
  if (filter.oblast !== undefined) query = query.where('geo_admin1', '=', filter.oblast);
  if (filter.publicGeography && (filter.sector !== undefined || filter.oblast !== undefined))
    query = query.where('location_disclosure', '!=', 'withheld');
  if (filter.bbox !== undefined)
    query = query.where(inBox(filter.bbox, filter.publicGeography === true, plan.boxByRow === true));
  if (filter.status === 'published') query = query.where('published_at', 'is not', null);
  if (filter.status === 'unpublished') query = query.where('published_at', 'is', null);
  return query;
}

/**
 * Incidents located in the box. For the public a blurred location counts where its public copy shows it (the
 * exact coordinates whose blurred value lies in the box: one half-open range per axis), a withheld one nowhere.
 */
function inBox(bbox: OgcBbox, publicGeography: boolean, byRow: boolean) {
  const [, south, , north] = bbox;
  const lons = longitudeRanges(bbox);
  // The same values, but no index can answer a test of them (on either engine).
  const lat = byRow ? sql<number>`lat + 0` : sql<number>`lat`;
  const disclosure = byRow ? sql<string>`location_disclosure || ''` : sql<string>`location_disclosure`;
  return (eb: ExpressionBuilder<Database, 'incidents'>) => {
    const exact = eb.and([
      eb(lat, '>=', south),
      eb(lat, '<=', north),
      eb.or(lons.map(([west, east]) => eb.and([eb('lon', '>=', west), eb('lon', '<=', east)]))),
    ]);
    if (!publicGeography) return exact;
    const shown = [eb.and([eb(disclosure, '=', 'exact'), exact])];
    const blurredLat = blurredRange(south, north);
    const blurredLons = lons.flatMap(([west, east]) => blurredRange(west, east) ?? []);
    if (blurredLat !== null && blurredLons.length > 0)
      shown.push(
        eb.and([
          eb(disclosure, '=', 'blurred'),
          eb(lat, '>=', blurredLat.from),
          eb(lat, '<', blurredLat.below),
          eb.or(blurredLons.map((r) => eb.and([eb('lon', '>=', r.from), eb('lon', '<', r.below)]))),
        ]),
      );
    return eb.or(shown);
  };
}

/** The rank `verdict_rank` keeps: that of the most serious of these screenings' verdicts, 0 for none. */
const keptRank = (screenings: readonly { readonly verdict: Verdict }[]): number =>
  rankOfVerdict(mostSerious(screenings.map((s) => s.verdict)));

/**
 * An incident's verdict as a rank (1 not-covered … 4 covered; 0: screened against none), for ordering and
 * counting: against one agreement when given, else the most serious of its screenings, as the map colours it
 * (kept on the row). Correlated with the incidents table of the enclosing query, by its name or `alias`.
 */
export function verdictRank(agreementId: string | undefined, alias = 'incidents') {
  if (agreementId === undefined) return sql<number>`${sql.ref(`${alias}.verdict_rank`)}`;
  const cases = sql.join(
    VERDICT_SEVERITY.map((v, i) => sql`when ${sql.lit(v)} then ${sql.lit(i + 1)}`),
    sql` `,
  );
  const rank = sql`case s.verdict ${cases} end`;
  // The agreement is tested inside the aggregate rather than in the WHERE clause: the lookup then needs only the
  // incident, which SQLite answers from the covering index (incident, agreement, verdict) instead of the primary
  // key's index and every screening's row with its readouts. An incident has a screening or two.
  const ranked = sql`case when s.agreement_id = ${agreementId} then ${rank} end`;
  return sql<number>`coalesce((select max(${ranked}) from screenings s where s.incident_id = ${sql.ref(`${alias}.id`)}), 0)`;
}

/** The rank `verdictRank` gives a verdict: its place in VERDICT_SEVERITY from 1; 0 for none. */
export function rankOfVerdict(verdict: Verdict | null): number {
  return verdict === null ? 0 : VERDICT_SEVERITY.indexOf(verdict) + 1;
}

/** The verdict a rank of `verdictRank` stands for; null for 0. */
export function verdictOfRank(rank: number): Verdict | null {
  return VERDICT_SEVERITY[rank - 1] ?? null;
}

/** How far verification got, as a rank (an incident without a stored finding is `alleged`). */
function occurrenceRank() {
  const cases = sql.join(
    OCCURRENCE_RANK.map((o, i) => sql`when ${sql.lit(o)} then ${sql.lit(i + 1)}`),
    sql` `,
  );
  const alleged = sql.lit(OCCURRENCE_RANK.indexOf('alleged') + 1);
  return sql<number>`coalesce((select case f.occurrence ${cases} end from findings f where f.incident_id = incidents.id), ${alleged})`;
}

/**
 * A page of incidents in the order asked for (newest first by default), with the total that match the filter.
 * Ties are broken by time, newest first, then by id, so that pages never overlap or skip.
 */
export async function listIncidents(
  db: Handle,
  filter: IncidentFilter,
  page: { readonly limit: number; readonly offset: number },
  sort: IncidentSort = { key: 'occurredAt', descending: true },
  /** How the total is counted (a caller may remember it); by default `countFiltered`. */
  count: (filter: IncidentFilter) => Promise<number> = (f) => countFiltered(db, f),
): Promise<Page<Incident>> {
  const direction = sort.descending ? 'desc' : 'asc';
  // The page's ids first (from the indexes alone where the order allows), then their rows.
  let ordered = filteredIncidents(db, filter).select('incidents.id');
  switch (sort.key) {
    case 'occurredAt':
      // The tie-break below, in the direction asked for: newest first is the index incidents_recent.
      ordered = ordered.orderBy('occurred_utc', direction);
      break;
    case 'title':
      // lower() first, so that upper case does not sort before lower case (SQLite compares bytes). Beyond case,
      // PostgreSQL orders by its database's collation.
      ordered = ordered.orderBy(sql`lower(title)`, direction).orderBy('title', direction);
      break;
    case 'verdict':
      ordered = ordered.orderBy(verdictRank(filter.agreementId), direction);
      break;
    case 'occurrence':
      ordered = ordered.orderBy(occurrenceRank(), direction);
      break;
    case 'publishedAt':
      // Unpublished incidents last in either direction (the engines disagree on where nulls go).
      ordered = ordered
        .orderBy(sql`case when published_at is null then 1 else 0 end`)
        .orderBy('published_at', direction);
      break;
  }
  if (sort.key !== 'occurredAt') ordered = ordered.orderBy('occurred_utc', 'desc');
  const ids = (await ordered.orderBy('id').limit(page.limit).offset(page.offset).execute()).map((r) => r.id);
  const [items, total] = await Promise.all([findIncidents(db, ids), count(filter)]);
  return { items, total };
}

/** How many incidents the filter admits. */
export async function countFiltered(db: Handle, filter: IncidentFilter): Promise<number> {
  const { total } = await filteredIncidents(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** Marks an incident published at `at`. */
export async function markIncidentPublished(trx: Handle, id: string, at: string): Promise<void> {
  await trx.updateTable('incidents').set({ published_at: at }).where('id', '=', id).execute();
}

/** Ids of incidents whose time falls in [fromUtc, toUtc); either end may be open. */
export async function incidentIdsBetween(
  db: Handle,
  fromUtc: string | null,
  toUtc: string | null,
): Promise<string[]> {
  let query = db.selectFrom('incidents').select('id');
  if (fromUtc !== null) query = query.where('occurred_utc', '>=', fromUtc);
  if (toUtc !== null) query = query.where('occurred_utc', '<', toUtc);
  return (await query.execute()).map((r) => r.id);
}

/** Replaces the stored screening of one incident. */
export async function replaceScreenings(
  trx: Handle,
  incidentId: string,
  results: readonly AgreementScreening[],
  computedAt: string,
): Promise<void> {
  await trx.deleteFrom('screenings').where('incident_id', '=', incidentId).execute();
  await trx
    .updateTable('incidents')
    .set({ verdict_rank: keptRank(results) })
    .where('id', '=', incidentId)
    .execute();
  if (results.length === 0) return;
  await trx
    .insertInto('screenings')
    .values(
      results.map((r) => ({
        incident_id: incidentId,
        agreement_id: r.agreementId,
        verdict: r.verdict,
        readouts_json: toJson(r.readouts),
        computed_at: computedAt,
      })),
    )
    .execute();
}

export interface StoredScreening {
  readonly incidentId: string;
  readonly agreementId: string;
  readonly verdict: Verdict;
  readonly readouts: readonly ReadoutScreening[];
  readonly computedAt: string;
}

/** The screenings of these incidents, by incident id (each incident's in agreement order). */
export async function screeningsByIncident(
  db: Handle,
  incidentIds: readonly string[],
): Promise<Map<string, StoredScreening[]>> {
  const grouped = new Map<string, StoredScreening[]>();
  for (const s of await screeningsFor(db, incidentIds)) {
    const own = grouped.get(s.incidentId);
    if (own) own.push(s);
    else grouped.set(s.incidentId, [s]);
  }
  return grouped;
}

export async function screeningsFor(db: Handle, incidentIds: readonly string[]): Promise<StoredScreening[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('screenings')
    .selectAll()
    .where('incident_id', 'in', incidentIds)
    .orderBy('agreement_id')
    .execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    agreementId: r.agreement_id,
    verdict: r.verdict as Verdict,
    readouts: fromJson<ReadoutScreening[]>(r.readouts_json),
    computedAt: r.computed_at,
  }));
}
