// Webhook use cases for administrators: register a URL for events (its signing secret is shown once), change,
// disable or delete it, read its delivery log, retry a delivery and send a test event. Each write is audited.
// The outbox is filled by `recordAudit` (webhook-outbox.ts) and emptied by the worker (webhook-delivery.ts).

import { randomBytes } from 'node:crypto';
import { fieldError, TrucelineError } from '../core/errors.js';
import { type Actor, personId } from '../core/policy.js';
import { subjectOf, type WebhookEvent, WEBHOOK_EVENTS, webhookUrlProblem } from '../core/webhooks.js';
import type { Handle } from '../db/engine.js';
import {
  type Attempt,
  deleteWebhookRow,
  type Delivery,
  deliveryCounts,
  type DeliveryState,
  findDelivery,
  findWebhook,
  insertWebhook,
  listDeliveries,
  listWebhookRows,
  requeueDelivery,
  updateWebhookRow,
  type Webhook,
} from '../db/webhooks.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { writeDeliveries } from './webhook-outbox.js';

export type { Attempt, Delivery, DeliveryState, Webhook } from '../db/webhooks.js';

export interface WebhookInput {
  readonly url: string;
  readonly events: readonly string[];
  readonly description?: string | undefined;
  readonly active?: boolean | undefined;
}

export interface WebhookPatch {
  readonly url?: string | undefined;
  readonly events?: readonly string[] | undefined;
  readonly description?: string | undefined;
  readonly active?: boolean | undefined;
}

/** A webhook with how its deliveries stand. */
export interface WebhookView {
  readonly webhook: Webhook;
  readonly deliveries: Readonly<Record<DeliveryState, number>> & { readonly lastEventAt: string | null };
}

const SECRET_PREFIX = 'whsec_';

function checkedUrl(url: string): string {
  const trimmed = url.trim();
  const problem = webhookUrlProblem(trimmed);
  if (problem !== null) throw fieldError('VALIDATION_FAILED', 'url', problem);
  return trimmed;
}

/** The event types, each known and named once, at least one; in the order of WEBHOOK_EVENTS. */
function checkedEvents(events: readonly string[]): WebhookEvent[] {
  if (events.length === 0) throw fieldError('VALIDATION_FAILED', 'events', 'name at least one event type');
  for (const [i, event] of events.entries()) {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event))
      throw fieldError(
        'VALIDATION_FAILED',
        `events.${i}`,
        `"${event}" is not an event type (${WEBHOOK_EVENTS.join(', ')})`,
      );
  }
  return WEBHOOK_EVENTS.filter((e) => events.includes(e));
}

async function loadWebhook(db: Handle, id: string): Promise<Webhook> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw new TrucelineError('WEBHOOK_NOT_FOUND', `No webhook has the id "${id}".`);
  return webhook;
}

/**
 * Registers a webhook and returns it with its signing secret, which is shown this once (it is stored, since
 * every delivery is signed with it, but never returned again).
 */
export async function createWebhook(
  services: Services,
  actor: Actor | null,
  input: WebhookInput,
): Promise<{ webhook: Webhook; secret: string }> {
  const who = authorise(actor, 'webhook.manage');
  const now = services.now().toISOString();
  const webhook: Webhook = {
    id: services.newId(),
    url: checkedUrl(input.url),
    description: input.description?.trim() ?? '',
    events: checkedEvents(input.events),
    active: input.active ?? true,
    createdAt: now,
    createdBy: personId(who),
    updatedAt: now,
  };
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  await inTransaction(services, async (trx) => {
    await insertWebhook(trx, webhook, secret);
    await recordAudit(services, trx, {
      actor: who,
      action: 'webhook.create',
      subjectType: 'webhook',
      subjectId: webhook.id,
      after: await findWebhook(trx, webhook.id),
    });
  });
  return { webhook, secret };
}

const NO_DELIVERIES = { pending: 0, delivered: 0, failed: 0, lastEventAt: null };

export async function listWebhooks(services: Services, actor: Actor | null): Promise<WebhookView[]> {
  authorise(actor, 'webhook.manage');
  const db = services.db.kysely;
  const counts = await deliveryCounts(db);
  return (await listWebhookRows(db)).map((webhook) => ({
    webhook,
    deliveries: counts.get(webhook.id) ?? NO_DELIVERIES,
  }));
}

export async function getWebhook(services: Services, actor: Actor | null, id: string): Promise<WebhookView> {
  authorise(actor, 'webhook.manage');
  const webhook = await loadWebhook(services.db.kysely, id);
  const counts = await deliveryCounts(services.db.kysely);
  return { webhook, deliveries: counts.get(id) ?? NO_DELIVERIES };
}

/**
 * Changes a webhook's URL, events, description or whether it is active. A disabled webhook gets no new
 * deliveries, and those already queued wait, unsent, until it is enabled again. Audited as `webhook.disable` or
 * `webhook.enable` when only that changes, else `webhook.update`.
 */
export async function updateWebhook(
  services: Services,
  actor: Actor | null,
  id: string,
  patch: WebhookPatch,
): Promise<Webhook> {
  const who = authorise(actor, 'webhook.manage');
  const url = patch.url === undefined ? undefined : checkedUrl(patch.url);
  const events = patch.events === undefined ? undefined : checkedEvents(patch.events);
  return inTransaction(services, async (trx) => {
    const before = await loadWebhook(trx, id);
    const after: Webhook = {
      ...before,
      url: url ?? before.url,
      events: events ?? before.events,
      description: patch.description?.trim() ?? before.description,
      active: patch.active ?? before.active,
    };
    const same = (a: Webhook, b: Webhook) =>
      a.url === b.url && a.description === b.description && a.events.join() === b.events.join();
    if (same(before, after) && before.active === after.active) return before;
    const stored = { ...after, updatedAt: services.now().toISOString() };
    await updateWebhookRow(trx, stored);
    const action = !same(before, after)
      ? 'webhook.update'
      : after.active
        ? 'webhook.enable'
        : 'webhook.disable';
    await recordAudit(services, trx, {
      actor: who,
      action,
      subjectType: 'webhook',
      subjectId: id,
      before,
      after: await findWebhook(trx, id),
    });
    return stored;
  });
}

/** Deletes a webhook with its queued deliveries and its delivery log. */
export async function deleteWebhook(services: Services, actor: Actor | null, id: string): Promise<void> {
  const who = authorise(actor, 'webhook.manage');
  await inTransaction(services, async (trx) => {
    const before = await loadWebhook(trx, id);
    await deleteWebhookRow(trx, id);
    await recordAudit(services, trx, {
      actor: who,
      action: 'webhook.delete',
      subjectType: 'webhook',
      subjectId: id,
      before,
    });
  });
}

export interface DeliveryPage {
  readonly items: readonly { readonly delivery: Delivery; readonly attempts: readonly Attempt[] }[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** A webhook's deliveries, newest first, each with every attempt made. */
export async function webhookDeliveries(
  services: Services,
  actor: Actor | null,
  id: string,
  page: { readonly state?: DeliveryState | undefined; readonly limit: number; readonly offset: number },
): Promise<DeliveryPage> {
  authorise(actor, 'webhook.manage');
  await loadWebhook(services.db.kysely, id);
  const { items, total } = await listDeliveries(services.db.kysely, id, page);
  return { items, total, limit: page.limit, offset: page.offset };
}

/**
 * Sends a delivery again as soon as the worker polls, with a fresh retry schedule: a failed one the receiver can
 * take now, or a delivered one it lost. Same delivery id, same body; its earlier attempts stay in the log.
 */
export async function retryDelivery(
  services: Services,
  actor: Actor | null,
  webhookId: string,
  deliveryId: string,
): Promise<Delivery> {
  const who = authorise(actor, 'webhook.manage');
  return inTransaction(services, async (trx) => {
    const webhook = await loadWebhook(trx, webhookId);
    const delivery = await findDelivery(trx, webhookId, deliveryId);
    if (!delivery)
      throw new TrucelineError(
        'WEBHOOK_DELIVERY_NOT_FOUND',
        `Webhook "${webhookId}" has no delivery "${deliveryId}".`,
      );
    await requeueDelivery(trx, deliveryId, services.now().toISOString());
    await recordAudit(services, trx, {
      actor: who,
      action: 'webhook.retry',
      subjectType: 'webhook',
      subjectId: webhookId,
      after: webhook,
      reason: `delivery ${deliveryId}`,
    });
    const requeued = await findDelivery(trx, webhookId, deliveryId);
    if (!requeued) throw new Error('delivery vanished while being requeued');
    return requeued;
  });
}

/** Queues a `ping` event for this webhook alone, to test the receiver and its signature check. */
export async function pingWebhook(services: Services, actor: Actor | null, id: string): Promise<Delivery> {
  const who = authorise(actor, 'webhook.manage');
  return inTransaction(services, async (trx) => {
    const webhook = await loadWebhook(trx, id);
    if (!webhook.active)
      throw new TrucelineError(
        'CONFLICT',
        'The webhook is disabled: enable it before sending it a test event.',
      );
    const at = services.now().toISOString();
    await recordAudit(services, trx, {
      actor: who,
      action: 'webhook.ping',
      subjectType: 'webhook',
      subjectId: id,
      after: webhook,
    });
    const [deliveryId] = await writeDeliveries(services, trx, [webhook], {
      type: 'ping',
      at,
      auditSeq: null,
      subject: subjectOf('webhook', id),
      data: { webhookId: id, events: webhook.events, message: 'A test event from Truceline.' },
    });
    const delivery = deliveryId === undefined ? null : await findDelivery(trx, id, deliveryId);
    if (!delivery) throw new Error('the ping delivery was not stored');
    return delivery;
  });
}
