// The segment index against brute force, with fast-check choosing the lines and the points: anywhere on the
// globe, across the antimeridian and near the poles, with repeated vertices, single-vertex and empty lines,
// and points on or next to vertices. The nearest segment and its distance must be exactly brute force's.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import { buildSegmentIndex } from './segment-index.js';
import { destinationPoint, haversineKm, pointToSegmentKm } from './sphere.js';
import type { Polyline } from './types.js';

/** Brute force: the first segment (a lone vertex counting as one) with the least exact distance. */
function bruteForce(lines: readonly Polyline[], p: LonLat) {
  let best: { distanceKm: number; lineIndex: number; segmentIndex: number } | null = null;
  lines.forEach((line, lineIndex) => {
    const segments: [LonLat, LonLat][] =
      line.length === 1 ? [[line[0]!, line[0]!]] : line.slice(1).map((b, i) => [line[i]!, b]);
    segments.forEach(([a, b], segmentIndex) => {
      const distanceKm = pointToSegmentKm(p, a, b);
      if (!best || distanceKm < best.distanceKm) best = { distanceKm, lineIndex, segmentIndex };
    });
  });
  return best;
}

const position = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

/** Anywhere, or in the region of the line of contact, or near a pole or the antimeridian. */
const pointArb: fc.Arbitrary<LonLat> = fc
  .oneof(
    fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })),
    fc.tuple(fc.double({ min: 30, max: 40, noNaN: true }), fc.double({ min: 44, max: 52, noNaN: true })),
    fc.tuple(fc.double({ min: 179, max: 180, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true })),
    fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 88, max: 90, noNaN: true })),
  )
  .map(([lon, lat]) => position(lon, lat));

/** A random walk: steps of 0 (a repeated vertex) to 500 km in any direction, like a digitised line or worse. */
const lineArb: fc.Arbitrary<Polyline> = fc
  .tuple(
    pointArb,
    fc.array(fc.tuple(fc.double({ min: 0, max: 360, noNaN: true }), fc.constantFrom(0, 0.05, 1, 20, 500)), {
      maxLength: 30,
    }),
  )
  .map(([start, steps]) => {
    const line = [start];
    for (const [bearing, km] of steps) line.push(destinationPoint(line[line.length - 1]!, bearing, km));
    return line;
  });

const linesArb = fc.array(fc.oneof({ arbitrary: lineArb, weight: 6 }, fc.constant([])), {
  minLength: 1,
  maxLength: 6,
});

/** Query points: arbitrary, or a few metres from one of the lines' vertices (where ties and rounding live). */
function queryArb(lines: readonly Polyline[]): fc.Arbitrary<LonLat> {
  const vertices = lines.flat();
  if (vertices.length === 0) return pointArb;
  return fc.oneof(
    pointArb,
    fc
      .tuple(
        fc.constantFrom(...vertices),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.constantFrom(0, 0.001, 0.5),
      )
      .map(([v, bearing, km]) => (km === 0 ? v : destinationPoint(v, bearing, km))),
  );
}

describe('buildSegmentIndex against brute force (fast-check)', () => {
  it('finds exactly the brute-force nearest segment and distance for random lines and points', () => {
    fc.assert(
      fc.property(
        linesArb.chain((lines) =>
          fc.tuple(fc.constant(lines), fc.array(queryArb(lines), { minLength: 1, maxLength: 20 })),
        ),
        ([lines, points]) => {
          const index = buildSegmentIndex(lines);
          for (const p of points) {
            const found = index.nearest(p);
            const expected = bruteForce(lines, p);
            expect(
              found && {
                distanceKm: found.distanceKm,
                lineIndex: found.lineIndex,
                segmentIndex: found.segmentIndex,
              },
            ).toEqual(expected);
            // The reported point is on the reported segment, at the reported distance.
            if (found) expect(Math.abs(haversineKm(p, found.point) - found.distanceKm)).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
