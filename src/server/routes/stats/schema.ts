// Request and response schemas for incident statistics.

import { z } from 'zod';
import { exampleOf } from '../../openapi.js';
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

const statsShape = z.object({
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

/** The demo's 15 published incidents, as the public counts them. */
export const statsResponse = exampleOf(statsShape, {
  total: 15,
  byAgreement: [
    {
      agreement: {
        id: '35904e38-264f-4774-8aad-225890d45413',
        slug: 'energy-moratorium-2025-03',
        title: '30-day moratorium on strikes on energy infrastructure',
      },
      total: 15,
      verdicts: { covered: 9, contested: 3, unknown: 2, 'not-covered': 1, none: 0 },
    },
    {
      agreement: {
        id: '7c16f792-5b19-4795-a35a-fbf7ab90d7f5',
        slug: 'black-sea-2025-03',
        title: 'Black Sea arrangement: safe navigation and no use of force',
      },
      total: 11,
      verdicts: { covered: 0, contested: 0, unknown: 0, 'not-covered': 11, none: 0 },
    },
  ],
  byParty: [
    { party: 'RU', total: 9, verdicts: { covered: 6, contested: 2, unknown: 1, 'not-covered': 0, none: 0 } },
    { party: 'UA', total: 6, verdicts: { covered: 3, contested: 1, unknown: 1, 'not-covered': 1, none: 0 } },
  ],
  byWeek: [
    {
      week: '2025-03-17',
      total: 4,
      verdicts: { covered: 0, contested: 3, unknown: 0, 'not-covered': 1, none: 0 },
    },
    {
      week: '2025-03-24',
      total: 2,
      verdicts: { covered: 1, contested: 0, unknown: 1, 'not-covered': 0, none: 0 },
    },
    {
      week: '2025-03-31',
      total: 4,
      verdicts: { covered: 3, contested: 0, unknown: 1, 'not-covered': 0, none: 0 },
    },
    {
      week: '2025-04-07',
      total: 2,
      verdicts: { covered: 2, contested: 0, unknown: 0, 'not-covered': 0, none: 0 },
    },
    {
      week: '2025-04-14',
      total: 3,
      verdicts: { covered: 3, contested: 0, unknown: 0, 'not-covered': 0, none: 0 },
    },
  ],
  bySector: [{ sector: null, total: 15 }],
  byOblast: [{ oblast: null, total: 15 }],
});
