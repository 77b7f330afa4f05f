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
import { exampleOf, inputExampleOf } from '../../openapi.js';

// Examples: the exchange of 19 March 2025, mediated by the UAE: 175 for 175, and 23 seriously wounded announced
// by the Kremlin against 22 received by Ukraine.

export const exchangeBody = inputExampleOf(exchangeInputSchema, {
  key: 'ru-ua-2025-03-19',
  date: '2025-03-19',
  sides: ['RU', 'UA'],
  mediator: 'AE',
  agreement: { slug: 'energy-moratorium-2025-03', relation: 'announced-with' },
  summary:
    'Announced by the Kremlin in its readout of the Trump–Putin call of 18 March, the call that produced the energy moratorium; the moratorium itself has no clause on prisoners. 175 prisoners of war for 175, and seriously wounded Ukrainians handed over by Russia “outside the exchange”: 23 announced, 22 received. Russian returnees were taken to Belarus.',
  claims: [
    {
      claimant: 'RU',
      source: 'kremlin-readout-2025-03-18',
      stage: 'announced',
      counts: [
        { from: 'RU', category: 'prisoners-of-war', count: 175 },
        { from: 'UA', category: 'prisoners-of-war', count: 175 },
        { from: 'RU', category: 'seriously-wounded', count: 23 },
      ],
      quote: '175 for 175',
      note: 'Announced the day before: 23 seriously wounded Ukrainians to be handed over besides, as a “goodwill” gesture.',
    },
    {
      claimant: 'UA',
      source: 'ua-coordination-hq-2025-03-19',
      stage: 'reported',
      counts: [
        { from: 'RU', category: 'prisoners-of-war', count: 175 },
        { from: 'RU', category: 'seriously-wounded', count: 22 },
      ],
      quote: 'outside the exchange',
      note: '197 returned in all. Among the 175: 166 privates and sergeants and 9 officers, 31 from Mariupol (18 of them defenders of Azovstal). The 22 seriously wounded: 21 of the Armed Forces and 1 border guard.',
    },
    {
      claimant: 'AE',
      source: 'uae-mediation-2025-03-19',
      stage: 'reported',
      tally: { sequence: 13, total: 3233, basis: 'both-sides' },
      note: 'The UAE’s 13th mediation between Russia and Ukraine since early 2024.',
    },
  ],
});
export const claimBody = inputExampleOf(claimInputSchema, {
  claimant: 'AE',
  source: 'uae-mediation-2025-03-19',
  stage: 'reported',
  tally: { sequence: 13, total: 3233, basis: 'both-sides' },
  note: 'The UAE’s 13th mediation between Russia and Ukraine since early 2024.',
});
export const reconcileBody = inputExampleOf(reconcileInputSchema, {
  count: 22,
  reason:
    'Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
});

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

const claimFields = z.object({
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

const exchangeFields = z.object({
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
  claims: z.array(claimFields),
  figures: z.array(figureShape),
  discrepancies: z.array(discrepancyShape),
  parity: parityShape,
  runningTotals: runningTotalsShape.describe('The whole ledger up to and including this exchange'),
  mediatorTally: tallyCheckShape.nullable().describe('The mediator’s own running count, as it claims it'),
  tallies: z.array(tallyCheckShape),
  recordedAt: z.string(),
  recordedBy: person,
});

const exchangeListShape = z.object({
  items: z.array(exchangeFields),
  total: z.number().int(),
});

const summaryShape = z.object({
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

const EXCHANGE_EXAMPLE: z.output<typeof exchangeFields> = {
  id: 'e69b98f8-77bd-42cf-957d-282fff8ad216',
  key: 'ru-ua-2025-03-19',
  date: '2025-03-19',
  sides: ['RU', 'UA'],
  mediator: 'AE',
  agreement: {
    slug: 'energy-moratorium-2025-03',
    title: '30-day moratorium on strikes on energy infrastructure',
    relation: 'announced-with',
    clause: null,
  },
  summary:
    'Announced by the Kremlin in its readout of the Trump–Putin call of 18 March, the call that produced the energy moratorium; the moratorium itself has no clause on prisoners. 175 prisoners of war for 175, and seriously wounded Ukrainians handed over by Russia “outside the exchange”: 23 announced, 22 received. Russian returnees were taken to Belarus.',
  claims: [
    {
      id: '783c1896-55f4-454b-abd6-9c4e3d2dc1e0',
      claimant: 'RU',
      stage: 'announced',
      source: {
        key: 'kremlin-readout-2025-03-18',
        issuer: 'The Kremlin (Presidential Executive Office)',
        title: 'Telephone conversation with US President Donald Trump',
        url: 'https://kyivindependent.com/',
        publishedAt: '2025-03-18T20:00:00+03:00',
        verified: false,
      },
      counts: [
        { from: 'RU', to: 'UA', category: 'prisoners-of-war', count: 175 },
        { from: 'UA', to: 'RU', category: 'prisoners-of-war', count: 175 },
        { from: 'RU', to: 'UA', category: 'seriously-wounded', count: 23 },
      ],
      total: 373,
      tally: null,
      quote: '175 for 175',
      note: 'Announced the day before: 23 seriously wounded Ukrainians to be handed over besides, as a “goodwill” gesture.',
      filedAt: '2025-03-19T18:00:00.000Z',
      filedBy: null,
    },
    {
      id: '15111817-8c02-4391-a0e7-799ede084a12',
      claimant: 'UA',
      stage: 'reported',
      source: {
        key: 'ua-coordination-hq-2025-03-19',
        issuer: 'Coordination Headquarters for the Treatment of Prisoners of War (Ukraine)',
        title:
          '197 Ukrainians returned: 175 prisoners of war in the exchange and 22 seriously wounded handed over outside it',
        url: 'https://unn.ua/',
        publishedAt: '2025-03-19T12:00:00+02:00',
        verified: false,
      },
      counts: [
        { from: 'RU', to: 'UA', category: 'prisoners-of-war', count: 175 },
        { from: 'RU', to: 'UA', category: 'seriously-wounded', count: 22 },
      ],
      total: 197,
      tally: null,
      quote: 'outside the exchange',
      note: '197 returned in all. Among the 175: 166 privates and sergeants and 9 officers, 31 from Mariupol (18 of them defenders of Azovstal). The 22 seriously wounded: 21 of the Armed Forces and 1 border guard.',
      filedAt: '2025-03-19T18:00:00.000Z',
      filedBy: null,
    },
    {
      id: 'f2becefa-1d45-4ea0-a545-8d244cf07ab3',
      claimant: 'AE',
      stage: 'reported',
      source: {
        key: 'uae-mediation-2025-03-19',
        issuer: 'Ministry of Foreign Affairs of the United Arab Emirates',
        title:
          'The UAE’s 13th mediation between Russia and Ukraine since early 2024 brings the captives exchanged through it to 3,233',
        url: 'https://www.thenationalnews.com/',
        publishedAt: '2025-03-19T12:00:00+04:00',
        verified: false,
      },
      counts: [],
      total: 0,
      tally: { sequence: 13, total: 3233, basis: 'both-sides' },
      quote: null,
      note: 'The UAE’s 13th mediation between Russia and Ukraine since early 2024.',
      filedAt: '2025-03-19T18:00:00.000Z',
      filedBy: null,
    },
  ],
  figures: [
    {
      from: 'RU',
      to: 'UA',
      category: 'prisoners-of-war',
      count: 175,
      atLeast: 175,
      status: 'consistent',
      reason: null,
      claimed: [
        {
          claimId: '783c1896-55f4-454b-abd6-9c4e3d2dc1e0',
          claimant: 'RU',
          source: 'kremlin-readout-2025-03-18',
          stage: 'announced',
          count: 175,
        },
        {
          claimId: '15111817-8c02-4391-a0e7-799ede084a12',
          claimant: 'UA',
          source: 'ua-coordination-hq-2025-03-19',
          stage: 'reported',
          count: 175,
        },
      ],
      history: [],
    },
    {
      from: 'RU',
      to: 'UA',
      category: 'seriously-wounded',
      count: 22,
      atLeast: 22,
      status: 'reconciled',
      reason:
        'Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
      claimed: [
        {
          claimId: '783c1896-55f4-454b-abd6-9c4e3d2dc1e0',
          claimant: 'RU',
          source: 'kremlin-readout-2025-03-18',
          stage: 'announced',
          count: 23,
        },
        {
          claimId: '15111817-8c02-4391-a0e7-799ede084a12',
          claimant: 'UA',
          source: 'ua-coordination-hq-2025-03-19',
          stage: 'reported',
          count: 22,
        },
      ],
      history: [
        {
          count: 22,
          reason:
            'Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
          setAt: '2025-03-19T18:00:00.000Z',
          setBy: null,
        },
      ],
    },
    {
      from: 'UA',
      to: 'RU',
      category: 'prisoners-of-war',
      count: 175,
      atLeast: 175,
      status: 'consistent',
      reason: null,
      claimed: [
        {
          claimId: '783c1896-55f4-454b-abd6-9c4e3d2dc1e0',
          claimant: 'RU',
          source: 'kremlin-readout-2025-03-18',
          stage: 'announced',
          count: 175,
        },
      ],
      history: [],
    },
  ],
  discrepancies: [
    {
      kind: 'count',
      text: 'seriously wounded handed over by RU to UA: 23 announced by RU (kremlin-readout-2025-03-18), 22 reported by UA (ua-coordination-hq-2025-03-19); reconciled at 22: Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
      from: 'RU',
      to: 'UA',
      category: 'seriously-wounded',
      claimed: [
        {
          claimId: '783c1896-55f4-454b-abd6-9c4e3d2dc1e0',
          claimant: 'RU',
          source: 'kremlin-readout-2025-03-18',
          stage: 'announced',
          count: 23,
        },
        {
          claimId: '15111817-8c02-4391-a0e7-799ede084a12',
          claimant: 'UA',
          source: 'ua-coordination-hq-2025-03-19',
          stage: 'reported',
          count: 22,
        },
      ],
      reconciled: 22,
      reason:
        'Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
      resolved: true,
    },
  ],
  parity: {
    kind: 'exchange',
    text: 'RU 197 for UA 175 (prisoners of war 175 for 175; seriously wounded 22 for none)',
    balanced: false,
    people: 372,
    provisional: false,
    sides: [
      {
        party: 'RU',
        gave: 197,
        received: 175,
        gaveByCategory: { 'prisoners-of-war': 175, civilians: 0, 'seriously-wounded': 22, bodies: 0 },
      },
      {
        party: 'UA',
        gave: 175,
        received: 197,
        gaveByCategory: { 'prisoners-of-war': 175, civilians: 0, 'seriously-wounded': 0, bodies: 0 },
      },
    ],
  },
  runningTotals: {
    through: '2025-03-19',
    exchanges: 1,
    people: 372,
    provisional: false,
    parties: [
      {
        party: 'RU',
        gave: 197,
        received: 175,
        gaveByCategory: { 'prisoners-of-war': 175, civilians: 0, 'seriously-wounded': 22, bodies: 0 },
      },
      {
        party: 'UA',
        gave: 175,
        received: 197,
        gaveByCategory: { 'prisoners-of-war': 175, civilians: 0, 'seriously-wounded': 0, bodies: 0 },
      },
    ],
  },
  mediatorTally: {
    claimId: 'f2becefa-1d45-4ea0-a545-8d244cf07ab3',
    claimant: 'AE',
    source: 'uae-mediation-2025-03-19',
    sequence: 13,
    total: 3233,
    basis: 'both-sides',
    previous: null,
    implied: null,
    ledger: 372,
  },
  tallies: [
    {
      claimId: 'f2becefa-1d45-4ea0-a545-8d244cf07ab3',
      claimant: 'AE',
      source: 'uae-mediation-2025-03-19',
      sequence: 13,
      total: 3233,
      basis: 'both-sides',
      previous: null,
      implied: null,
      ledger: 372,
    },
  ],
  recordedAt: '2025-03-19T18:00:00.000Z',
  recordedBy: null,
};

export const exchangeShape = exampleOf(exchangeFields, EXCHANGE_EXAMPLE);
export const exchangeListResponse = exampleOf(exchangeListShape, { items: [EXCHANGE_EXAMPLE], total: 1 });

/** The ledger of the demo: the exchanges of 19 March and 19 April 2025. */
export const summaryResponse = exampleOf(summaryShape, {
  exchanges: 2,
  first: '2025-03-19',
  last: '2025-04-19',
  people: 910,
  provisional: false,
  parties: [
    {
      party: 'RU',
      gave: 474,
      received: 436,
      gaveByCategory: { 'prisoners-of-war': 421, civilians: 0, 'seriously-wounded': 53, bodies: 0 },
    },
    {
      party: 'UA',
      gave: 436,
      received: 474,
      gaveByCategory: { 'prisoners-of-war': 421, civilians: 0, 'seriously-wounded': 15, bodies: 0 },
    },
  ],
  byCategory: { 'prisoners-of-war': 842, civilians: 0, 'seriously-wounded': 68, bodies: 0 },
  discrepancies: { total: 1, resolved: 1, open: 0 },
  unilateral: 0,
  unbalanced: 2,
  mediators: [
    {
      party: 'AE',
      exchanges: 2,
      people: 910,
      claimed: {
        claimId: '7d68fd2b-bbf8-4362-896f-1a9313fb29e1',
        claimant: 'AE',
        source: 'uae-mediation-2025-04-19',
        sequence: 14,
        total: 3771,
        basis: 'both-sides',
        previous: { key: 'ru-ua-2025-03-19', sequence: 13, total: 3233 },
        implied: 538,
        ledger: 538,
        exchangeKey: 'ru-ua-2025-04-19',
        date: '2025-04-19',
      },
    },
  ],
});
