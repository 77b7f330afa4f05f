// Nearest great-circle segment to a point among many polylines (the line of contact, a country outline), exact
// to the last bit of the brute-force minimum and fast: a flatbush R-tree prunes with a planar bound that is
// provably never larger than the spherical distance, and only the survivors get the exact distance.
//
// Why the bound holds: every segment is indexed by the box of its arc in an orthographic projection of the unit
// sphere (onto the plane through the centre, perpendicular to the data's mean direction); the box holds the
// whole projected arc, bulge included. Projection onto a plane never lengthens a vector, so the planar distance
// from the query to a segment's box is at most the planar distance to the projection of the segment's nearest
// point, which is at most the chord to that point, which is at most the arc (the angle). So a box farther than
// the best angle found so far cannot hold a nearer segment. Near the data the projection is almost isometric,
// so the bound is tight as well. Only flatbush's public `neighbors` and `search` are used.

import Flatbush from 'flatbush';
import type { LonLat } from '../geo.js';
import {
  EARTH_RADIUS_KM,
  FRAME,
  FRAME_SIZE,
  frameDot,
  nearestOnSegment,
  segmentAngle,
  segmentFrame,
  unitVector,
} from './sphere.js';
import type { Polyline } from './types.js';

/** The nearest segment to a point. */
export interface NearestSegment {
  /** Exact spherical distance in km (see sphere.ts for the convention). */
  readonly distanceKm: number;
  /** Which polyline, by its position in the array the index was built from. */
  readonly lineIndex: number;
  /** Which segment of that polyline: segment i joins vertex i and vertex i + 1. */
  readonly segmentIndex: number;
  /** The nearest point on that segment. */
  readonly point: LonLat;
}

export interface SegmentIndex {
  /** Number of indexed segments (a polyline of n >= 2 vertices has n - 1; a single vertex counts as one). */
  readonly segmentCount: number;
  /** The nearest segment, ties going to the earliest segment; null when the index holds no segments. */
  nearest(point: LonLat): NearestSegment | null;
}

/** Slack (radians on the unit sphere, about 6 µm on the Earth) against rounding in the box bounds. */
const SLACK = 1e-12;

/** Builds the index (a few milliseconds for 3,000 segments); it is immutable and may be queried any number of times. */
export function buildSegmentIndex(lines: readonly Polyline[]): SegmentIndex {
  let count = 0;
  for (const line of lines) count += line.length === 1 ? 1 : Math.max(0, line.length - 1);

  const frames = new Float64Array(count * FRAME_SIZE);
  const degenerate = new Uint8Array(count);
  const lineOf = new Uint32Array(count);
  const segmentOf = new Uint32Array(count);

  let k = 0;
  const add = (a: LonLat, b: LonLat, line: number, segment: number): void => {
    degenerate[k] = segmentFrame(a, b, frames, k * FRAME_SIZE) ? 1 : 0;
    lineOf[k] = line;
    segmentOf[k] = segment;
    k++;
  };
  lines.forEach((line, l) => {
    const [only] = line;
    if (line.length === 1 && only) add(only, only, l, 0);
    let previous: LonLat | undefined;
    line.forEach((p, i) => {
      if (previous) add(previous, p, l, i - 1);
      previous = p;
    });
  });

  const { east, north } = projectionAxes(frames, count);
  const tree = count > 0 ? new Flatbush(count) : null;
  if (tree) {
    for (let i = 0; i < count; i++) {
      const o = i * FRAME_SIZE;
      const [minU, maxU] = arcExtent(frames, o, degenerate[i] === 1, east);
      const [minV, maxV] = arcExtent(frames, o, degenerate[i] === 1, north);
      tree.add(minU - SLACK, minV - SLACK, maxU + SLACK, maxV + SLACK);
    }
    tree.finish();
  }

  // Per-query state, shared with the search callback so that no closure is created per query.
  let px = 0;
  let py = 0;
  let pz = 0;
  let qu = 0;
  let qv = 0;
  let best = Infinity;
  let bestId = -1;

  const consider = (id: number, minU: number, minV: number, maxU: number, maxV: number): boolean => {
    const du = Math.max(minU - qu, qu - maxU, 0);
    const dv = Math.max(minV - qv, qv - maxV, 0);
    const bound = best + SLACK;
    if (du * du + dv * dv > bound * bound) return false;
    const angle = segmentAngle(px, py, pz, frames, id * FRAME_SIZE, degenerate[id] === 1);
    if (angle < best || (angle === best && id < bestId)) {
      best = angle;
      bestId = id;
    }
    return false;
  };

  return {
    segmentCount: count,
    nearest(point: LonLat): NearestSegment | null {
      if (!tree) return null;
      [px, py, pz] = unitVector(point);
      qu = px * east[0] + py * east[1] + pz * east[2];
      qv = px * north[0] + py * north[1] + pz * north[2];
      // A first candidate from the planar-nearest box gives an upper bound; then every box within that bound
      // is examined, pruning against the best exact distance found so far.
      const first = tree.neighbors(qu, qv, 1)[0] ?? 0; // never empty: the tree holds at least one box
      bestId = first;
      best = segmentAngle(px, py, pz, frames, first * FRAME_SIZE, degenerate[first] === 1);
      const r = best + SLACK;
      tree.search(qu - r, qv - r, qu + r, qv + r, consider);
      return {
        distanceKm: best * EARTH_RADIUS_KM,
        lineIndex: lineOf[bestId] ?? -1,
        segmentIndex: segmentOf[bestId] ?? -1,
        point: nearestOnSegment(px, py, pz, frames, bestId * FRAME_SIZE, degenerate[bestId] === 1),
      };
    },
  };
}

type Vec3 = readonly [number, number, number];

/** Tangent-plane axes at the normalised mean of all segment endpoints (any frame works; this one is tight). */
function projectionAxes(frames: Float64Array, count: number): { east: Vec3; north: Vec3 } {
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let o = 0; o < count * FRAME_SIZE; o += FRAME_SIZE) {
    // A + B, component by component (B follows A in the frame)
    cx += (frames[o + FRAME.a] ?? NaN) + (frames[o + FRAME.b] ?? NaN);
    cy += (frames[o + FRAME.a + 1] ?? NaN) + (frames[o + FRAME.b + 1] ?? NaN);
    cz += (frames[o + FRAME.a + 2] ?? NaN) + (frames[o + FRAME.b + 2] ?? NaN);
  }
  let norm = Math.hypot(cx, cy, cz);
  if (norm < 1e-9) {
    [cx, cy, cz, norm] = [1, 0, 0, 1];
  }
  cx /= norm;
  cy /= norm;
  cz /= norm;
  // east = z x c, or x x c when c is (nearly) a pole
  let ex = -cy;
  let ey = cx;
  let ez = 0;
  let en = Math.hypot(ex, ey);
  if (en < 1e-6) {
    [ex, ey, ez] = [0, -cz, cy];
    en = Math.hypot(ey, ez);
  }
  const east: Vec3 = [ex / en, ey / en, ez / en];
  const north: Vec3 = [cy * east[2] - cz * east[1], cz * east[0] - cx * east[2], cx * east[1] - cy * east[0]];
  return { east, north };
}

/** Exact range of W.S over the arc S from A to B (W a unit vector): the endpoints, or the arc's extreme points. */
function arcExtent(frames: Float64Array, o: number, degenerate: boolean, w: Vec3): [number, number] {
  const atA = frameDot(frames, o + FRAME.a, w[0], w[1], w[2]);
  const atB = frameDot(frames, o + FRAME.b, w[0], w[1], w[2]);
  let min = Math.min(atA, atB);
  let max = Math.max(atA, atB);
  if (degenerate) return [min, max];
  // T = the component of W in the great circle's plane; W.S peaks at T/|T| and bottoms out at -T/|T|.
  const n = o + FRAME.normal;
  const wn = frameDot(frames, n, w[0], w[1], w[2]);
  const tx = w[0] - wn * (frames[n] ?? NaN);
  const ty = w[1] - wn * (frames[n + 1] ?? NaN);
  const tz = w[2] - wn * (frames[n + 2] ?? NaN);
  const t = Math.hypot(tx, ty, tz);
  if (t < 1e-15) return [min, max];
  const inA = frameDot(frames, o + FRAME.normalCrossA, tx, ty, tz);
  const inB = frameDot(frames, o + FRAME.bCrossNormal, tx, ty, tz);
  if (inA >= 0 && inB >= 0) max = Math.max(max, t);
  if (inA <= 0 && inB <= 0) min = Math.min(min, -t);
  return [min, max];
}
