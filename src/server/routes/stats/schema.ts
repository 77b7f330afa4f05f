// Request and response schemas for incident statistics.

import { z } from 'zod';
import { incidentQuery } from '../incidents/schema.js';

/** The incident list's filters that make sense for counts (verdicts are what is counted). */
export const statsQuery = incidentQuery.pick({
  agreement: true,
  party: true,
  from: true,
  to: true,
  sector: true,
  oblast: true,
  status: true,
});

const verdicts = z
  .object({
    covered: z.number().int(),
    contested: z.number().int(),
    unknown: z.number().int(),
    'not-covered': z.number().int(),
    none: z.number().int().describe('Screened against no agreement'),
  })
  .describe('Incidents per verdict: against `agreement` when given, else each incident’s most serious');

export const statsResponse = z.object({
  total: z.number().int().describe('Incidents matching the filters that the caller may list'),
  byAgreement: z
    .array(
      z.object({
        agreement: z.object({ id: z.string(), slug: z.string().nullable(), title: z.string().nullable() }),
        total: z.number().int(),
        verdicts,
      }),
    )
    .describe('Incidents screened against each agreement, by their verdict against it; most incidents first'),
  byParty: z
    .array(
      z.object({
        party: z.string().nullable().describe('Alleged perpetrator; null when none is named'),
        total: z.number().int(),
        verdicts,
      }),
    )
    .describe('Most incidents first; the unnamed perpetrator last'),
  byWeek: z
    .array(
      z.object({
        week: z
          .string()
          .describe('The Monday of the week (YYYY-MM-DD), by the day the incident was stated on'),
        total: z.number().int(),
        verdicts,
      }),
    )
    .describe('Weeks with incidents, oldest first'),
  bySector: z
    .array(
      z.object({
        sector: z
          .object({ key: z.string(), name: z.string() })
          .nullable()
          .describe('Null: outside every sector, unlocated or withheld'),
        total: z.number().int(),
      }),
    )
    .describe('In the sectors’ order, north to south; null last'),
  byOblast: z
    .array(
      z.object({
        oblast: z
          .object({ code: z.string(), name: z.string() })
          .nullable()
          .describe('Null: unlocated or withheld'),
        total: z.number().int(),
      }),
    )
    .describe('Most incidents first; null last'),
});
