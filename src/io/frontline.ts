// Reading front-line files: DeepStateMap's daily occupied-area polygons, its raw multi-layer exports, or any
// GeoJSON with LineStrings of a line of contact. Every feature gets a verdict (accepted as occupied area or as
// line, or skipped with a reason); nothing throws on bad input.

import { lonLat, type LonLat } from '../core/geo.js';
import { unionAll } from '../core/geometry/clip.js';
import { bboxOf, type PolygonIndex } from '../core/geometry/polygon.js';
import type { Bbox, MultiPolygon, Polyline } from '../core/geometry/types.js';

export const SKIP_REASONS = [
  'no-geometry',
  'point',
  'unsupported-geometry',
  'invalid-coordinates',
  'grey-zone',
  'liberated',
  'not-occupied',
  'outside-country',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type FeatureOutcome =
  | {
      readonly index: number;
      readonly name: string | null;
      readonly status: 'occupied' | 'line';
      /** Things changed on the way in, such as 3-D coordinates dropped to 2-D. */
      readonly notes: readonly string[];
    }
  | {
      readonly index: number;
      readonly name: string | null;
      readonly status: 'skipped';
      readonly reason: SkipReason;
      readonly message: string;
    };

export interface ParsedFrontline {
  /** The occupied area: the union of every accepted polygon. */
  readonly occupied: MultiPolygon;
  /** Lines of contact given as LineStrings; empty when the file has only polygons. */
  readonly lines: readonly Polyline[];
  readonly features: readonly FeatureOutcome[];
}

export type ParseResult =
  { readonly ok: true; readonly value: ParsedFrontline } | { readonly ok: false; readonly message: string };

/** The country the snapshot belongs to: polygons wholly elsewhere ("Occupied Petsamo") are filtered out. */
export interface CountryFilter {
  readonly land: PolygonIndex;
  readonly bbox: Bbox;
}

/** The date in a file name such as `deepstatemap_data_20250318.geojson`, as YYYY-MM-DD, or null. */
export function dateFromFileName(name: string): string | null {
  const match = /(?:^|[^0-9])(20\d{2})(\d{2})(\d{2})(?:[^0-9]|$)/.exec(name);
  if (!match) return null;
  const [, y, m, d] = match;
  const iso = `${y}-${m}-${d}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

interface RawFeature {
  readonly properties?: Record<string, unknown> | null;
  readonly geometry?: { readonly type?: unknown; readonly coordinates?: unknown } | null;
}

/** The English part of DeepState's "Ukrainian /// English /// key" names, else the name as given. */
function featureName(properties: RawFeature['properties']): string | null {
  const raw = properties?.['name'];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const parts = raw.split('///').map((s) => s.trim());
  return (parts.length >= 2 ? parts[1] : parts[0]) ?? null;
}

/** Classifies a polygon by its name; an unnamed polygon is taken as occupied (the daily files have no names). */
function polygonKind(name: string | null): 'occupied' | Exclude<SkipReason, 'outside-country'> {
  if (name === null) return 'occupied';
  const n = name.toLowerCase();
  if (/unknown status|grey zone|gray zone|статус невідомий|сіра зона/.test(n)) return 'grey-zone';
  if (/liberated|звільнен/.test(n)) return 'liberated';
  if (/occupied|cadr|calr|окупован/.test(n)) return 'occupied';
  return 'not-occupied';
}

class Positions {
  dropped = false;
  position(value: unknown): LonLat | null {
    if (!Array.isArray(value) || value.length < 2) return null;
    if (value.length > 2) this.dropped = true;
    const [lon, lat] = value as unknown[];
    return typeof lon === 'number' && typeof lat === 'number' ? lonLat(lon, lat) : null;
  }
  list(value: unknown, min: number): LonLat[] | null {
    if (!Array.isArray(value) || value.length < min) return null;
    const out: LonLat[] = [];
    for (const v of value) {
      const p = this.position(v);
      if (p === null) return null;
      out.push(p);
    }
    return out;
  }
  nested<T>(value: unknown, each: (v: unknown) => T | null): T[] | null {
    if (!Array.isArray(value) || value.length === 0) return null;
    const out: T[] = [];
    for (const v of value) {
      const item = each(v);
      if (item === null) return null;
      out.push(item);
    }
    return out;
  }
  polygon(value: unknown) {
    return this.nested(value, (ring) => this.list(ring, 4));
  }
}

function insideCountry(multi: MultiPolygon, country: CountryFilter): boolean {
  const box = bboxOf(multi.flatMap((polygon) => polygon[0] ?? []));
  if (box === null) return false;
  const c = country.bbox;
  if (box.maxLon < c.minLon || box.minLon > c.maxLon || box.maxLat < c.minLat || box.minLat > c.maxLat)
    return false;
  const within =
    box.minLon >= c.minLon && box.maxLon <= c.maxLon && box.minLat >= c.minLat && box.maxLat <= c.maxLat;
  return (
    within || multi.some((polygon) => (polygon[0] ?? []).some((p) => country.land.find(p) !== undefined))
  );
}

/**
 * Parses a GeoJSON front-line file. Polygons named as grey zone or liberated, or not named as occupied, are
 * skipped; unnamed polygons count as occupied. Polygons wholly outside the country are skipped. Points are
 * skipped (unit markers, labels). LineStrings and MultiLineStrings are taken as the line of contact.
 */
export function parseFrontline(text: string, country: CountryFilter): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Anything but an object (`null`, a number) has no features; so has a feature that is not an object.
  const asObject = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const root = asObject(json) as { type?: unknown; features?: unknown; geometry?: unknown };
  const features: RawFeature[] =
    root.type === 'FeatureCollection' && Array.isArray(root.features)
      ? (root.features as unknown[]).map((feature) => asObject(feature) as RawFeature)
      : root.type === 'Feature'
        ? [root as RawFeature]
        : typeof root.type === 'string' && 'coordinates' in root
          ? [{ geometry: root }]
          : [];
  if (features.length === 0) return { ok: false, message: 'no GeoJSON features' };

  const occupiedParts: MultiPolygon[] = [];
  const lines: Polyline[] = [];
  const outcomes: FeatureOutcome[] = features.map((feature, index): FeatureOutcome => {
    const name = featureName(feature.properties);
    const skip = (reason: SkipReason, message: string): FeatureOutcome => ({
      index,
      name,
      status: 'skipped',
      reason,
      message,
    });
    const geometry = feature.geometry;
    if (!geometry || typeof geometry.type !== 'string')
      return skip('no-geometry', 'the feature has no geometry');
    const positions = new Positions();
    const notes = (): string[] => (positions.dropped ? ['3-D coordinates dropped to 2-D'] : []);
    switch (geometry.type) {
      case 'Point':
      case 'MultiPoint':
        return skip('point', `${geometry.type}: a marker or label, not an area or line`);
      case 'LineString':
      case 'MultiLineString': {
        const parts =
          geometry.type === 'LineString'
            ? positions.nested([geometry.coordinates], (l) => positions.list(l, 2))
            : positions.nested(geometry.coordinates, (l) => positions.list(l, 2));
        if (parts === null) return skip('invalid-coordinates', 'a position is missing or out of range');
        lines.push(...parts);
        return { index, name, status: 'line', notes: notes() };
      }
      case 'Polygon':
      case 'MultiPolygon': {
        const kind = polygonKind(name);
        if (kind !== 'occupied') return skip(kind, `"${name ?? ''}" is not occupied area`);
        const multi =
          geometry.type === 'Polygon'
            ? positions.nested([geometry.coordinates], (p) => positions.polygon(p))
            : positions.nested(geometry.coordinates, (p) => positions.polygon(p));
        if (multi === null)
          return skip('invalid-coordinates', 'a ring is too short or a position is out of range');
        if (!insideCountry(multi, country))
          return skip('outside-country', 'the polygon lies outside the country');
        occupiedParts.push(multi);
        return { index, name, status: 'occupied', notes: notes() };
      }
      default:
        return skip('unsupported-geometry', `geometry type ${geometry.type} is not read`);
    }
  });

  // One multipolygon's parts do not overlap (RFC 7946); separate polygons may, so they are merged.
  const occupied =
    occupiedParts.length === 1
      ? (occupiedParts[0] ?? [])
      : occupiedParts.length === 0
        ? []
        : unionAll(occupiedParts);
  return { ok: true, value: { occupied, lines, features: outcomes } };
}
