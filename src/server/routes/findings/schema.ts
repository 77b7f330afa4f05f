// Request and response schemas for findings (the verification record) and the review queue.

import { z } from 'zod';
import { partyCodeSchema } from '../../../core/schemas.js';
import {
  CONFIDENCES,
  GRADES,
  OCCURRENCES,
  RULING_STATUSES,
  type Change,
  type QueueItem,
} from '../../../core/verification.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

export const findingParams = z.strictObject({ id: z.string().min(1).describe('Incident id') });

const reason = z
  .string()
  .max(4000)
  .describe('Why the change is made; kept in the history and the audit log. Must not be blank');
const agreement = z.string().min(1).max(200).describe('The agreement ruled on: its id or slug');

const attributionInput = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unknown') }),
  z.strictObject({ status: z.literal('alleged'), party: partyCodeSchema }),
  z.strictObject({
    status: z.literal('attributed'),
    party: partyCodeSchema,
    confidence: z.enum(CONFIDENCES),
  }),
]);

/** One change to a finding, mirroring `Change` in core/verification.ts with agreements named by id or slug. */
const findingChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('occurrence'), to: z.enum(OCCURRENCES), reason }),
  z.strictObject({ kind: z.literal('attribution'), to: attributionInput, reason }),
  z.strictObject({ kind: z.literal('grade'), to: z.enum(GRADES), reason }),
  z.strictObject({
    kind: z.literal('rule'),
    agreement,
    to: z
      .enum(['violation', 'not-a-violation', 'unable-to-rule'])
      .describe('`violation` is refused here: propose it, and a second verifier confirms'),
    reason,
  }),
  z.strictObject({ kind: z.literal('propose-violation'), agreement, reason }),
  z.strictObject({ kind: z.literal('confirm-violation'), agreement, reason }),
  z.strictObject({ kind: z.literal('reject-violation'), agreement, reason }),
  z.strictObject({ kind: z.literal('reopen-ruling'), agreement, reason }),
  z.strictObject({ kind: z.literal('publish'), reason }),
]);

export const findingChangeBody = inputExampleOf(findingChange, {
  kind: 'rule',
  agreement: 'energy-moratorium-2025-03',
  to: 'unable-to-rule',
  reason: 'only the accusing party’s statement; no independent corroboration',
});

export const reviewQueueQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(200)
    .describe('How many unpublished incidents to examine, earliest occurrence first'),
  offset: z.coerce.number().int().min(0).default(0).describe('How many unpublished incidents to skip'),
});

const agreementRef = z.object({ id: z.string(), slug: z.string().nullable(), title: z.string().nullable() });

const attribution = z.object({
  status: z.enum(['unknown', 'alleged', 'attributed']),
  party: z.string().nullable(),
  confidence: z.enum(CONFIDENCES).nullable(),
});

const person = z.string().nullable().describe('A person id; null to readers who may not see who acted');

const ruling = z.object({
  agreement: agreementRef,
  status: z.enum(RULING_STATUSES),
  proposal: z
    .object({ by: person, at: z.string(), reason: z.string() })
    .nullable()
    .describe('An open proposal of `violation`, awaiting a second verifier'),
  proposedBy: person,
  confirmedBy: person,
});

const state = {
  occurrence: z.enum(OCCURRENCES),
  attribution,
  grade: z.enum(GRADES),
  published: z.boolean(),
  rulings: z.array(ruling),
};

export const CHANGE_KINDS = [
  'occurrence',
  'attribution',
  'grade',
  'rule',
  'propose-violation',
  'confirm-violation',
  'reject-violation',
  'reopen-ruling',
  'publish',
] as const satisfies readonly Change['kind'][];

const historyEntry = z.object({
  at: z.string(),
  by: person,
  change: z.object({
    kind: z.enum(CHANGE_KINDS),
    to: z.union([z.string(), attribution]).nullable(),
    agreement: agreementRef.nullable(),
  }),
  reason: z.string(),
  previous: z.object(state).describe('The state this change replaced'),
});

const findingShape = z.object({
  incidentId: z.string(),
  ...state,
  reportedBy: person,
  publishedAt: z.string().nullable(),
  publishBlockers: z.array(z.string()).describe('Why it cannot be published now; empty when it can'),
  history: z.array(historyEntry),
});

const MORATORIUM = {
  id: '35904e38-264f-4774-8aad-225890d45413',
  slug: 'energy-moratorium-2025-03',
  title: '30-day moratorium on strikes on energy infrastructure',
};
const pending = { agreement: MORATORIUM, proposal: null, proposedBy: null, confirmedBy: null };
const AT = '2025-04-17T09:00:00.000Z';

/** The demo's finding on the 16 April strike on a transformer near Kherson, as the public reads it. */
export const findingResponse = exampleOf(findingShape, {
  incidentId: '38289745-c536-470f-8ef5-d7b2fa7dc223',
  occurrence: 'alleged',
  attribution: { status: 'alleged', party: 'RU', confidence: null },
  grade: 'weak',
  published: true,
  rulings: [{ ...pending, status: 'unable-to-rule' }],
  reportedBy: null,
  publishedAt: AT,
  publishBlockers: ['already published'],
  history: [
    {
      at: AT,
      by: null,
      change: {
        kind: 'attribution',
        to: { status: 'alleged', party: 'RU', confidence: null },
        agreement: null,
      },
      reason: 'Ukraine blames Russia; the mission has not attributed it.',
      previous: {
        occurrence: 'alleged',
        attribution: { status: 'unknown', party: null, confidence: null },
        grade: 'weak',
        published: false,
        rulings: [{ ...pending, status: 'pending' }],
      },
    },
    {
      at: AT,
      by: null,
      change: { kind: 'rule', to: 'unable-to-rule', agreement: MORATORIUM },
      reason: 'only the accusing party’s statement; no independent corroboration',
      previous: {
        occurrence: 'alleged',
        attribution: { status: 'alleged', party: 'RU', confidence: null },
        grade: 'weak',
        published: false,
        rulings: [{ ...pending, status: 'pending' }],
      },
    },
    {
      at: AT,
      by: null,
      change: { kind: 'publish', to: null, agreement: null },
      reason: 'Published as Ukraine’s claim, not as a finding that it happened.',
      previous: {
        occurrence: 'alleged',
        attribution: { status: 'alleged', party: 'RU', confidence: null },
        grade: 'weak',
        published: false,
        rulings: [{ ...pending, status: 'unable-to-rule' }],
      },
    },
  ],
});

export const QUEUE_KINDS = [
  'confirm-violation',
  'rule',
  'review-occurrence',
  'publish',
] as const satisfies readonly QueueItem['kind'][];

const reviewQueueShape = z.object({
  items: z.array(
    z.object({
      kind: z.enum(QUEUE_KINDS),
      incident: z.object({ id: z.string(), title: z.string(), occurredAt: z.string() }),
      agreement: agreementRef.nullable(),
      occurrence: z.enum(OCCURRENCES).nullable(),
    }),
  ),
  window: z
    .object({
      offset: z.number(),
      limit: z.number(),
      examined: z.number().describe('Unpublished incidents examined for this page'),
      unpublished: z.number().describe('Unpublished incidents in all'),
    })
    .describe('The queue is computed over a window of unpublished incidents; page on with `offset`'),
});

/** The demo's three unpublished interception claims, each waiting for a verifier to review its occurrence. */
export const reviewQueueResponse = exampleOf(reviewQueueShape, {
  items: [
    {
      kind: 'review-occurrence',
      incident: {
        id: '4fea173b-2297-4937-9362-5705730af4e4',
        title: 'Russia shoots down seven of its own attack drones after the moratorium order',
        occurredAt: '2025-03-18T00:00:00+03:00',
      },
      agreement: null,
      occurrence: 'alleged',
    },
    {
      kind: 'review-occurrence',
      incident: {
        id: 'e6073243-fbb7-4c84-99d6-251e37c8e0f1',
        title: 'Drones aimed at the Saratov oil refinery shot down',
        occurredAt: '2025-03-28T00:00:00+03:00',
      },
      agreement: null,
      occurrence: 'alleged',
    },
    {
      kind: 'review-occurrence',
      incident: {
        id: 'd91d0a1d-94f7-43bc-8037-3bed0340746e',
        title: 'Drones aimed at a TurkStream compressor station shot down',
        occurredAt: '2025-04-09T00:00:00+03:00',
      },
      agreement: null,
      occurrence: 'alleged',
    },
  ],
  window: { offset: 0, limit: 200, examined: 3, unpublished: 3 },
});
