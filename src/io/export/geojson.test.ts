import { describe, expect, it } from 'vitest';
import { featureCollectionText, featureJson, roundCoordinate, writtenGeometry } from './geojson.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('featureCollectionText', () => {
  it('writes a FeatureCollection feature by feature, with foreign members and no crs', async () => {
    const out = await text(
      featureCollectionText(
        [
          { id: 'a', geometry: { type: 'Point', coordinates: [37.6167, 48.8667] }, properties: { n: 1 } },
          { id: 'b', geometry: null, properties: { n: 2 } },
        ],
        { name: 'test' },
      ),
    );
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(parsed).toEqual({
      type: 'FeatureCollection',
      name: 'test',
      features: [
        {
          type: 'Feature',
          id: 'a',
          geometry: { type: 'Point', coordinates: [37.6167, 48.8667] },
          properties: { n: 1 },
        },
        { type: 'Feature', id: 'b', geometry: null, properties: { n: 2 } },
      ],
    });
    expect(parsed).not.toHaveProperty('crs');
    expect(out.split('\n')).toHaveLength(5);
  });

  it('is valid JSON without features too', async () => {
    expect(JSON.parse(await text(featureCollectionText([])))).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
  });
});

describe('writtenGeometry', () => {
  it('keeps at most seven decimals', () => {
    expect(roundCoordinate(37.123456789)).toBe(37.1234568);
    expect(
      featureJson({ geometry: { type: 'Point', coordinates: [1.000000049, -2.99999999] }, properties: {} }),
    ).toBe('{"type":"Feature","geometry":{"type":"Point","coordinates":[1,-3]},"properties":{}}');
  });

  it('winds exterior rings counterclockwise and holes clockwise (RFC 7946 §3.1.6)', () => {
    const clockwise = [
      [0, 0],
      [0, 10],
      [10, 10],
      [10, 0],
      [0, 0],
    ] as const;
    const counterclockwise = [...clockwise].reverse();
    const g = writtenGeometry({ type: 'Polygon', coordinates: [clockwise, counterclockwise] });
    expect(g.type === 'Polygon' && g.coordinates).toEqual([counterclockwise, clockwise]);
    const multi = writtenGeometry({ type: 'MultiPolygon', coordinates: [[counterclockwise]] });
    expect(multi.type === 'MultiPolygon' && multi.coordinates).toEqual([[counterclockwise]]);
  });
});
