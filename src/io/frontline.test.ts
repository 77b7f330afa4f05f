import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../core/geo.js';
import { buildPolygonIndex } from '../core/geometry/polygon.js';
import { dateFromFileName, parseFrontline, type FeatureOutcome } from './frontline.js';

const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;
// A square "country" from 30° to 40° E, 45° to 52° N.
const country = {
  land: buildPolygonIndex([[[[at(30, 45), at(40, 45), at(40, 52), at(30, 52), at(30, 45)]]]]),
  bbox: { minLon: 30, minLat: 45, maxLon: 40, maxLat: 52 },
};

const ring = (w: number, s: number, e: number, n: number, z?: number) =>
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ].map((p) => (z === undefined ? p : [...p, z]));

const feature = (name: string | null, geometry: unknown) => ({
  type: 'Feature',
  properties: name === null ? {} : { name },
  geometry,
});

function parse(...features: unknown[]) {
  const result = parseFrontline(JSON.stringify({ type: 'FeatureCollection', features }), country);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const outcome = (f: FeatureOutcome) => (f.status === 'skipped' ? f.reason : f.status);

describe('parseFrontline', () => {
  it('takes an unnamed polygon as occupied and drops 3-D coordinates with a note', () => {
    const parsed = parse(feature(null, { type: 'Polygon', coordinates: [ring(36, 47, 37, 48, 0)] }));
    expect(parsed.features).toEqual([
      { index: 0, name: null, status: 'occupied', notes: ['3-D coordinates dropped to 2-D'] },
    ]);
    expect(parsed.occupied[0]?.[0]?.[0]).toEqual([36, 47]);
  });

  it('skips points, the grey zone, liberated areas and polygons not named as occupied', () => {
    const parsed = parse(
      feature('Units /// unit /// geoJSON.units.x', { type: 'Point', coordinates: [36, 47, 0] }),
      feature('Статус невідомий /// Unknown status /// geoJSON.status.unknown', {
        type: 'Polygon',
        coordinates: [ring(36, 47, 37, 48)],
      }),
      feature('Liberated 25.03', { type: 'Polygon', coordinates: [ring(36, 47, 37, 48)] }),
      feature('Snake Island', { type: 'Polygon', coordinates: [ring(36, 47, 37, 48)] }),
    );
    expect(parsed.features.map(outcome)).toEqual(['point', 'grey-zone', 'liberated', 'not-occupied']);
    expect(parsed.occupied).toEqual([]);
  });

  it('filters occupied polygons outside the country', () => {
    const parsed = parse(
      feature('Occupied Petsamo', { type: 'Polygon', coordinates: [ring(30, 69, 31, 70)] }),
    );
    expect(parsed.features.map(outcome)).toEqual(['outside-country']);
  });

  it('merges overlapping occupied polygons into one area', () => {
    const parsed = parse(
      feature('Occupied', { type: 'Polygon', coordinates: [ring(36, 47, 37, 48)] }),
      feature('CADR and CALR', { type: 'Polygon', coordinates: [ring(36.5, 47, 38, 48)] }),
    );
    expect(parsed.occupied).toHaveLength(1);
  });

  it('takes LineStrings and MultiLineStrings as the line of contact', () => {
    const parsed = parse(
      feature('front', {
        type: 'LineString',
        coordinates: [
          [36, 47],
          [37, 48],
        ],
      }),
      feature(null, {
        type: 'MultiLineString',
        coordinates: [
          [
            [36, 47],
            [37, 48],
          ],
          [
            [38, 49],
            [39, 50],
          ],
        ],
      }),
    );
    expect(parsed.lines).toHaveLength(3);
    expect(parsed.features.map(outcome)).toEqual(['line', 'line']);
  });

  it('reports bad coordinates, missing geometry and unread types per feature', () => {
    const parsed = parse(
      feature(null, {
        type: 'Polygon',
        coordinates: [
          [
            [36, 47],
            [37, 48],
          ],
        ],
      }),
      feature(null, null),
      feature(null, { type: 'GeometryCollection', geometries: [] }),
    );
    expect(parsed.features.map(outcome)).toEqual([
      'invalid-coordinates',
      'no-geometry',
      'unsupported-geometry',
    ]);
  });

  it('fails a file that is not JSON or has no features', () => {
    expect(parseFrontline('{', country).ok).toBe(false);
    expect(parseFrontline('{"type":"FeatureCollection","features":[]}', country).ok).toBe(false);
  });
});

describe('dateFromFileName', () => {
  it.each([
    ['deepstatemap_data_20250318.geojson', '2025-03-18'],
    ['deepstate_raw_20250318T213809Z_1742333889.geojson', '2025-03-18'],
    ['deepstatemap_data_20250231.geojson', null],
    ['front.geojson', null],
  ])('reads %s as %s', (name, date) => {
    expect(dateFromFileName(name)).toBe(date);
  });
});
