// Polygons on lon/lat: containment (with holes), bounding boxes, spherical area, and an index that finds the
// containing feature (an oblast, the occupied area) among many large polygons in logarithmic time.
//
// Containment is planar ray casting in lon/lat: edges are straight in lon/lat, as RFC 7946 reads them, not
// great circles. For edges of a few km in Ukraine the two differ by metres, far below the precision of
// boundary data. Rings must not cross the antimeridian. A point exactly on an edge may fall on either side.

import Flatbush from 'flatbush';
import type { LonLat } from '../geo.js';
import { EARTH_RADIUS_KM, unitVector } from './sphere.js';
import type { Bbox, MultiPolygon, Polygon, Ring } from './types.js';

/** Even-odd ray casting against one ring (closed or not). */
export function pointInRing(p: LonLat, ring: Ring): boolean {
  const x = p[0];
  const y = p[1];
  let inside = false;
  let b = ring[ring.length - 1];
  for (const a of ring) {
    if (b && a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0])
      inside = !inside;
    b = a;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole. */
export function pointInPolygon(p: LonLat, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  if (outer === undefined || !pointInRing(p, outer)) return false;
  return !holes.some((hole) => pointInRing(p, hole));
}

/** Inside any of the polygons. */
export function pointInMultiPolygon(p: LonLat, multi: MultiPolygon): boolean {
  return multi.some((polygon) => pointInPolygon(p, polygon));
}

/** The box of all positions, or null when there are none. */
export function bboxOf(positions: Iterable<LonLat>): Bbox | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const p of positions) {
    if (p[0] < minLon) minLon = p[0];
    if (p[0] > maxLon) maxLon = p[0];
    if (p[1] < minLat) minLat = p[1];
    if (p[1] > maxLat) maxLat = p[1];
  }
  return minLon === Infinity ? null : { minLon, minLat, maxLon, maxLat };
}

/** The box of a multipolygon's exterior rings, or null when it is empty. */
export function multiPolygonBbox(multi: MultiPolygon): Bbox | null {
  return bboxOf(multi.flatMap((polygon) => polygon[0] ?? []));
}

/**
 * Area in km² enclosed by a ring on the sphere (EARTH_RADIUS_KM), its edges taken as great-circle arcs: the
 * spherical excess summed over a fan of triangles from the first vertex (Van Oosterom and Strackee's formula),
 * so it is exact for any simple ring. Orientation does not matter: the smaller of the two regions the ring
 * bounds is measured.
 */
export function ringAreaKm2(ring: Ring): number {
  const [first, second, ...rest] = ring;
  if (!first || !second || rest.length === 0) return 0;
  const [ax, ay, az] = unitVector(first);
  let excess = 0;
  let [bx, by, bz] = unitVector(second);
  for (const p of rest) {
    const [cx, cy, cz] = unitVector(p);
    const triple = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
    const denominator =
      1 + ax * bx + ay * by + az * bz + bx * cx + by * cy + bz * cz + cx * ax + cy * ay + cz * az;
    excess += 2 * Math.atan2(triple, denominator);
    [bx, by, bz] = [cx, cy, cz];
  }
  const steradians = Math.abs(excess);
  return Math.min(steradians, 4 * Math.PI - steradians) * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

/** Area of a polygon in km²: the exterior ring minus its holes. */
export function polygonAreaKm2(polygon: Polygon): number {
  const [outer, ...holes] = polygon;
  if (outer === undefined) return 0;
  return holes.reduce((area, hole) => area - ringAreaKm2(hole), ringAreaKm2(outer));
}

/** Area of a multipolygon in km². */
export function multiPolygonAreaKm2(multi: MultiPolygon): number {
  return multi.reduce((area, polygon) => area + polygonAreaKm2(polygon), 0);
}

export interface PolygonIndex {
  /** Number of indexed features. */
  readonly size: number;
  /** Positions (in the array the index was built from) of every feature containing the point, ascending. */
  findAll(p: LonLat): number[];
  /** The first feature containing the point, or undefined. */
  find(p: LonLat): number | undefined;
}

/**
 * Indexes the edges of many (multi)polygons in one flatbush tree. A query casts a ray east from the point and
 * tests only the edges whose boxes the ray meets (about the edges crossing that parallel east of the point),
 * counting crossings per feature: even-odd over all rings of a feature, so holes and parts need no special
 * case. A 20,000-vertex coastline thus costs a query a few dozen edge tests, not 20,000.
 */
export function buildPolygonIndex(features: readonly MultiPolygon[]): PolygonIndex {
  let edgeCount = 0;
  for (const multi of features)
    for (const polygon of multi) for (const ring of polygon) edgeCount += ring.length >= 2 ? ring.length : 0;

  const coords = new Float64Array(edgeCount * 4);
  const featureOf = new Uint32Array(edgeCount);
  const tree = edgeCount > 0 ? new Flatbush(edgeCount) : null;
  let e = 0;
  let maxLon = -Infinity;
  features.forEach((multi, f) => {
    for (const polygon of multi)
      for (const ring of polygon) {
        if (ring.length < 2) continue;
        let a = ring[ring.length - 1];
        for (const b of ring) {
          if (!a) break;
          coords.set([a[0], a[1], b[0], b[1]], e * 4);
          featureOf[e] = f;
          tree?.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
          maxLon = Math.max(maxLon, a[0], b[0]);
          e++;
          a = b;
        }
      }
  });
  tree?.finish();

  const parity = new Uint8Array(features.length);
  const touched: number[] = [];
  let x = 0;
  let y = 0;
  const cross = (id: number): boolean => {
    const o = id * 4;
    const ax = coords[o] ?? NaN;
    const ay = coords[o + 1] ?? NaN;
    const bx = coords[o + 2] ?? NaN;
    const by = coords[o + 3] ?? NaN;
    const f = featureOf[id];
    if (f !== undefined && ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) {
      if (parity[f] === 0 && !touched.includes(f)) touched.push(f);
      parity[f] = parity[f] === 1 ? 0 : 1;
    }
    return false;
  };

  const findAll = (p: LonLat): number[] => {
    if (!tree) return [];
    x = p[0];
    y = p[1];
    touched.length = 0;
    tree.search(x, y, Math.max(x, maxLon), y, cross);
    const inside = touched.filter((f) => parity[f] === 1).sort((a, b) => a - b);
    for (const f of touched) parity[f] = 0;
    return inside;
  };

  return { size: features.length, findAll, find: (p) => findAll(p)[0] };
}
