// The audit log: an append-only hash chain. Each event commits to the one before through `prev_hash`.

import { insertRows } from './bulk.js';
import type { Engine, Handle } from './engine.js';

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly beforeDigest: string | null;
  readonly afterDigest: string | null;
  readonly reason: string | null;
}

export interface AuditEvent extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Reads and locks the chain head. On PostgreSQL the row lock serialises concurrent appends; SQLite
 * transactions are serialised by the engine already and have no FOR UPDATE.
 */
export async function lockAuditHead(trx: Handle, engine: Engine): Promise<{ seq: number; hash: string }> {
  const query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  const head = await (engine === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  return { seq: head.seq, hash: head.hash };
}

/** Appends a run of consecutive events (the first follows the head) and moves the head once. */
export async function appendAuditEvents(trx: Handle, events: readonly AuditEvent[]): Promise<void> {
  const last = events.at(-1);
  if (last === undefined) return;
  await insertRows(
    trx,
    'audit_events',
    events.map((event) => ({
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      before_digest: event.beforeDigest,
      after_digest: event.afterDigest,
      reason: event.reason,
      prev_hash: event.prevHash,
      hash: event.hash,
    })),
  );
  await trx.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
}

export async function listAuditEvents(db: Handle, subjectId?: string): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq');
  if (subjectId !== undefined) query = query.where('subject_id', '=', subjectId);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    reason: r.reason,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The chain head as stored, without a lock (for verification). */
export async function readAuditHead(db: Handle): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: head.seq, hash: head.hash };
}
