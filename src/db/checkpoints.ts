// Audit checkpoints: signed Merkle tree heads over the first `tree_size` audit events.

import type { Handle } from './engine.js';

export interface Checkpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly createdAt: string;
  readonly signature: string;
}

export async function listCheckpoints(db: Handle): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('tree_size').execute();
  return rows.map((r) => ({
    treeSize: r.tree_size,
    rootHash: r.root_hash,
    createdAt: r.created_at,
    signature: r.signature,
  }));
}

export async function insertCheckpoint(trx: Handle, c: Checkpoint): Promise<void> {
  await trx
    .insertInto('audit_checkpoints')
    .values({ tree_size: c.treeSize, root_hash: c.rootHash, created_at: c.createdAt, signature: c.signature })
    .execute();
}
