// Request and response schemas for webhooks: registering a URL for events, its deliveries and their attempts.

import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../../core/webhooks.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

const id = z.string().min(1).max(100);

export const webhookParams = z.strictObject({ id: id.describe('Webhook id') });
export const deliveryParams = z.strictObject({
  id: id.describe('Webhook id'),
  deliveryId: id.describe('Delivery id (the `Truceline-Delivery` header)'),
});

const url = z
  .string()
  .min(1)
  .max(2048)
  .describe('Where deliveries are POSTed: http:// or https://; loopback and private addresses are allowed');
const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .describe('The event types to deliver');
const description = z.string().max(500).describe('What the receiving system is, for the people managing it');

export const createWebhookBody = inputExampleOf(
  z.strictObject({
    url,
    events,
    description: description.optional(),
    active: z.boolean().optional().describe('Default true'),
  }),
  {
    url: 'https://alerts.mission.example/truceline',
    events: ['incident.published', 'finding.ruled'],
    description: 'Duty officer alerts',
  },
);

export const updateWebhookBody = inputExampleOf(
  z.strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    active: z
      .boolean()
      .optional()
      .describe('false: no new deliveries; queued ones wait until it is true again'),
  }),
  { active: false },
);

export const deliveryListQuery = z.strictObject({
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const counts = z.object({
  pending: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  lastEventAt: z.string().nullable().describe('When the latest delivery was queued'),
});

const webhookShape = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().describe('The person id of whoever registered it'),
  updatedAt: z.string(),
  deliveries: counts,
});

const WEBHOOK_EXAMPLE: z.output<typeof webhookShape> = {
  id: '0b6f4bde-3d0f-4a52-9f59-6c2f7b1e2a10',
  url: 'https://alerts.mission.example/truceline',
  description: 'Duty officer alerts',
  events: ['incident.published', 'finding.ruled'],
  active: true,
  createdAt: '2025-03-19T08:00:00.000Z',
  createdBy: 'system:cli',
  updatedAt: '2025-03-19T08:00:00.000Z',
  deliveries: { pending: 0, delivered: 12, failed: 1, lastEventAt: '2025-03-25T14:02:11.000Z' },
};

export const webhookResponse = exampleOf(webhookShape, WEBHOOK_EXAMPLE);

export const createdWebhookResponse = exampleOf(
  webhookShape.extend({
    secret: z
      .string()
      .describe(
        'The signing secret: shown this once. Verify `Truceline-Signature` with it (docs/webhooks.md)',
      ),
  }),
  { ...WEBHOOK_EXAMPLE, secret: 'whsec_3q2-7wXzv0y9Jg1kq4m3b2Yd8sQeH5pVtN6uR0aLcFo' },
);

export const webhookListResponse = exampleOf(z.object({ items: z.array(webhookShape) }), {
  items: [WEBHOOK_EXAMPLE],
});

const attemptShape = z.object({
  attempt: z.number().int().describe('1 for the first attempt; a manual retry starts again at 1'),
  at: z.string(),
  status: z.number().int().nullable().describe('The HTTP status of the answer; null when there was none'),
  error: z.string().nullable().describe('Why there was no answer (timeout, connection refused, ...)'),
  durationMs: z.number().int(),
  responseExcerpt: z.string().nullable().describe('The first 2 KiB of the answer'),
});

const deliveryShape = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  createdAt: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  payload: z.unknown().describe('The JSON body, exactly as sent with every attempt'),
});

const DELIVERY_EXAMPLE: z.output<typeof deliveryShape> = {
  id: '5d1c2a8e-8f7b-4c61-a0a4-2f9e3b7c6d51',
  eventId: 'b7e0a9c4-1d2e-4f3a-8b5c-6d7e8f9a0b1c',
  eventType: 'agreement.changed',
  createdAt: '2025-03-25T14:02:11.000Z',
  state: 'delivered',
  attempts: 2,
  nextAttemptAt: null,
  deliveredAt: '2025-03-25T14:02:42.000Z',
  lastStatus: 200,
  lastError: null,
  payload: {
    id: 'b7e0a9c4-1d2e-4f3a-8b5c-6d7e8f9a0b1c',
    type: 'agreement.changed',
    occurredAt: '2025-03-25T14:02:11.000Z',
    auditSeq: 212,
    subject: {
      type: 'agreement',
      id: '7a1d0c3e-0000-4000-8000-000000000001',
      url: '/api/v1/agreements/energy-moratorium-2025',
    },
    data: { change: 'readout.create', agreement: { slug: 'energy-moratorium-2025', version: 3 } },
  },
};

export const deliveryResponse = exampleOf(deliveryShape, DELIVERY_EXAMPLE);

export const deliveryPageResponse = exampleOf(
  z.object({
    items: z.array(deliveryShape.extend({ attemptLog: z.array(attemptShape) })),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  {
    items: [
      {
        ...DELIVERY_EXAMPLE,
        attemptLog: [
          {
            attempt: 1,
            at: '2025-03-25T14:02:11.000Z',
            status: 503,
            error: null,
            durationMs: 84,
            responseExcerpt: 'Service Unavailable',
          },
          {
            attempt: 2,
            at: '2025-03-25T14:02:42.000Z',
            status: 200,
            error: null,
            durationMs: 61,
            responseExcerpt: null,
          },
        ],
      },
    ],
    total: 1,
    limit: 50,
    offset: 0,
  },
);
