// The webhook outbox: `recordAudit` calls `enqueueWebhookEvent` inside the transaction of every audited write, so
// a change and the deliveries announcing it are committed together or not at all. The payload is built here, once,
// from what the public may see at that moment, and stored as the exact bytes every attempt will send.

import {
  type DeliveryEvent,
  type EventPayload,
  type EventSubject,
  eventForAction,
  payloadBody,
  publicAgreement,
  publicFinding,
  publicIncident,
  subjectOf,
  type WebhookEvent,
} from '../core/webhooks.js';
import { findAgreement } from '../db/agreements.js';
import { findBulletinRecord } from '../db/bulletins.js';
import type { Handle } from '../db/engine.js';
import { findFindingRecord } from '../db/findings.js';
import { findIncident, screeningsFor } from '../db/incidents.js';
import { insertDelivery, subscribers, type Webhook } from '../db/webhooks.js';
import type { Services } from './context.js';

/** The audited change, as `recordAudit` knows it. */
export interface AuditedChange {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly at: string;
  readonly seq: number;
}

interface EventContent {
  readonly subject: EventSubject;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The subject and data of an event, read inside the transaction that raised it. A subject the public can see
 * (a published incident, its published finding, an agreement, a published bulletin) is sent as the public reads
 * it; anything else by its ids only, since a webhook hands data to another system. Null when the subject is
 * gone (it cannot be, inside its own transaction, but a caller might audit an action after a delete).
 */
async function eventContent(
  trx: Handle,
  event: WebhookEvent,
  change: AuditedChange,
): Promise<EventContent | null> {
  const id = change.subjectId;
  switch (event) {
    case 'incident.published': {
      const incident = await findIncident(trx, id);
      if (incident === null || incident.publishedAt === null) return null;
      const finding = await findFindingRecord(trx, id);
      const screenings = await screeningsFor(trx, [id]);
      return {
        subject: subjectOf('incident', id),
        data: {
          incident: publicIncident(incident),
          finding: finding === null ? null : publicFinding(finding),
          screening: screenings.map((s) => ({ agreementId: s.agreementId, verdict: s.verdict })),
        },
      };
    }
    case 'finding.ruled': {
      const finding = await findFindingRecord(trx, id);
      const incident = await findIncident(trx, id);
      if (finding === null || incident === null) return null;
      const change = finding.history.at(-1)?.change;
      const agreementId = change !== undefined && 'agreementId' in change ? change.agreementId : null;
      const subject = subjectOf('finding', id);
      // Before publication a ruling is sealed: the receiver learns that one was made, and on what, nothing more.
      if (incident.publishedAt === null || !finding.published)
        return { subject, data: { incidentId: id, agreementId, published: false } };
      const ruling = finding.rulings.find((r) => r.agreementId === agreementId)?.ruling.status ?? null;
      return {
        subject,
        data: {
          incidentId: id,
          agreementId,
          published: true,
          change: change?.kind ?? null,
          ruling,
          finding: publicFinding(finding),
        },
      };
    }
    case 'agreement.changed': {
      const agreement = await findAgreement(trx, id);
      if (agreement === null) return null;
      return {
        subject: subjectOf('agreement', id, agreement.slug),
        data: { change: change.action, agreement: publicAgreement(agreement) },
      };
    }
    case 'bulletin.published': {
      const bulletin = await findBulletinRecord(trx, id);
      const version = bulletin?.versions.find((v) => v.version === bulletin.publishedVersion);
      if (!bulletin || !version || bulletin.publishedAt === null) return null;
      return {
        subject: subjectOf('bulletin', id, bulletin.slug),
        data: {
          bulletin: {
            id: bulletin.id,
            slug: bulletin.slug,
            date: bulletin.date,
            version: version.version,
            title: version.title,
            summary: version.summary,
            markdown: version.markdown,
            publishedAt: bulletin.publishedAt,
          },
        },
      };
    }
  }
}

/** Writes one pending delivery per webhook, all of the same event and the same bytes. */
export async function writeDeliveries(
  services: Services,
  trx: Handle,
  webhooks: readonly Webhook[],
  event: {
    readonly type: DeliveryEvent;
    readonly at: string;
    readonly auditSeq: number | null;
  } & EventContent,
): Promise<string[]> {
  const payload: EventPayload = {
    id: services.newId(),
    type: event.type,
    occurredAt: event.at,
    auditSeq: event.auditSeq,
    subject: event.subject,
    data: event.data,
  };
  const body = payloadBody(payload);
  const ids: string[] = [];
  for (const webhook of webhooks) {
    const id = services.newId();
    await insertDelivery(trx, {
      id,
      webhookId: webhook.id,
      eventId: payload.id,
      eventType: event.type,
      payload: body,
      createdAt: event.at,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: event.at,
      deliveredAt: null,
      lastStatus: null,
      lastError: null,
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Queues the event an audited change raises, if any, for every active webhook subscribed to it; called by
 * `recordAudit` in the caller's transaction. Actions that raise no event cost nothing; those that do, one query
 * for the subscribers, and the subject is loaded only when someone subscribes.
 */
export async function enqueueWebhookEvent(
  services: Services,
  trx: Handle,
  change: AuditedChange,
): Promise<void> {
  const event = eventForAction(change.action);
  if (event === null) return;
  const webhooks = await subscribers(trx, event);
  if (webhooks.length === 0) return;
  const content = await eventContent(trx, event, change);
  if (content === null) return;
  await writeDeliveries(services, trx, webhooks, {
    type: event,
    at: change.at,
    auditSeq: change.seq,
    ...content,
  });
}
