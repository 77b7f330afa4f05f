// Request and response schemas for allegations and the accused party's replies.

import { z } from 'zod';
import { REPLY_KINDS } from '../../../core/model.js';
import {
  allegationInputSchema,
  allegationVersionInputSchema,
  partyCodeSchema,
  replyInputSchema,
} from '../../../core/schemas.js';
import { ALLEGATION_SIDES } from '../../../services/allegations.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

export const idParams = z.strictObject({ id: z.string().min(1) });

// Examples: the Sudzha gas metering station, 21 March 2025 — Russia's accusation and Ukraine's answer.
const SUDZHA_INCIDENT = '3b277710-7aba-4737-ad78-910654276476';
const RU_SOURCE = 'ru-mod-sudzha-2025-03-21';
const UA_SOURCE = 'ua-general-staff-sudzha-2025-03-21';
const RU_SUMMARY =
  'The Russian Ministry of Defence said retreating Ukrainian forces deliberately blew up the Sudzha gas metering station.';
const RU_SUMMARY_2 =
  'The Russian Ministry of Defence said retreating Ukrainian forces deliberately blew up the Sudzha gas metering station at about 00:20 Moscow time, a provocation to discredit US peace efforts.';
const UA_TEXT =
  'Ukraine’s General Staff called the Russian claim groundless and said Russia shelled the station.';

export const fileAllegationBody = inputExampleOf(allegationInputSchema, {
  accuser: 'RU',
  accused: 'UA',
  madeAt: '2025-03-21T12:00:00+03:00',
  source: RU_SOURCE,
  summary: RU_SUMMARY,
});
export const allegationVersionBody = inputExampleOf(allegationVersionInputSchema, {
  madeAt: '2025-03-21T12:00:00+03:00',
  source: RU_SOURCE,
  summary: RU_SUMMARY_2,
});
export const replyBody = inputExampleOf(replyInputSchema, {
  kind: 'counter-claim',
  text: UA_TEXT,
  madeAt: '2025-03-21T12:00:00+02:00',
  source: UA_SOURCE,
});

export const allegationQuery = z.strictObject({
  party: partyCodeSchema
    .optional()
    .describe("A party on either side (or on `side`); a liaison's own party when left out"),
  side: z.enum(ALLEGATION_SIDES).optional().describe('Only where `party` is the accuser, or the accused'),
  awaiting: z
    .enum(['reply'])
    .optional()
    .describe(
      'Only allegations whose current version no reply answers; with `party` and no `side`: against it',
    ),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const filedBy = z.string().nullable().describe('Who filed it (a person id); only for the mission staff');

const allegationFields = z.object({
  id: z.string(),
  incidentId: z.string(),
  accuser: z.string(),
  accused: z.string(),
  madeAt: z.string(),
  source: z.string().nullable().describe('The key of the source the allegation was made in'),
  summary: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable().describe('The version this one replaces'),
  supersededBy: z.string().nullable().describe('The version that replaces this one; null while current'),
  filedAt: z.string().nullable(),
  filedBy,
});

const replyFields = z.object({
  id: z.string(),
  allegationId: z.string().describe('The allegation version this reply answers'),
  party: z.string().describe('The accused party, who replies'),
  kind: z.enum(REPLY_KINDS),
  text: z.string(),
  madeAt: z.string(),
  source: z.string().nullable(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  filedAt: z.string(),
  filedBy,
});

const FIRST = {
  id: '5f0e3b9c-4a1d-4c56-9a43-2d1f6b7e8c01',
  incidentId: SUDZHA_INCIDENT,
  accuser: 'RU',
  accused: 'UA',
  madeAt: '2025-03-21T12:00:00+03:00',
  source: RU_SOURCE,
  summary: RU_SUMMARY,
  version: 1,
  supersedes: null,
  supersededBy: '8a7c2e41-0b6f-4f3e-b2d9-6c5a1e9f3d22',
  filedAt: '2025-03-21T14:10:00.000Z',
  filedBy: null,
};
const SECOND = {
  ...FIRST,
  id: '8a7c2e41-0b6f-4f3e-b2d9-6c5a1e9f3d22',
  summary: RU_SUMMARY_2,
  version: 2,
  supersedes: FIRST.id,
  supersededBy: null,
  filedAt: '2025-03-21T16:30:00.000Z',
};
const REPLY = {
  id: 'c41d9e7a-3b2f-4e18-9d6c-7f0a5b8e2a13',
  allegationId: SECOND.id,
  party: 'UA',
  kind: 'counter-claim',
  text: UA_TEXT,
  madeAt: '2025-03-21T12:00:00+02:00',
  source: UA_SOURCE,
  version: 1,
  supersedes: null,
  supersededBy: null,
  filedAt: '2025-03-21T17:05:00.000Z',
  filedBy: null,
} as const;

/** One version of an allegation. */
export const allegationShape = exampleOf(allegationFields, SECOND);

/** One version of a reply. */
export const replyShape = exampleOf(replyFields, REPLY);

const THREAD = {
  incidentId: SUDZHA_INCIDENT,
  allegation: SECOND,
  reply: REPLY,
  awaitingReply: false,
  versions: [FIRST, SECOND],
  replies: [REPLY],
};

export const threadShape = z.object({
  incidentId: z.string(),
  allegation: allegationShape.describe('The current version'),
  reply: replyShape.nullable().describe("The accused party's current reply, beside it"),
  awaitingReply: z.boolean().describe('No reply answers the current version yet'),
  versions: z.array(allegationShape).describe('Every version of the allegation, oldest first'),
  replies: z.array(replyShape).describe('Every version of the reply, oldest first'),
});

export const threadResponse = exampleOf(threadShape, THREAD);

export const incidentAllegationsResponse = exampleOf(
  z.object({ incidentId: z.string(), items: z.array(threadShape) }),
  { incidentId: SUDZHA_INCIDENT, items: [THREAD] },
);

export const allegationPageResponse = exampleOf(
  z.object({
    items: z.array(threadShape),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  { items: [THREAD], total: 1, limit: 50, offset: 0 },
);
