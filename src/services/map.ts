// Incidents for the map, as the actor may see them: the public sees published incidents only, blurred locations
// moved to the centre of their 0.1-degree cell and withheld ones not at all; roles that read unpublished incidents
// see all. A wide view (a zoom below POINT_ZOOM) of more than CLUSTER_ABOVE incidents is answered with counts per
// grid cell instead of points.

import { BLUR_DEGREES, blurCoordinate } from '../core/disclosure.js';
import { can, type Actor } from '../core/policy.js';
import type { Verdict } from '../core/screening.js';
import { countMapPoints, mapCells, mapPoints, type MapCell, type MapPoint } from '../db/map.js';
import { existingAgreementId } from './agreements.js';
import type { Services } from './context.js';

/** West, south, east, north in degrees; west > east crosses the antimeridian. */
type Box = readonly [number, number, number, number];

export interface MapQuery {
  readonly agreement?: string | undefined;
  readonly verdict?: Verdict | undefined;
  readonly party?: string | undefined;
  /** YYYY-MM-DD, inclusive (UTC days). */
  readonly from?: string | undefined;
  /** YYYY-MM-DD, inclusive (UTC days). */
  readonly to?: string | undefined;
  readonly bbox?: Box | undefined;
  /** The map's zoom level: below POINT_ZOOM, many incidents are answered as cells. Absent: always points. */
  readonly zoom?: number | undefined;
  readonly limit: number;
}

/** More matching incidents than this in a wide view are answered as cells (see docs/PERFORMANCE.md). */
export const CLUSTER_ABOVE = 2_000;
/** From this zoom on, a 0.1-degree cell is about 70 pixels wide: points are answered, however many. */
export const POINT_ZOOM = 10;
/** The cells' sides on offer, in tenths of a degree: whole multiples of the public's 0.1-degree grid. */
const CELL_TENTHS = [1, 2, 5, 10, 20, 50, 100, 200, 450] as const;
/** The side a cell should have on screen, in pixels. */
const CELL_PIXELS = 60;

/**
 * The cell side for a zoom level, in tenths of a degree: the largest on offer no wider than about CELL_PIXELS on
 * the screen (256 pixels span 360 degrees at zoom 0, twice as many at each level).
 */
export function cellTenthsFor(zoom: number): number {
  const tenths = (CELL_PIXELS * 3600) / (256 * 2 ** zoom);
  return CELL_TENTHS.findLast((t) => t <= tenths) ?? CELL_TENTHS[0];
}

export interface MapClusterView {
  /** The cell's west, south, east and north edges in degrees. */
  readonly cell: Box;
  /** The mean of the positions shown (for the public, blurred ones at the centre of their 0.1-degree cell). */
  readonly lon: number;
  readonly lat: number;
  readonly count: number;
  readonly verdicts: MapCell['verdicts'];
  readonly first: string;
  readonly last: string;
}

export type MapAnswer =
  | ({ readonly kind: 'points' } & MapPoints)
  | {
      readonly kind: 'clusters';
      /** The cells' side in degrees. */
      readonly cellDegrees: number;
      readonly clusters: readonly MapClusterView[];
    };

export interface MapPointView {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  /** The day of the incident as stated (in its own time zone), YYYY-MM-DD. */
  readonly date: string;
  readonly perpetrator: string | null;
  readonly verdict: Verdict | null;
  /** Whether the position shown is the exact one or rounded for the public. */
  readonly precision: 'exact' | 'blurred';
}

export interface MapPoints {
  readonly points: readonly MapPointView[];
  /** More incidents matched than `limit`: the newest were left out. */
  readonly truncated: boolean;
}

function present(p: MapPoint, exact: boolean): MapPointView {
  const blurred = !exact && p.disclosure === 'blurred';
  return {
    id: p.id,
    lon: blurred ? blurCoordinate(p.lon) : p.lon,
    lat: blurred ? blurCoordinate(p.lat) : p.lat,
    date: p.occurredAt.slice(0, 10),
    perpetrator: p.perpetrator,
    verdict: p.verdict,
    precision: blurred ? 'blurred' : 'exact',
  };
}

const widened = ([west, south, east, north]: Box, by: number): Box => [
  west - by,
  Math.max(-90, south - by),
  east + by,
  Math.min(90, north + by),
];

function inBox(p: MapPointView, [west, south, east, north]: Box): boolean {
  const withinLon = west <= east ? p.lon >= west && p.lon <= east : p.lon >= west || p.lon <= east;
  return withinLon && p.lat >= south && p.lat <= north;
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Coordinates as text-friendly numbers: a mean to about a metre, a cell edge to its tenth of a degree. */
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * The incidents for the map: located ones, oldest first, with positions as the actor may see them; or, when the
 * query gives a zoom below POINT_ZOOM and more than CLUSTER_ABOVE incidents match, their counts per grid cell.
 */
export async function incidentPoints(
  services: Services,
  actor: Actor | null,
  query: MapQuery,
): Promise<MapAnswer> {
  const db = services.db.kysely;
  const agreementId =
    query.agreement === undefined ? undefined : await existingAgreementId(db, query.agreement);
  const privileged = can(actor, 'incident.read-unpublished');
  const { bbox } = query;
  const filter = {
    publishedOnly: !privileged,
    agreementId,
    verdict: query.verdict,
    party: query.party,
    fromUtc: query.from === undefined ? undefined : `${query.from}T00:00:00.000Z`,
    toUtc: query.to === undefined ? undefined : `${nextDay(query.to)}T00:00:00.000Z`,
    // The public's box is tested against the points as shown: a blurred point lies within half a cell of its
    // exact place, so the database is asked for a box that much wider and the points shown are tested again
    // (testing exact places would let repeated boxes find a blurred incident's exact place).
    bbox: bbox === undefined || privileged ? bbox : widened(bbox, BLUR_DEGREES / 2),
  };
  if (
    query.zoom !== undefined &&
    query.zoom < POINT_ZOOM &&
    (await countMapPoints(db, filter, CLUSTER_ABOVE + 1)) > CLUSTER_ABOVE
  ) {
    const cellTenths = cellTenthsFor(query.zoom);
    const side = cellTenths * BLUR_DEGREES;
    const cells = await mapCells(db, {
      ...filter,
      cellTenths,
      publicPositions: !privileged,
      shownIn: privileged ? undefined : bbox,
    });
    return {
      kind: 'clusters',
      cellDegrees: round(side, 1),
      clusters: cells.map((c) => ({
        cell: [
          round(c.column * side, 1),
          round(c.row * side, 1),
          round((c.column + 1) * side, 1),
          round((c.row + 1) * side, 1),
        ],
        lon: round(c.lon, 5),
        lat: round(c.lat, 5),
        count: c.count,
        verdicts: c.verdicts,
        first: c.first,
        last: c.last,
      })),
    };
  }
  const rows = await mapPoints(db, { ...filter, limit: query.limit + 1 });
  const points = rows
    .map((p) => present(p, privileged))
    .filter((p) => bbox === undefined || privileged || inBox(p, bbox));
  return {
    kind: 'points',
    points: points.slice(0, query.limit),
    truncated: points.length > query.limit,
  };
}
