// Webhooks, their outbox of deliveries and the log of attempts. The secret is read only by the signer
// (`webhookSecrets`); every other read leaves it out, so it cannot reach a response or an audit digest.

import { isWebhookEvent, type WebhookEvent } from '../core/webhooks.js';
import type { Engine, Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from './schema.js';

/** A webhook as audited and presented: everything but its secret. */
export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEvent[];
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The exact JSON body sent with every attempt. */
  readonly payload: string;
  readonly createdAt: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

export interface Attempt {
  readonly id: string;
  readonly deliveryId: string;
  readonly attempt: number;
  readonly at: string;
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly responseExcerpt: string | null;
}

const WEBHOOK_COLUMNS = [
  'id',
  'url',
  'description',
  'events_json',
  'active',
  'created_at',
  'created_by',
  'updated_at',
] as const;

function webhookFromRow(row: Omit<WebhooksTable, 'secret'>): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: fromJson<string[]>(row.events_json).filter(isWebhookEvent),
    active: row.active === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

function deliveryFromRow(row: WebhookDeliveriesTable): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    createdAt: row.created_at,
    state: row.state as DeliveryState,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}

function attemptFromRow(row: WebhookAttemptsTable): Attempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    at: row.at,
    status: row.status,
    error: row.error,
    durationMs: row.duration_ms,
    responseExcerpt: row.response_excerpt,
  };
}

export async function insertWebhook(trx: Handle, webhook: Webhook, secret: string): Promise<void> {
  await trx
    .insertInto('webhooks')
    .values({
      id: webhook.id,
      url: webhook.url,
      description: webhook.description,
      events_json: toJson(webhook.events),
      secret,
      active: webhook.active ? 1 : 0,
      created_at: webhook.createdAt,
      created_by: webhook.createdBy,
      updated_at: webhook.updatedAt,
    })
    .execute();
}

export async function updateWebhookRow(trx: Handle, webhook: Webhook): Promise<void> {
  await trx
    .updateTable('webhooks')
    .set({
      url: webhook.url,
      description: webhook.description,
      events_json: toJson(webhook.events),
      active: webhook.active ? 1 : 0,
      updated_at: webhook.updatedAt,
    })
    .where('id', '=', webhook.id)
    .execute();
}

/** Deletes a webhook with its deliveries and their attempts; false when there was none. */
export async function deleteWebhookRow(trx: Handle, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findWebhook(db: Handle, id: string): Promise<Webhook | null> {
  const row = await db.selectFrom('webhooks').select(WEBHOOK_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? webhookFromRow(row) : null;
}

export async function listWebhookRows(db: Handle): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(WEBHOOK_COLUMNS)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(webhookFromRow);
}

/** The active webhooks subscribed to an event. */
export async function subscribers(trx: Handle, event: WebhookEvent): Promise<Webhook[]> {
  const rows = await trx.selectFrom('webhooks').select(WEBHOOK_COLUMNS).where('active', '=', 1).execute();
  return rows.map(webhookFromRow).filter((w) => w.events.includes(event));
}

/** The URL and secret of each webhook, for signing the deliveries a worker has claimed. */
export async function webhookTargets(
  db: Handle,
  ids: readonly string[],
): Promise<Map<string, { url: string; secret: string; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret', 'active'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { url: r.url, secret: r.secret, active: r.active === 1 }]));
}

/** Per webhook: how many deliveries are pending, delivered and failed, and when the last was made. */
export async function deliveryCounts(
  db: Handle,
): Promise<Map<string, Record<DeliveryState, number> & { lastEventAt: string | null }>> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'state'])
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('created_at').as('last')])
    .groupBy(['webhook_id', 'state'])
    .execute();
  const counts = new Map<string, Record<DeliveryState, number> & { lastEventAt: string | null }>();
  for (const row of rows) {
    const entry = counts.get(row.webhook_id) ?? { pending: 0, delivered: 0, failed: 0, lastEventAt: null };
    entry[row.state as DeliveryState] = Number(row.n);
    if (entry.lastEventAt === null || row.last > entry.lastEventAt) entry.lastEventAt = row.last;
    counts.set(row.webhook_id, entry);
  }
  return counts;
}

export async function insertDelivery(trx: Handle, delivery: Delivery): Promise<void> {
  await trx
    .insertInto('webhook_deliveries')
    .values({
      id: delivery.id,
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      event_type: delivery.eventType,
      payload: delivery.payload,
      created_at: delivery.createdAt,
      state: delivery.state,
      attempts: delivery.attempts,
      next_attempt_at: delivery.nextAttemptAt,
      delivered_at: delivery.deliveredAt,
      last_status: delivery.lastStatus,
      last_error: delivery.lastError,
    })
    .execute();
}

export async function findDelivery(db: Handle, webhookId: string, id: string): Promise<Delivery | null> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  return row ? deliveryFromRow(row) : null;
}

/** A page of a webhook's deliveries, newest first, with their attempts (oldest first). */
export async function listDeliveries(
  db: Handle,
  webhookId: string,
  page: { readonly state?: DeliveryState | undefined; readonly limit: number; readonly offset: number },
): Promise<{ items: { delivery: Delivery; attempts: Attempt[] }[]; total: number }> {
  let query = db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
  if (page.state !== undefined) query = query.where('state', '=', page.state);
  const { n } = await query
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = rows.map((r) => r.id);
  const attempts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempts')
          .selectAll()
          .where('delivery_id', 'in', ids)
          .orderBy('attempt')
          .orderBy('at')
          .execute();
  return {
    total: Number(n),
    items: rows.map((row) => ({
      delivery: deliveryFromRow(row),
      attempts: attempts.filter((a) => a.delivery_id === row.id).map(attemptFromRow),
    })),
  };
}

/** Makes a delivery due now with a fresh retry schedule (a manual retry, or a redelivery). */
export async function requeueDelivery(trx: Handle, id: string, at: string): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ state: 'pending', attempts: 0, next_attempt_at: at, delivered_at: null })
    .where('id', '=', id)
    .execute();
}

/** A delivery a worker has claimed: its row as claimed (attempts already counts this attempt). */
export type ClaimedDelivery = Delivery;

/**
 * Claims up to `limit` due deliveries of active webhooks, oldest due first: each gets one more attempt counted
 * and is leased until `leaseUntil`, so no other worker takes it meanwhile; if this worker dies before it
 * records an outcome, the lease runs out and the delivery is sent again (at least once). On PostgreSQL the rows
 * are locked with SKIP LOCKED, so that several servers claim disjoint rows; SQLite serialises transactions.
 */
export async function claimDueDeliveries(
  db: Handle,
  engine: Engine,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return db.transaction().execute(async (trx) => {
    const due = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('webhook_id', 'in', trx.selectFrom('webhooks').select('id').where('active', '=', 1))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);
    // Engine-specific: PostgreSQL locks the rows it claims and skips rows another server is claiming.
    const rows = await (engine === 'postgres' ? due.forUpdate().skipLocked() : due).execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('id', 'in', ids)
      .execute();
    const claimed = await trx.selectFrom('webhook_deliveries').selectAll().where('id', 'in', ids).execute();
    return claimed.map(deliveryFromRow).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  });
}

/** An attempt's outcome and what it means for the delivery. */
export interface AttemptOutcome {
  readonly attempt: Attempt;
  /** `delivered`, `failed` (given up) or `pending` with the time of the next attempt. */
  readonly next:
    | { readonly state: 'delivered' }
    | { readonly state: 'failed' }
    | { readonly state: 'pending'; readonly at: string };
}

/**
 * Logs an attempt and moves its delivery on, unless the delivery changed since it was claimed (a manual retry
 * reset it, or the lease ran out and another worker claimed it): then only the attempt is logged. Returns
 * whether the delivery was updated.
 */
export async function recordAttempt(
  db: Handle,
  claimed: ClaimedDelivery,
  outcome: AttemptOutcome,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const a = outcome.attempt;
    await trx
      .insertInto('webhook_attempts')
      .values({
        id: a.id,
        delivery_id: a.deliveryId,
        attempt: a.attempt,
        at: a.at,
        status: a.status,
        error: a.error,
        duration_ms: a.durationMs,
        response_excerpt: a.responseExcerpt,
      })
      .execute();
    const next = outcome.next;
    const result = await trx
      .updateTable('webhook_deliveries')
      .set({
        state: next.state,
        next_attempt_at: next.state === 'pending' ? next.at : null,
        delivered_at: next.state === 'delivered' ? a.at : null,
        last_status: a.status,
        last_error: a.error,
      })
      .where('id', '=', claimed.id)
      .where('state', '=', 'pending')
      .where('attempts', '=', claimed.attempts)
      .where('next_attempt_at', '=', claimed.nextAttemptAt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });
}
