// `canonicalJson` written out by hand gives exactly the text of its first definition (JSON.stringify with a
// replacer that rebuilds every object from its sorted entries), on arbitrary values: every digest and chain hash
// already stored stays reproducible.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson } from './audit.js';

function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      return Object.fromEntries(entries);
    }
    return v;
  });
}

const anything = fc.anything({
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withDate: true,
  withNullPrototype: true,
  withSparseArray: true,
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('0', '1', '2', '10', '01', '-1', '4294967294', '4294967295', '__proto__'),
  ),
  values: [fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)],
});

it('writes the same text as the sorted-entries replacer for any value', () => {
  fc.assert(
    fc.property(anything, (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    }),
    { numRuns: 2000 },
  );
});

it('sorts keys at every level, puts array indices first as JavaScript does, and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [3, undefined], c: null }, 10: 'x', 2: 'y', e: undefined })).toBe(
    '{"2":"y","10":"x","a":{"c":null,"d":[3,null]},"b":1}',
  );
  expect(canonicalJson({ at: new Date(Date.UTC(2025, 2, 18)) })).toBe('{"at":"2025-03-18T00:00:00.000Z"}');
});
