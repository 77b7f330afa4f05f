import { describe, expect, it } from 'vitest';
import { kyivTime } from './kyiv-time.js';

describe('kyivTime', () => {
  it.each([
    ['2025-01-15 12:00', '2025-01-15T12:00:00+02:00'],
    ['2025-03-30 02:59', '2025-03-30T02:59:00+02:00'],
    // 03:00–04:00 does not exist that night; the winter offset is kept.
    ['2025-03-30 03:30', '2025-03-30T03:30:00+02:00'],
    ['2025-03-30 04:00', '2025-03-30T04:00:00+03:00'],
    ['2025-07-01 3:30', '2025-07-01T03:30:00+03:00'],
    // 03:00–04:00 happens twice on 26 October; the first (summer) one is taken.
    ['2025-10-26 03:30', '2025-10-26T03:30:00+03:00'],
    ['2025-10-26 04:00', '2025-10-26T04:00:00+02:00'],
    ['2024-03-31 04:00', '2024-03-31T04:00:00+03:00'],
    [' 2025-03-06 21:00 ', '2025-03-06T21:00:00+02:00'],
  ])('reads %s as %s', (local, stated) => {
    expect(kyivTime(local)?.text).toBe(stated);
  });

  it('reads a date alone as the start of that Kyiv day', () => {
    expect(kyivTime('2025-03-30')).toMatchObject({ text: '2025-03-30T00:00:00+02:00', dateOnly: true });
    expect(kyivTime('2025-03-30')?.instant.epochMs).toBe(Date.parse('2025-03-29T22:00:00Z'));
  });

  it.each(['2025-02-29', '2025-04-30 24:00', '30.04.2025', ''])('refuses %j', (text) => {
    expect(kyivTime(text)).toBeNull();
  });
});
