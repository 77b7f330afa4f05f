// An RFC 9162 (Certificate Transparency v2) Merkle tree over the audit log: tree heads, inclusion and
// consistency proofs, and the standalone checks of RFC 9162 §2.1.3.2 and §2.1.4.2. Pure: bytes in, bytes out.

import { sha256 } from '@noble/hashes/sha2.js';

export type Hash = Uint8Array;

function hashOf(prefix: number, ...parts: readonly Uint8Array[]): Hash {
  const h = sha256.create();
  h.update(Uint8Array.of(prefix));
  for (const part of parts) h.update(part);
  return h.digest();
}

/** The hash of a leaf: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Hash {
  return hashOf(0x00, leaf);
}

/** The hash of an interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return hashOf(0x01, left, right);
}

/** The hash of the empty tree: SHA-256 of no bytes. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/** The largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes [from, to). */
function subtreeRoot(leaves: readonly Hash[], from: number, to: number): Hash {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return at(leaves, from);
  const k = split(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

function at(leaves: readonly Hash[], i: number): Hash {
  const leaf = leaves[i];
  if (leaf === undefined) throw new RangeError(`no leaf ${i}`);
  return leaf;
}

function checkSize(leaves: readonly Hash[], size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > leaves.length)
    throw new RangeError(`tree size ${size} is outside 0..${leaves.length}`);
}

/** The tree head (MTH, RFC 9162 §2.1.1) of the first `size` leaves, given as leaf hashes. */
export function rootHash(leaves: readonly Hash[], size: number = leaves.length): Hash {
  checkSize(leaves, size);
  return subtreeRoot(leaves, 0, size);
}

/** The inclusion proof (PATH, RFC 9162 §2.1.3.1) of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leaves: readonly Hash[], index: number, size: number): Hash[] {
  checkSize(leaves, size);
  if (!Number.isInteger(index) || index < 0 || index >= size)
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Hash[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n === 1) return;
    const k = split(n);
    if (m < k) {
      walk(m, from, from + k);
      path.push(subtreeRoot(leaves, from + k, to));
    } else {
      walk(m - k, from + k, to);
      path.push(subtreeRoot(leaves, from, from + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** The consistency proof (PROOF, RFC 9162 §2.1.4.1) between the trees of the first `first` and `second` leaves. */
export function consistencyProof(leaves: readonly Hash[], first: number, second: number): Hash[] {
  checkSize(leaves, second);
  if (!Number.isInteger(first) || first < 0 || first > second)
    throw new RangeError(`tree size ${first} is outside 0..${second}`);
  if (first === 0 || first === second) return [];
  const proof: Hash[] = [];
  const sub = (m: number, from: number, to: number, whole: boolean): void => {
    const n = to - from;
    if (m === n) {
      if (!whole) proof.push(subtreeRoot(leaves, from, to));
      return;
    }
    const k = split(n);
    if (m <= k) {
      sub(m, from, from + k, whole);
      proof.push(subtreeRoot(leaves, from + k, to));
    } else {
      sub(m - k, from + k, to, false);
      proof.push(subtreeRoot(leaves, from, from + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Verifies an inclusion proof (RFC 9162 §2.1.3.2): that `leaf` (a leaf hash) is leaf `index` of the tree `root`. */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalHashes(r, root);
}

/**
 * Verifies a consistency proof (RFC 9162 §2.1.4.2): that the tree `firstRoot` of `first` leaves is a prefix of
 * the tree `secondRoot` of `second` leaves. Equal sizes need an empty proof and equal roots; a first tree of size
 * 0 is consistent with any tree.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second)
    return false;
  if (first === second) return proof.length === 0 && equalHashes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  const [head, ...rest] = path;
  if (head === undefined) return false;
  let fr = head;
  let sr = head;
  for (const c of rest) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot);
}
