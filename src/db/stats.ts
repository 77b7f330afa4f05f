// Counts of incidents for dashboards: by agreement and verdict, by party, by day, by sector and by oblast, over
// the same filtered set of incidents a listing would show, read in one grouped pass.

import { sql } from 'kysely';
import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';
import { filteredIncidents, type IncidentFilter, verdictOfRank, verdictRank } from './incidents.js';

/** A count under one verdict: against the filter's agreement if it names one, else the most serious. */
export interface VerdictCount<K> {
  readonly key: K;
  /** Null: screened against no agreement (or, with an agreement, never: the filter keeps screened ones). */
  readonly verdict: Verdict | null;
  readonly count: number;
}

export interface IncidentCounts {
  readonly total: number;
  /** One row per agreement and its stored verdict (each incident counts once per agreement it was screened against). */
  readonly byAgreement: readonly { agreementId: string; verdict: Verdict; count: number }[];
  readonly byParty: readonly VerdictCount<string | null>[];
  /** Keyed by the stated day of the incident, YYYY-MM-DD. */
  readonly byDay: readonly VerdictCount<string>[];
  readonly bySector: readonly { key: string | null; count: number }[];
  readonly byOblast: readonly { key: string | null; count: number }[];
}

const toNumber = (n: number | string | bigint): number => Number(n);

/** A key for grouping in JavaScript: a nullable text (null and '' kept apart). */
const keyOf = (value: string | null): string => (value === null ? '\u0000' : `=${value}`);

/** Adds `n` under a key, remembering the key's value the first time. */
function add<T>(into: Map<string, { value: T; count: number }>, key: string, value: T, n: number): void {
  const entry = into.get(key);
  if (entry) entry.count += n;
  else into.set(key, { value, count: n });
}

/** Nulls first, then by code point (the order SQLite's GROUP BY gives; PostgreSQL's collation may differ). */
const byNullableKey = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/**
 * Counts over the incidents the filter admits. With `publicGeography`, the sector and oblast of a withheld
 * location count as unknown: the public copy does not give them.
 *
 * One grouped query reads the filtered incidents once, grouped by every dimension at once (party, day, sector,
 * oblast, verdict rank: a few thousand groups however many incidents), and the dimensions are summed from its
 * rows here. With an agreement the counts by agreement are those ranks (an incident has one screening per
 * agreement); without one they take a second grouped query over the screenings.
 */
export async function countIncidents(db: Handle, filter: IncidentFilter): Promise<IncidentCounts> {
  const hidden = filter.publicGeography === true;
  const geo = (column: 'geo_sector' | 'geo_admin1') =>
    hidden
      ? sql<string | null>`case when location_disclosure = 'withheld' then null else ${sql.ref(column)} end`
      : sql<string | null>`${sql.ref(column)}`;
  // One row per incident: the dimensions it is counted under. With an agreement, "screened against it" is a rank
  // above 0, so the rows with rank 0 are left out below rather than tested for a screening a second time here.
  const { agreementId } = filter;
  const byRank = agreementId !== undefined && filter.verdict === undefined;
  const each = filteredIncidents(db, byRank ? { ...filter, agreementId: undefined } : filter).select([
    'incidents.perpetrator as party',
    sql<string>`substr(incidents.occurred_at, 1, 10)`.as('day'),
    geo('geo_sector').as('sector'),
    geo('geo_admin1').as('oblast'),
    verdictRank(agreementId).as('rank'),
  ]);
  const count = sql<number | string>`count(*)`.as('n');
  const [groups, agreements] = await Promise.all([
    db
      .selectFrom(each.as('x'))
      .select(['x.rank', 'x.party', 'x.day', 'x.sector', 'x.oblast', count])
      // The rank first: no index orders by it, so SQLite does not walk an index for the others' order instead.
      .groupBy(['x.rank', 'x.party', 'x.day', 'x.sector', 'x.oblast'])
      .execute(),
    agreementId !== undefined
      ? null
      : db
          .selectFrom('screenings')
          .select(['screenings.agreement_id', 'screenings.verdict', count])
          .where('screenings.incident_id', 'in', filteredIncidents(db, filter).select('incidents.id'))
          .groupBy(['screenings.agreement_id', 'screenings.verdict'])
          .execute(),
  ]);

  let total = 0;
  const parties = new Map<string, { value: VerdictCount<string | null>; count: number }>();
  const days = new Map<string, { value: VerdictCount<string>; count: number }>();
  const sectors = new Map<string, { value: string | null; count: number }>();
  const oblasts = new Map<string, { value: string | null; count: number }>();
  const ranks = new Map<number, number>();
  for (const row of groups) {
    const n = toNumber(row.n);
    const rank = toNumber(row.rank);
    if (byRank && rank === 0) continue;
    const verdict = verdictOfRank(rank);
    total += n;
    add(parties, `${keyOf(row.party)}|${rank}`, { key: row.party, verdict, count: 0 }, n);
    add(days, `${row.day}|${rank}`, { key: row.day, verdict, count: 0 }, n);
    add(sectors, keyOf(row.sector), row.sector, n);
    add(oblasts, keyOf(row.oblast), row.oblast, n);
    ranks.set(rank, (ranks.get(rank) ?? 0) + n);
  }
  const counted = <K>(m: Map<string, { value: VerdictCount<K>; count: number }>) =>
    [...m.values()].map((e) => ({ ...e.value, count: e.count }));
  const keyed = (m: Map<string, { value: string | null; count: number }>) =>
    [...m.values()]
      .map((e) => ({ key: e.value, count: e.count }))
      .sort((a, b) => byNullableKey(a.key, b.key));

  const byAgreement =
    agreements === null
      ? [...ranks].flatMap(([rank, n]) => {
          const verdict = verdictOfRank(rank);
          return verdict === null || agreementId === undefined ? [] : [{ agreementId, verdict, count: n }];
        })
      : agreements.map((r) => ({
          agreementId: r.agreement_id,
          verdict: r.verdict as Verdict,
          count: toNumber(r.n),
        }));
  return {
    total,
    byAgreement,
    byParty: counted(parties),
    byDay: counted(days),
    bySector: keyed(sectors),
    byOblast: keyed(oblasts),
  };
}
