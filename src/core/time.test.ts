// Instants keep the offset they were stated in; precisions turn them into half-open intervals.

import { describe, expect, it } from 'vitest';
import { ms } from './testing/factories.js';
import {
  formatInstant,
  formatOffset,
  localDate,
  parseInstant,
  placeInterval,
  PRECISIONS,
  precisionInterval,
  toUtcIso,
  type Interval,
} from './time.js';

/** The interval as UTC ISO text, so a failure reads as dates rather than milliseconds. */
function utc(interval: Interval): { start: string; end: string } {
  return { start: toUtcIso(interval.startMs), end: toUtcIso(interval.endMs) };
}

function parsed(text: string, defaultOffsetMinutes = 0) {
  const instant = parseInstant(text, defaultOffsetMinutes);
  if (!instant) throw new Error(`expected ${text} to parse`);
  return instant;
}

describe('parseInstant', () => {
  it('reads a time with Z as UTC', () => {
    expect(parseInstant('2025-03-18T17:50:00Z')).toEqual({
      epochMs: Date.UTC(2025, 2, 18, 17, 50),
      offsetMinutes: 0,
    });
  });

  it('reads a +02:00 offset east of UTC', () => {
    expect(parseInstant('2025-03-18T20:50:00+02:00')).toEqual({
      epochMs: Date.UTC(2025, 2, 18, 18, 50),
      offsetMinutes: 120,
    });
  });

  it('reads a -04:00 offset west of UTC', () => {
    expect(parseInstant('2025-03-18T14:00-04:00')).toEqual({
      epochMs: Date.UTC(2025, 2, 18, 18, 0),
      offsetMinutes: -240,
    });
  });

  it('reads a compact +0530 offset', () => {
    expect(parseInstant('2025-03-18T12:00:00+0530')).toEqual({
      epochMs: Date.UTC(2025, 2, 18, 6, 30),
      offsetMinutes: 330,
    });
  });

  it('reads a date without a time as midnight in the default offset', () => {
    expect(parseInstant('2025-03-18', 180)).toEqual({
      epochMs: Date.UTC(2025, 2, 17, 21, 0),
      offsetMinutes: 180,
    });
  });

  it('reads a date without a time as UTC midnight when no default offset is given', () => {
    expect(parseInstant('2025-03-18')).toEqual({ epochMs: Date.UTC(2025, 2, 18), offsetMinutes: 0 });
  });

  it('prefers a stated offset to the default offset', () => {
    expect(parseInstant('2025-03-18T00:00:00+02:00', 180)?.offsetMinutes).toBe(120);
  });

  it('keeps milliseconds of a fractional second', () => {
    expect(parseInstant('2025-03-18T17:50:00.125Z')?.epochMs).toBe(Date.UTC(2025, 2, 18, 17, 50, 0, 125));
  });

  it('ignores surrounding whitespace', () => {
    expect(parseInstant('  2025-03-18T17:50:00Z\n')?.epochMs).toBe(Date.UTC(2025, 2, 18, 17, 50));
  });

  it('reads a year before 100 as written, not as a year of the 1900s', () => {
    expect(formatInstant(parsed('0025-03-18T00:00:00Z'))).toBe('0025-03-18T00:00:00+00:00');
  });

  it('rejects 30 February', () => {
    expect(parseInstant('2025-02-30')).toBeNull();
  });

  it('rejects 29 February outside a leap year', () => {
    expect(parseInstant('2025-02-29')).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseInstant('2024-02-29')?.epochMs).toBe(Date.UTC(2024, 1, 29));
  });

  it('rejects 24:00 as an hour', () => {
    expect(parseInstant('2025-03-18T24:00:00Z')).toBeNull();
  });

  it.each(['2025-13-01', '2025-00-10', '2025-03-00', '2025-03-18T12:60Z', '2025-03-18T12:00:60Z'])(
    'rejects the out-of-range field in %s',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );

  it('rejects an offset beyond 14 hours', () => {
    expect(parseInstant('2025-03-18T12:00:00+15:00')).toBeNull();
  });

  it.each([
    '',
    'yesterday',
    '18/03/2025',
    '2025-3-18',
    '2025-03-18T12',
    '2025-03-18T12:00+2',
    '2025-03-18Z',
    '2025-03-18T12:00:00 UTC',
  ])('rejects garbage: %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('formatInstant', () => {
  it.each(['2025-03-18T20:50:00+02:00', '2025-03-18T14:00:00-04:00', '2025-03-18T12:00:00+05:30'])(
    'round-trips %s with its offset',
    (text) => {
      expect(formatInstant(parsed(text))).toBe(text);
    },
  );

  it('writes a compact +0530 offset with a colon', () => {
    expect(formatInstant(parsed('2025-03-18T12:00:00+0530'))).toBe('2025-03-18T12:00:00+05:30');
  });

  it('writes Z as +00:00', () => {
    expect(formatInstant(parsed('2025-03-18T17:50:00Z'))).toBe('2025-03-18T17:50:00+00:00');
  });

  it('writes a date read in a default offset at midnight in that offset', () => {
    expect(formatInstant(parsed('2025-03-18', 180))).toBe('2025-03-18T00:00:00+03:00');
  });
});

describe('localDate', () => {
  it('gives the calendar date in the instant’s own offset, not in UTC', () => {
    expect(localDate(parsed('2025-03-18T01:30:00+03:00'))).toBe('2025-03-18');
  });
});

describe('formatOffset', () => {
  it('writes a negative half-hour offset with its sign', () => {
    expect(formatOffset(-210)).toBe('-03:30');
  });
});

describe('precisionInterval in +03:00', () => {
  const noonish = parsed('2025-03-18T12:34:56+03:00');

  it('gives a minute as that minute', () => {
    expect(utc(precisionInterval(noonish, 'minute'))).toEqual({
      start: '2025-03-18T09:34:00.000Z',
      end: '2025-03-18T09:35:00.000Z',
    });
  });

  it('gives an hour as that hour', () => {
    expect(utc(precisionInterval(noonish, 'hour'))).toEqual({
      start: '2025-03-18T09:00:00.000Z',
      end: '2025-03-18T10:00:00.000Z',
    });
  });

  it('gives a day as the local day, starting at 21:00Z the day before', () => {
    expect(utc(precisionInterval(noonish, 'day'))).toEqual({
      start: '2025-03-17T21:00:00.000Z',
      end: '2025-03-18T21:00:00.000Z',
    });
  });

  it('puts an early-morning local time in its local day though UTC is still on the day before', () => {
    expect(utc(precisionInterval(parsed('2025-03-18T01:30:00+03:00'), 'day')).start).toBe(
      '2025-03-17T21:00:00.000Z',
    );
  });

  it('gives a week as Monday to Sunday around a Wednesday', () => {
    expect(utc(precisionInterval(parsed('2025-03-19T10:00:00+03:00'), 'week'))).toEqual({
      start: '2025-03-16T21:00:00.000Z',
      end: '2025-03-23T21:00:00.000Z',
    });
  });

  it('puts a late Sunday in the week that began the Monday before', () => {
    expect(utc(precisionInterval(parsed('2025-03-23T23:30:00+03:00'), 'week')).start).toBe(
      '2025-03-16T21:00:00.000Z',
    );
  });

  it('starts the week on the Monday itself', () => {
    expect(utc(precisionInterval(parsed('2025-03-17T00:00:00+03:00'), 'week')).start).toBe(
      '2025-03-16T21:00:00.000Z',
    );
  });

  it('gives a month as the local calendar month', () => {
    expect(utc(precisionInterval(noonish, 'month'))).toEqual({
      start: '2025-02-28T21:00:00.000Z',
      end: '2025-03-31T21:00:00.000Z',
    });
  });

  it.each(PRECISIONS)('contains the instant itself at %s precision', (precision) => {
    const interval = precisionInterval(noonish, precision);
    expect(interval.startMs).toBeLessThanOrEqual(noonish.epochMs);
    expect(interval.endMs).toBeGreaterThan(noonish.epochMs);
  });
});

describe('precisionInterval west of UTC', () => {
  it('carries a December month in -04:00 into the next year', () => {
    expect(utc(precisionInterval(parsed('2024-12-31T22:00:00-04:00'), 'month'))).toEqual({
      start: '2024-12-01T04:00:00.000Z',
      end: '2025-01-01T04:00:00.000Z',
    });
  });
});

describe('precisionInterval in early years', () => {
  it('gives the month of a year before 100 in that year', () => {
    expect(utc(precisionInterval(parsed('0025-03-18T00:00:00Z'), 'month'))).toEqual({
      start: '0025-03-01T00:00:00.000Z',
      end: '0025-04-01T00:00:00.000Z',
    });
  });
});

describe('placeInterval against the half-open window [10:00Z, 20:00Z)', () => {
  const window = { startMs: ms('2025-03-18T10:00Z'), endMs: ms('2025-03-18T20:00Z') };
  const span = (from: string, to: string) => ({ startMs: ms(from), endMs: ms(to) });

  it('is inside when the interval is the window', () => {
    expect(placeInterval(window, window)).toBe('inside');
  });

  it('is inside when the interval starts exactly at the window start', () => {
    expect(placeInterval(span('2025-03-18T10:00Z', '2025-03-18T10:01Z'), window)).toBe('inside');
  });

  it('is inside when the interval ends exactly at the window end', () => {
    expect(placeInterval(span('2025-03-18T19:59Z', '2025-03-18T20:00Z'), window)).toBe('inside');
  });

  it('is outside when the interval ends exactly at the window start', () => {
    expect(placeInterval(span('2025-03-18T09:59Z', '2025-03-18T10:00Z'), window)).toBe('outside');
  });

  it('is outside when the interval starts exactly at the window end', () => {
    expect(placeInterval(span('2025-03-18T20:00Z', '2025-03-18T20:01Z'), window)).toBe('outside');
  });

  it('straddles when the interval crosses the window start by a minute', () => {
    expect(placeInterval(span('2025-03-18T09:59Z', '2025-03-18T10:01Z'), window)).toBe('straddles');
  });

  it('straddles when the interval crosses the window end by a minute', () => {
    expect(placeInterval(span('2025-03-18T19:59Z', '2025-03-18T20:01Z'), window)).toBe('straddles');
  });

  it('straddles when the interval contains the whole window', () => {
    expect(placeInterval(span('2025-03-18T00:00Z', '2025-03-19T00:00Z'), window)).toBe('straddles');
  });

  it('is inside an open-ended window for any later interval', () => {
    const open = { startMs: window.startMs, endMs: Number.POSITIVE_INFINITY };
    expect(placeInterval(span('2099-01-01T00:00Z', '2099-02-01T00:00Z'), open)).toBe('inside');
  });
});
