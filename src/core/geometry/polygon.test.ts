// Containment with holes and parts, boxes, spherical areas, and the polygon index against plain ray casting.

import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import {
  bboxOf,
  buildPolygonIndex,
  multiPolygonAreaKm2,
  multiPolygonBbox,
  pointInMultiPolygon,
  pointInPolygon,
  pointInRing,
  polygonAreaKm2,
  ringAreaKm2,
} from './polygon.js';
import { EARTH_RADIUS_KM } from './sphere.js';
import { randomLonLat, seededRandom } from './testing/random.js';
import type { MultiPolygon, Polygon, Ring } from './types.js';

/** A checked position from literals known to be in range. */
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

/** A closed, counter-clockwise lon/lat rectangle. */
function rectangle(minLon: number, minLat: number, maxLon: number, maxLat: number): Ring {
  return [at(minLon, minLat), at(maxLon, minLat), at(maxLon, maxLat), at(minLon, maxLat), at(minLon, minLat)];
}

const withHole: Polygon = [rectangle(30, 46, 34, 50), rectangle(31, 47, 32, 48)];

describe('pointInRing', () => {
  it('tells inside from outside', () => {
    const ring = rectangle(30, 46, 34, 50);
    expect([pointInRing(at(32, 48), ring), pointInRing(at(35, 48), ring)]).toEqual([true, false]);
  });

  it('accepts a ring without the closing position', () => {
    expect(pointInRing(at(32, 48), rectangle(30, 46, 34, 50).slice(0, -1))).toBe(true);
  });
});

describe('pointInPolygon', () => {
  it('puts a point in a hole outside the polygon', () => {
    expect(pointInPolygon(at(31.5, 47.5), withHole)).toBe(false);
  });

  it('puts a point between the exterior and the hole inside', () => {
    expect(pointInPolygon(at(33, 49), withHole)).toBe(true);
  });
});

describe('pointInMultiPolygon', () => {
  it('finds a point in any part', () => {
    const multi: MultiPolygon = [withHole, [rectangle(36, 46, 37, 47)]];
    expect([pointInMultiPolygon(at(36.5, 46.5), multi), pointInMultiPolygon(at(35, 46.5), multi)]).toEqual([
      true,
      false,
    ]);
  });
});

describe('bboxOf', () => {
  it('spans all positions', () => {
    expect(bboxOf([at(31, 47), at(30, 49), at(33, 46)])).toEqual({
      minLon: 30,
      minLat: 46,
      maxLon: 33,
      maxLat: 49,
    });
  });

  it('is null for no positions', () => {
    expect(bboxOf([])).toBeNull();
  });
});

describe('multiPolygonBbox', () => {
  it('spans the exterior rings of every part', () => {
    expect(multiPolygonBbox([withHole, [rectangle(36, 45, 37, 47)]])).toEqual({
      minLon: 30,
      minLat: 45,
      maxLon: 37,
      maxLat: 50,
    });
  });
});

describe('ringAreaKm2', () => {
  it('measures an octant of the sphere as one eighth of its surface', () => {
    const octant = [at(0, 0), at(90, 0), at(0, 90), at(0, 0)];
    expect(ringAreaKm2(octant)).toBeCloseTo((4 * Math.PI * EARTH_RADIUS_KM ** 2) / 8, 3);
  });

  it('does not depend on the orientation of the ring', () => {
    const ring = rectangle(30, 46, 34, 50);
    expect(ringAreaKm2([...ring].reverse())).toBeCloseTo(ringAreaKm2(ring), 6);
  });

  it('measures a small square near the equator as its side squared', () => {
    const side = (EARTH_RADIUS_KM * Math.PI) / 180 / 100;
    expect(ringAreaKm2(rectangle(0, 0, 0.01, 0.01)) / side ** 2).toBeCloseTo(1, 6);
  });
});

describe('polygonAreaKm2', () => {
  it('subtracts holes', () => {
    expect(polygonAreaKm2(withHole)).toBeCloseTo(
      ringAreaKm2(rectangle(30, 46, 34, 50)) - ringAreaKm2(rectangle(31, 47, 32, 48)),
      6,
    );
  });
});

describe('multiPolygonAreaKm2', () => {
  it('adds the parts', () => {
    const part = [rectangle(36, 46, 37, 47)];
    expect(multiPolygonAreaKm2([withHole, part])).toBeCloseTo(
      polygonAreaKm2(withHole) + polygonAreaKm2(part),
      6,
    );
  });
});

describe('buildPolygonIndex', () => {
  const features: MultiPolygon[] = [[withHole], [[rectangle(34, 46, 36, 50)]], [[rectangle(31, 47, 32, 48)]]];
  const index = buildPolygonIndex(features);

  it('finds the feature containing a point', () => {
    expect(index.find(at(35, 48))).toBe(1);
  });

  it('finds the feature filling another one’s hole, not the one with the hole', () => {
    expect(index.findAll(at(31.5, 47.5))).toEqual([2]);
  });

  it('finds nothing outside every feature', () => {
    expect(index.find(at(40, 48))).toBeUndefined();
  });

  it('lists every feature when features overlap', () => {
    const overlapping = buildPolygonIndex([[[rectangle(30, 46, 34, 50)]], [[rectangle(33, 46, 36, 50)]]]);
    expect(overlapping.findAll(at(33.5, 48))).toEqual([0, 1]);
  });

  it('agrees with ray casting on every feature for random points', () => {
    const next = seededRandom(17);
    for (let i = 0; i < 2000; i++) {
      const p = at(...randomLonLat(next, { minLon: 29, minLat: 45, maxLon: 37, maxLat: 51 }));
      const expected = features.flatMap((multi, f) => (pointInMultiPolygon(p, multi) ? [f] : []));
      expect(index.findAll(p)).toEqual(expected);
    }
  });
});
