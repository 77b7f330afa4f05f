// Request and response schemas for the agreement routes, with examples from the demo (the Easter truce of
// April 2025, the smallest agreement of the March–April scenario, and the readouts of the 18 March moratorium).

import { z } from 'zod';
import {
  AGREEMENT_FORMS,
  AGREEMENT_KINDS,
  BOUND_PRECISIONS,
  CONDITION_KINDS,
  CONDITION_STATUSES,
  LIFECYCLE_STATUSES,
  LINK_RELATIONS,
  PROVISION_KINDS,
} from '../../../core/model.js';
import {
  agreementInputSchema,
  agreementPatchSchema,
  readoutInputSchema,
  readoutPatchSchema,
} from '../../../core/schemas.js';
import { PRECISIONS } from '../../../core/time.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';
import { sourceShape } from '../reference/schema.js';

export const agreementParams = z.strictObject({ idOrSlug: z.string().min(1) });
export const readoutParams = z.strictObject({ idOrSlug: z.string().min(1), readout: z.string().min(1) });

const EASTER_SOURCE = 'kremlin-easter-truce-2025-04-19';

/** The Easter truce as the demo files it. */
export const createAgreementBody = inputExampleOf(agreementInputSchema, {
  slug: 'easter-truce-2025-04',
  title: 'Easter truce (unilateral, Russia)',
  form: 'unilateral-declaration',
  kind: 'truce',
  summary:
    'Declared by President Putin for Easter: from 18:00 Moscow time on 19 April to 00:00 on 21 April 2025, about 30 hours. It binds Russia only.',
  parties: ['RU'],
  links: [{ relation: 'follows', agreement: 'energy-moratorium-2025-03' }],
  lifecycle: [
    {
      status: 'in-force',
      at: '2025-04-19T18:00:00+03:00',
      precision: 'minute',
      note: 'From 18:00 Moscow time.',
      source: EASTER_SOURCE,
    },
    {
      status: 'expired',
      at: '2025-04-21T00:00:00+03:00',
      precision: 'minute',
      note: 'Until 00:00 Moscow time on 21 April.',
      source: EASTER_SOURCE,
    },
  ],
  readouts: [
    {
      key: 'kremlin-2025-04-19',
      issuedBy: 'RU',
      issuer: 'President Vladimir Putin',
      issuedAt: '2025-04-19T12:00:00+03:00',
      source: EASTER_SOURCE,
      scope: 'all hostilities, for Easter',
      summary: 'A halt to all hostilities from 18:00 Moscow time on 19 April to 00:00 on 21 April.',
      window: {
        start: { at: '2025-04-19T18:00:00+03:00', precision: 'minute' },
        end: { at: '2025-04-20T00:00:00+03:00', precision: 'day' },
      },
      provisions: [{ key: 'P1' }],
    },
  ],
  conditions: [
    {
      key: 'thirty-days-no-long-range-strikes',
      party: 'UA',
      kind: 'demand',
      text: 'At least 30 days without long-range strikes on civilian infrastructure.',
      source: 'zelensky-2025-04-20',
    },
  ],
});

export const patchAgreementBody = inputExampleOf(agreementPatchSchema, {
  summary:
    'Declared by President Putin for Easter: from 18:00 Moscow time on 19 April to 00:00 on 21 April 2025, about 30 hours. It binds Russia only. Zelensky counted 2,935 Russian violations on 20 April.',
});

/** The Kremlin's readout of the 18 March call, as the demo adds it to the energy moratorium. */
export const createReadoutBody = inputExampleOf(readoutInputSchema, {
  key: 'kremlin-2025-03-18',
  issuedBy: 'RU',
  issuer: 'The Kremlin',
  issuedAt: '2025-03-18T20:00:00+03:00',
  source: 'kremlin-readout-2025-03-18',
  scope: 'energy infrastructure facilities',
  summary: 'A mutual refusal to strike energy infrastructure facilities for 30 days, ordered at once.',
  window: { start: { at: '2025-03-18T00:00:00+03:00', precision: 'day' }, durationDays: 30 },
  provisions: [
    {
      key: 'P1',
      acts: ['strike'],
      targets: ['infrastructure.energy'],
      quote:
        'a mutual refusal of the parties to the conflict to strike for 30 days on energy infrastructure facilities',
    },
  ],
});

/** Ukraine's foreign ministry dated the moratorium from 25 March (Kyiv time). */
export const patchReadoutBody = inputExampleOf(readoutPatchSchema, {
  window: { start: { at: '2025-03-25T00:00:00+02:00', precision: 'day' }, durationDays: 30 },
});

// The presenters pass the domain's readonly arrays through.
const partyCodes = z.array(z.string()).readonly();
const codesOrAll = <T extends string>(all: T) => z.union([z.array(z.string()).readonly(), z.literal(all)]);

const agreementFields = {
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  form: z.enum(AGREEMENT_FORMS),
  kind: z.enum(AGREEMENT_KINDS),
  summary: z.string(),
  parties: partyCodes,
  mediators: partyCodes,
  status: z
    .string()
    .nullable()
    .describe('The latest lifecycle step for the agreement as a whole (else for any party)'),
  readoutCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
};

const bound = z.object({ at: z.string(), precision: z.enum(BOUND_PRECISIONS) });

const readoutShape = z.object({
  id: z.string(),
  key: z.string(),
  issuedBy: z.string(),
  issuer: z.string(),
  issuedAt: z.string(),
  source: z.string().nullable(),
  scope: z.string().describe('How this readout names what is covered, in its own words'),
  summary: z.string(),
  window: z.object({
    start: bound.nullable(),
    end: bound.nullable(),
    durationDays: z.number().int().nullable(),
    extension: z.string().nullable(),
    escapeClause: z.string().nullable(),
  }),
  inForce: z
    .object({
      from: z.string().nullable(),
      until: z.string().nullable(),
      cutShortBy: z.string().nullable(),
      reason: z.string().nullable().describe('Why the readout never binds (a precondition not met, …)'),
    })
    .describe('The window as it binds: in UTC, cut short by the lifecycle, or why it never binds'),
  provisions: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      kind: z.enum(PROVISION_KINDS),
      acts: codesOrAll('any'),
      domains: codesOrAll('any'),
      targets: codesOrAll('any'),
      area: z
        .looseObject({ kind: z.string() })
        .describe(
          'everywhere, admin (codes), polygon (GeoJSON), black-sea, within-km-of-line, side or all-of',
        ),
      bound: codesOrAll('parties'),
      quote: z.string().nullable().describe('The words of the readout this clause encodes'),
    }),
  ),
});

const agreementShape = z.object({
  ...agreementFields,
  links: z.array(z.object({ relation: z.enum(LINK_RELATIONS), agreement: z.string() })),
  lifecycle: z.array(
    z.object({
      status: z.enum(LIFECYCLE_STATUSES),
      party: z.string().nullable(),
      at: z.string(),
      precision: z.enum(PRECISIONS),
      note: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  readouts: z.array(readoutShape),
  conditions: z.array(
    z.object({
      key: z.string(),
      party: z.string(),
      kind: z.enum(CONDITION_KINDS),
      text: z.string(),
      status: z.enum(CONDITION_STATUSES),
      readout: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  sources: z.array(sourceShape).describe('Every source the agreement cites'),
});

const AGREEMENT_SUMMARY_EXAMPLE = {
  id: '627ff175-9437-4b05-8c5f-517333596c42',
  slug: 'easter-truce-2025-04',
  title: 'Easter truce (unilateral, Russia)',
  form: 'unilateral-declaration',
  kind: 'truce',
  summary:
    'Declared by President Putin for Easter: from 18:00 Moscow time on 19 April to 00:00 on 21 April 2025, about 30 hours. It binds Russia only. Zelensky counted 2,935 Russian violations on 20 April and proposed at least 30 days without long-range strikes on civilian infrastructure.',
  parties: ['RU'],
  mediators: [],
  status: 'expired',
  readoutCount: 1,
  version: 1,
  updatedAt: '2025-04-21T09:00:00.000Z',
} as const satisfies z.output<z.ZodObject<typeof agreementFields>>;

const AGREEMENT_EXAMPLE: z.output<typeof agreementShape> = {
  ...AGREEMENT_SUMMARY_EXAMPLE,
  parties: ['RU'],
  mediators: [],
  links: [{ relation: 'follows', agreement: 'energy-moratorium-2025-03' }],
  lifecycle: [
    {
      status: 'in-force',
      party: null,
      at: '2025-04-19T18:00:00+03:00',
      precision: 'minute',
      note: 'From 18:00 Moscow time.',
      source: EASTER_SOURCE,
    },
    {
      status: 'expired',
      party: null,
      at: '2025-04-21T00:00:00+03:00',
      precision: 'minute',
      note: 'Until 00:00 Moscow time on 21 April.',
      source: EASTER_SOURCE,
    },
  ],
  readouts: [
    {
      id: '229866e7-6b67-46b8-884d-9963df8bc92f',
      key: 'kremlin-2025-04-19',
      issuedBy: 'RU',
      issuer: 'President Vladimir Putin',
      issuedAt: '2025-04-19T12:00:00+03:00',
      source: EASTER_SOURCE,
      scope: 'all hostilities, for Easter',
      summary:
        'A halt to all hostilities from 18:00 Moscow time on 19 April to 00:00 on 21 April. The window ends with 20 April, which is the same instant.',
      window: {
        start: { at: '2025-04-19T18:00:00+03:00', precision: 'minute' },
        end: { at: '2025-04-20T00:00:00+03:00', precision: 'day' },
        durationDays: null,
        extension: null,
        escapeClause: null,
      },
      inForce: {
        from: '2025-04-19T15:00:00.000Z',
        until: '2025-04-20T21:00:00.000Z',
        cutShortBy: null,
        reason: null,
      },
      provisions: [
        {
          id: '4be09a48-ba2c-4e83-8eb8-26918f6e1ed8',
          key: 'P1',
          kind: 'prohibition',
          acts: 'any',
          domains: 'any',
          targets: 'any',
          area: { kind: 'everywhere' },
          bound: 'parties',
          quote: null,
        },
      ],
    },
  ],
  conditions: [
    {
      key: 'thirty-days-no-long-range-strikes',
      party: 'UA',
      kind: 'demand',
      text: 'At least 30 days without long-range strikes on civilian infrastructure.',
      status: 'open',
      readout: null,
      source: 'zelensky-2025-04-20',
    },
  ],
  sources: [
    {
      key: EASTER_SOURCE,
      issuer: 'Vladimir Putin, President of Russia',
      issuerParty: 'RU',
      channel: 'statement',
      publishedAt: '2025-04-19T12:00:00+03:00',
      url: 'https://www.theepochtimes.com/',
      title: 'Putin declares an Easter truce from 18:00 Moscow time on 19 April to 00:00 on 21 April',
      language: 'en',
      originalText: null,
      translations: [],
      verified: false,
    },
    {
      key: 'zelensky-2025-04-20',
      issuer: 'Volodymyr Zelensky, President of Ukraine',
      issuerParty: 'UA',
      channel: 'statement',
      publishedAt: '2025-04-20T12:00:00+03:00',
      url: 'https://www.theepochtimes.com/',
      title:
        'Zelensky counts 2,935 Russian violations of the Easter truce and proposes 30 days without long-range strikes on civilian infrastructure',
      language: 'en',
      originalText: null,
      translations: [],
      verified: false,
    },
  ],
};

export const agreementListResponse = exampleOf(z.object({ items: z.array(z.object(agreementFields)) }), {
  items: [{ ...AGREEMENT_SUMMARY_EXAMPLE, parties: ['RU'], mediators: [] }],
});

export const agreementResponse = exampleOf(agreementShape, AGREEMENT_EXAMPLE);

/** After a write: the agreement, and how many incidents its changed terms screened again. */
export const agreementWriteResponse = exampleOf(
  agreementShape.extend({
    rescreened: z.number().int().describe('Incidents screened again because the terms changed'),
  }),
  { ...AGREEMENT_EXAMPLE, rescreened: 0 },
);
