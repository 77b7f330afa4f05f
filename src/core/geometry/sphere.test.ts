// Distances on the sphere: the radius convention, haversine, bearings, and the exact point-to-segment distance
// checked against known values and against an independent dense sampling of the arc.

import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import {
  destinationPoint,
  EARTH_RADIUS_KM,
  haversineKm,
  initialBearingDeg,
  midpoint,
  pointToSegmentKm,
  polylineLengthKm,
} from './sphere.js';
import { seededRandom } from './testing/random.js';

/** A checked position from literals known to be in range. */
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
const kyiv = at(30.5234, 50.4501);
const kharkiv = at(36.2304, 49.9935);

/** Independent reference: the least haversine distance to `samples` points spread evenly along the arc. */
function sampledDistanceKm(p: LonLat, a: LonLat, b: LonLat, samples: number): number {
  const toVector = (q: LonLat): number[] => {
    const [lon, lat] = [(q[0] * Math.PI) / 180, (q[1] * Math.PI) / 180];
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  };
  const va = toVector(a);
  const vb = toVector(b);
  const omega = Math.acos(
    Math.min(
      1,
      va.reduce((sum, x, i) => sum + x * (vb[i] ?? 0), 0),
    ),
  );
  let min = Infinity;
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const wa = omega === 0 ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
    const wb = omega === 0 ? t : Math.sin(t * omega) / Math.sin(omega);
    const [x, y, z] = va.map((c, k) => wa * c + wb * (vb[k] ?? 0));
    const q = at((Math.atan2(y!, x!) * 180) / Math.PI, (Math.atan2(z!, Math.hypot(x!, y!)) * 180) / Math.PI);
    min = Math.min(min, haversineKm(p, q));
  }
  return min;
}

describe('EARTH_RADIUS_KM', () => {
  it('is the IUGG mean radius of WGS84', () => {
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
  });
});

describe('haversineKm', () => {
  it('puts Kyiv and Kharkiv about 409 km apart', () => {
    const d = haversineKm(kyiv, kharkiv);
    expect(d).toBeGreaterThan(408);
    expect(d).toBeLessThan(412);
  });

  it('measures one degree of the equator as R times pi over 180', () => {
    expect(haversineKm(at(10, 0), at(11, 0))).toBeCloseTo(KM_PER_DEGREE, 9);
  });

  it('measures half the circumference between antipodes', () => {
    expect(haversineKm(at(0, 0), at(180, 0))).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 9);
  });

  it('resolves a few millimetres', () => {
    // 1e-7 degree of latitude is 11.1 mm
    expect(haversineKm(at(30, 48), at(30, 48.0000001)) * 1e6).toBeCloseTo(11.1195, 3);
  });
});

describe('initialBearingDeg', () => {
  it('is 0 towards the north and 90 towards the east on the equator', () => {
    expect([initialBearingDeg(at(30, 48), at(30, 49)), initialBearingDeg(at(0, 0), at(1, 0))]).toEqual([
      0, 90,
    ]);
  });

  it('heads a little south of east from Kyiv to Kharkiv', () => {
    const bearing = initialBearingDeg(kyiv, kharkiv);
    expect(bearing).toBeGreaterThan(90);
    expect(bearing).toBeLessThan(105);
  });
});

describe('destinationPoint', () => {
  it('inverts distance and bearing', () => {
    const end = destinationPoint(kyiv, initialBearingDeg(kyiv, kharkiv), haversineKm(kyiv, kharkiv));
    expect(haversineKm(end, kharkiv)).toBeLessThan(1e-6);
  });

  it('wraps longitude across the antimeridian', () => {
    const end = destinationPoint(at(179.5, 0), 90, KM_PER_DEGREE);
    expect(end[0]).toBeCloseTo(-179.5, 9);
  });
});

describe('midpoint', () => {
  it('lies halfway along the great circle', () => {
    const m = midpoint(kyiv, kharkiv);
    expect(haversineKm(kyiv, m)).toBeCloseTo(haversineKm(kyiv, kharkiv) / 2, 6);
  });
});

describe('polylineLengthKm', () => {
  it('sums the lengths of the segments', () => {
    expect(polylineLengthKm([at(0, 0), at(1, 0), at(1, 1)])).toBeCloseTo(2 * KM_PER_DEGREE, 9);
  });
});

describe('pointToSegmentKm', () => {
  it('is zero for a point on a meridian segment', () => {
    expect(pointToSegmentKm(at(30, 48.5), at(30, 48), at(30, 49))).toBeLessThan(1e-9);
  });

  it('is the cross-track distance beside a segment of the equator', () => {
    expect(pointToSegmentKm(at(0.5, 1), at(0, 0), at(1, 0))).toBeCloseTo(KM_PER_DEGREE, 9);
  });

  it('is the distance along the equator beside a meridian segment', () => {
    expect(pointToSegmentKm(at(1, 0), at(0, -1), at(0, 1))).toBeCloseTo(KM_PER_DEGREE, 9);
  });

  it('is the distance to the nearer endpoint beyond the end of the segment', () => {
    const p = at(31, 49.5);
    expect(pointToSegmentKm(p, at(30, 48), at(30, 49))).toBeCloseTo(haversineKm(p, at(30, 49)), 9);
  });

  it('follows the great circle, not the parallel, between two points of a high latitude', () => {
    // The arc from 60°N 60°W to 60°N 60°E passes the Greenwich meridian at about 73.9°N, not at 60°N.
    const peak = (Math.atan(Math.tan((60 * Math.PI) / 180) / Math.cos((60 * Math.PI) / 180)) * 180) / Math.PI;
    expect(pointToSegmentKm(at(0, peak), at(-60, 60), at(60, 60))).toBeLessThan(1e-6);
  });

  it('treats a zero-length segment as a point', () => {
    const p = at(31, 49.5);
    expect(pointToSegmentKm(p, at(30, 48), at(30, 48))).toBeCloseTo(haversineKm(p, at(30, 48)), 9);
  });

  it('treats a segment with antipodal ends as its two endpoints', () => {
    const p = at(10, 10);
    expect(pointToSegmentKm(p, at(0, 0), at(180, 0))).toBeCloseTo(haversineKm(p, at(0, 0)), 9);
  });

  it('is a quarter circumference from a pole of the segment great circle', () => {
    expect(pointToSegmentKm(at(0, 90), at(0, 0), at(1, 0))).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 9);
  });

  it('agrees with dense sampling of the arc for random segments and points', () => {
    const next = seededRandom(11);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const a = at(22 + next() * 18, 44 + next() * 8);
      const b = destinationPoint(a, next() * 360, 1 + next() * 200);
      const p = destinationPoint(midpoint(a, b), next() * 360, next() * 300);
      const exact = pointToSegmentKm(p, a, b);
      const sampled = sampledDistanceKm(p, a, b, 20_000);
      // The exact distance is a minimum, so no sample may beat it; 10 m sample spacing bounds the gap above.
      expect(exact).toBeLessThanOrEqual(sampled + 1e-9);
      worst = Math.max(worst, sampled - exact);
    }
    expect(worst).toBeLessThan(0.005);
  });
});
