// Input schemas for the prisoner-exchange ledger, shared by the HTTP API, the CLI and the demo loader. Shape is
// checked here (counts are whole numbers of 0 or more, each side and category stated once); whether parties,
// sources and agreements exist is checked by the use case. Objects are strict: a field such as a list of names is
// refused, never stored.

import { z } from 'zod';
import { CLAIM_STAGES, EXCHANGE_CATEGORIES, EXCHANGE_RELATIONS, TALLY_BASES } from './exchanges.js';
import { INTEGER_MAX, partyCodeSchema, slugSchema } from './schemas.js';

const text = z.string().trim().min(1);

/** A number of people: whole, 0 or more. */
export const headcountSchema = z
  .number()
  .int('a whole number')
  .min(0, 'a count of 0 or more')
  .max(INTEGER_MAX);

/** A calendar day, YYYY-MM-DD, that exists. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(isCalendarDay, { message: 'not a calendar day' });

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** Paths that would clash with the routes beside `/exchanges/{idOrKey}`. */
const RESERVED_KEYS = new Set(['summary']);

export const exchangeKeySchema = slugSchema.refine((s) => !RESERVED_KEYS.has(s), {
  message: 'reserved: choose another key',
});

export const countLineSchema = z.strictObject({
  from: partyCodeSchema.describe('The side that handed these people over'),
  category: z.enum(EXCHANGE_CATEGORIES),
  count: headcountSchema,
});

export const tallySchema = z
  .strictObject({
    sequence: z
      .number()
      .int()
      .min(1)
      .max(INTEGER_MAX)
      .nullable()
      .default(null)
      .describe('The claimant’s own number for this exchange (“our 13th mediation”)'),
    total: headcountSchema
      .nullable()
      .default(null)
      .describe('The claimant’s running count after this exchange (“3,233 in all”)'),
    basis: z
      .enum(TALLY_BASES)
      .describe('`both-sides`: people of both sides exchanged; `received`: people the claimant received'),
  })
  .refine((t) => t.sequence !== null || t.total !== null, {
    message: 'a tally needs a sequence number or a running total',
    path: ['total'],
  });

/** Each side and category once per claim: a claim that says two different things is two claims. */
function uniqueLines(counts: readonly { from: string; category: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  counts.forEach((line, i) => {
    const key = `${line.from}\u0000${line.category}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['counts', i],
        message: `${line.category} handed over by ${line.from} is stated twice`,
      });
    seen.add(key);
  });
}

export const claimInputSchema = z
  .strictObject({
    claimant: partyCodeSchema.describe('Who announced it'),
    source: slugSchema.describe('The key of the source the announcement was made in'),
    stage: z
      .enum(CLAIM_STAGES)
      .describe('`announced`: what would happen (before); `reported`: what happened (after)'),
    counts: z.array(countLineSchema).max(8).default([]).describe('Only what the claim states'),
    tally: tallySchema.nullable().default(null),
    quote: text.max(2000).nullable().default(null).describe('The claim’s own words, verbatim'),
    note: text.max(4000).nullable().default(null),
  })
  .superRefine((claim, ctx) => {
    uniqueLines(claim.counts, ctx);
    if (claim.counts.length === 0 && claim.tally === null)
      ctx.addIssue({ code: 'custom', path: ['counts'], message: 'states no count and no tally' });
  });
export type ClaimInput = z.output<typeof claimInputSchema>;

export const clauseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('provision'), readout: slugSchema, key: z.string().trim().min(1) }),
  z.strictObject({ kind: z.literal('condition'), key: slugSchema }),
]);

export const exchangeLinkSchema = z.strictObject({
  slug: slugSchema.describe('The agreement'),
  relation: z.enum(EXCHANGE_RELATIONS).default('implements'),
  clause: clauseSchema.nullable().default(null).describe('The provision or condition it carries out'),
});

export const exchangeInputSchema = z
  .strictObject({
    key: exchangeKeySchema.describe('A short stable name, e.g. ru-ua-2025-03-19'),
    date: daySchema.describe('The day the people were handed over'),
    sides: z.tuple([partyCodeSchema, partyCodeSchema]).describe('The two parties handing people over'),
    mediator: partyCodeSchema.nullable().default(null),
    agreement: exchangeLinkSchema.nullable().default(null),
    summary: z.string().trim().max(4000).default(''),
    claims: z.array(claimInputSchema).max(50).default([]),
  })
  .superRefine((input, ctx) => {
    if (input.sides[0] === input.sides[1])
      ctx.addIssue({ code: 'custom', path: ['sides', 1], message: 'the two sides must differ' });
    if (input.mediator !== null && input.sides.includes(input.mediator))
      ctx.addIssue({ code: 'custom', path: ['mediator'], message: 'a side cannot mediate its own exchange' });
  });
export type ExchangeInput = z.output<typeof exchangeInputSchema>;

export const reconcileInputSchema = z.strictObject({
  count: headcountSchema,
  reason: text.max(4000).describe('Why the ledger counts this figure: which claim it follows and why'),
});
export type ReconcileInput = z.output<typeof reconcileInputSchema>;
