// The standalone verifier printed in docs/audit.md, run as written against proofs from the API.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveParty } from '../src/services/reference.js';
import { writeCheckpoint } from '../src/services/checkpoints.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

interface Snippet {
  verifyInclusionProof(p: unknown): boolean;
  verifyCheckpointSignature(c: unknown, publicKeyPem: string): boolean;
}

const dir = mkdtempSync(join(tmpdir(), 'truceline-doc-'));
let snippet: Snippet;
beforeAll(async () => {
  const doc = readFileSync('docs/audit.md', 'utf8');
  const code = /<!-- verify-snippet:start -->\s*```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error('docs/audit.md has no verify snippet');
  const file = join(dir, 'verify.ts');
  writeFileSync(file, code);
  snippet = (await import(file)) as Snippet;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeEachEngine('the documented verifier', (engine) => {
  const h = useApp(engine, { demo: true });

  it('accepts every event of a checkpoint and its signature, and refuses a wrong position or root', async () => {
    await saveParty(h.services, { kind: 'system', name: 'test' }, { code: 'QQ', name: 'Q', kind: 'state' });
    const checkpoint = await writeCheckpoint(h.services);
    const size = checkpoint?.treeSize ?? 0;
    expect(size).toBeGreaterThan(10);
    const { publicKeyPem } = (await h.app.inject({ url: '/api/v1/audit/key' })).json<{
      publicKeyPem: string;
    }>();
    for (let seq = 1; seq <= size; seq++) {
      const proof = (await h.app.inject({ url: `/api/v1/audit/proof/${seq}` })).json<{
        leafIndex: number;
        checkpoint: { rootHash: string };
      }>();
      expect(snippet.verifyInclusionProof(proof)).toBe(true);
      expect(snippet.verifyCheckpointSignature(proof.checkpoint, publicKeyPem)).toBe(true);
      expect(snippet.verifyInclusionProof({ ...proof, leafIndex: (proof.leafIndex + 1) % size })).toBe(false);
      const forged = {
        ...proof.checkpoint,
        rootHash: proof.checkpoint.rootHash.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      };
      expect(snippet.verifyInclusionProof({ ...proof, checkpoint: forged })).toBe(false);
      expect(snippet.verifyCheckpointSignature(forged, publicKeyPem)).toBe(false);
    }
  });
});
