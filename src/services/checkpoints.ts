// Signed tree heads over the audit log (RFC 9162 style) and the proofs served from them. The Ed25519 key is
// created on first use and kept in the `meta` table, so every process on one database signs with the same key
// and it survives restarts; only its public half ever leaves this module.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { TrucelineError } from '../core/errors.js';
import {
  consistencyProof,
  type Hash,
  inclusionProof,
  leafHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../core/merkle.js';
import { listAuditEvents, readAuditHead, type AuditEvent } from '../db/audit.js';
import { type Checkpoint, insertCheckpoint, listCheckpoints } from '../db/checkpoints.js';
import type { Handle } from '../db/engine.js';
import { getMeta, setMeta } from '../db/meta.js';
import { inTransaction, type Services } from './context.js';

export type { Checkpoint } from '../db/checkpoints.js';

const KEY_META = 'audit.signing-key';

/** The text a checkpoint's signature covers. */
export function checkpointText(c: { treeSize: number; rootHash: string; createdAt: string }): string {
  return `truceline-audit-checkpoint/v1\ntree_size ${c.treeSize}\nroot_hash ${c.rootHash}\ncreated_at ${c.createdAt}\n`;
}

/** The Merkle leaf hashes of audit events: each leaf is the event's 32-byte chain hash. */
export function auditLeaves(events: readonly { hash: string }[]): Hash[] {
  return events.map((e) => leafHash(hexToBytes(e.hash)));
}

async function storedKey(db: Handle): Promise<KeyObject | null> {
  const pem = await getMeta(db, KEY_META);
  return pem === null ? null : createPrivateKey(pem);
}

/** The signing key, created (once, under the writers' lock) when the database has none. */
export async function ensureSigningKey(services: Services): Promise<KeyObject> {
  const existing = await storedKey(services.db.kysely);
  if (existing) return existing;
  return inTransaction(services, async (trx) => {
    const raced = await storedKey(trx);
    if (raced) return raced;
    const { privateKey } = generateKeyPairSync('ed25519');
    await setMeta(trx, KEY_META, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    return privateKey;
  });
}

export interface AuditPublicKey {
  readonly algorithm: 'Ed25519';
  /** SubjectPublicKeyInfo PEM. */
  readonly pem: string;
  /** The raw 32-byte public key, base64. */
  readonly raw: string;
}

function publicOf(key: KeyObject): AuditPublicKey {
  const pub = createPublicKey(key);
  const der = pub.export({ type: 'spki', format: 'der' });
  return {
    algorithm: 'Ed25519',
    pem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    raw: der.subarray(der.length - 32).toString('base64'),
  };
}

/** The public half of the checkpoint signing key. */
export async function auditPublicKey(services: Services): Promise<AuditPublicKey> {
  return publicOf(await ensureSigningKey(services));
}

export function allCheckpoints(services: Services): Promise<Checkpoint[]> {
  return listCheckpoints(services.db.kysely);
}

/**
 * Signs a tree head over the whole log when at least `every` events are newer than the last checkpoint.
 * Returns the checkpoint written, or null when none was due.
 */
export async function writeCheckpoint(services: Services, every = 1): Promise<Checkpoint | null> {
  const key = await ensureSigningKey(services);
  return inTransaction(services, async (trx) => {
    const head = await readAuditHead(trx);
    const latest = (await listCheckpoints(trx)).at(-1);
    const covered = latest?.treeSize ?? 0;
    if (head.seq === 0 || head.seq - covered < Math.max(1, every)) return null;
    const events = await listAuditEvents(trx);
    const fields = {
      treeSize: head.seq,
      rootHash: bytesToHex(rootHash(auditLeaves(events), head.seq)),
      createdAt: services.now().toISOString(),
    };
    const checkpoint = {
      ...fields,
      signature: sign(null, Buffer.from(checkpointText(fields)), key).toString('base64'),
    };
    await insertCheckpoint(trx, checkpoint);
    return checkpoint;
  });
}

export interface InclusionProof {
  readonly seq: number;
  readonly leafIndex: number;
  readonly eventHash: string;
  readonly checkpoint: Checkpoint;
  readonly proof: readonly string[];
}

/** The inclusion proof of event `seq` against the latest checkpoint. */
export async function inclusionProofFor(services: Services, seq: number): Promise<InclusionProof> {
  const db = services.db.kysely;
  const checkpoint = (await listCheckpoints(db)).at(-1);
  if (!checkpoint || seq < 1 || seq > checkpoint.treeSize)
    throw new TrucelineError('CHECKPOINT_NOT_FOUND', `No checkpoint covers audit event ${seq} yet.`);
  const events = await listAuditEvents(db);
  const event = events[seq - 1];
  if (!event) throw new TrucelineError('CHECKPOINT_NOT_FOUND', `No audit event ${seq}.`);
  return {
    seq,
    leafIndex: seq - 1,
    eventHash: event.hash,
    checkpoint,
    proof: inclusionProof(auditLeaves(events), seq - 1, checkpoint.treeSize).map(bytesToHex),
  };
}

export interface ConsistencyProof {
  readonly from: Checkpoint;
  readonly to: Checkpoint;
  readonly proof: readonly string[];
}

/** The consistency proof between the checkpoints of tree sizes `from` and `to`. */
export async function consistencyProofBetween(
  services: Services,
  from: number,
  to: number,
): Promise<ConsistencyProof> {
  const db = services.db.kysely;
  const checkpoints = await listCheckpoints(db);
  const find = (size: number) => {
    const c = checkpoints.find((x) => x.treeSize === size);
    if (!c) throw new TrucelineError('CHECKPOINT_NOT_FOUND', `No checkpoint has the tree size ${size}.`);
    return c;
  };
  const [first, second] = [find(from), find(to)];
  if (from > to)
    throw new TrucelineError('VALIDATION_FAILED', 'from must not be larger than to.', {
      issues: [{ path: 'from', message: 'larger than to' }],
    });
  const events = await listAuditEvents(db);
  return {
    from: first,
    to: second,
    proof: consistencyProof(auditLeaves(events), from, to).map(bytesToHex),
  };
}

/** Checks every checkpoint against the stored events: its root, its signature, and that each extends the last. */
export async function verifyCheckpoints(
  services: Services,
  events: readonly AuditEvent[],
): Promise<{ count: number; problems: { kind: 'checkpoint'; treeSize: number; message: string }[] }> {
  const db = services.db.kysely;
  const checkpoints = await listCheckpoints(db);
  const problems: { kind: 'checkpoint'; treeSize: number; message: string }[] = [];
  if (checkpoints.length === 0) return { count: 0, problems };
  const key = await storedKey(db);
  const publicKey = key ? createPublicKey(key) : null;
  const leaves = auditLeaves(events);
  let previous: Checkpoint | null = null;
  for (const c of checkpoints) {
    const problem = (message: string) => problems.push({ kind: 'checkpoint', treeSize: c.treeSize, message });
    const signed =
      publicKey !== null &&
      verify(null, Buffer.from(checkpointText(c)), publicKey, Buffer.from(c.signature, 'base64'));
    if (!signed) problem(`checkpoint of tree size ${c.treeSize} has no valid signature`);
    if (c.treeSize > leaves.length) {
      problem(
        `checkpoint of tree size ${c.treeSize} covers more events than the log holds (${leaves.length})`,
      );
    } else {
      const root = bytesToHex(rootHash(leaves, c.treeSize));
      if (root !== c.rootHash)
        problem(`checkpoint of tree size ${c.treeSize} signed root ${c.rootHash}, the log now gives ${root}`);
      if (previous && previous.treeSize <= c.treeSize) {
        const proof = consistencyProof(leaves, previous.treeSize, c.treeSize);
        const consistent = verifyConsistency(
          previous.treeSize,
          c.treeSize,
          hexToBytes(previous.rootHash),
          hexToBytes(c.rootHash),
          proof,
        );
        if (!consistent)
          problem(
            `checkpoint of tree size ${c.treeSize} is not consistent with checkpoint ${previous.treeSize}`,
          );
      }
    }
    previous = c;
  }
  return { count: checkpoints.length, problems };
}

/** Checks an inclusion proof as served by the API (hex strings), with the core's RFC 9162 verifier. */
export function checkInclusion(p: InclusionProof): boolean {
  return verifyInclusion(
    leafHash(hexToBytes(p.eventHash)),
    p.leafIndex,
    p.checkpoint.treeSize,
    p.proof.map(hexToBytes),
    hexToBytes(p.checkpoint.rootHash),
  );
}
