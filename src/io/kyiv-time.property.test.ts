// Kyiv wall-clock times, as the Air Force dataset writes them, against the platform's time-zone database
// (Europe/Kyiv): every wall-clock time must get the offset the database has for it, through both DST changes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kyivTime } from './kyiv-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Kyiv's spring and autumn changes of 2025: 30 March and 26 October, both at 01:00 UTC. */
const SPRING = Date.UTC(2025, 2, 30, 1);
const AUTUMN = Date.UTC(2025, 9, 26, 1);
const RUNS = { numRuns: 2_000, seed: 9 };

describe('Kyiv wall-clock times against the time-zone database', () => {
  const kyiv = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Kyiv',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });

  /** Kyiv's wall clock and offset at an instant, by the platform's tz database: `2025-03-30T04:00`, 180. */
  function kyivWall(epochMs: number): { wall: string; offsetMinutes: number } {
    const parts = Object.fromEntries(kyiv.formatToParts(epochMs).map((p) => [p.type, p.value]));
    const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(parts['timeZoneName'] ?? '') ?? [];
    const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
    return {
      wall: `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`,
      offsetMinutes,
    };
  }

  it('gives every Kyiv wall-clock time the offset the tz database has for it, through both DST changes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }),
          fc.integer({ min: SPRING - DAY, max: SPRING + DAY }),
          fc.integer({ min: AUTUMN - DAY, max: AUTUMN + DAY }),
        ),
        (epochMs) => {
          const truth = kyivWall(Math.floor(epochMs / MINUTE) * MINUTE);
          const read = kyivTime(truth.wall.replace('T', ' '));
          expect(read).not.toBeNull();
          // In the autumn hour that repeats, the first (summer) reading is the documented choice.
          const repeated = kyivWall(read!.instant.epochMs + 3_600_000).wall === truth.wall;
          if (!repeated) expect(read!.instant.offsetMinutes).toBe(truth.offsetMinutes);
          expect(kyivWall(read!.instant.epochMs).wall).toBe(truth.wall);
        },
      ),
      RUNS,
    );
  });
});
