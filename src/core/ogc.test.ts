import { describe, expect, it } from 'vitest';
import { blurCoordinate } from './disclosure.js';
import { lonLat, type LonLat } from './geo.js';
import {
  blurredRange,
  linesIntersect,
  multiPolygonIntersects,
  type OgcBbox,
  parseBbox,
  parseDatetime,
} from './ogc.js';

const p = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseBbox', () => {
  it('reads four numbers, and six with the heights left out', () => {
    expect(parseBbox('36,47,38.5,49')).toEqual({ ok: true, bbox: [36, 47, 38.5, 49] });
    expect(parseBbox('36,47,0,38.5,49,100')).toEqual({ ok: true, bbox: [36, 47, 38.5, 49] });
  });

  it('keeps a box across the antimeridian (west > east)', () => {
    expect(parseBbox('170,-10,-170,10')).toEqual({ ok: true, bbox: [170, -10, -170, 10] });
  });

  it.each([
    ['36,47,38', 'four numbers'],
    ['36,47,,49', 'number'],
    ['a,47,38,49', 'number'],
    ['181,47,38,49', 'longitudes'],
    ['36,-91,38,49', 'latitudes'],
    ['36,49,38,47', 'southern edge'],
  ])('refuses %s', (text, message) => {
    const result = parseBbox(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('parseDatetime', () => {
  const span = (text: string) => {
    const r = parseDatetime(text);
    if (!r.ok) throw new Error(r.message);
    return [iso(r.span.startMs), iso(r.span.endMs)];
  };

  it('reads a date as its whole UTC day and a date-time as that instant', () => {
    expect(span('2025-03-25')).toEqual(['2025-03-25T00:00:00.000Z', '2025-03-26T00:00:00.000Z']);
    expect(span('2025-03-25T10:00:00+02:00')).toEqual([
      '2025-03-25T08:00:00.000Z',
      '2025-03-25T08:00:00.001Z',
    ]);
  });

  it('reads closed and half-open intervals, both ends inclusive', () => {
    expect(span('2025-03-01/2025-03-31')).toEqual(['2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']);
    expect(span('../2025-04-01')).toEqual([null, '2025-04-02T00:00:00.000Z']);
    expect(span('2025-03-25T12:30:00Z/..')).toEqual(['2025-03-25T12:30:00.000Z', null]);
    expect(span('/2025-04-01')).toEqual([null, '2025-04-02T00:00:00.000Z']);
    expect(span('../..')).toEqual([null, null]);
  });

  it('reads the date GDAL writes with a trailing T', () => {
    expect(span('2025-03-25T/..')).toEqual(['2025-03-25T00:00:00.000Z', null]);
  });

  it.each([
    '2025-02-30',
    '2025-03-25T10:00:00',
    'yesterday',
    '2025-03-01/2025-03-02/2025-03-03',
    '2025-04-01/2025-03-01',
  ])('refuses %s', (text) => {
    expect(parseDatetime(text).ok).toBe(false);
  });
});

describe('blurredRange', () => {
  it('holds exactly the coordinates whose blurred value lies in the range', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 500; i++) {
      const a = Math.round((random() * 40 - 20) * 1000) / 1000;
      const b = a + Math.round(random() * 2000) / 1000;
      const range = blurredRange(a, b);
      for (let j = 0; j < 20; j++) {
        // Points near the range and on cell edges, where rounding would show.
        const v = j % 2 === 0 ? a - 0.3 + random() * (b - a + 0.6) : Math.round((a + j * 0.1) * 10) / 10;
        const blurred = blurCoordinate(v);
        const inside = blurred >= a && blurred <= b;
        const inRange = range !== null && v >= range.from && v < range.below;
        expect(inRange, `${v} (blurred ${blurred}) in [${a}, ${b}]`).toBe(inside);
      }
    }
  });

  it('is empty when no cell centre falls in the range, one cell when one does', () => {
    expect(blurredRange(37.16, 37.24)).toBeNull();
    const one = blurredRange(37.15, 37.15);
    expect(one?.from).toBeCloseTo(37.1, 9);
    expect(one?.below).toBeCloseTo(37.2, 9);
  });
});

describe('geometry against a box', () => {
  const box: OgcBbox = [10, 10, 20, 20];

  it('finds a line through a box with no vertex inside it', () => {
    expect(linesIntersect([[p(5, 15), p(25, 15)]], box)).toBe(true);
    expect(linesIntersect([[p(5, 5), p(25, 8)]], box)).toBe(false);
  });

  it('finds a polygon that holds the box, crosses it or lies inside it', () => {
    const square = (a: number, b: number) => [[[p(a, a), p(b, a), p(b, b), p(a, b), p(a, a)]]];
    expect(multiPolygonIntersects(square(0, 30), box)).toBe(true);
    expect(multiPolygonIntersects(square(15, 30), box)).toBe(true);
    expect(multiPolygonIntersects(square(12, 14), box)).toBe(true);
    expect(multiPolygonIntersects(square(21, 30), box)).toBe(false);
  });

  it('splits a box across the antimeridian', () => {
    expect(linesIntersect([[p(-179, 0), p(-178, 1)]], [170, -5, -170, 5])).toBe(true);
    expect(linesIntersect([[p(0, 0), p(1, 1)]], [170, -5, -170, 5])).toBe(false);
  });
});
