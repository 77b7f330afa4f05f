// Request schemas for the incident routes.

import { z } from 'zod';
import { UKRAINE_ADMIN1 } from '../../../core/admin-areas.js';
import {
  incidentInputSchema,
  incidentPatchSchema,
  instantSchema,
  partyCodeSchema,
  targetCodeSchema,
} from '../../../core/schemas.js';
import { VERDICTS } from '../../../core/screening.js';
import { INCIDENT_SORTS } from '../../../services/incidents.js';

export const incidentParams = z.strictObject({ id: z.string().min(1) });

export const incidentQuery = z.strictObject({
  agreement: z.string().min(1).optional().describe('Agreement id or slug: incidents screened against it'),
  verdict: z.enum(VERDICTS).optional().describe('Screening verdict (against `agreement` if given, else any)'),
  party: partyCodeSchema.optional().describe('Alleged perpetrator'),
  from: instantSchema.optional().describe('Earliest time, inclusive'),
  to: instantSchema.optional().describe('Latest time; a date includes that whole day'),
  target: targetCodeSchema.optional().describe('Target code; includes the codes below it'),
  sector: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Sector key (GET /sectors) of the derived geography'),
  oblast: z
    .enum(UKRAINE_ADMIN1.map((a) => a.code) as [string, ...string[]])
    .optional()
    .describe('Oblast of the derived geography, as its ISO 3166-2:UA code (`UA-23`)'),
  status: z
    .enum(['published', 'unpublished'])
    .optional()
    .describe('Published or not yet; `unpublished` needs a role that reads unpublished incidents'),
  sort: z
    .enum(INCIDENT_SORTS)
    .default('-occurredAt')
    .describe(
      'Order: `occurredAt`, `title`, `verdict` (against `agreement` if given, else the most serious), `occurrence` (how far verified) or `publishedAt` (unpublished last); `-` in front for descending. Ties: newest first, then id',
    ),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const createIncidentBody = incidentInputSchema;
export const patchIncidentBody = incidentPatchSchema;
