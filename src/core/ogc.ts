// The parts of OGC API - Features (OGC 17-069r4) that need no I/O: reading the `bbox` and `datetime` parameters,
// turning a box into the ranges of exact coordinates whose blurred public copy falls inside it, and testing lines
// and polygons against a box.

import { blurCoordinate, BLUR_DEGREES } from './disclosure.js';
import type { LonLat } from './geo.js';
import { pointInPolygon } from './geometry/polygon.js';
import type { Bbox, MultiPolygon, Polyline } from './geometry/types.js';

/** The only coordinate reference system served: WGS 84 longitude, latitude. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
/** The temporal reference system of every extent. */
export const GREGORIAN = 'http://www.opengis.net/def/uri/ISO-8601/0/Gregorian';

/** Items per page when `limit` is not given, and the most one page holds (larger limits are clamped). */
export const OGC_LIMIT_DEFAULT = 10;
export const OGC_LIMIT_MAX = 10_000;

/**
 * A `bbox` box: west, south, east, north in degrees. West may exceed east for a box across the antimeridian, as
 * the standard allows.
 */
export type OgcBbox = readonly [west: number, south: number, east: number, north: number];

/**
 * Reads `bbox`: four numbers (west,south,east,north), or six with heights, which are ignored because every
 * geometry here is two-dimensional. Returns the box, or what is wrong with the text.
 */
export function parseBbox(text: string): { ok: true; bbox: OgcBbox } | { ok: false; message: string } {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 && parts.length !== 6)
    return { ok: false, message: `four numbers west,south,east,north are needed; got ${parts.length}` };
  const numbers = parts.map((p) => (p === '' ? NaN : Number(p)));
  if (numbers.some((n) => !Number.isFinite(n))) return { ok: false, message: 'every value must be a number' };
  const six = numbers.length === 6;
  const west = numbers[0] ?? NaN;
  const south = numbers[1] ?? NaN;
  const east = numbers[six ? 3 : 2] ?? NaN;
  const north = numbers[six ? 4 : 3] ?? NaN;
  if (Math.abs(west) > 180 || Math.abs(east) > 180)
    return { ok: false, message: 'longitudes must lie between -180 and 180' };
  if (Math.abs(south) > 90 || Math.abs(north) > 90)
    return { ok: false, message: 'latitudes must lie between -90 and 90' };
  if (south > north) return { ok: false, message: 'the southern edge lies north of the northern edge' };
  return { ok: true, bbox: [west, south, east, north] };
}

/** A half-open span of time in epoch milliseconds [startMs, endMs); null is open on that side. */
export interface TimeSpan {
  readonly startMs: number | null;
  readonly endMs: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})[Tt]?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

function calendarDay(y: string, m: string, d: string): number | null {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  return back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(m) - 1 &&
    back.getUTCDate() === Number(d)
    ? ms
    : null;
}

/**
 * One end of a `datetime` value as the span it stands for: a date is its whole UTC day, a date-time (RFC 3339,
 * with `Z` or an offset) one millisecond. GDAL writes a date as `2025-03-25T`, which is read as the date.
 */
function parseMoment(text: string): TimeSpan | null {
  const date = DATE.exec(text);
  if (date) {
    const [, y = '', m = '', d = ''] = date;
    const start = calendarDay(y, m, d);
    return start === null ? null : { startMs: start, endMs: start + DAY_MS };
  }
  const time = DATE_TIME.exec(text);
  if (!time) return null;
  const [, y = '', m = '', d = '', hh = '', mm = '', ss = '', fraction = '', zone = ''] = time;
  const day = calendarDay(y, m, d);
  if (day === null || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 60) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const ms = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
  const at =
    day +
    Number(hh) * 3_600_000 +
    Number(mm) * 60_000 +
    Math.min(Number(ss), 59) * 1000 +
    ms -
    offsetMinutes * 60_000;
  return { startMs: at, endMs: at + 1 };
}

/**
 * Reads `datetime`: an instant (`2025-03-25`, `2025-03-25T10:00:00Z`) or an interval of two of them, either end
 * open (`..` or empty): `2025-03-01/2025-03-31`, `../2025-04-01`, `2025-03-25T00:00:00+02:00/..`. Both ends of a
 * closed interval are inclusive, so a date at the end takes in its whole day.
 */
export function parseDatetime(text: string): { ok: true; span: TimeSpan } | { ok: false; message: string } {
  const invalid = {
    ok: false as const,
    message:
      'an RFC 3339 date or date-time with its offset (2025-03-25, 2025-03-25T10:00:00Z), or an interval of two (2025-03-01/2025-03-31, ../2025-04-01)',
  };
  const parts = text.split('/');
  if (parts.length === 1) {
    const moment = parts[0] === undefined ? null : parseMoment(parts[0]);
    return moment ? { ok: true, span: moment } : invalid;
  }
  if (parts.length !== 2) return invalid;
  const [from = '', to = ''] = parts;
  const open = (s: string) => s === '' || s === '..';
  if (open(from) && open(to)) return { ok: true, span: { startMs: null, endMs: null } };
  const start = open(from) ? null : parseMoment(from);
  const end = open(to) ? null : parseMoment(to);
  if ((!open(from) && start === null) || (!open(to) && end === null)) return invalid;
  const span = { startMs: start?.startMs ?? null, endMs: end?.endMs ?? null };
  if (span.startMs !== null && span.endMs !== null && span.startMs >= span.endMs)
    return { ok: false, message: 'the interval ends before it starts' };
  return { ok: true, span };
}

// ---- boxes over blurred coordinates ----

const bits = new DataView(new ArrayBuffer(8));

/** The next double above x. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  bits.setFloat64(0, x);
  const n = bits.getBigInt64(0);
  bits.setBigInt64(0, x > 0 ? n + 1n : n - 1n);
  return bits.getFloat64(0);
}

const nextDown = (x: number): number => -nextUp(-x);
const cellOf = (value: number): number => Math.floor(value / BLUR_DEGREES);
const centreOf = (cell: number): number => blurCoordinate((cell + 0.5) * BLUR_DEGREES);

/** The smallest double in cell `cell` or above: the exact start of the cell as `blurCoordinate` computes cells. */
function cellStart(cell: number): number {
  let x = cell * BLUR_DEGREES;
  while (cellOf(x) >= cell) x = nextDown(x);
  while (cellOf(x) < cell) x = nextUp(x);
  return x;
}

/** A half-open range [from, below) of exact coordinates. */
export interface CoordinateRange {
  readonly from: number;
  readonly below: number;
}

/**
 * The exact coordinates whose blurred value (`blurCoordinate`) lies in [min, max], as one half-open range, or
 * null when no cell centre does. A box filter on a blurred incident must test this, never the exact value: else
 * a few boxes would find where it really is.
 */
export function blurredRange(min: number, max: number): CoordinateRange | null {
  let low = Math.ceil(min / BLUR_DEGREES - 0.5) - 2;
  while (centreOf(low) < min) low++;
  let high = Math.floor(max / BLUR_DEGREES - 0.5) + 2;
  while (centreOf(high) > max) high--;
  if (low > high) return null;
  return { from: cellStart(low), below: cellStart(high + 1) };
}

/** The box's longitudes as one or (across the antimeridian) two closed ranges. */
export function longitudeRanges(bbox: OgcBbox): readonly (readonly [number, number])[] {
  const [west, , east] = bbox;
  return west <= east
    ? [[west, east]]
    : [
        [west, 180],
        [-180, east],
      ];
}

// ---- geometry against a box ----

function inBox(p: LonLat, b: Bbox): boolean {
  return p[0] >= b.minLon && p[0] <= b.maxLon && p[1] >= b.minLat && p[1] <= b.maxLat;
}

/** Whether the segment a–b touches the box (Liang–Barsky clipping). */
function segmentTouchesBox(a: LonLat, b: LonLat, box: Bbox): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: readonly (readonly [number, number])[] = [
    [-dx, a[0] - box.minLon],
    [dx, box.maxLon - a[0]],
    [-dy, a[1] - box.minLat],
    [dy, box.maxLat - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

function pathTouchesBox(path: readonly LonLat[], box: Bbox): boolean {
  if (path.length === 1 && path[0]) return inBox(path[0], box);
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    if (a && b && segmentTouchesBox(a, b, box)) return true;
  }
  return false;
}

/** The box of the `bbox` parameter as one or two boxes that do not cross the antimeridian. */
export function boxesOf(bbox: OgcBbox): Bbox[] {
  const [, south, , north] = bbox;
  return longitudeRanges(bbox).map(([minLon, maxLon]) => ({ minLon, minLat: south, maxLon, maxLat: north }));
}

/** Whether any part of the lines touches the box. */
export function linesIntersect(lines: readonly Polyline[], bbox: OgcBbox): boolean {
  return boxesOf(bbox).some((box) => lines.some((line) => pathTouchesBox(line, box)));
}

/** Whether the (multi)polygon and the box share any point: an edge crosses it, or one holds the other. */
export function multiPolygonIntersects(multi: MultiPolygon, bbox: OgcBbox): boolean {
  return boxesOf(bbox).some((box) =>
    multi.some((polygon) => {
      if (polygon.some((ring) => pathTouchesBox([...ring, ...ring.slice(0, 1)], box))) return true;
      // No edge meets the box: either the box lies inside the polygon (test one corner) or they are apart.
      const corner = [box.minLon, box.minLat] as unknown as LonLat;
      return pointInPolygon(corner, polygon);
    }),
  );
}

/** The box around every position of the lines or polygons, as the four numbers of an extent; null when empty. */
export function extentOf(positions: Iterable<LonLat>): [number, number, number, number] | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const p of positions) {
    minLon = Math.min(minLon, p[0]);
    maxLon = Math.max(maxLon, p[0]);
    minLat = Math.min(minLat, p[1]);
    maxLat = Math.max(maxLat, p[1]);
  }
  return minLon === Infinity ? null : [minLon, minLat, maxLon, maxLat];
}
