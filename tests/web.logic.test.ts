// The web app's pure logic, without a browser: readouts compared on the demo moratorium as the API sends it,
// where an agreement stands on a day, the incident filters in the address, and the map's calendar days.

import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysFrom, inForceOn, isDay } from '../web/src/days.js';
import { apiQuery, PAGE_SIZE, readFilters, writeFilters } from '../web/src/filters.js';
import { compareReadouts, groupsOf, type Row } from '../web/src/readouts.js';
import type { Agreement, InForce } from '../web/src/types.js';
import { agreementStanding, daysLeft, readoutStanding } from '../web/src/windows.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

describe('readouts side by side, on the demo moratorium', () => {
  const h = useApp('sqlite', { demo: true });
  let rows: Row[];
  let agreement: Agreement;

  beforeAll(async () => {
    agreement = (await client(h).get<Agreement>('/api/v1/agreements/energy-moratorium-2025-03')).body;
    rows = compareReadouts(agreement.readouts, agreement.conditions);
  });

  const row = (aspect: string) => rows.find((r) => r.aspect === aspect)!;
  const issuersOf = (aspect: string) =>
    groupsOf(row(aspect)).map((g) =>
      g.readouts.map((key) => agreement.readouts.find((r) => r.key === key)?.issuedBy),
    );

  it('groups the starts: 18 March for the US and both Kremlin readouts, 25 March for Ukraine', () => {
    expect(row('start').differs).toBe(true);
    expect(groupsOf(row('start')).map((g) => g.value)).toEqual([
      { kind: 'day', day: '2025-03-18', precision: 'day' },
      { kind: 'day', day: '2025-03-25', precision: 'day' },
    ]);
    expect(issuersOf('start')).toEqual([['US', 'RU', 'RU'], ['UA']]);
  });

  it('sets the White House’s “energy and infrastructure” apart from Ukraine’s “energy infrastructure”', () => {
    const scope = row('scope');
    expect(scope.differs).toBe(true);
    const wh = scope.cells.find((c) => c.readout === 'wh-2025-03-18')!;
    const ua = scope.cells.find((c) => c.readout === 'ua-2025-03-25')!;
    expect(wh.value).toEqual({ kind: 'text', text: 'energy and infrastructure' });
    expect(ua.value).toEqual({ kind: 'text', text: 'energy infrastructure' });
    expect(wh.group).not.toBe(ua.group);
  });

  it('marks as the same what every readout says alike: the act', () => {
    expect(row('acts').differs).toBe(false);
    expect(new Set(row('acts').cells.map((c) => c.group))).toEqual(new Set([0]));
  });

  it('tells an end by duration (the Kremlin’s 30 days) from no end stated', () => {
    expect(groupsOf(row('end')).map((g) => g.value)).toEqual([
      { kind: 'none' },
      { kind: 'duration', days: 30 },
    ]);
  });
});

describe('where an agreement stands', () => {
  const window = (from: string | null, until: string | null): InForce => ({
    from,
    until,
    cutShortBy: null,
    reason: from === null ? 'a precondition is unmet' : null,
  });
  const now = Date.parse('2025-04-10T12:00:00Z');

  it('reads each readout’s window on the day', () => {
    expect(readoutStanding(window('2025-03-18T04:00:00Z', '2025-04-16T21:00:00Z'), now)).toBe('in-force');
    expect(readoutStanding(window('2025-03-18T04:00:00Z', '2025-04-01T00:00:00Z'), now)).toBe('lapsed');
    expect(readoutStanding(window('2025-05-01T00:00:00Z', null), now)).toBe('not-yet');
    expect(readoutStanding(window(null, null), now)).toBe('never');
  });

  it('counts an agreement in force while any readout is, and lapsed once all have ended', () => {
    const lapsed = window('2025-03-18T04:00:00Z', '2025-04-01T00:00:00Z');
    expect(agreementStanding([lapsed, window('2025-03-25T04:00:00Z', null)], now)).toBe('in-force');
    expect(agreementStanding([lapsed, window(null, null)], now)).toBe('lapsed');
    expect(agreementStanding([window(null, null)], now)).toBe('never');
  });

  it('counts the days left, rounding a part day up, and none for an open end', () => {
    expect(daysLeft(window('2025-03-18T04:00:00Z', '2025-04-16T21:00:00Z'), now)).toBe(7);
    expect(daysLeft(window('2025-03-18T04:00:00Z', null), now)).toBeNull();
  });
});

describe('incident filters in the address', () => {
  it('round-trips every filter and the page', () => {
    const filters = {
      agreement: 'energy-moratorium-2025-03',
      verdict: 'contested' as const,
      party: 'RU',
      from: '2025-03-18',
      to: '2025-04-16',
      page: 3,
    };
    expect(readFilters(writeFilters(filters))).toEqual(filters);
    expect(apiQuery(filters)).toMatchObject({
      verdict: 'contested',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
  });

  it('drops what the API would refuse', () => {
    expect(readFilters(new URLSearchParams('verdict=maybe&party=r%20u&from=18.03.2025&page=-2'))).toEqual({
      page: 1,
    });
  });

  it('leaves page 1 and unset filters out of the address', () => {
    expect(writeFilters({ verdict: 'covered', page: 1 }).toString()).toBe('verdict=covered');
  });
});

describe('calendar days for the map', () => {
  it('adds days and counts them across a month end', () => {
    expect(addDays('2025-03-30', 3)).toBe('2025-04-02');
    expect(daysFrom('2025-03-18', '2025-04-17')).toBe(30);
  });

  it('finds the snapshot in force: the last on or before the day', () => {
    const dates = ['2025-03-18', '2025-03-30', '2025-04-02'];
    expect(inForceOn(dates, '2025-03-31')).toBe('2025-03-30');
    expect(inForceOn(dates, '2025-04-02')).toBe('2025-04-02');
    expect(inForceOn(dates, '2025-03-01')).toBeNull();
  });

  it('accepts only YYYY-MM-DD days', () => {
    expect(isDay('2025-03-18')).toBe(true);
    expect(isDay('18.03.2025')).toBe(false);
    expect(isDay(null)).toBe(false);
  });
});
