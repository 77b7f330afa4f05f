// Distances on a sphere: one radius and one notion of "segment" for all of Truceline, so that every distance to
// the front line, every buffer and every test agree. Convention: the Earth is a sphere of radius EARTH_RADIUS_KM
// (the WGS84 mean radius, which PostGIS also uses for geography distances with use_spheroid = false) and the
// segment between two positions is the shorter great-circle arc. Distances on the WGS84 ellipsoid differ by up
// to about 0.5 %; a great-circle segment and GeoJSON's straight line in lon/lat between the same ends differ by
// a few metres for segments of a few km. The distance to the line of contact that `locate` reports is then measured
// from the nearest point found here on the WGS 84 ellipsoid (ellipsoid.ts), as PostGIS geography does.

import { lonLat, type LonLat } from '../geo.js';

/** Mean Earth radius R1 = (2a + b) / 3 of WGS84 (IUGG), in km. The only radius used in Truceline. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Below this length of A x B (about 6 µm on the Earth) a segment is treated as its endpoints. */
const DEGENERATE = 1e-12;

/** Number of floats `segmentFrame` writes per segment. */
export const FRAME_SIZE = 15;

/** Where each vector of a segment frame starts: A, B, the unit normal N, N x A and B x N. */
export const FRAME = { a: 0, b: 3, normal: 6, normalCrossA: 9, bCrossNormal: 12 } as const;

/** The unit vector of a position: x towards (0°, 0°), y towards (90°E, 0°), z towards the North Pole. */
export function unitVector(p: LonLat): [x: number, y: number, z: number] {
  const lon = p[0] * RAD;
  const lat = p[1] * RAD;
  const c = Math.cos(lat);
  return [c * Math.cos(lon), c * Math.sin(lon), Math.sin(lat)];
}

/** The position a (not necessarily unit) vector points at; (0, 0) for the zero vector, an error for NaN. */
export function fromVector(x: number, y: number, z: number): LonLat {
  const p = lonLat(Math.atan2(y, x) * DEG, Math.atan2(z, Math.hypot(x, y)) * DEG);
  if (p === null) throw new RangeError(`no position for the vector (${x}, ${y}, ${z})`);
  return p;
}

/** Great-circle distance in km (haversine formula, accurate at every scale from millimetres up). */
export function haversineKm(a: LonLat, b: LonLat): number {
  const sinLat = Math.sin(((b[1] - a[1]) * RAD) / 2);
  const sinLon = Math.sin(((b[0] - a[0]) * RAD) / 2);
  const h = sinLat * sinLat + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `a` towards `b` along the great circle, in degrees clockwise from north, in [0, 360). */
export function initialBearingDeg(a: LonLat, b: LonLat): number {
  const lat1 = a[1] * RAD;
  const lat2 = b[1] * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  const bearing = (Math.atan2(y, x) * DEG + 360) % 360;
  return bearing === 360 ? 0 : bearing;
}

/** The position reached from `start` after `distanceKm` along the great circle leaving at `bearingDeg`. */
export function destinationPoint(start: LonLat, bearingDeg: number, distanceKm: number): LonLat {
  const lat1 = start[1] * RAD;
  const lon1 = start[0] * RAD;
  const delta = distanceKm / EARTH_RADIUS_KM;
  const theta = bearingDeg * RAD;
  const sinLat2 = Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(theta);
  const lat2 = Math.asin(Math.max(-1, Math.min(1, sinLat2)));
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(lat1),
      Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2),
    );
  const lon = ((((lon2 * DEG + 180) % 360) + 360) % 360) - 180;
  const p = lonLat(lon, lat2 * DEG);
  if (p === null) throw new RangeError('destination out of range');
  return p;
}

/** The point halfway along the great-circle segment from `a` to `b` (for antipodal ends, `a`). */
export function midpoint(a: LonLat, b: LonLat): LonLat {
  const [ax, ay, az] = unitVector(a);
  const [bx, by, bz] = unitVector(b);
  const x = ax + bx;
  const y = ay + by;
  const z = az + bz;
  return x * x + y * y + z * z < 1e-24 ? a : fromVector(x, y, z);
}

/**
 * Writes the frame of segment a->b at `out[offset..offset+15)`: A, B, the unit normal N of the great circle,
 * N x A and B x N (a point P projects inside the arc when P.(N x A) >= 0 and P.(B x N) >= 0). Returns true
 * when the segment is degenerate: zero length, or antipodal ends (no unique great circle; both are then
 * treated as their two endpoints). The segment index and `pointToSegmentKm` share this code, so they agree
 * to the last bit.
 */
export function segmentFrame(a: LonLat, b: LonLat, out: Float64Array, offset: number): boolean {
  const [ax, ay, az] = unitVector(a);
  const [bx, by, bz] = unitVector(b);
  let nx = ay * bz - az * by;
  let ny = az * bx - ax * bz;
  let nz = ax * by - ay * bx;
  const length = Math.sqrt(nx * nx + ny * ny + nz * nz);
  const degenerate = length < DEGENERATE;
  if (degenerate) {
    nx = 0;
    ny = 0;
    nz = 0;
  } else {
    nx /= length;
    ny /= length;
    nz /= length;
  }
  // Laid out as FRAME says: A, B, N, N x A, B x N.
  out[offset] = ax;
  out[offset + 1] = ay;
  out[offset + 2] = az;
  out[offset + 3] = bx;
  out[offset + 4] = by;
  out[offset + 5] = bz;
  out[offset + 6] = nx;
  out[offset + 7] = ny;
  out[offset + 8] = nz;
  out[offset + 9] = ny * az - nz * ay;
  out[offset + 10] = nz * ax - nx * az;
  out[offset + 11] = nx * ay - ny * ax;
  out[offset + 12] = by * nz - bz * ny;
  out[offset + 13] = bz * nx - bx * nz;
  out[offset + 14] = bx * ny - by * nx;
  return degenerate;
}

/** The dot product of (x, y, z) with the vector stored at `frame[offset..offset+3)` (NaN if out of range). */
export function frameDot(frame: Float64Array, offset: number, x: number, y: number, z: number): number {
  return x * (frame[offset] ?? NaN) + y * (frame[offset + 1] ?? NaN) + z * (frame[offset + 2] ?? NaN);
}

/** Squared chord from (x, y, z) to the vector stored at `frame[offset..offset+3)`. */
function frameChord2(frame: Float64Array, offset: number, x: number, y: number, z: number): number {
  const dx = x - (frame[offset] ?? NaN);
  const dy = y - (frame[offset + 1] ?? NaN);
  const dz = z - (frame[offset + 2] ?? NaN);
  return dx * dx + dy * dy + dz * dz;
}

/** Whether P projects inside the arc, i.e. onto the great circle between A and B. */
function projectsInside(px: number, py: number, pz: number, frame: Float64Array, o: number): boolean {
  return (
    frameDot(frame, o + FRAME.normalCrossA, px, py, pz) >= 0 &&
    frameDot(frame, o + FRAME.bCrossNormal, px, py, pz) >= 0
  );
}

/**
 * Angular distance (radians) from the unit vector P to the segment whose frame is at `frame[offset]`:
 * the cross-track distance when P projects inside the arc, else the distance to the nearer endpoint.
 */
export function segmentAngle(
  px: number,
  py: number,
  pz: number,
  frame: Float64Array,
  offset: number,
  degenerate: boolean,
): number {
  if (!degenerate && projectsInside(px, py, pz, frame, offset)) {
    const s = frameDot(frame, offset + FRAME.normal, px, py, pz);
    return Math.asin(Math.min(1, Math.abs(s)));
  }
  const chord2 = Math.min(
    frameChord2(frame, offset + FRAME.a, px, py, pz),
    frameChord2(frame, offset + FRAME.b, px, py, pz),
  );
  return 2 * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

/** The point of the segment nearest to P (P as a unit vector), by the same branches as `segmentAngle`. */
export function nearestOnSegment(
  px: number,
  py: number,
  pz: number,
  frame: Float64Array,
  offset: number,
  degenerate: boolean,
): LonLat {
  if (!degenerate && projectsInside(px, py, pz, frame, offset)) {
    const n = offset + FRAME.normal;
    const s = frameDot(frame, n, px, py, pz);
    const qx = px - s * (frame[n] ?? NaN);
    const qy = py - s * (frame[n + 1] ?? NaN);
    const qz = pz - s * (frame[n + 2] ?? NaN);
    // At a pole of the great circle every point of the arc is equally far: fall through to an endpoint.
    if (qx * qx + qy * qy + qz * qz > 1e-24) return fromVector(qx, qy, qz);
  }
  const toA = frameChord2(frame, offset + FRAME.a, px, py, pz);
  const toB = frameChord2(frame, offset + FRAME.b, px, py, pz);
  const o = offset + (toA <= toB ? FRAME.a : FRAME.b);
  return fromVector(frame[o] ?? NaN, frame[o + 1] ?? NaN, frame[o + 2] ?? NaN);
}

/** Length of a polyline in km, summing the great-circle distances between consecutive vertices. */
export function polylineLengthKm(line: readonly LonLat[]): number {
  let length = 0;
  let previous: LonLat | undefined;
  for (const p of line) {
    if (previous) length += haversineKm(previous, p);
    previous = p;
  }
  return length;
}

const scratch = new Float64Array(FRAME_SIZE);

/**
 * Exact distance in km from `p` to the great-circle segment a->b: the cross-track distance when the
 * perpendicular from `p` meets the segment, else the distance to the nearer endpoint. A zero-length segment
 * is a point; a segment with antipodal ends has no unique great circle and is treated as its two endpoints.
 */
export function pointToSegmentKm(p: LonLat, a: LonLat, b: LonLat): number {
  const degenerate = segmentFrame(a, b, scratch, 0);
  const [px, py, pz] = unitVector(p);
  return EARTH_RADIUS_KM * segmentAngle(px, py, pz, scratch, 0, degenerate);
}
