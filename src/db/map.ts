// Incident points for the map: one row per located incident, with the most serious of its screening verdicts,
// in a single grouped query so that tens of thousands of points cost one round trip.

import { sql } from 'kysely';
import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';

export type LocationDisclosure = 'exact' | 'blurred' | 'withheld';

export interface MapPoint {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  /** UTC ISO time of the incident (sortable text). */
  readonly occurredUtc: string;
  /** The time as stated, with its offset. */
  readonly occurredAt: string;
  readonly perpetrator: string | null;
  /** The most serious verdict over the agreements it was screened against; null when screened against none. */
  readonly verdict: Verdict | null;
  readonly disclosure: LocationDisclosure;
}

export interface MapPointFilter {
  /** Only published incidents (the public's view). */
  readonly publishedOnly: boolean;
  /** Verdicts are taken against this agreement only. */
  readonly agreementId?: string | undefined;
  readonly verdict?: Verdict | undefined;
  readonly party?: string | undefined;
  readonly fromUtc?: string | undefined;
  readonly toUtc?: string | undefined;
  readonly bbox?: readonly [number, number, number, number] | undefined;
  readonly limit: number;
}

/** Severity order: a point takes the first of these that any of its screenings has. */
const RANK: readonly Verdict[] = ['not-covered', 'unknown', 'contested', 'covered'];

/**
 * Located incidents matching the filter, oldest first, at most `limit` of them. Withheld locations are left out
 * of the public's view here, so that they never leave the database.
 */
export async function mapPoints(db: Handle, filter: MapPointFilter): Promise<MapPoint[]> {
  // Integer on both engines, but read it as Number in case a driver hands back text.
  const rank = sql<number | string | null>`max(case s.verdict ${sql.join(
    RANK.map((v, i) => sql`when ${v} then ${i + 1}`),
    sql` `,
  )} end)`;
  let query = db
    .selectFrom('incidents as i')
    .leftJoin('screenings as s', (join) => {
      const on = join.onRef('s.incident_id', '=', 'i.id');
      return filter.agreementId === undefined ? on : on.on('s.agreement_id', '=', filter.agreementId);
    })
    .select([
      'i.id',
      'i.lon',
      'i.lat',
      'i.occurred_utc',
      'i.occurred_at',
      'i.perpetrator',
      'i.location_disclosure',
      rank.as('rank'),
    ])
    .where('i.lon', 'is not', null)
    .where('i.lat', 'is not', null);
  if (filter.publishedOnly)
    query = query.where('i.published_at', 'is not', null).where('i.location_disclosure', '!=', 'withheld');
  if (filter.party !== undefined) query = query.where('i.perpetrator', '=', filter.party);
  if (filter.fromUtc !== undefined) query = query.where('i.occurred_utc', '>=', filter.fromUtc);
  if (filter.toUtc !== undefined) query = query.where('i.occurred_utc', '<', filter.toUtc);
  if (filter.bbox !== undefined) {
    const [west, south, east, north] = filter.bbox;
    query = query.where('i.lat', '>=', south).where('i.lat', '<=', north);
    // A box across the antimeridian has west > east.
    query =
      west <= east
        ? query.where('i.lon', '>=', west).where('i.lon', '<=', east)
        : query.where((eb) => eb.or([eb('i.lon', '>=', west), eb('i.lon', '<=', east)]));
  }
  // Grouping by the primary key alone is enough on both engines (PostgreSQL accepts the other columns of the
  // same row as functionally dependent on it).
  let grouped = query.groupBy('i.id');
  if (filter.verdict !== undefined) grouped = grouped.having(rank, '=', RANK.indexOf(filter.verdict) + 1);
  const rows = await grouped.orderBy('i.occurred_utc').orderBy('i.id').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    lon: r.lon as number,
    lat: r.lat as number,
    occurredUtc: r.occurred_utc,
    occurredAt: r.occurred_at,
    perpetrator: r.perpetrator,
    verdict: r.rank === null ? null : (RANK[Number(r.rank) - 1] ?? null),
    disclosure: r.location_disclosure as LocationDisclosure,
  }));
}
