import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  type Hash,
  inclusionProof,
  leafHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

// The test vectors of RFC 6962's reference implementations (certificate-transparency, trillian): eight leaves
// and the tree head of each prefix. RFC 9162 hashes trees the same way.
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => leafHash(hexToBytes(hex)));
const VECTOR_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const MAX = 40;
const leaves: Hash[] = Array.from({ length: MAX }, (_, i) => leafHash(Uint8Array.of(i, i * 7 + 1)));

/** Each way to spoil a proof: flip a bit in one element, drop one, add one. */
function spoiled(proof: readonly Hash[]): Hash[][] {
  const variants: Hash[][] = [];
  for (let i = 0; i < proof.length; i++) {
    const copy = proof.map((h) => Uint8Array.from(h));
    const element = copy[i];
    if (element) element[i % 32] = (element[i % 32] ?? 0) ^ 1;
    variants.push(copy);
    variants.push(proof.filter((_, j) => j !== i));
  }
  variants.push([...proof, leaves[0] ?? EMPTY_ROOT]);
  return variants;
}

describe('tree heads', () => {
  it('match the reference test vectors for every size from 0 to 8', () => {
    for (let n = 0; n <= 8; n++) expect(bytesToHex(rootHash(VECTOR_LEAVES, n))).toBe(VECTOR_ROOTS[n]);
  });

  it('refuse a size beyond the leaves', () => {
    expect(() => rootHash(VECTOR_LEAVES, 9)).toThrow(RangeError);
  });
});

describe('inclusion proofs', () => {
  it('match the known path of leaf 0 in the tree of 8 vector leaves', () => {
    expect(inclusionProof(VECTOR_LEAVES, 0, 8).map(bytesToHex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });

  it('verify for every leaf of every tree up to 40 leaves, and nowhere else', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = rootHash(leaves, n);
      for (let m = 0; m < n; m++) {
        const leaf = leaves[m] ?? EMPTY_ROOT;
        const proof = inclusionProof(leaves, m, n);
        expect(verifyInclusion(leaf, m, n, proof, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(leaf, (m + 1) % n, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[(m + 1) % MAX] ?? EMPTY_ROOT, m, n, proof, root)).toBe(false);
        for (const bad of spoiled(proof)) expect(verifyInclusion(leaf, m, n, bad, root)).toBe(false);
      }
    }
  });

  it('reject an index outside the tree', () => {
    expect(() => inclusionProof(leaves, 3, 3)).toThrow(RangeError);
    expect(verifyInclusion(leaves[0] ?? EMPTY_ROOT, 3, 3, [], rootHash(leaves, 3))).toBe(false);
  });
});

describe('consistency proofs', () => {
  it('match the known proof between the trees of 6 and 8 vector leaves', () => {
    expect(consistencyProof(VECTOR_LEAVES, 6, 8).map(bytesToHex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('verify between every pair of sizes up to 40 leaves, and not between other trees', () => {
    for (let n = 1; n <= MAX; n++) {
      const second = rootHash(leaves, n);
      for (let m = 1; m <= n; m++) {
        const first = rootHash(leaves, m);
        const proof = consistencyProof(leaves, m, n);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, rootHash(leaves, m - 1), second, proof)).toBe(false);
          expect(verifyConsistency(m, n, first, rootHash(leaves, n - 1), proof)).toBe(false);
          for (const bad of spoiled(proof)) expect(verifyConsistency(m, n, first, second, bad)).toBe(false);
        }
      }
    }
  });

  it('reject a first tree larger than the second, and equal sizes with different roots', () => {
    expect(verifyConsistency(5, 4, rootHash(leaves, 5), rootHash(leaves, 4), [])).toBe(false);
    expect(verifyConsistency(4, 4, rootHash(leaves, 4), rootHash(leaves, 3), [])).toBe(false);
  });
});
