// Geometry on the real data in ../shared/data: DeepStateMap's occupied area for 2025-03-18 and 2025-04-17,
// the Minregion 2020 oblasts (whose outline follows the coast) and geoBoundaries ADM1 (whose polygons reach
// 12 nautical miles out to sea). Skips with a reason when the data are absent; fails instead under CI=true.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../src/core/geo.js';
import {
  deriveLineOfContact,
  outlineFromPolygons,
  prepareCountry,
  type Country,
} from '../src/core/geometry/line-of-contact.js';
import { buildPolygonIndex, multiPolygonAreaKm2, pointInMultiPolygon } from '../src/core/geometry/polygon.js';
import { buildSegmentIndex } from '../src/core/geometry/segment-index.js';
import { haversineKm, pointToSegmentKm, polylineLengthKm } from '../src/core/geometry/sphere.js';
import { randomLonLat, seededRandom } from '../src/core/geometry/testing/random.js';
import type { MultiPolygon, Polyline } from '../src/core/geometry/types.js';

const dataDir = path.resolve(process.cwd(), '../shared/data');
const available = existsSync(dataDir);
if (!available) {
  const reason = `real-data geometry tests need ${dataDir}, which is missing`;
  if (process.env['CI'] === 'true') throw new Error(`${reason} (CI=true: not skipping)`);
  console.warn(`skipping: ${reason}`);
}

/** Ukraine's extent, with some margin. */
const UKRAINE = { minLon: 22, minLat: 44.3, maxLon: 40.5, maxLat: 52.4 };

interface Feature {
  readonly name: string;
  readonly geometry: MultiPolygon;
}

/** A checked position from literals known to be in range. */
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

function position(pair: readonly number[]): LonLat {
  const p = lonLat(pair[0] ?? NaN, pair[1] ?? NaN);
  if (p === null) throw new Error(`bad position ${JSON.stringify(pair)}`);
  return p;
}

/** The (Multi)Polygon features of a GeoJSON file, named by `nameKey`. */
function readFeatures(file: string, nameKey = 'shapeName'): Feature[] {
  const collection = JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as {
    features: {
      properties: Record<string, unknown> | null;
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  return collection.features.map(({ properties, geometry }) => ({
    name: typeof properties?.[nameKey] === 'string' ? properties[nameKey] : '',
    geometry:
      geometry.type === 'Polygon'
        ? [(geometry.coordinates as number[][][]).map((ring) => ring.map(position))]
        : (geometry.coordinates as number[][][][]).map((polygon) =>
            polygon.map((ring) => ring.map(position)),
          ),
  }));
}

function occupiedOn(day: string): MultiPolygon {
  const [feature] = readFeatures(`frontline/deepstatemap_data_${day}.geojson`);
  if (!feature) throw new Error(`no occupied area on ${day}`);
  return feature.geometry;
}

function totalKm(lines: readonly Polyline[]): number {
  return lines.reduce((sum, line) => sum + polylineLengthKm(line), 0);
}

function distanceKm(lines: readonly Polyline[], p: LonLat): number {
  return buildSegmentIndex(lines).nearest(p)?.distanceKm ?? Infinity;
}

describe.skipIf(!available)('geometry on real data', () => {
  let geoBoundaries: Feature[];
  let minregion: Country;
  const lines = new Map<string, Polyline[]>();
  const line = (day: string): Polyline[] => lines.get(day) ?? [];

  beforeAll(() => {
    geoBoundaries = readFeatures('boundaries/geoBoundaries-UKR-ADM1_simplified.geojson');
    minregion = prepareCountry(
      readFeatures('boundaries/minregion_2020_oblast.geojson', 'ADMIN_1').map((f) => f.geometry),
    );
    for (const day of ['20250318', '20250417'])
      lines.set(day, deriveLineOfContact(occupiedOn(day), minregion));
  });

  describe('segment index', () => {
    it('returns the brute-force distance and segment on the 2025-03-18 line for 2,000 points', () => {
      const contact = line('20250318');
      const segments = contact.flatMap((part, lineIndex) =>
        part.slice(1).map((b, i) => ({ a: part[i]!, b, lineIndex, segmentIndex: i })),
      );
      const index = buildSegmentIndex(contact);
      const next = seededRandom(2025);
      let worst = 0;
      for (let i = 0; i < 2000; i++) {
        const p = at(...randomLonLat(next, UKRAINE));
        let brute = { distanceKm: Infinity, lineIndex: -1, segmentIndex: -1 };
        for (const { a, b, lineIndex, segmentIndex } of segments) {
          const distanceKm = pointToSegmentKm(p, a, b);
          if (distanceKm < brute.distanceKm) brute = { distanceKm, lineIndex, segmentIndex };
        }
        const found = index.nearest(p)!;
        expect([found.lineIndex, found.segmentIndex]).toEqual([brute.lineIndex, brute.segmentIndex]);
        worst = Math.max(worst, Math.abs(found.distanceKm - brute.distanceKm) / brute.distanceKm);
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  });

  describe('line of contact', () => {
    it.each(['20250318', '20250417'])('is 1,000 to 1,300 km long on %s', (day) => {
      const km = totalKm(line(day));
      expect(km).toBeGreaterThan(1000);
      expect(km).toBeLessThan(1300);
    });

    it('runs in one part from the Kinburn spit along the Dnipro to the Russian border north-east of Kupiansk', () => {
      const longest = [...line('20250318')].sort((a, b) => polylineLengthKm(b) - polylineLengthKm(a))[0]!;
      const [west, east] = [longest[0]!, longest[longest.length - 1]!].sort((a, b) => a[0] - b[0]);
      expect(polylineLengthKm(longest)).toBeGreaterThan(1000);
      expect(haversineKm(west!, at(31.55, 46.55))).toBeLessThan(10);
      expect(haversineKm(east!, at(37.9, 50.0))).toBeLessThan(10);
    });

    it.each([
      ['Kupiansk', 37.61, 49.71],
      ['Pokrovsk', 37.18, 48.28],
      ['Huliaipole', 36.27, 47.66],
      ['Kherson, across the Dnipro', 32.62, 46.64],
    ])('passes within 15 km of %s', (_name, lon, lat) => {
      expect(distanceKm(line('20250318'), at(lon, lat))).toBeLessThan(15);
    });

    it.each([
      ['the Crimean coast at Yevpatoria', 33.37, 45.19],
      ['the Azov coast at Berdiansk', 36.79, 46.755],
      ['the Russian border at Milove', 40.13, 49.38],
      ['the Molochnyi Lyman, an inlet of the Azov Sea', 35.27, 46.4],
    ])('stays more than 20 km from %s', (_name, lon, lat) => {
      expect(distanceKm(line('20250318'), at(lon, lat))).toBeGreaterThan(20);
    });
  });

  describe('country outlines', () => {
    it('finds the geoBoundaries coast 20 km or more offshore, the Minregion coast on the shore', () => {
      const yevpatoria = at(33.37, 45.19);
      const offshore = outlineFromPolygons(geoBoundaries.map((f) => f.geometry));
      expect(distanceKm(offshore, yevpatoria)).toBeGreaterThan(20);
      expect(minregion.outlineIndex.nearest(yevpatoria)!.distanceKm).toBeLessThan(2);
    });

    it('sees neighbouring geoBoundaries oblasts share identical vertices along common boundaries', () => {
      const uses = new Map<string, number>();
      const key = (p: LonLat): string => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
      for (const { geometry } of geoBoundaries)
        for (const ring of geometry.flat())
          for (let i = 0; i + 1 < ring.length; i++) {
            const [a, b] = [key(ring[i]!), key(ring[i + 1]!)].sort();
            uses.set(`${a}|${b}`, (uses.get(`${a}|${b}`) ?? 0) + 1);
          }
      const counts = [...uses.values()];
      expect(Math.max(...counts)).toBe(2);
      expect(counts.filter((n) => n === 2).length).toBeGreaterThan(counts.length / 2);
    });

    it('traces the same geoBoundaries outline by probing as by matching shared edges', () => {
      const geometries = geoBoundaries.map((f) => f.geometry);
      const uses = new Map<string, { km: number; n: number }>();
      const key = (p: LonLat): string => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
      for (const ring of geometries.flat(2))
        for (let i = 0; i + 1 < ring.length; i++) {
          const edge = [key(ring[i]!), key(ring[i + 1]!)].sort().join('|');
          const km = polylineLengthKm([ring[i]!, ring[i + 1]!]);
          uses.set(edge, { km, n: (uses.get(edge)?.n ?? 0) + 1 });
        }
      const matchedKm = [...uses.values()].filter((u) => u.n === 1).reduce((sum, u) => sum + u.km, 0);
      expect(totalKm(outlineFromPolygons(geometries)) / matchedKm).toBeCloseTo(1, 2);
    });
  });

  describe('polygons', () => {
    it('measures the occupied area of 2025-03-18 within 1 % of the ellipsoidal 112,449 km²', () => {
      // On the sphere the area is about 0.3 % smaller than on WGS84 at this latitude.
      expect(multiPolygonAreaKm2(occupiedOn('20250318')) / 112_449).toBeCloseTo(1, 2);
    });

    it.each([
      ['Kharkiv', 36.23, 49.99, 'Kharkiv Oblast'],
      ['Yevpatoria', 33.37, 45.19, 'Autonomous Republic of Crimea'],
      ['Kyiv', 30.52, 50.45, 'Kyiv'],
      ['Odesa', 30.73, 46.48, 'Odessa Oblast'],
      ['Lviv', 24.03, 49.84, 'Lviv Oblast'],
    ])('finds %s in its oblast', (_city, lon, lat, oblast) => {
      const index = buildPolygonIndex(geoBoundaries.map((f) => f.geometry));
      expect(geoBoundaries[index.find(at(lon, lat)) ?? -1]?.name).toBe(oblast);
    });

    it('finds the same oblasts as ray casting over every oblast for 2,000 points', () => {
      const geometries = geoBoundaries.map((f) => f.geometry);
      const index = buildPolygonIndex(geometries);
      const next = seededRandom(48);
      for (let i = 0; i < 2000; i++) {
        const p = at(...randomLonLat(next, UKRAINE));
        const expected = geometries.flatMap((g, f) => (pointInMultiPolygon(p, g) ? [f] : []));
        expect(index.findAll(p)).toEqual(expected);
      }
    });
  });
});
