// The incidents collection of the OGC API: a page of the public's incidents in a stable order (oldest first,
// then id) with each one's verdict rank, the number matched, and the collection's extent as the public sees it.

import { SqliteAdapter } from 'kysely';
import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';
import {
  type FilterPlan,
  filteredIncidents,
  type IncidentFilter,
  rankOfVerdict,
  verdictOfRank,
  verdictRank,
} from './incidents.js';

export interface RankedId {
  readonly id: string;
  /** The most serious verdict (against `agreementId` when given); null when screened against none. */
  readonly verdict: Verdict | null;
}

export interface OgcIncidentQuery {
  readonly filter: IncidentFilter;
  /** Only incidents whose most serious verdict (against the filter's agreement) is this; null: screened against none. */
  readonly verdict?: Verdict | null | undefined;
  readonly limit: number;
  readonly offset: number;
  /** Count only: no page is read. */
  readonly countOnly?: boolean;
}

/** The incidents an items query matches (its page aside). */
function matching(db: Handle, query: OgcIncidentQuery, plan: FilterPlan = {}) {
  const base = filteredIncidents(db, { ...query.filter, verdict: undefined }, plan);
  return query.verdict === undefined
    ? base
    : base.where(verdictRank(query.filter.agreementId), '=', rankOfVerdict(query.verdict));
}

/** How many incidents an items query matches in all. */
export async function ogcMatchedCount(db: Handle, query: OgcIncidentQuery): Promise<number> {
  const { matched } = await matching(db, query)
    .select((eb) => eb.fn.countAll<number | string>().as('matched'))
    .executeTakeFirstOrThrow();
  return Number(matched);
}

/**
 * A page of ids with their verdicts, oldest first, and how many incidents match in all (counted by `count`, which
 * a caller may remember; by default `ogcMatchedCount`).
 *
 * On SQLite a box is searched one of two ways, chosen from the counts: reading incidents in time order and
 * testing each against the box reads about (offset + limit) × all / matched rows, which for a box holding much of
 * the data is a few hundred; gathering the box's incidents from the location index and sorting them reads
 * `matched`, which is the better way for a small box (SQLite's planner takes the index for either). The verdicts
 * are looked up for the page's incidents only.
 */
export async function ogcIncidentPage(
  db: Handle,
  query: OgcIncidentQuery,
  count: (query: OgcIncidentQuery) => Promise<number> = (q) => ogcMatchedCount(db, q),
): Promise<{ items: RankedId[]; matched: number }> {
  const matched = await count(query);
  if (query.countOnly || matched <= query.offset) return { items: [], matched };
  let boxByRow = false;
  // PostgreSQL weighs the LIMIT and its statistics and chooses well by itself; SQLite does not.
  if (query.filter.bbox !== undefined && db.getExecutor().adapter instanceof SqliteAdapter) {
    const all = await count({ ...query, filter: { ...query.filter, bbox: undefined } });
    boxByRow = ((query.offset + query.limit) * all) / matched < matched;
  }
  const ids = (
    await matching(db, query, { boxByRow })
      .select('incidents.id')
      .orderBy('incidents.occurred_utc')
      .orderBy('incidents.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return { items: [], matched };
  const ranks = await db
    .selectFrom('incidents')
    .select(['incidents.id', verdictRank(query.filter.agreementId).as('rank')])
    .where('incidents.id', 'in', ids)
    .execute();
  const rankOf = new Map(ranks.map((r) => [r.id, r.rank]));
  return { items: ids.map((id) => ({ id, verdict: verdictOfRank(rankOf.get(id) ?? 0) })), matched };
}

/**
 * The extent of the published incidents. Locations are bounded per kind of disclosure, so that the caller can
 * blur the bounds of blurred ones (blurring is monotonic: the blurred minimum is the minimum of the blurred);
 * withheld locations are left out.
 */
export async function publishedIncidentBounds(db: Handle): Promise<{
  readonly byDisclosure: readonly {
    readonly disclosure: string;
    readonly bbox: readonly [number, number, number, number];
  }[];
  readonly interval: readonly [string, string] | null;
}> {
  const located = await db
    .selectFrom('incidents')
    .select((eb) => [
      'location_disclosure',
      eb.fn.min<number | null>('lon').as('west'),
      eb.fn.min<number | null>('lat').as('south'),
      eb.fn.max<number | null>('lon').as('east'),
      eb.fn.max<number | null>('lat').as('north'),
    ])
    .where('published_at', 'is not', null)
    .where('lon', 'is not', null)
    .where('location_disclosure', '!=', 'withheld')
    .groupBy('location_disclosure')
    .execute();
  const times = await db
    .selectFrom('incidents')
    .select((eb) => [
      eb.fn.min<string | null>('occurred_utc').as('first'),
      eb.fn.max<string | null>('occurred_utc').as('last'),
    ])
    .where('published_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    byDisclosure: located.flatMap((r) =>
      r.west === null || r.south === null || r.east === null || r.north === null
        ? []
        : [
            {
              disclosure: r.location_disclosure,
              bbox: [r.west, r.south, r.east, r.north] as const,
            },
          ],
    ),
    interval: times.first !== null && times.last !== null ? [times.first, times.last] : null,
  };
}
