// The incidents collection of the OGC API: a page of the public's incidents in a stable order (oldest first,
// then id) with each one's verdict rank, the number matched, and the collection's extent as the public sees it.

import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';
import { filteredIncidents, type IncidentFilter, verdictOfRank, verdictRank } from './incidents.js';

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

const RANK: Readonly<Record<Verdict, number>> = { 'not-covered': 1, unknown: 2, contested: 3, covered: 4 };

/** A page of ids with their verdicts, oldest first, and how many incidents match in all. */
export async function ogcIncidentPage(
  db: Handle,
  query: OgcIncidentQuery,
): Promise<{ items: RankedId[]; matched: number }> {
  const rank = verdictRank(query.filter.agreementId);
  const matching = () => {
    const base = filteredIncidents(db, { ...query.filter, verdict: undefined });
    return query.verdict === undefined
      ? base
      : base.where(rank, '=', query.verdict === null ? 0 : RANK[query.verdict]);
  };
  const { matched } = await matching()
    .select((eb) => eb.fn.countAll<number | string>().as('matched'))
    .executeTakeFirstOrThrow();
  if (query.countOnly) return { items: [], matched: Number(matched) };
  const rows = await matching()
    .select(['incidents.id', rank.as('rank')])
    .orderBy('incidents.occurred_utc')
    .orderBy('incidents.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, verdict: verdictOfRank(r.rank) })),
    matched: Number(matched),
  };
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
