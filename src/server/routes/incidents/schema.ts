// Request schemas for the incident routes.

import { z } from 'zod';
import {
  incidentInputSchema,
  incidentPatchSchema,
  instantSchema,
  partyCodeSchema,
  targetCodeSchema,
} from '../../../core/schemas.js';
import { VERDICTS } from '../../../core/screening.js';

export const incidentParams = z.strictObject({ id: z.string().min(1) });

export const incidentQuery = z.strictObject({
  agreement: z.string().min(1).optional().describe('Agreement id or slug: incidents screened against it'),
  verdict: z.enum(VERDICTS).optional().describe('Screening verdict (against `agreement` if given, else any)'),
  party: partyCodeSchema.optional().describe('Alleged perpetrator'),
  from: instantSchema.optional().describe('Earliest time, inclusive'),
  to: instantSchema.optional().describe('Latest time; a date includes that whole day'),
  target: targetCodeSchema.optional().describe('Target code; includes the codes below it'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const createIncidentBody = incidentInputSchema;
export const patchIncidentBody = incidentPatchSchema;
