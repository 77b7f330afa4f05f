// Incident points for the map, as the actor may see them: the public sees published incidents only, blurred
// locations moved to the centre of their 0.1-degree cell and withheld ones not at all; roles that read unpublished incidents see all.

import { BLUR_DEGREES, blurCoordinate } from '../core/disclosure.js';
import { can, type Actor } from '../core/policy.js';
import type { Verdict } from '../core/screening.js';
import { mapPoints, type MapPoint } from '../db/map.js';
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
  readonly limit: number;
}

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

/** Located incidents for the map, oldest first, with positions as the actor may see them. */
export async function incidentPoints(
  services: Services,
  actor: Actor | null,
  query: MapQuery,
): Promise<MapPoints> {
  const db = services.db.kysely;
  const agreementId =
    query.agreement === undefined ? undefined : await existingAgreementId(db, query.agreement);
  const privileged = can(actor, 'incident.read-unpublished');
  const { bbox } = query;
  const rows = await mapPoints(db, {
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
    limit: query.limit + 1,
  });
  const points = rows
    .map((p) => present(p, privileged))
    .filter((p) => bbox === undefined || privileged || inBox(p, bbox));
  return { points: points.slice(0, query.limit), truncated: points.length > query.limit };
}
