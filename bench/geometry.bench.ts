// Distance to the line of contact: the segment index against brute force over every segment, both measured in
// this run on the real 2025-03-18 line (derived from DeepStateMap's occupied area and the Minregion oblasts).
// Run with `npx tsx bench/geometry.bench.ts` (BENCH_N points, default 200,000; data from ../shared/data).

import { fmt, loadRealFront, position } from './data.js';
import type { LonLat } from '../src/core/geo.js';
import { buildSegmentIndex } from '../src/core/geometry/segment-index.js';
import {
  EARTH_RADIUS_KM,
  FRAME_SIZE,
  pointToSegmentKm,
  polylineLengthKm,
  segmentAngle,
  segmentFrame,
  unitVector,
} from '../src/core/geometry/sphere.js';
import { seededRandom } from '../src/core/geometry/testing/random.js';
import type { Polyline } from '../src/core/geometry/types.js';

const N = Number(process.env['BENCH_N'] ?? 200_000);
/** Brute force is timed on every BRUTE_EVERY-th point and scaled to points per second. */
const BRUTE_EVERY = 10;
/** The naive brute force (pointToSegmentKm from lon/lat for every segment) on every NAIVE_EVERY-th point. */
const NAIVE_EVERY = 200;
const ROUNDS = 3;

function best(work: () => number): { ms: number; sink: number } {
  let ms = Infinity;
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    sink = work();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, sink };
}

const { occupied, line, countryMs, lineMs } = loadRealFront();

const next = seededRandom(7);
const points: LonLat[] = [];
for (let i = 0; i < N; i++) points.push(position([22 + next() * 18.5, 44.3 + next() * 8]));

function measure(label: string, lines: readonly Polyline[]): void {
  const buildRounds = 20;
  const tb = performance.now();
  let index = buildSegmentIndex(lines);
  for (let round = 1; round < buildRounds; round++) index = buildSegmentIndex(lines);
  const buildMs = (performance.now() - tb) / buildRounds;

  // Brute force with the same exact distance and precomputed segment frames: only the pruning differs.
  const count = index.segmentCount;
  const frames = new Float64Array(count * FRAME_SIZE);
  const degenerate = new Uint8Array(count);
  let k = 0;
  for (const part of lines)
    for (let i = 0; i + 1 < part.length; i++, k++)
      degenerate[k] = segmentFrame(part[i]!, part[i + 1]!, frames, k * FRAME_SIZE) ? 1 : 0;
  const bruteKm = (p: LonLat): number => {
    const [px, py, pz] = unitVector(p);
    let min = Infinity;
    for (let s = 0; s < count; s++)
      min = Math.min(min, segmentAngle(px, py, pz, frames, s * FRAME_SIZE, degenerate[s] === 1));
    return min * EARTH_RADIUS_KM;
  };

  const indexed = best(() => {
    let sum = 0;
    for (const p of points) sum += index.nearest(p)?.distanceKm ?? 0;
    return sum;
  });
  const bruteCount = Math.ceil(N / BRUTE_EVERY);
  const brute = best(() => {
    let sum = 0;
    for (let i = 0; i < N; i += BRUTE_EVERY) sum += bruteKm(points[i]!);
    return sum;
  });
  const naiveCount = Math.ceil(N / NAIVE_EVERY);
  const naive = best(() => {
    let sum = 0;
    for (let i = 0; i < N; i += NAIVE_EVERY) {
      let min = Infinity;
      for (const part of lines)
        for (let s = 0; s + 1 < part.length; s++)
          min = Math.min(min, pointToSegmentKm(points[i]!, part[s]!, part[s + 1]!));
      sum += min;
    }
    return sum;
  });
  let maxRelative = 0;
  for (let i = 0; i < N; i += BRUTE_EVERY) {
    const a = index.nearest(points[i]!)?.distanceKm ?? NaN;
    const b = bruteKm(points[i]!);
    maxRelative = Math.max(maxRelative, Math.abs(a - b) / Math.max(b, 1e-12));
  }

  const indexRate = (N / indexed.ms) * 1000;
  const bruteRate = (bruteCount / brute.ms) * 1000;
  const lengthKm = lines.reduce((sum, part) => sum + polylineLengthKm(part), 0);
  console.log(`${label}: ${lines.length} part(s), ${fmt(lengthKm)} km, ${fmt(count)} segments`);
  console.log(`  index build: ${buildMs.toFixed(2)} ms (mean of ${buildRounds})`);
  console.log(`  index:       ${fmt(indexed.ms)} ms for ${fmt(N)} points  ${fmt(indexRate)} points/s`);
  console.log(
    `  brute force: ${fmt(brute.ms)} ms for ${fmt(bruteCount)} points (every ${BRUTE_EVERY}th point; rate scaled)  ${fmt(bruteRate)} points/s`,
  );
  const naiveRate = (naiveCount / naive.ms) * 1000;
  console.log(
    `  naive brute force (pointToSegmentKm from lon/lat): ${fmt(naiveCount)} points (every ${NAIVE_EVERY}th)  ${fmt(naiveRate)} points/s`,
  );
  console.log(
    `  ratio index/brute force: ${(indexRate / bruteRate).toFixed(1)}x (naive: ${(indexRate / naiveRate).toFixed(0)}x)`,
  );
  console.log(`  max relative difference index vs brute force: ${maxRelative.toExponential(2)}`);
}

console.log(`geometry: ${fmt(N)} points in 22-40.5°E, 44.3-52.3°N; best of ${ROUNDS}`);
console.log(`  country outline from the Minregion oblasts: ${fmt(countryMs)} ms`);
console.log(`  line of contact of 2025-03-18 derived in ${fmt(lineMs)} ms`);
measure('line of contact 2025-03-18', line);
measure('whole occupied-area boundary 2025-03-18', occupied.flat());
