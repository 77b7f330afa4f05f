// Writing audit events: use cases call `recordAudit` inside their own transaction, never through hooks.

import { actorLabel, type Actor } from '../core/policy.js';
import { chainHash, digest } from '../core/audit.js';
import { appendAuditEvents, type AuditEvent, lockAuditHead } from '../db/audit.js';
import type { Handle } from '../db/engine.js';
import type { Incident } from '../core/model.js';
import type { Services } from './context.js';
import { sha256Hex } from './sha256.js';
import { enqueueWebhookEvent } from './webhook-outbox.js';

export interface AuditInput {
  /** Null for the anonymous public, which may write only a reader's correction. */
  readonly actor: Actor | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
}

/**
 * Appends one event to the hash chain, inside the caller's transaction, and queues the webhook deliveries the
 * change raises in the same transaction (the outbox), so that neither is ever written without the other.
 */
export async function recordAudit(services: Services, trx: Handle, input: AuditInput): Promise<void> {
  await recordAudits(services, trx, [input]);
}

/**
 * Appends many events at once, in order, inside the caller's transaction: the head is locked once, the chain
 * hashes are computed in memory, the events are written with multi-row inserts and the head moves once. The
 * chain is the same as `recordAudit` called for each input in turn would write.
 */
export async function recordAudits(
  services: Services,
  trx: Handle,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  let head = await lockAuditHead(trx, services.db.engine);
  const events: AuditEvent[] = [];
  for (const input of inputs) {
    const fields = {
      seq: head.seq + 1,
      at: services.now().toISOString(),
      actor: actorLabel(input.actor),
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      beforeDigest: input.before === undefined ? null : digest(input.before, sha256Hex),
      afterDigest: input.after === undefined ? null : digest(input.after, sha256Hex),
      reason: input.reason ?? null,
      prevHash: head.hash,
    };
    const event = { ...fields, hash: chainHash(fields, sha256Hex) };
    events.push(event);
    head = { seq: event.seq, hash: event.hash };
  }
  await appendAuditEvents(trx, events);
  for (const event of events) {
    await enqueueWebhookEvent(services, trx, {
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      at: event.at,
      seq: event.seq,
    });
  }
}

/**
 * An incident as its audit events commit to it: its own fields, without its allegations, which are records of
 * their own with their own events (a new allegation or reply does not rewrite the incident).
 */
export function auditedIncident(incident: Incident | null): Omit<Incident, 'allegations'> | null {
  if (incident === null) return null;
  const { allegations: _allegations, ...own } = incident;
  return own;
}
