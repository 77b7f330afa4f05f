// Request and response schemas for the prisoner-exchange ledger.

import { z } from 'zod';
import {
  claimInputSchema,
  daySchema,
  exchangeInputSchema,
  reconcileInputSchema,
} from '../../../core/exchange-schemas.js';
import {
  CLAIM_STAGES,
  EXCHANGE_CATEGORIES,
  EXCHANGE_RELATIONS,
  TALLY_BASES,
} from '../../../core/exchanges.js';
import { partyCodeSchema } from '../../../core/schemas.js';

export const exchangeBody = exchangeInputSchema;
export const claimBody = claimInputSchema;
export const reconcileBody = reconcileInputSchema;

export const idParams = z.strictObject({
  idOrKey: z.string().min(1).describe('The exchange’s id or key'),
});

export const figureParams = z.strictObject({
  idOrKey: z.string().min(1).describe('The exchange’s id or key'),
  from: partyCodeSchema.describe('The side that handed the people over'),
  category: z.enum(EXCHANGE_CATEGORIES),
});

export const exchangeQuery = z.strictObject({
  party: partyCodeSchema.optional().describe('Only exchanges in which this party is a side'),
  mediator: partyCodeSchema.optional().describe('Only exchanges this party mediated'),
  from: daySchema.optional().describe('Only exchanges on or after this day (YYYY-MM-DD)'),
  to: daySchema.optional().describe('Only exchanges on or before this day (YYYY-MM-DD)'),
});

const person = z.string().nullable().describe('Who recorded it (a person id); only for those who may write');

const byCategory = z
  .object({
    'prisoners-of-war': z.number().int(),
    civilians: z.number().int(),
    'seriously-wounded': z.number().int(),
    bodies: z.number().int(),
  })
  .describe('People handed over, per category');

const countLine = z.object({
  from: z.string().describe('The side that handed them over'),
  to: z.string().describe('The side that received them'),
  category: z.enum(EXCHANGE_CATEGORIES),
  count: z.number().int(),
});

const tally = z.object({
  sequence: z.number().int().nullable(),
  total: z.number().int().nullable(),
  basis: z.enum(TALLY_BASES),
});

const sourceRef = z.object({
  key: z.string(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  verified: z.boolean().describe('Whether the research checked the statement at a named page'),
});

export const claimShape = z.object({
  id: z.string(),
  claimant: z.string().describe('Who announced it'),
  stage: z.enum(CLAIM_STAGES),
  source: sourceRef,
  counts: z.array(countLine).describe('Only what the claim states; a figure it does not mention is silent'),
  total: z.number().int().describe('The people its counts add up to'),
  tally: tally.nullable().describe('The claimant’s own numbering and running count, as stated'),
  quote: z.string().nullable(),
  note: z.string().nullable(),
  filedAt: z.string(),
  filedBy: person,
});

const claimedValue = z.object({
  claimId: z.string(),
  claimant: z.string(),
  source: z.string(),
  stage: z.enum(CLAIM_STAGES),
  count: z.number().int(),
});

const figureShape = z.object({
  from: z.string(),
  to: z.string(),
  category: z.enum(EXCHANGE_CATEGORIES),
  count: z.number().int().nullable().describe('What the ledger counts; null while the claims disagree'),
  atLeast: z
    .number()
    .int()
    .describe('What totals count: the figure, or the lowest claimed value while disputed'),
  status: z.enum(['reconciled', 'consistent', 'disputed']),
  reason: z.string().nullable().describe('Why the reconciled figure is what it is'),
  claimed: z.array(claimedValue),
  history: z
    .array(z.object({ count: z.number().int(), reason: z.string(), setAt: z.string(), setBy: person }))
    .describe('Every reconciliation of this figure, oldest first'),
});

const discrepancyShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('count').describe('Claims, or a claim and the reconciled figure, disagree'),
    text: z.string(),
    from: z.string(),
    to: z.string(),
    category: z.enum(EXCHANGE_CATEGORIES),
    claimed: z.array(claimedValue),
    reconciled: z.number().int().nullable(),
    reason: z.string().nullable(),
    resolved: z.boolean(),
  }),
  z.object({
    kind: z.literal('tally').describe('A claimant’s running totals imply a count the ledger does not hold'),
    text: z.string(),
    claimant: z.string(),
    source: z.string(),
    sequence: z.number().int().nullable(),
    previousTotal: z.number().int(),
    total: z.number().int(),
    implied: z.number().int(),
    ledger: z.number().int(),
    resolved: z.boolean(),
  }),
]);

const sideFlow = z.object({
  party: z.string(),
  gave: z.number().int(),
  received: z.number().int(),
  gaveByCategory: byCategory,
});

const parityShape = z.object({
  kind: z.enum(['exchange', 'unilateral', 'none']),
  text: z.string().describe('Who gave how many for how many, e.g. "RU 197 for UA 175"'),
  balanced: z.boolean(),
  people: z.number().int(),
  provisional: z.boolean().describe('A disputed figure is counted at its lowest claimed value'),
  sides: z.array(sideFlow),
});

const runningTotalsShape = z.object({
  through: z.string(),
  exchanges: z.number().int(),
  people: z.number().int(),
  provisional: z.boolean(),
  parties: z.array(sideFlow),
});

const tallyCheckShape = z.object({
  claimId: z.string(),
  claimant: z.string(),
  source: z.string(),
  sequence: z.number().int().nullable(),
  total: z.number().int().nullable().describe('The running count as claimed, not a sum of the ledger'),
  basis: z.enum(TALLY_BASES),
  previous: z
    .object({
      key: z.string(),
      sequence: z.number().int().nullable(),
      total: z.number().int().nullable(),
    })
    .nullable()
    .describe('The same claimant’s count on the exchange it numbered one lower, when the ledger holds it'),
  implied: z.number().int().nullable().describe('People this exchange added to the claimant’s count'),
  ledger: z.number().int().nullable().describe('People of this exchange as the ledger counts them'),
});

export const exchangeShape = z.object({
  id: z.string(),
  key: z.string(),
  date: z.string(),
  sides: z.array(z.string()),
  mediator: z.string().nullable(),
  agreement: z
    .object({
      slug: z.string(),
      title: z.string().nullable(),
      relation: z.enum(EXCHANGE_RELATIONS),
      clause: z
        .object({
          kind: z.enum(['provision', 'condition']),
          readout: z.string().nullable(),
          key: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  summary: z.string(),
  claims: z.array(claimShape),
  figures: z.array(figureShape),
  discrepancies: z.array(discrepancyShape),
  parity: parityShape,
  runningTotals: runningTotalsShape.describe('The whole ledger up to and including this exchange'),
  mediatorTally: tallyCheckShape.nullable().describe('The mediator’s own running count, as it claims it'),
  tallies: z.array(tallyCheckShape),
  recordedAt: z.string(),
  recordedBy: person,
});

export const exchangeListResponse = z.object({
  items: z.array(exchangeShape),
  total: z.number().int(),
});

export const summaryResponse = z.object({
  exchanges: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  people: z.number().int(),
  provisional: z.boolean(),
  parties: z.array(sideFlow),
  byCategory,
  discrepancies: z.object({ total: z.number().int(), resolved: z.number().int(), open: z.number().int() }),
  unilateral: z.number().int().describe('Exchanges in which only one side handed people over'),
  unbalanced: z.number().int().describe('Two-sided exchanges in which the sides gave different numbers'),
  mediators: z.array(
    z.object({
      party: z.string(),
      exchanges: z.number().int(),
      people: z.number().int().describe('People of its exchanges in this ledger'),
      claimed: tallyCheckShape
        .extend({ exchangeKey: z.string(), date: z.string() })
        .nullable()
        .describe('Its own latest running count, as claimed: not our sum'),
    }),
  ),
});
