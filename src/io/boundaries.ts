// The shipped oblast boundaries (src/data/boundaries/ukraine-admin1.json, © Мінрегіон, CC BY-SA): read once
// on first use and prepared into the indexes every geography query needs.

import { readFileSync } from 'node:fs';
import { type AdminIndex, prepareAdminAreas } from '../core/frontline.js';
import { lonLat, type LonLat } from '../core/geo.js';
import { prepareCountry, type Country } from '../core/geometry/line-of-contact.js';
import { multiPolygonBbox } from '../core/geometry/polygon.js';
import type { Bbox, MultiPolygon } from '../core/geometry/types.js';

/** Where the data file sits relative to this module, in src/ (tsx) and in dist/ (the build copies it). */
const FILE = new URL('../data/boundaries/ukraine-admin1.json', import.meta.url);

export interface Boundaries {
  readonly oblasts: readonly { readonly code: string; readonly geometry: MultiPolygon }[];
  /** The country prepared for deriving lines of contact (outline along the coast and borders). */
  readonly country: Country;
  readonly bbox: Bbox;
  readonly admin: AdminIndex;
}

interface FileShape {
  features: { properties: { code: string }; geometry: { coordinates: number[][][][] } }[];
}

function position(pair: number[]): LonLat {
  const p = lonLat(pair[0] ?? NaN, pair[1] ?? NaN);
  if (p === null) throw new Error(`ukraine-admin1.json: bad position ${JSON.stringify(pair)}`);
  return p;
}

let cached: Boundaries | null = null;

/** The boundaries, parsed and indexed on first call (about half a second), then shared. */
export function loadBoundaries(): Boundaries {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(FILE, 'utf8')) as FileShape;
  const oblasts = file.features.map((f) => ({
    code: f.properties.code,
    geometry: f.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(position))),
  }));
  const geometries = oblasts.map((o) => o.geometry);
  const boxes = geometries.map(multiPolygonBbox).filter((b): b is Bbox => b !== null);
  const bbox: Bbox = {
    minLon: Math.min(...boxes.map((b) => b.minLon)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLon: Math.max(...boxes.map((b) => b.maxLon)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
  cached = { oblasts, country: prepareCountry(geometries), bbox, admin: prepareAdminAreas(oblasts) };
  return cached;
}
