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

export const idParams = z.strictObject({ id: z.string().min(1) });

export const fileAllegationBody = allegationInputSchema;
export const allegationVersionBody = allegationVersionInputSchema;
export const replyBody = replyInputSchema;

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

export const allegationShape = z.object({
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

export const replyShape = z.object({
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

export const threadShape = z.object({
  incidentId: z.string(),
  allegation: allegationShape.describe('The current version'),
  reply: replyShape.nullable().describe("The accused party's current reply, beside it"),
  awaitingReply: z.boolean().describe('No reply answers the current version yet'),
  versions: z.array(allegationShape).describe('Every version of the allegation, oldest first'),
  replies: z.array(replyShape).describe('Every version of the reply, oldest first'),
});

export const incidentAllegationsResponse = z.object({
  incidentId: z.string(),
  items: z.array(threadShape),
});

export const allegationPageResponse = z.object({
  items: z.array(threadShape),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
