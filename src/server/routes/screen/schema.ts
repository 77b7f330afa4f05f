// Request and response schemas for screening a draft.

import { z } from 'zod';
import { screenDraftSchema } from '../../../core/schemas.js';
import { PREDICATES, READOUT_RESULTS, VERDICTS } from '../../../core/screening.js';

export const screenBody = screenDraftSchema;

const readoutResult = z.object({
  id: z.string(),
  key: z.string(),
  issuedBy: z.string().describe('Party code of the readout’s issuer'),
  issuer: z.string(),
  result: z.enum(READOUT_RESULTS),
  provision: z
    .object({ id: z.string(), key: z.string() })
    .optional()
    .describe('The provision that matched, or the single one that failed or could not be decided'),
  predicate: z.enum(PREDICATES).nullable().describe('The predicate that failed or could not be decided'),
  reason: z.string(),
});

export const screenResponse = z.object({
  results: z.array(
    z.object({
      agreement: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
      verdict: z.enum(VERDICTS),
      readouts: z.array(readoutResult),
    }),
  ),
});
