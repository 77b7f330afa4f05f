// Instants with their UTC offset and precision, and the intervals they stand for.
// "18 March" in Moscow is not "18 March" in Washington: every instant keeps the offset it was given in.

export const PRECISIONS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** An instant as stated: epoch milliseconds plus the offset (minutes east of UTC) it was written in. */
export interface Instant {
  readonly epochMs: number;
  readonly offsetMinutes: number;
}

/** A half-open interval [startMs, endMs) in epoch milliseconds. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses `2025-03-18`, `2025-03-18T20:50+02:00` or `2025-03-18T17:50:00Z`. A date or time without an offset
 * is read in `defaultOffsetMinutes`. Returns null for anything else, including impossible dates.
 */
export function parseInstant(text: string, defaultOffsetMinutes = 0): Instant | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const offsetMinutes = zone === undefined ? defaultOffsetMinutes : parseOffset(zone);
  if (offsetMinutes === null) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const localMs = utcMs(year, month - 1, day, hour, minute, second, Number(frac.slice(0, 3).padEnd(3, '0')));
  if (new Date(localMs).getUTCDate() !== day) return null;
  return { epochMs: localMs - offsetMinutes * MINUTE, offsetMinutes };
}

/** `Date.UTC` without its quirk of reading the years 0 to 99 as 1900 to 1999. */
function utcMs(
  year: number,
  monthIndex: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function parseOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** Formats an instant in its own offset: `2025-03-18T20:50:00+02:00`. */
export function formatInstant(instant: Instant): string {
  const local = new Date(instant.epochMs + instant.offsetMinutes * MINUTE).toISOString().slice(0, 19);
  return `${local}${formatOffset(instant.offsetMinutes)}`;
}

/** The calendar date of an instant in its own offset: `2025-03-18`. */
export function localDate(instant: Instant): string {
  return new Date(instant.epochMs + instant.offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** UTC ISO text, sortable as a string; how instants are stored for range queries. */
export function toUtcIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * The interval an instant stands for at a precision, in its own offset: a `day` is that local calendar day,
 * a `week` the Monday-to-Sunday week containing it, a `month` the local calendar month.
 */
export function precisionInterval(instant: Instant, precision: Precision): Interval {
  const offsetMs = instant.offsetMinutes * MINUTE;
  const local = instant.epochMs + offsetMs;
  let startLocal: number;
  let endLocal: number;
  switch (precision) {
    case 'minute':
      startLocal = floorTo(local, MINUTE);
      endLocal = startLocal + MINUTE;
      break;
    case 'hour':
      startLocal = floorTo(local, HOUR);
      endLocal = startLocal + HOUR;
      break;
    case 'day':
      startLocal = floorTo(local, DAY_MS);
      endLocal = startLocal + DAY_MS;
      break;
    case 'week': {
      const day = floorTo(local, DAY_MS);
      const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
      startLocal = day - weekday * DAY_MS;
      endLocal = startLocal + 7 * DAY_MS;
      break;
    }
    case 'month': {
      const date = new Date(local);
      startLocal = utcMs(date.getUTCFullYear(), date.getUTCMonth(), 1);
      endLocal = utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      break;
    }
  }
  return { startMs: startLocal - offsetMs, endMs: endLocal - offsetMs };
}

function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

/** How an interval lies against a window: wholly inside, wholly outside, or across one of its edges. */
export type Placement = 'inside' | 'outside' | 'straddles';

export function placeInterval(interval: Interval, window: Interval): Placement {
  if (interval.endMs <= window.startMs || interval.startMs >= window.endMs) return 'outside';
  if (interval.startMs >= window.startMs && interval.endMs <= window.endMs) return 'inside';
  return 'straddles';
}
