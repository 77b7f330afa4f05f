// Incidents for the map: one row per located incident with the most serious of its screening verdicts, or, for
// a wide view of many incidents, one row per grid cell with counts by verdict, grouped in SQL so that a million
// incidents never reach JavaScript.

import { sql, type Expression, type SqlBool } from 'kysely';
import { BLUR_DEGREES } from '../core/disclosure.js';
import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';
import { rankOfVerdict, verdictOfRank, verdictRank } from './incidents.js';

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
  /** Tested against the stored (exact) positions; the public's caller widens it and tests the shown ones. */
  readonly bbox?: readonly [number, number, number, number] | undefined;
  readonly limit: number;
}

/** The disclosures the public's map shows, and all of them (the column's check constraint). */
const SHOWN: readonly LocationDisclosure[] = ['exact', 'blurred'];
const ALL_DISCLOSURES: readonly LocationDisclosure[] = ['exact', 'blurred', 'withheld'];

/** The size of the grid the public's blurred positions snap to, in degrees. */
const GRID = BLUR_DEGREES;

/** The located incidents matching the filter, each with its rank (the verdict filter is applied by the caller). */
function located(db: Handle, filter: Omit<MapPointFilter, 'limit'>) {
  // The disclosures are named (not "!= withheld") so that a box can be read from the index on
  // (location_disclosure, lat, lon, …), one range per disclosure.
  let query = db
    .selectFrom('incidents as i')
    .where('i.location_disclosure', 'in', filter.publishedOnly ? SHOWN : ALL_DISCLOSURES)
    .where('i.lon', 'is not', null)
    .where('i.lat', 'is not', null);
  if (filter.publishedOnly) query = query.where('i.published_at', 'is not', null);
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
  return query;
}

/** An incident's rank (the most serious verdict, against the filter's agreement when given); 0 for none. */
const rankOf = (agreementId: string | undefined) => verdictRank(agreementId, 'i');
const verdictOf = (rank: number | string): Verdict | null => verdictOfRank(Number(rank));

/**
 * Located incidents matching the filter, oldest first, at most `limit` of them. Withheld locations are left out
 * of the public's view here, so that they never leave the database.
 */
export async function mapPoints(db: Handle, filter: MapPointFilter): Promise<MapPoint[]> {
  const rank = rankOf(filter.agreementId);
  let query = located(db, filter).select([
    'i.id',
    'i.lon',
    'i.lat',
    'i.occurred_utc',
    'i.occurred_at',
    'i.perpetrator',
    'i.location_disclosure',
    rank.as('rank'),
  ]);
  if (filter.verdict !== undefined) query = query.where(rank, '=', rankOfVerdict(filter.verdict));
  // In the order of the (occurred_utc, id) index, so that a limit stops the scan early.
  const rows = await query.orderBy('i.occurred_utc').orderBy('i.id').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    lon: r.lon as number,
    lat: r.lat as number,
    occurredUtc: r.occurred_utc,
    occurredAt: r.occurred_at,
    perpetrator: r.perpetrator,
    verdict: verdictOf(r.rank),
    disclosure: r.location_disclosure as LocationDisclosure,
  }));
}

/** How many located incidents match, counting no further than `atMost` (enough to choose points or cells). */
export async function countMapPoints(
  db: Handle,
  filter: Omit<MapPointFilter, 'limit'>,
  atMost: number,
): Promise<number> {
  let query = located(db, filter).select(sql.lit(1).as('one'));
  if (filter.verdict !== undefined)
    query = query.where(rankOf(filter.agreementId), '=', rankOfVerdict(filter.verdict));
  const row = await db
    .selectFrom(query.limit(atMost).as('m'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MapCellFilter extends Omit<MapPointFilter, 'limit'> {
  /** The cells' side in tenths of a degree (a whole number), aligned to the 0.1-degree grid at 0°. */
  readonly cellTenths: number;
  /** Positions as the public sees them: a blurred incident at the centre of its 0.1-degree cell. */
  readonly publicPositions: boolean;
  /** Only incidents whose position as shown lies in this box (west > east crosses the antimeridian). */
  readonly shownIn?: readonly [number, number, number, number] | undefined;
}

export interface MapCell {
  /** The cell's column and row: its west edge is column × side, its south edge row × side. */
  readonly column: number;
  readonly row: number;
  readonly count: number;
  /** The mean of the positions shown (never the exact place of a blurred incident the public sees). */
  readonly lon: number;
  readonly lat: number;
  readonly verdicts: Readonly<Record<Verdict | 'none', number>>;
  /** The earliest and latest day as stated, YYYY-MM-DD. */
  readonly first: string;
  readonly last: string;
}

/**
 * Located incidents matching the filter, counted per cell of a grid whose cells are whole multiples of the
 * public's 0.1-degree grid: an incident falls in the same cell whether placed exactly or blurred, so the counts
 * say nothing finer than the blurred points do. Withheld locations are never counted for the public.
 */
export async function mapCells(db: Handle, filter: MapCellFilter): Promise<MapCell[]> {
  const shown = (column: 'lon' | 'lat') => {
    const ref = sql.ref(`i.${column}`);
    return filter.publicPositions
      ? sql<number>`case when i.location_disclosure = 'blurred' then (floor(${ref} / ${sql.lit(GRID)}) + 0.5) * ${sql.lit(GRID)} else ${ref} end`
      : sql<number>`${ref}`;
  };
  // floor(floor(x / 0.1) / n): the 0.1-degree cell first, exactly as blurring computes it, then n of those.
  const cell = (column: 'lon' | 'lat') =>
    sql<
      number | string
    >`floor(floor(${sql.ref(`i.${column}`)} / ${sql.lit(GRID)}) / ${sql.lit(filter.cellTenths)})`;
  const rank = rankOf(filter.agreementId);
  let inner = located(db, filter).select([
    cell('lon').as('cx'),
    cell('lat').as('cy'),
    shown('lon').as('x'),
    shown('lat').as('y'),
    sql<string>`substr(i.occurred_at, 1, 10)`.as('day'),
    rank.as('rank'),
  ]);
  if (filter.verdict !== undefined) inner = inner.where(rank, '=', rankOfVerdict(filter.verdict));
  let query = db.selectFrom(inner.as('m'));
  if (filter.shownIn !== undefined) {
    const [west, south, east, north] = filter.shownIn;
    query = query.where((eb) => {
      const lat: Expression<SqlBool> = eb.and([eb('m.y', '>=', south), eb('m.y', '<=', north)]);
      const lon =
        west <= east
          ? eb.and([eb('m.x', '>=', west), eb('m.x', '<=', east)])
          : eb.or([eb('m.x', '>=', west), eb('m.x', '<=', east)]);
      return eb.and([lat, lon]);
    });
  }
  const counted = (verdict: Verdict | null) =>
    sql<number | string>`sum(case when m.rank = ${sql.lit(rankOfVerdict(verdict))} then 1 else 0 end)`;
  const rows = await query
    .select((eb) => [
      'm.cx',
      'm.cy',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.avg('m.x').as('x'),
      eb.fn.avg('m.y').as('y'),
      eb.fn.min('m.day').as('first'),
      eb.fn.max('m.day').as('last'),
      counted('covered').as('covered'),
      counted('contested').as('contested'),
      counted('unknown').as('unknown'),
      counted('not-covered').as('not_covered'),
      counted(null).as('none'),
    ])
    .groupBy(['m.cx', 'm.cy'])
    .orderBy('m.cy')
    .orderBy('m.cx')
    .execute();
  return rows.map((r) => ({
    column: Number(r.cx),
    row: Number(r.cy),
    count: Number(r.n),
    lon: Number(r.x),
    lat: Number(r.y),
    verdicts: {
      covered: Number(r.covered),
      contested: Number(r.contested),
      unknown: Number(r.unknown),
      'not-covered': Number(r.not_covered),
      none: Number(r.none),
    },
    first: r.first,
    last: r.last,
  }));
}
