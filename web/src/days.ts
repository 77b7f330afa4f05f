// Calendar days as YYYY-MM-DD text (UTC), for the map's date slider. Pure.

const DAY_MS = 86_400_000;

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, n: number): string {
  return new Date(ms(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysFrom(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/** The snapshot in force on `day`: the last of the sorted `dates` on or before it, or null. */
export function inForceOn(dates: readonly string[], day: string): string | null {
  let found: string | null = null;
  for (const d of dates) {
    if (d > day) break;
    found = d;
  }
  return found;
}

export const isDay = (text: string | null): text is string =>
  text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(ms(text));
