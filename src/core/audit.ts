// Audit hashing: canonical JSON digests of records and the hash that links each audit event to the last.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The prev_hash of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal records always hash alike. */
export function canonicalJson(value: unknown): string {
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
