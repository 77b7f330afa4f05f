// Boolean operations on multipolygons (union, difference, intersection) through polygon-clipping, a pure-JS
// Martinez–Rueda sweep. Planar in lon/lat, like containment in polygon.ts.

import polygonClipping, { type MultiPolygon as ClipMultiPolygon } from 'polygon-clipping';
import { lonLat, type LonLat } from '../geo.js';
import type { MultiPolygon } from './types.js';

function toClip(multi: MultiPolygon): ClipMultiPolygon {
  return multi.map((polygon) => polygon.map((ring) => ring.map((p): [number, number] => [p[0], p[1]])));
}

function fromClip(multi: ClipMultiPolygon): MultiPolygon {
  // Results stay within the inputs' extent, so every position is in range.
  return multi.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => lonLat(lon, lat) as LonLat)));
}

/** The union of any number of multipolygons (overlapping parts merged). */
export function unionAll(parts: readonly MultiPolygon[]): MultiPolygon {
  const [first, ...rest] = parts.map(toClip);
  if (first === undefined) return [];
  return fromClip(polygonClipping.union(first, ...rest));
}

/** What lies in `a` but not in `b`. */
export function difference(a: MultiPolygon, b: MultiPolygon): MultiPolygon {
  if (a.length === 0) return [];
  if (b.length === 0) return a;
  return fromClip(polygonClipping.difference(toClip(a), toClip(b)));
}

/** What lies in both. */
export function intersection(a: MultiPolygon, b: MultiPolygon): MultiPolygon {
  if (a.length === 0 || b.length === 0) return [];
  return fromClip(polygonClipping.intersection(toClip(a), toClip(b)));
}
