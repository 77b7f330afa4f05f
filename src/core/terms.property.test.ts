// Windows against brute force: whether an instant lies in a readout's window, computed from epoch arithmetic by
// `windowInterval` and `precisionInterval`, must equal the answer from comparing wall-clock texts in the
// bound's own offset; bounds are written in fixed offsets and in Kyiv time (its offset from the platform's
// time-zone database) across both 2025 DST changes. src/io/kyiv-time.property.test.ts checks Kyiv time itself.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermWindow, WindowBound } from './model.js';
import { windowInterval } from './terms.js';
import { formatInstant, type Instant, parseInstant, PRECISIONS, precisionInterval } from './time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Kyiv's spring and autumn changes of 2025: 30 March and 26 October, both at 01:00 UTC. */
const SPRING = Date.UTC(2025, 2, 30, 1);
const AUTUMN = Date.UTC(2025, 9, 26, 1);

/** The wall-clock time of an instant in a fixed offset, `2025-03-18T20:50`, by shifting and printing. */
function wall(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * MINUTE).toISOString().slice(0, 16);
}

/** How many characters of `YYYY-MM-DDTHH:MM` a bound's precision keeps. */
const KEEP = { minute: 16, hour: 13, day: 10 } as const;

/** The bound's own offset, read off its text. */
function offsetOf(bound: WindowBound): number {
  return parseInstant(bound.at)?.offsetMinutes ?? NaN;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * Brute force: the instant is in the window when its wall-clock text in the start's offset, cut to the start's
 * precision, is not before the start's; and likewise not after the end, or before the start plus whole days.
 */
function inWindowByText(window: TermWindow, epochMs: number): boolean {
  const { start, end, durationDays } = window;
  if (!start) return false;
  const startWall = wall(epochMs, offsetOf(start));
  if (startWall.slice(0, KEEP[start.precision]) < start.at.slice(0, KEEP[start.precision])) return false;
  if (end) {
    const keep = KEEP[end.precision];
    return wall(epochMs, offsetOf(end)).slice(0, keep) <= end.at.slice(0, keep);
  }
  if (durationDays !== null) {
    // The same wall-clock unit `durationDays` days later, padded to a full `YYYY-MM-DDTHH:MM`.
    const from = start.at.slice(0, KEEP[start.precision]);
    const time = { 10: 'T00:00', 13: `${from.slice(10)}:00`, 16: from.slice(10) }[from.length] ?? '';
    const until = addDays(from.slice(0, 10), durationDays) + time;
    return startWall < until;
  }
  return true;
}

const MARCH_1 = Date.UTC(2025, 2, 1);

/** Instants from March to November 2025, a third of them within a day of a Kyiv DST change. */
const epochArb = fc.oneof(
  fc.integer({ min: MARCH_1, max: Date.UTC(2025, 10, 30) }),
  fc.integer({ min: SPRING - DAY, max: SPRING + DAY }),
  fc.integer({ min: AUTUMN - DAY, max: AUTUMN + DAY }),
);

const kyivOffsetFormat = new Intl.DateTimeFormat('en', {
  timeZone: 'Europe/Kyiv',
  timeZoneName: 'longOffset',
});

/** Kyiv's offset from UTC at an instant, in minutes, by the platform's time-zone database (120 or 180). */
function kyivOffset(epochMs: number): number {
  const name = kyivOffsetFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(name) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

const precisionArb = fc.constantFrom('minute' as const, 'hour' as const, 'day' as const);

/** A window edge: an instant in a fixed offset, or a Kyiv wall-clock time (summer or winter offset). */
const boundArb: fc.Arbitrary<WindowBound> = fc.oneof(
  fc
    .record({ epochMs: epochArb, offsetMinutes: fc.constantFrom(0, 120, 180, -300, 330, -720, 840) })
    .chain((at) => precisionArb.map((precision) => ({ at: formatInstant(at), precision }))),
  fc.tuple(epochArb, precisionArb).map(([epochMs, precision]) => ({
    at: formatInstant({ epochMs, offsetMinutes: kyivOffset(epochMs) }),
    precision,
  })),
);

const windowArb: fc.Arbitrary<TermWindow> = fc
  .record({
    start: boundArb,
    end: fc.oneof(
      fc.constant({ end: null, durationDays: null }),
      fc.integer({ min: 1, max: 60 }).map((d) => ({ end: null, durationDays: d })),
      boundArb.map((end) => ({ end, durationDays: null })),
    ),
  })
  .map(({ start, end }) => ({ start, ...end, extension: null, escapeClause: null }));

const RUNS = { numRuns: 2_000, seed: 9 };

describe('window membership against brute force', () => {
  it('puts an instant in a window exactly when comparing wall-clock texts does', () => {
    let inside = 0;
    fc.assert(
      fc.property(windowArb, epochArb, fc.integer({ min: -2, max: 2 }), (window, epochMs, nudge) => {
        const interval = windowInterval(window);
        // Also right at the edges, where an off-by-one would show: a minute either side of the start.
        const t = nudge === 0 || !interval ? epochMs : interval.startMs + nudge * MINUTE;
        const member = interval !== null && t >= interval.startMs && t < interval.endMs;
        expect(member).toBe(inWindowByText(window, t));
        if (member) inside++;
      }),
      RUNS,
    );
    expect(inside).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('reads an instant at a precision as the local unit that contains it, in its own offset', () => {
    fc.assert(
      fc.property(
        fc.record({ epochMs: epochArb, offsetMinutes: fc.constantFrom(0, 120, 180, -300, 330) }),
        fc.constantFrom(...PRECISIONS),
        epochArb,
        (instant: Instant, precision, other) => {
          const { startMs, endMs } = precisionInterval(instant, precision);
          const [a, b] = [wall(instant.epochMs, instant.offsetMinutes), wall(other, instant.offsetMinutes)];
          const mondayOf = (text: string): string => {
            const day = new Date(`${text.slice(0, 10)}T00:00Z`);
            return addDays(text.slice(0, 10), -((day.getUTCDay() + 6) % 7));
          };
          const sameUnit = {
            minute: a === b,
            hour: a.slice(0, 13) === b.slice(0, 13),
            day: a.slice(0, 10) === b.slice(0, 10),
            week: mondayOf(a) === mondayOf(b),
            month: a.slice(0, 7) === b.slice(0, 7),
          }[precision];
          expect(other >= startMs && other < endMs).toBe(sameUnit);
          expect(instant.epochMs >= startMs && instant.epochMs < endMs).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
