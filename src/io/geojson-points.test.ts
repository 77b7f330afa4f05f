import { describe, expect, it } from 'vitest';
import { parseGeoJsonPoints, type PointOptions } from './geojson-points.js';
import type { RowResult } from './rows.js';

async function parse(json: unknown, options: PointOptions = {}): Promise<RowResult[]> {
  const results: RowResult[] = [];
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  for await (const r of parseGeoJsonPoints(text, options)) results.push(r);
  return results;
}

const point = (lon: number, lat: number, properties: Record<string, unknown>, id?: string) => ({
  type: 'Feature',
  ...(id !== undefined ? { id } : {}),
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties,
});

describe('parseGeoJsonPoints', () => {
  it('reads a FeatureCollection of points, their properties and ids', async () => {
    const results = await parse({
      type: 'FeatureCollection',
      features: [
        point(
          36.23,
          50.0,
          {
            date: '2025-03-18',
            title: 'Substation hit',
            act: 'drone-strike',
            target: 'infrastructure.energy.substation',
          },
          'k-1',
        ),
      ],
    });
    expect(results).toEqual([
      {
        ok: true,
        line: 1,
        value: expect.objectContaining({
          ref: 'geojson:k-1',
          occurredAt: '2025-03-18',
          title: 'Substation hit',
          location: { lon: 36.23, lat: 50.0 },
          act: 'drone-strike',
          target: 'infrastructure.energy.substation',
        }) as unknown,
      },
    ]);
  });

  it('reads civilian-harm records, with a ref hashed from their content', async () => {
    const record = {
      date: '2025-03-01',
      location: 'Kharkiv',
      description: 'Damaged hospital following a reported strike. ',
      sources: ['https://t.me/a/1', 'https://t.me/b/2'],
      latitude: 50.007257,
      longitude: 36.235007,
    };
    const [first] = await parse([record], { refPrefix: 'bellingcat' });
    const [again] = await parse([record], { refPrefix: 'bellingcat' });
    expect(first).toMatchObject({
      ok: true,
      value: {
        title: 'Damaged hospital following a reported strike.',
        locationName: 'Kharkiv',
        location: { lon: 36.235007, lat: 50.007257 },
        sourceText: 'https://t.me/a/1\nhttps://t.me/b/2',
      },
    });
    expect(first?.ok && first.value.ref).toMatch(/^bellingcat:[0-9a-f]{20}$/);
    expect(again?.ok && again.value.ref).toBe(first?.ok && first.value.ref);
  });

  it('rejects a bad latitude, a polygon, a missing date and an unknown act by field, and goes on', async () => {
    const results = await parse([
      { date: '2025-03-01', location: 'X', latitude: 91, longitude: 30 },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { date: '2025-03-01' } },
      { location: 'Y', latitude: 50, longitude: 30 },
      point(30, 50, { date: '2025-03-01', title: 'T', act: 'bombing' }),
      { date: '2025-03-01', location: 'Z', latitude: '50.1', longitude: '30.2' },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.line} ${r.field} ${r.code}`))).toEqual([
      '1 latitude OUT_OF_RANGE',
      '2 geometry NOT_A_POINT',
      '3 date REQUIRED',
      '4 act UNKNOWN_VALUE',
      'ok',
    ]);
  });

  it('gives one fatal result for text that is not JSON, or JSON of another shape', async () => {
    expect(await parse('date,location\n2025-03-01,Kharkiv')).toEqual([
      expect.objectContaining({ ok: false, fatal: true, code: 'MALFORMED_JSON' }),
    ]);
    expect(await parse({ type: 'Topology' })).toEqual([
      expect.objectContaining({ ok: false, fatal: true, field: 'features', code: 'MISSING_FEATURES' }),
    ]);
  });
});
