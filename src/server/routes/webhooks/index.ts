// Webhooks (administrators): register URLs for events, read each one's delivery log, retry a delivery, send a
// test event. The signing secret is in the answer to the POST that registers a webhook, and nowhere else.

import type { Attempt, Delivery, WebhookView } from '../../../services/webhooks.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  pingWebhook,
  retryDelivery,
  updateWebhook,
  webhookDeliveries,
} from '../../../services/webhooks.js';
import { noContent } from '../../openapi.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  createdWebhookResponse,
  createWebhookBody,
  deliveryListQuery,
  deliveryPageResponse,
  deliveryParams,
  deliveryResponse,
  updateWebhookBody,
  webhookListResponse,
  webhookParams,
  webhookResponse,
} from './schema.js';

function presentWebhook({ webhook, deliveries }: WebhookView) {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    events: [...webhook.events],
    active: webhook.active,
    createdAt: webhook.createdAt,
    createdBy: webhook.createdBy,
    updatedAt: webhook.updatedAt,
    deliveries: {
      pending: deliveries.pending,
      delivered: deliveries.delivered,
      failed: deliveries.failed,
      lastEventAt: deliveries.lastEventAt,
    },
  };
}

function presentDelivery(d: Delivery) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    createdAt: d.createdAt,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    payload: JSON.parse(d.payload) as unknown,
  };
}

function presentAttempt(a: Attempt) {
  return {
    attempt: a.attempt,
    at: a.at,
    status: a.status,
    error: a.error,
    durationMs: a.durationMs,
    responseExcerpt: a.responseExcerpt,
  };
}

export const webhookRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['webhooks'];

  app.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary:
          'Register a webhook; the answer holds its signing secret, shown only this once (administrators)',
        security: bearer,
        body: createWebhookBody,
        response: { 201: createdWebhookResponse },
      },
    },
    async (request, reply) => {
      const { webhook, secret } = await createWebhook(services, request.actor, request.body);
      const view = await getWebhook(services, request.actor, webhook.id);
      return reply.status(201).send({ ...presentWebhook(view), secret });
    },
  );

  app.get(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Every webhook with its delivery counts (administrators)',
        security: bearer,
        response: { 200: webhookListResponse },
      },
    },
    async (request) => ({ items: (await listWebhooks(services, request.actor)).map(presentWebhook) }),
  );

  app.get(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'One webhook with its delivery counts (administrators)',
        security: bearer,
        params: webhookParams,
        response: { 200: webhookResponse },
      },
    },
    async (request) => presentWebhook(await getWebhook(services, request.actor, request.params.id)),
  );

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change its URL, events or description, or disable or enable it (administrators)',
        security: bearer,
        params: webhookParams,
        body: updateWebhookBody,
        response: { 200: webhookResponse },
      },
    },
    async (request) => {
      await updateWebhook(services, request.actor, request.params.id, request.body);
      return presentWebhook(await getWebhook(services, request.actor, request.params.id));
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook with its queued deliveries and delivery log (administrators)',
        security: bearer,
        params: webhookParams,
        response: { 204: noContent('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteWebhook(services, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary:
          'Its deliveries, newest first, each with every attempt and the answer received (administrators)',
        security: bearer,
        params: webhookParams,
        querystring: deliveryListQuery,
        response: { 200: deliveryPageResponse },
      },
    },
    async (request) => {
      const page = await webhookDeliveries(services, request.actor, request.params.id, request.query);
      return {
        items: page.items.map(({ delivery, attempts }) => ({
          ...presentDelivery(delivery),
          attemptLog: attempts.map(presentAttempt),
        })),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
      };
    },
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/retry',
    {
      schema: {
        tags,
        summary: 'Send a delivery again now, same id and body, with a fresh retry schedule (administrators)',
        security: bearer,
        params: deliveryParams,
        response: { 202: deliveryResponse },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      return reply
        .status(202)
        .send(presentDelivery(await retryDelivery(services, request.actor, id, deliveryId)));
    },
  );

  app.post(
    '/webhooks/:id/ping',
    {
      schema: {
        tags,
        summary: 'Queue a test event (`ping`) for this webhook alone (administrators)',
        security: bearer,
        params: webhookParams,
        response: { 202: deliveryResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send(presentDelivery(await pingWebhook(services, request.actor, request.params.id))),
  );
};
