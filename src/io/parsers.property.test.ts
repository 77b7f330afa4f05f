// Fuzzing every parser of imported files with fast-check: CSV (ACLED, the Air Force attacks dataset, the CSV
// reader under both), GeoJSON points, front-line GeoJSON and the Python literals in CSV cells. Whatever the
// input, a parser returns its result or reports per-row problems (at most one fatal, and last); it never
// throws a TypeError or RangeError, never hangs, and what it yields passes or fails validation without throwing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../core/errors.js';
import { lonLat, type LonLat } from '../core/geo.js';
import { buildPolygonIndex } from '../core/geometry/polygon.js';
import { incidentInputSchema } from '../core/schemas.js';
import { ACLED_REQUIRED_COLUMNS, parseAcled } from './acled.js';
import { ATTACKS_REQUIRED_COLUMNS, parseAttacks } from './attacks.js';
import { parseFrontline } from './frontline.js';
import { parseGeoJsonPoints } from './geojson-points.js';
import { kyivTime } from './kyiv-time.js';
import { parsePythonDict, parsePythonList } from './python-literals.js';
import { csvRecords, type RowResult, type TextSource } from './rows.js';

const RUNS = { numRuns: 150, seed: 9 };

/** Cells a hostile or broken file may hold: CSV syntax, wrong numbers and dates, Python literals, control bytes. */
const cellArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '\u0000',
    '\ufeff',
    '\ud800',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '-1',
    '0x10',
    '170.0',
    '3.5',
    '99999999999999999999',
    '2025-03-18',
    '2025-02-30',
    '2025-03-30 03:30',
    '2025-10-26 03:30',
    '9999-99-99',
    '0000-01-01',
    '2025-03-18T25:61',
    '48.9467',
    '91',
    '-181',
    "['Odesa oblast', 'Kharkiv oblast']",
    "['unclosed",
    "{'south': 16, 'east': NaN}",
    "{'a': 'text'}",
    'Shahed-136/131',
    'Explosions/Remote violence',
    'Shelling/artillery/missile attack',
    'Air/drone strike',
    'Military Forces of Russia (2000-)',
    'Military Forces of Ukraine (2019-)',
    'Ukraine',
    'x'.repeat(5_000),
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double().map(String),
);

/** One CSV line: cells quoted properly, or joined raw (which may break the quoting, as broken files do). */
function csvLine(cells: readonly string[], raw: boolean): string {
  return cells.map((c) => (raw || !/[",\r\n]/.test(c) ? c : `"${c.replace(/"/g, '""')}"`)).join(',');
}

/** A CSV file: a header of the known columns (some dropped, some extra, shuffled) and rows of hostile cells. */
function csvArb(columns: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.shuffledSubarray([...columns, 'notes', 'extra', ''], { minLength: 0 }),
      fc.boolean(),
      fc.constantFrom('\n', '\r\n'),
    )
    .chain(([header, raw, newline]) =>
      fc
        .array(fc.array(cellArb, { minLength: header.length, maxLength: header.length + 2 }), {
          maxLength: 8,
        })
        .map((rows) => [header, ...rows].map((cells) => csvLine(cells, raw)).join(newline)),
    );
}

/** Any text at all, or a CSV-shaped one. */
function fileArb(columns: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: csvArb(columns), weight: 4 },
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

/** Drains a parser; a thrown error must be a TrucelineError, never a TypeError or RangeError. */
async function drain<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const results: T[] = [];
  try {
    for await (const row of rows) results.push(row);
  } catch (error) {
    expect(error).toBeInstanceOf(TrucelineError);
  }
  return results;
}

/** What every per-row parser promises: 1-based lines, named fields and codes, one fatal at most, and last. */
function expectWellFormed(results: readonly RowResult[]): void {
  results.forEach((result, i) => {
    expect(result.line).toBeGreaterThanOrEqual(1);
    if (result.ok) {
      // The import validates every draft; that may fail, but must not throw.
      expect(() => incidentInputSchema.safeParse(result.value)).not.toThrow();
    } else {
      expect(result.field).toEqual(expect.any(String));
      expect(result.code).toMatch(/^[A-Z_]+$/);
      expect(result.message.length).toBeGreaterThan(0);
      if (result.fatal) expect(i).toBe(results.length - 1);
    }
  });
}

/** Streams text in chunks of random sizes, splitting lines, quotes and multi-byte characters. */
function chunked(text: string, sizes: readonly number[]): TextSource {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % Math.max(1, sizes.length)] ?? bytes.length;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return (async function* () {
    yield* chunks;
  })();
}

describe('CSV importers on malformed input', () => {
  it('ACLED: every row is a draft or a named problem, whatever the file holds', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(ACLED_REQUIRED_COLUMNS), async (text) => {
        expectWellFormed(await drain(parseAcled(text)));
      }),
      RUNS,
    );
  });

  it('Air Force attacks: every row is a draft or a named problem, whatever the file holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileArb([...ATTACKS_REQUIRED_COLUMNS, 'time_end', 'affected region', 'destroyed_details', 'source']),
        async (text) => {
          expectWellFormed(await drain(parseAttacks(text)));
        },
      ),
      RUNS,
    );
  });

  it('reads the same records whether the text comes whole or in chunks split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvArb(['a', 'b', 'c']),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        async (text, sizes) => {
          const read = async (source: TextSource) =>
            (await drain(csvRecords(source, ['a'], 'a test file'))).map((r) =>
              'get' in r ? { line: r.line, a: r.get('a'), b: r.get('b'), c: r.get('c') } : r,
            );
          expect(await read(chunked(text, sizes))).toEqual(await read(text));
        },
      ),
      RUNS,
    );
  });
});

/** A JSON value that looks like GeoJSON at some depth: features with hostile geometry and properties. */
const coordinateArb = fc.oneof(
  fc.double(),
  fc.constantFrom<unknown>(null, '36.2', [], {}, Number.MAX_VALUE, -0),
  fc.integer({ min: -200, max: 200 }),
);
const positionArb = fc.oneof(
  fc.array(coordinateArb, { minLength: 2, maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const ringArb = fc.oneof(
  fc.array(positionArb, { maxLength: 6 }),
  fc.tuple(fc.integer({ min: 30, max: 39 }), fc.integer({ min: 45, max: 51 })).map(([w, s]) => [
    [w, s],
    [w + 1, s],
    [w + 1, s + 1],
    [w, s + 1],
    [w, s],
  ]),
);
const geometryArb = fc.oneof(
  fc.record({ type: fc.constant('Point'), coordinates: positionArb }),
  fc.record({ type: fc.constant('LineString'), coordinates: fc.array(positionArb, { maxLength: 5 }) }),
  fc.record({
    type: fc.constant('MultiLineString'),
    coordinates: fc.array(fc.array(positionArb), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ringArb, { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('MultiPolygon'),
    coordinates: fc.array(fc.array(ringArb, { maxLength: 2 }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constantFrom('GeometryCollection', 'Nonsense', ''),
    coordinates: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.constantFrom<unknown>(null, [], 'Point', 7),
);
const propertiesArb = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'date',
      'title',
      'name',
      'act',
      'target',
      'description',
      'id',
      'ref',
      'fatalities',
      'sources',
      '__proto__',
    ),
    fc.oneof(cellArb, fc.jsonValue({ maxDepth: 2 })),
  ),
  fc.constantFrom<unknown>(null, [], 'text', 1),
);
const featureArb = fc.oneof(
  {
    arbitrary: fc.record({
      type: fc.constant('Feature'),
      geometry: geometryArb,
      properties: propertiesArb,
      id: fc.jsonValue({ maxDepth: 1 }),
    }),
    weight: 5,
  },
  fc.jsonValue({ maxDepth: 3 }),
);
const geoJsonTextArb: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .array(featureArb, { maxLength: 6 })
      .map((features) => JSON.stringify({ type: 'FeatureCollection', features })),
    weight: 4,
  },
  fc.array(featureArb, { maxLength: 4 }).map((features) => JSON.stringify(features)),
  featureArb.map((f) => JSON.stringify(f)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 100 }),
  fc.constantFrom('', '{', '[', 'null', '{"type":"FeatureCollection","features":{}}', '['.repeat(100_000)),
);

const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;
/** A square "country" from 30° to 40° E, 45° to 52° N, as in the front-line parser's own tests. */
const country = {
  land: buildPolygonIndex([[[[at(30, 45), at(40, 45), at(40, 52), at(30, 52), at(30, 45)]]]]),
  bbox: { minLon: 30, minLat: 45, maxLon: 40, maxLat: 52 },
};

describe('GeoJSON parsers on malformed input', () => {
  it('points: every feature is a draft or a named problem, whatever the JSON holds', async () => {
    await fc.assert(
      fc.asyncProperty(geoJsonTextArb, async (text) => {
        expectWellFormed(await drain(parseGeoJsonPoints(text)));
      }),
      RUNS,
    );
  });

  it('front line: refuses JSON null and skips features that are not objects (found by this fuzzing)', () => {
    expect(parseFrontline('null', country)).toEqual({ ok: false, message: 'no GeoJSON features' });
    const parsed = parseFrontline('{"type":"FeatureCollection","features":[null, 7, "x"]}', country);
    expect(parsed.ok && parsed.value.features.map((f) => f.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('front line: returns a parse or a message, every position of the result a real one', () => {
    fc.assert(
      fc.property(geoJsonTextArb, (text) => {
        let result: ReturnType<typeof parseFrontline> | undefined;
        try {
          result = parseFrontline(text, country);
        } catch (error) {
          expect(error).toBeInstanceOf(TrucelineError);
          return;
        }
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(0);
          return;
        }
        const positions = [...result.value.occupied.flat(2), ...result.value.lines.flat()];
        for (const [lon, lat] of positions) {
          expect(Math.abs(lon)).toBeLessThanOrEqual(180);
          expect(Math.abs(lat)).toBeLessThanOrEqual(90);
        }
        expect(result.value.features.every((f) => typeof f.status === 'string')).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('Python literals and Kyiv times on malformed input', () => {
  const literalArb = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc
      .array(fc.oneof(cellArb, fc.constantFrom("'", '\\', "\\'", '[', ']', '{', '}', ':', ', ')), {
        maxLength: 8,
      })
      .chain((parts) =>
        fc.constantFrom(`[${parts.join('')}]`, `{${parts.join('')}}`, `['${parts.join("', '")}']`),
      ),
  );

  it('returns a list, a dict or null, and never throws', () => {
    fc.assert(
      fc.property(literalArb, (text) => {
        const list = parsePythonList(text);
        const dict = parsePythonDict(text);
        expect(list === null || Array.isArray(list)).toBe(true);
        expect(dict === null || dict instanceof Map).toBe(true);
        for (const value of dict?.values() ?? []) expect(value === null || Number.isFinite(value)).toBe(true);
      }),
      { numRuns: 1_000, seed: 9 },
    );
  });

  it('reads back any list of strings Python would print', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }), (items) => {
        const printed = `[${items.map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
        expect(parsePythonList(printed)).toEqual(items);
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('reads a Kyiv time or gives null, never an invalid instant', () => {
    fc.assert(
      fc.property(fc.oneof(cellArb, fc.string({ maxLength: 25 })), (text) => {
        const read = kyivTime(text);
        if (read !== null) {
          expect(Number.isFinite(read.instant.epochMs)).toBe(true);
          expect([120, 180]).toContain(read.instant.offsetMinutes);
        }
      }),
      { numRuns: 1_000, seed: 9 },
    );
  });

  it('does not hang on large adversarial input', async () => {
    const inputs = [
      `['${'\\a'.repeat(100_000)}`,
      `{'${'a'.repeat(100_000)}': ${'1'.repeat(100_000)}x}`,
      `[${"'a', ".repeat(20_000)}'unclosed]`,
      ']'.repeat(100_000),
    ];
    const started = performance.now();
    for (const text of inputs) {
      parsePythonList(text);
      parsePythonDict(text);
      kyivTime(text);
    }
    const csv = [
      ACLED_REQUIRED_COLUMNS.join(','),
      ...Array.from({ length: 2_000 }, () => '"'.repeat(51)),
    ].join('\n');
    await drain(parseAcled(csv));
    await drain(parseGeoJsonPoints('['.repeat(200_000)));
    expect(parseFrontline('{"a":'.repeat(100_000), country).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
