// Audit hashing: equal records hash alike whatever their key order; each event commits to the one before.

import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, type ChainFields, digest, firstBrokenLink, sha256Hex } from './audit.js';

const GENESIS = '0'.repeat(64);

type Event = ChainFields & { readonly hash: string };

/** Fields of one audit event; `prevHash` and `seq` are set by `chain`. */
function buildEventFields(overrides: Partial<ChainFields> = {}): ChainFields {
  return {
    seq: 1,
    at: '2025-03-18T20:00:00.000Z',
    actor: 'token:desk',
    action: 'agreement.create',
    subjectType: 'agreement',
    subjectId: 'energy-moratorium',
    beforeDigest: null,
    afterDigest: digest({ slug: 'energy-moratorium' }),
    reason: null,
    prevHash: GENESIS,
    ...overrides,
  };
}

/** A hash-linked run of `length` events from the genesis. */
function chain(length: number): Event[] {
  const events: Event[] = [];
  for (let seq = 1; seq <= length; seq += 1) {
    const fields = buildEventFields({
      seq,
      subjectId: `agreement-${seq}`,
      prevHash: events.at(-1)?.hash ?? GENESIS,
    });
    events.push({ ...fields, hash: chainHash(fields) });
  }
  return events;
}

/** The chain with one event replaced. */
function replaceAt(events: readonly Event[], index: number, event: Event): Event[] {
  return events.map((e, i) => (i === index ? event : e));
}

describe('canonicalJson', () => {
  it('sorts the keys of an object', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('writes the same text whatever the key order at the top level', () => {
    expect(canonicalJson({ slug: 's', title: 't' })).toBe(canonicalJson({ title: 't', slug: 's' }));
  });

  it('writes the same text whatever the key order three levels down', () => {
    const one = { a: { b: { c: 1, d: 2 }, e: 3 } };
    const two = { a: { e: 3, b: { d: 2, c: 1 } } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('sorts the keys of objects inside arrays', () => {
    expect(canonicalJson([{ y: 1, x: 2 }])).toBe('[{"x":2,"y":1}]');
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('tells null from a missing key', () => {
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });
});

describe('digest', () => {
  it('hashes records with the same content alike whatever their key order', () => {
    expect(digest({ parties: ['RU', 'UA'], slug: 'x' })).toBe(digest({ slug: 'x', parties: ['RU', 'UA'] }));
  });

  it('hashes records with different content differently', () => {
    expect(digest({ parties: ['RU', 'UA'] })).not.toBe(digest({ parties: ['UA', 'RU'] }));
  });

  it('is SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('chainHash', () => {
  const base = buildEventFields();

  it('is the same for the same fields', () => {
    expect(chainHash(buildEventFields())).toBe(chainHash(base));
  });

  it.each<[keyof ChainFields, ChainFields[keyof ChainFields]]>([
    ['seq', 2],
    ['at', '2025-03-18T20:00:00.001Z'],
    ['actor', 'token:other'],
    ['action', 'agreement.update'],
    ['subjectType', 'incident'],
    ['subjectId', 'energy-moratorium-2'],
    ['beforeDigest', digest({ slug: 'energy-moratorium' })],
    ['afterDigest', null],
    ['reason', 'correction'],
    ['prevHash', 'f'.repeat(64)],
  ])('changes when %s changes', (field, value) => {
    expect(chainHash({ ...base, [field]: value })).not.toBe(chainHash(base));
  });

  it('tells an empty reason from no reason', () => {
    expect(chainHash({ ...base, reason: '' })).not.toBe(chainHash({ ...base, reason: null }));
  });

  it('does not confuse a value moved from one field to its neighbour', () => {
    const moved = { ...base, actor: 'agreement.create', action: 'token:desk' };
    expect(chainHash(moved)).not.toBe(chainHash(base));
  });
});

describe('firstBrokenLink', () => {
  it('is null for an intact chain', () => {
    expect(firstBrokenLink(chain(5), GENESIS)).toBeNull();
  });

  it('is null for an empty run', () => {
    expect(firstBrokenLink([], GENESIS)).toBeNull();
  });

  it('finds an event whose fields were changed after it was hashed', () => {
    const events = chain(5);
    const third = events[2]!;
    expect(firstBrokenLink(replaceAt(events, 2, { ...third, actor: 'token:intruder' }), GENESIS)).toBe(3);
  });

  it('finds the link after an event that was changed and rehashed', () => {
    const events = chain(5);
    const { hash: _hash, ...fields } = { ...events[2]!, reason: 'rewritten' };
    const rehashed = { ...fields, hash: chainHash(fields) };
    expect(firstBrokenLink(replaceAt(events, 2, rehashed), GENESIS)).toBe(4);
  });

  it('finds the link after a removed event', () => {
    const events = chain(5);
    expect(firstBrokenLink([...events.slice(0, 2), ...events.slice(3)], GENESIS)).toBe(4);
  });

  it('finds the first event when the run does not start from the given genesis', () => {
    expect(firstBrokenLink(chain(3), 'f'.repeat(64))).toBe(1);
  });
});
