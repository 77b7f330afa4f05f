// Audit hashing: canonical JSON digests of records and the hash that links each audit event to the last.

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
 * first defined: array-index keys keep JavaScript's numeric order ahead of the others), several times faster.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
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
    const items: string[] = [];
    // An index loop, not `map`: a hole in a sparse array is written as null too.
    for (let i = 0; i < value.length; i++) items.push(write(value[i]) ?? 'null');
    return `[${items.join(',')}]`;
  }
  const keys = Object.keys(value);
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices] ?? '')) indices++;
  const ordered = indices === 0 ? keys.sort() : [...keys.slice(0, indices), ...keys.slice(indices).sort()];
  const parts: string[] = [];
  for (const key of ordered) {
    const text = write((value as Record<string, unknown>)[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The digest of a record as stored in an audit event's before/after fields. */
export function digest(value: unknown): string {
  return sha256Hex(canonicalJson(value));
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
export function chainHash(event: ChainFields): string {
  return sha256Hex(
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
): number | null {
  let prev = genesis;
  for (const event of events) {
    if (event.prevHash !== prev || chainHash(event) !== event.hash) return event.seq;
    prev = event.hash;
  }
  return null;
}
