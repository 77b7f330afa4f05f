// The segment index must return exactly what brute force over every segment returns, wherever the point is.

import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import { buildSegmentIndex } from './segment-index.js';
import { destinationPoint, haversineKm, pointToSegmentKm } from './sphere.js';
import { randomLonLat, seededRandom } from './testing/random.js';
import type { Polyline } from './types.js';

/** A checked position from literals known to be in range. */
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

interface Nearest {
  distanceKm: number;
  lineIndex: number;
  segmentIndex: number;
}

/** Brute force: the first segment (a lone vertex counting as one) with the least exact distance. */
function bruteForce(lines: readonly Polyline[], p: LonLat): Nearest {
  let best = { distanceKm: Infinity, lineIndex: -1, segmentIndex: -1 };
  lines.forEach((line, lineIndex) => {
    const segments = line.length === 1 ? [[line[0]!, line[0]!]] : line.slice(1).map((b, i) => [line[i]!, b]);
    segments.forEach(([a, b], segmentIndex) => {
      const distanceKm = pointToSegmentKm(p, a!, b!);
      if (distanceKm < best.distanceKm) best = { distanceKm, lineIndex, segmentIndex };
    });
  });
  return best;
}

function withoutPoint(found: Nearest | null): Nearest | null {
  return (
    found && { distanceKm: found.distanceKm, lineIndex: found.lineIndex, segmentIndex: found.segmentIndex }
  );
}

/** A wiggly random walk of `steps` segments of 0.2 to 3 km, like a digitised front line. */
function randomWalk(next: () => number, start: LonLat, steps: number): LonLat[] {
  const line = [start];
  let bearing = next() * 360;
  for (let i = 0; i < steps; i++) {
    bearing += (next() - 0.5) * 120;
    line.push(destinationPoint(line[line.length - 1]!, bearing, 0.2 + next() * 2.8));
  }
  return line;
}

describe('buildSegmentIndex', () => {
  it('returns the brute-force nearest segment and distance for random points', () => {
    const next = seededRandom(3);
    const lines = [randomWalk(next, at(36, 48), 1500), randomWalk(next, at(34, 47), 1000), [at(33, 46)]];
    const index = buildSegmentIndex(lines);
    const box = { minLon: 22, minLat: 44, maxLon: 41, maxLat: 53 };
    for (let i = 0; i < 2000; i++) {
      const p = at(...randomLonLat(next, box));
      expect(withoutPoint(index.nearest(p))).toEqual(bruteForce(lines, p));
    }
  });

  it('stays exact for points on the far side of the globe', () => {
    const next = seededRandom(5);
    const lines = [randomWalk(next, at(36, 48), 500)];
    const index = buildSegmentIndex(lines);
    for (let i = 0; i < 200; i++) {
      const p = at(...randomLonLat(next, { minLon: -180, minLat: -89, maxLon: 180, maxLat: 89 }));
      expect(index.nearest(p)?.distanceKm).toBe(bruteForce(lines, p).distanceKm);
    }
  });

  it('stays exact for segments thousands of km long, whose arcs bulge beyond their endpoints', () => {
    const next = seededRandom(9);
    const lines = Array.from({ length: 40 }, () => {
      const start = at(...randomLonLat(next, { minLon: -180, minLat: -80, maxLon: 180, maxLat: 80 }));
      return [start, destinationPoint(start, next() * 360, 1000 + next() * 8000)];
    });
    const index = buildSegmentIndex(lines);
    for (let i = 0; i < 2000; i++) {
      const p = at(...randomLonLat(next, { minLon: -180, minLat: -89, maxLon: 180, maxLat: 89 }));
      expect(withoutPoint(index.nearest(p))).toEqual(bruteForce(lines, p));
    }
  });

  it('reports a nearest point on the segment at the reported distance', () => {
    const found = buildSegmentIndex([[at(30, 48), at(31, 48), at(31, 49)]]).nearest(at(31.3, 48.5));
    expect(found?.segmentIndex).toBe(1);
    expect(haversineKm(at(31.3, 48.5), found!.point)).toBeCloseTo(found!.distanceKm, 9);
    expect(pointToSegmentKm(found!.point, at(31, 48), at(31, 49))).toBeLessThan(1e-9);
  });

  it('treats a single-vertex polyline as a point', () => {
    const found = buildSegmentIndex([[at(30, 48)]]).nearest(at(30, 49));
    expect(found).toMatchObject({ lineIndex: 0, segmentIndex: 0 });
    expect(found?.distanceKm).toBeCloseTo(haversineKm(at(30, 48), at(30, 49)), 9);
  });

  it('breaks ties in favour of the earliest segment', () => {
    const line = [at(30, 48), at(31, 48)];
    expect(buildSegmentIndex([line, line]).nearest(at(30.5, 48.5))?.lineIndex).toBe(0);
  });

  it('returns null when it holds no segments', () => {
    expect(buildSegmentIndex([[], []]).nearest(at(30, 48))).toBeNull();
  });
});
