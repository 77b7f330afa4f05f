// Query and response schemas of the map layer.

import { z } from 'zod';
import { partyCodeSchema } from '../../../core/schemas.js';
import { VERDICTS } from '../../../core/screening.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  // Date.parse rolls 30 February over into March: only a day that reads back the same is a calendar day.
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const bbox = z.string().transform((text, ctx) => {
  const parts = text.split(',').map(Number);
  const [west, south, east, north] = parts;
  if (
    parts.length !== 4 ||
    west === undefined ||
    south === undefined ||
    east === undefined ||
    north === undefined ||
    parts.some((n) => !Number.isFinite(n)) ||
    Math.abs(west) > 180 ||
    Math.abs(east) > 180 ||
    south < -90 ||
    north > 90 ||
    south > north
  ) {
    ctx.addIssue({ code: 'custom', message: 'west,south,east,north in degrees, south <= north' });
    return z.NEVER;
  }
  return [west, south, east, north] as const;
});

export const MAP_LIMIT_DEFAULT = 50_000;
export const MAP_LIMIT_MAX = 200_000;

export const mapIncidentsQuery = z.strictObject({
  agreement: z.string().min(1).optional().describe('Agreement id or slug: verdicts against it only'),
  verdict: z
    .enum(VERDICTS)
    .optional()
    .describe('The point’s verdict: the most serious over its agreements (or against `agreement`)'),
  party: partyCodeSchema.optional().describe('Alleged perpetrator'),
  from: isoDate.optional().describe('First day (UTC), inclusive'),
  to: isoDate.optional().describe('Last day (UTC), inclusive'),
  bbox: bbox.optional().describe('west,south,east,north in degrees'),
  limit: z.coerce.number().int().min(1).max(MAP_LIMIT_MAX).default(MAP_LIMIT_DEFAULT),
});

export const mapIncidentsResponse = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean().describe('More incidents matched than `limit`; the newest were left out'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        date: z.string().describe('The day as stated (local to the incident), YYYY-MM-DD'),
        verdict: z
          .enum([...VERDICTS, 'none'])
          .describe(
            'Most serious verdict: covered > contested > unknown > not-covered; none when unscreened',
          ),
        party: z.string().nullable().describe('Alleged perpetrator'),
        precision: z
          .enum(['exact', 'blurred'])
          .describe('blurred: the centre of its 0.1-degree cell, for the public'),
      }),
    }),
  ),
});
