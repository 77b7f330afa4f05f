// Kyiv wall-clock times without a zone, as the Ukrainian Air Force writes them, made into instants with the
// right offset: +02:00 (EET) in winter, +03:00 (EEST) from the last Sunday of March, 01:00 UTC, to the last
// Sunday of October, 01:00 UTC (the EU rule Ukraine follows).

import { formatInstant, type Instant } from '../core/time.js';

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of the month (0-based `monthIndex`) of `year`. */
function lastSundayOneUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, sunday, 1);
}

function inSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayOneUtc(year, 2) && epochMs < lastSundayOneUtc(year, 9);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export interface KyivTime {
  readonly instant: Instant;
  /** `2025-03-30T04:30:00+03:00`: the stated wall-clock time with its offset. */
  readonly text: string;
  /** True when only a date was given. */
  readonly dateOnly: boolean;
}

/**
 * Reads `2025-03-30`, `2025-03-30 04:30` or `2025-03-30T4:30:00` as Kyiv local time; null if it is none of
 * these or not a real date. In the hour that is skipped in spring (03:00–04:00 on the last Sunday of March)
 * the winter offset is used; in the hour that repeats in autumn, the first (summer) one.
 */
export function kyivTime(text: string): KyivTime | null {
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const dateOnly = h === undefined;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wallMs).getUTCDate() !== day) return null;
  const summer = wallMs - 3 * HOUR_MS;
  const offsetMinutes = inSummerTime(summer) ? 180 : 120;
  const instant: Instant = { epochMs: wallMs - offsetMinutes * 60_000, offsetMinutes };
  return { instant, text: formatInstant(instant), dateOnly };
}
