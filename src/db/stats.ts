// Counts of incidents for dashboards: by agreement and verdict, by party, by day, by sector and by oblast, over
// the same filtered set of incidents a listing would show, each in one grouped query.

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

/**
 * Counts over the incidents the filter admits. With `publicGeography`, the sector and oblast of a withheld
 * location count as unknown: the public copy does not give them.
 */
export async function countIncidents(db: Handle, filter: IncidentFilter): Promise<IncidentCounts> {
  const hidden = filter.publicGeography === true;
  const geo = (column: 'geo_sector' | 'geo_admin1') =>
    hidden
      ? sql<string | null>`case when location_disclosure = 'withheld' then null else ${sql.ref(column)} end`
      : sql<string | null>`${sql.ref(column)}`;
  // One row per incident: the dimensions it is counted under.
  const each = filteredIncidents(db, filter).select([
    'incidents.id',
    'incidents.perpetrator as party',
    sql<string>`substr(incidents.occurred_at, 1, 10)`.as('day'),
    geo('geo_sector').as('sector'),
    geo('geo_admin1').as('oblast'),
    verdictRank(filter.agreementId).as('rank'),
  ]);
  const count = sql<number | string>`count(*)`.as('n');

  const [total, parties, days, sectors, oblasts, agreements] = await Promise.all([
    db.selectFrom(each.as('x')).select(count).executeTakeFirstOrThrow(),
    db.selectFrom(each.as('x')).select(['x.party', 'x.rank', count]).groupBy(['x.party', 'x.rank']).execute(),
    db.selectFrom(each.as('x')).select(['x.day', 'x.rank', count]).groupBy(['x.day', 'x.rank']).execute(),
    db.selectFrom(each.as('x')).select(['x.sector', count]).groupBy('x.sector').execute(),
    db.selectFrom(each.as('x')).select(['x.oblast', count]).groupBy('x.oblast').execute(),
    db
      .selectFrom('screenings')
      .select(['screenings.agreement_id', 'screenings.verdict', count])
      .where('screenings.incident_id', 'in', filteredIncidents(db, filter).select('incidents.id'))
      .$if(filter.agreementId !== undefined, (q) =>
        q.where('screenings.agreement_id', '=', filter.agreementId ?? ''),
      )
      .groupBy(['screenings.agreement_id', 'screenings.verdict'])
      .execute(),
  ]);
  return {
    total: toNumber(total.n),
    byAgreement: agreements.map((r) => ({
      agreementId: r.agreement_id,
      verdict: r.verdict as Verdict,
      count: toNumber(r.n),
    })),
    byParty: parties.map((r) => ({
      key: r.party,
      verdict: verdictOfRank(toNumber(r.rank)),
      count: toNumber(r.n),
    })),
    byDay: days.map((r) => ({ key: r.day, verdict: verdictOfRank(toNumber(r.rank)), count: toNumber(r.n) })),
    bySector: sectors.map((r) => ({ key: r.sector, count: toNumber(r.n) })),
    byOblast: oblasts.map((r) => ({ key: r.oblast, count: toNumber(r.n) })),
  };
}
