import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { escapeXml, kmlText } from './kml.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('kmlText', () => {
  it('writes well-formed KML 2.2 with placemarks, their data, times and geometry', async () => {
    const out = await text(
      kmlText({ name: 'Test <&> "doc"', styles: [{ id: 's', color: 'ff0000ff' }] }, [
        {
          id: 'p1',
          name: 'Strike on "A" & <B>',
          description: 'line one\nline two \u0007bell',
          styleUrl: '#s',
          when: { at: '2025-03-18T20:50:00+02:00' },
          geometry: { type: 'Point', coordinates: [37.61670001, 48.8667] },
          data: { verdict: 'covered', fatalities: 0, reporter: null },
        },
        {
          name: 'Line',
          when: { begin: '2025-03-18', end: null },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [1, 2],
                [3, 4],
              ],
              [
                [5, 6],
                [7, 8],
              ],
            ],
          },
          data: {},
        },
        { name: 'Nowhere', geometry: null, data: { withheld: true } },
      ]),
    );
    // Well-formed, or the validator throws naming the line; then parsed.
    expect(SyntaxValidator.validate(out)).toBe(true);
    const kml = new XMLParser({ ignoreAttributes: false }).parse(out) as {
      kml: { '@_xmlns': string; Document: { name: string; Placemark: Record<string, unknown>[] } };
    };
    expect(kml.kml['@_xmlns']).toBe('http://www.opengis.net/kml/2.2');
    expect(kml.kml.Document.name).toBe('Test <&> "doc"');
    const [point, line, nowhere] = kml.kml.Document.Placemark;
    expect(point).toMatchObject({
      '@_id': 'p1',
      name: 'Strike on "A" & <B>',
      description: 'line one\nline two bell',
      TimeStamp: { when: '2025-03-18T20:50:00+02:00' },
      Point: { coordinates: '37.6167,48.8667' },
    });
    expect(point?.['ExtendedData']).toEqual({
      Data: [
        { '@_name': 'verdict', value: 'covered' },
        { '@_name': 'fatalities', value: 0 },
        { '@_name': 'reporter', value: '' },
      ],
    });
    expect(line).toMatchObject({
      TimeSpan: { begin: '2025-03-18' },
      MultiGeometry: { LineString: [{ coordinates: '1,2 3,4' }, { coordinates: '5,6 7,8' }] },
    });
    expect(nowhere).not.toHaveProperty('Point');
  });

  it('writes polygons with their holes', async () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ] as const;
    const out = await text(
      kmlText({ name: 'p' }, [
        { name: 'area', geometry: { type: 'Polygon', coordinates: [ring, ring] }, data: {} },
      ]),
    );
    expect(out).toContain(
      '<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs>',
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001f\uffff\ud800`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});
