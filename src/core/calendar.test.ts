// Readout windows as calendar events: all-day in the readout's own offset or timed in UTC, the status from the
// agreement's lifecycle and preconditions, and UIDs that follow the agreement, the readout and the stated start.

import { describe, expect, it } from 'vitest';
import { statedWindow, windowEvents } from './calendar.js';
import {
  bound,
  buildAgreement,
  buildCondition,
  buildLifecycleStep,
  buildReadout,
  buildWindow,
} from './testing/factories.js';

const kremlin = buildReadout({ key: 'kremlin' });
const ukraine = buildReadout({
  key: 'ua',
  issuedBy: 'UA',
  issuer: 'Ministry of Foreign Affairs of Ukraine',
  issuedAt: '2025-03-25T18:00:00+02:00',
  window: buildWindow({ start: bound('2025-03-25T00:00:00+02:00'), durationDays: null }),
});

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('windowEvents', () => {
  it('gives each readout with a start its own event, so 18 and 25 March stand side by side', () => {
    const events = windowEvents(buildAgreement({ readouts: [kremlin, ukraine] }));
    expect(events.map((e) => e.readoutKey)).toEqual(['kremlin', 'ua']);
    expect(events.map((e) => (e.time.allDay ? e.time.startDate : null))).toEqual([
      '2025-03-18',
      '2025-03-25',
    ]);
    expect(events[1]?.description).toContain('Other readouts start: 2025-03-18 (The Kremlin).');
  });

  it('makes a window of days an all-day event whose end is the day after the last', () => {
    const event = only(windowEvents(buildAgreement()));
    expect(event.time).toEqual({ allDay: true, startDate: '2025-03-18', endDate: '2025-04-17' });
    expect(event.status).toBe('confirmed');
    expect(event.description).toContain(
      'In force (UTC): from 2025-03-17T21:00:00.000Z until 2025-04-16T21:00:00.000Z.',
    );
  });

  it('rounds an end cut short in another offset up to the whole day, and says where it was cut', () => {
    // Ukraine's window (+02:00) is cut by the expiry at 17 April 00:00 +03:00, which is 16 April 23:00 in +02:00.
    const agreement = buildAgreement({ readouts: [ukraine], lifecycle: [buildLifecycleStep()] });
    const event = only(windowEvents(agreement));
    expect(event.time).toEqual({ allDay: true, startDate: '2025-03-25', endDate: '2025-04-17' });
    expect(event.status).toBe('confirmed');
    expect(event.description.join('\n')).toContain('cut short: expired 2025-04-17');
  });

  it('makes a window stated to the minute a timed event in UTC', () => {
    const easter = buildReadout({
      window: buildWindow({
        start: bound('2025-04-19T18:00:00+03:00', 'minute'),
        end: bound('2025-04-20T00:00:00+03:00'),
        durationDays: null,
      }),
    });
    const event = only(windowEvents(buildAgreement({ readouts: [easter] })));
    expect(event.time).toEqual({
      allDay: false,
      startUtc: '2025-04-19T15:00:00.000Z',
      endUtc: '2025-04-20T21:00:00.000Z',
    });
  });

  it('gives a window with no end its first day alone and says it has no end', () => {
    const event = only(windowEvents(buildAgreement({ readouts: [ukraine] })));
    expect(event.time).toEqual({ allDay: true, startDate: '2025-03-25', endDate: null });
    expect(event.description).toContain('Window as stated: from 2025-03-25 (UTC+02:00), no end stated.');
    expect(event.description.join('\n')).toContain('with no end');
  });

  it('marks a window held back by an unmet precondition tentative, as stated', () => {
    const agreement = buildAgreement({
      conditions: [buildCondition({ readout: 'kremlin', status: 'unmet' })],
    });
    const event = only(windowEvents(agreement));
    expect(event.status).toBe('tentative');
    expect(event.summary).toMatch(/\(not in force\)$/);
    expect(event.time).toEqual({ allDay: true, startDate: '2025-03-18', endDate: '2025-04-17' });
    expect(event.description.join('\n')).toContain('Not in force: not in force until a precondition is met');
  });

  it('marks a window the agreement ended before it began cancelled', () => {
    const agreement = buildAgreement({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', at: '2025-03-10T00:00:00+03:00' })],
    });
    const event = only(windowEvents(agreement));
    expect(event.status).toBe('cancelled');
    expect(event.summary).toMatch(/\(never in force\)$/);
  });

  it('gives no event to a readout that states no start', () => {
    const none = buildReadout({ window: buildWindow({ start: null, durationDays: null }) });
    expect(windowEvents(buildAgreement({ readouts: [none] }))).toEqual([]);
  });

  it('keeps a UID while the start stays, and changes it when the start moves', () => {
    const before = only(windowEvents(buildAgreement())).uid;
    const renamed = only(windowEvents(buildAgreement({ title: 'Renamed', version: 2 }))).uid;
    const moved = buildReadout({ window: buildWindow({ start: bound('2025-03-19T00:00:00+03:00') }) });
    expect(before).toBe('agreement-test-moratorium.readout-kremlin.20250317T210000Z@truceline');
    expect(renamed).toBe(before);
    expect(only(windowEvents(buildAgreement({ readouts: [moved] }))).uid).not.toBe(before);
  });
});

describe('statedWindow', () => {
  it('says a window as the readout states it, with its offset', () => {
    expect(statedWindow(kremlin)).toBe('from 2025-03-18 (UTC+03:00) for 30 days');
    const until = buildReadout({
      window: buildWindow({ durationDays: null, end: bound('2025-04-16T00:00:00+03:00') }),
    });
    expect(statedWindow(until)).toBe('from 2025-03-18 (UTC+03:00) until 2025-04-16 (UTC+03:00)');
  });
});
