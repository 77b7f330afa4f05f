// Where a point lies relative to a front-line snapshot: distance to the line of contact, side, sector and
// oblast. Pure: the snapshot, the sectors and the oblasts arrive as parsed geometry, prepared once into
// indexes and then queried for any number of points.

import { lonLat, type LonLat } from './geo.js';
import { geodesicKm } from './geometry/ellipsoid.js';
import { buildPolygonIndex, type PolygonIndex } from './geometry/polygon.js';
import { buildSegmentIndex, type SegmentIndex } from './geometry/segment-index.js';
import type { MultiPolygon, Polyline } from './geometry/types.js';
import type { IncidentGeography, Side } from './model.js';

/** A named stretch of the line: the part of the line of contact that lies inside `region`. */
export interface Sector {
  readonly key: string;
  readonly name: string;
  /** Order from north to south (smaller first). */
  readonly position: number;
  readonly region: MultiPolygon;
}

/** A snapshot prepared for queries: built once per stored snapshot and reused (see services/frontline.ts). */
export interface FrontlineView {
  readonly snapshotDate: string;
  readonly line: SegmentIndex;
  readonly occupied: PolygonIndex;
}

/** Sectors prepared for queries. */
export interface SectorIndex {
  readonly keys: readonly string[];
  readonly regions: PolygonIndex;
}

/** Oblasts prepared for queries. */
export interface AdminIndex {
  readonly codes: readonly string[];
  readonly areas: PolygonIndex;
}

/** Builds the indexes of one snapshot: a few milliseconds for a 3,000-vertex line. */
export function prepareFrontline(
  snapshotDate: string,
  line: readonly Polyline[],
  occupied: MultiPolygon,
): FrontlineView {
  return { snapshotDate, line: buildSegmentIndex(line), occupied: buildPolygonIndex([occupied]) };
}

export function prepareSectors(sectors: readonly Sector[]): SectorIndex {
  const ordered = [...sectors].sort((a, b) => a.position - b.position);
  return { keys: ordered.map((s) => s.key), regions: buildPolygonIndex(ordered.map((s) => s.region)) };
}

export function prepareAdminAreas(areas: readonly { code: string; geometry: MultiPolygon }[]): AdminIndex {
  return { codes: areas.map((a) => a.code), areas: buildPolygonIndex(areas.map((a) => a.geometry)) };
}

/** The ISO code of the oblast containing a point, or null outside every oblast (in Russia, at sea). */
export function admin1At(admin: AdminIndex, p: LonLat): string | null {
  const i = admin.areas.find(p);
  return i === undefined ? null : (admin.codes[i] ?? null);
}

/**
 * Distance in km from a point to the line: the nearest point is found on the sphere (sphere.ts), and the
 * distance to it is measured on the WGS 84 ellipsoid, as PostGIS's ST_Distance(geography, geography) and other
 * GIS tools measure (the sphere alone is off by up to 0.3 % east–west in Ukraine; see docs/PERFORMANCE.md).
 * Null when the line is empty.
 */
export function lineOfContactKm(line: SegmentIndex, p: LonLat): number | null {
  const nearest = line.nearest(p);
  return nearest === null ? null : geodesicKm(p, nearest.point);
}

/**
 * The geography of a point against a snapshot: the distance to the nearest segment of the line of contact
 * (km on the WGS 84 ellipsoid as `lineOfContactKm` measures it, rounded to metres), the side (inside the
 * occupied area or not), the sector whose region holds the nearest point of the line (so a strike deep behind
 * the line is still assigned to the stretch it faces), and the oblast. Null when the snapshot has no line.
 */
export function locate(
  view: FrontlineView,
  sectors: SectorIndex,
  admin: AdminIndex,
  p: LonLat,
): IncidentGeography | null {
  const nearest = view.line.nearest(p);
  if (nearest === null) return null;
  const side: Side = view.occupied.find(p) === undefined ? 'controlled' : 'occupied';
  const sectorAt = sectors.regions.find(nearest.point);
  return {
    snapshotDate: view.snapshotDate,
    distanceKm: Math.round(geodesicKm(p, nearest.point) * 1000) / 1000,
    side,
    sector: sectorAt === undefined ? null : (sectors.keys[sectorAt] ?? null),
    admin1: admin1At(admin, p),
  };
}

/** A lon/lat box as a one-polygon region; `null` bounds are open (the whole world that way). */
function box(west: number | null, south: number | null, east: number | null, north: number | null) {
  // The bounds are literals in range, so the checked constructor never returns null here.
  const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;
  const w = west ?? 20;
  const s = south ?? 43;
  const e = east ?? 42;
  const n = north ?? 53;
  return [[[at(w, s), at(e, s), at(e, n), at(w, n), at(w, s)]]];
}

/**
 * The default sectors, north to south, as lon/lat boxes around Ukraine's eastern and southern front (the
 * boxes are regions of the map, not of the line, so they survive any movement of the line): the splits follow
 * the customary operational directions near 49.6° N (Kupiansk / Oskil), 49.0° N (Lyman / Siversk), 48.15° N
 * (Pokrovsk / Kurakhove), 36.6° E (the Donetsk–Zaporizhzhia oblast border) and 35.2° E (the Dnipro at
 * Zaporizhzhia). Editable through the API.
 */
export const DEFAULT_SECTORS: readonly Sector[] = [
  { key: 'kharkiv', name: 'Kharkiv', position: 1, region: box(33.5, 49.6, null, null) },
  { key: 'luhansk', name: 'Luhansk (Kupiansk–Lyman)', position: 2, region: box(36.6, 49.0, null, 49.6) },
  { key: 'donetsk-north', name: 'Donetsk north', position: 3, region: box(36.6, 48.15, null, 49.0) },
  { key: 'donetsk-south', name: 'Donetsk south', position: 4, region: box(36.6, null, null, 48.15) },
  { key: 'zaporizhzhia', name: 'Zaporizhzhia', position: 5, region: box(35.2, null, 36.6, 49.6) },
  { key: 'kherson-dnipro', name: 'Kherson / Dnipro', position: 6, region: box(null, null, 35.2, 49.6) },
];
