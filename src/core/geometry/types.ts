// Plain coordinate shapes shared by the geometry modules, mirroring GeoJSON's nesting with checked positions.

import type { LonLat } from '../geo.js';

/** A polyline: consecutive positions joined by great-circle segments. */
export type Polyline = readonly LonLat[];

/** A linear ring as in GeoJSON; the closing position may repeat the first or be left out. */
export type Ring = readonly LonLat[];

/** A polygon: the exterior ring first, then its holes. */
export type Polygon = readonly Ring[];

/** A multipolygon: polygons that do not overlap. */
export type MultiPolygon = readonly Polygon[];

/** An axis-aligned box in degrees. */
export interface Bbox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}
