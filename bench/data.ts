// Real geometry for the benchmarks: the Minregion oblasts (the country outline) and DeepStateMap's occupied area
// of 2025-03-18, read from ../shared/data, and the line of contact derived from them as the service derives it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lonLat, type LonLat } from '../src/core/geo.js';
import { deriveLineOfContact, prepareCountry } from '../src/core/geometry/line-of-contact.js';
import type { MultiPolygon, Polyline } from '../src/core/geometry/types.js';

export const dataDir = path.resolve(process.cwd(), '../shared/data');

interface GeoJsonGeometry {
  readonly type: string;
  readonly coordinates: unknown;
}

/** A checked position from a GeoJSON pair; throws on anything out of range. */
export function position(pair: readonly number[]): LonLat {
  const p = lonLat(pair[0] ?? NaN, pair[1] ?? NaN);
  if (p === null) throw new Error(`bad position ${JSON.stringify(pair)}`);
  return p;
}

/** Every feature of a GeoJSON file of (multi)polygons, as one multipolygon per feature. */
export function multiPolygons(file: string): MultiPolygon[] {
  const collection = JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as {
    features: { geometry: GeoJsonGeometry }[];
  };
  return collection.features.map(({ geometry }) =>
    geometry.type === 'Polygon'
      ? [(geometry.coordinates as number[][][]).map((ring) => ring.map(position))]
      : (geometry.coordinates as number[][][][]).map((polygon) => polygon.map((ring) => ring.map(position))),
  );
}

/** The real front of 2025-03-18 and how long each step took to prepare (ms). */
export interface RealFront {
  readonly occupied: MultiPolygon;
  readonly line: Polyline[];
  readonly countryMs: number;
  readonly lineMs: number;
}

export function loadRealFront(): RealFront {
  const t0 = performance.now();
  const country = prepareCountry(multiPolygons('boundaries/minregion_2020_oblast.geojson'));
  const t1 = performance.now();
  const occupied = multiPolygons('frontline/deepstatemap_data_20250318.geojson')[0];
  if (!occupied) throw new Error('no occupied area');
  const line = deriveLineOfContact(occupied, country);
  return { occupied, line, countryMs: t1 - t0, lineMs: performance.now() - t1 };
}

/** Formats a count or rate with thousands separators. */
export const fmt = (x: number): string => Math.round(x).toLocaleString('en');
