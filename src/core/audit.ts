// Audit hashing: canonical JSON digests of records and the hash that links each audit event to the last. The
// SHA-256 itself is a port: core has a JavaScript one (it may not import node:crypto) and the services pass the
// platform's, several times faster (`src/services/sha256.ts`); both give the same hex for the same text.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The prev_hash of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A key JavaScript orders before all others in an object, ascending by value (an array index). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/**
 * JSON with object keys sorted at every level, so equal records always hash alike. Written out by hand, the same
 * text as `JSON.stringify` with a replacer that rebuilds each object from its sorted entries (which is how it was
 * first defined: array-index keys keep JavaScript's numeric order ahead of the others), several times faster:
 * the text is built by concatenation, and records of one shape (every incident of an import) share their sorted
 * key order and quoted keys instead of sorting and quoting again.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

/** At most this many shapes and quoted keys are remembered, so arbitrary input cannot grow the caches forever. */
const CACHE_LIMIT = 1000;

/** An object's own keys as `Object.keys` lists them, and the same keys in canonical order, quoted for JSON. */
interface Shape {
  readonly keys: readonly string[];
  readonly quoted: readonly string[];
  readonly order: readonly number[];
}

/** Shapes by their first key and key count; a hit is confirmed key by key. */
const shapes = new Map<string, Shape>();

function shapeOf(keys: readonly string[]): Shape {
  const id = `${keys.length}:${keys[0] ?? ''}`;
  const known = shapes.get(id);
  if (known !== undefined && sameKeys(known.keys, keys)) return known;
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices] ?? '')) indices++;
  const ordered = [...keys.slice(0, indices), ...keys.slice(indices).sort()];
  const position = new Map(keys.map((key, i) => [key, i]));
  const shape: Shape = {
    keys: [...keys],
    quoted: ordered.map((key) => JSON.stringify(key)),
    order: ordered.map((key) => position.get(key) ?? 0),
  };
  if (known !== undefined || shapes.size < CACHE_LIMIT) shapes.set(id, shape);
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function write(input: unknown): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    // An index loop, not `map`: a hole in a sparse array is written as null too.
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return `${text}]`;
  }
  const keys = Object.keys(value);
  const shape = shapeOf(keys);
  let text = '{';
  let first = true;
  for (let i = 0; i < shape.order.length; i++) {
    const member = write((value as Record<string, unknown>)[keys[shape.order[i] ?? 0] ?? '']);
    if (member === undefined) continue;
    text += `${first ? '' : ','}${shape.quoted[i] ?? ''}:${member}`;
    first = false;
  }
  return `${text}}`;
}

/** SHA-256 of the UTF-8 encoding of `text` (a lone surrogate as U+FFFD), as 64 lowercase hex digits. */
export type Sha256Hex = (text: string) => string;

/** SHA-256 written in JavaScript, for callers without the platform's (core's own tests, the browser). */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** The digest of a record as stored in an audit event's before/after fields. */
export function digest(value: unknown, hash: Sha256Hex = sha256Hex): string {
  return hash(canonicalJson(value));
}

export interface ChainFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly beforeDigest: string | null;
  readonly afterDigest: string | null;
  readonly reason: string | null;
  readonly prevHash: string;
}

/** The hash of an audit event: it covers every field and the previous event's hash. */
export function chainHash(event: ChainFields, hash: Sha256Hex = sha256Hex): string {
  return hash(
    canonicalJson([
      event.seq,
      event.at,
      event.actor,
      event.action,
      event.subjectType,
      event.subjectId,
      event.beforeDigest,
      event.afterDigest,
      event.reason,
      event.prevHash,
    ]),
  );
}

/** Checks a run of events from the genesis: returns the seq of the first broken link, or null when intact. */
export function firstBrokenLink(
  events: readonly (ChainFields & { readonly hash: string })[],
  genesis: string,
  hash: Sha256Hex = sha256Hex,
): number | null {
  let prev = genesis;
  for (const event of events) {
    if (event.prevHash !== prev || chainHash(event, hash) !== event.hash) return event.seq;
    prev = event.hash;
  }
  return null;
}
