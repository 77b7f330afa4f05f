// Request and response schemas for the incident routes, with examples from the demo (the Sudzha station).

import { z } from 'zod';
import { UKRAINE_ADMIN1 } from '../../../core/admin-areas.js';
import {
  incidentInputSchema,
  incidentPatchSchema,
  instantSchema,
  partyCodeSchema,
  targetCodeSchema,
} from '../../../core/schemas.js';
import { LOCATION_DISCLOSURES, OBSERVATION_METHODS, QUALIFIERS, SIDES } from '../../../core/model.js';
import { PREDICATES, READOUT_RESULTS, VERDICTS } from '../../../core/screening.js';
import { PRECISIONS } from '../../../core/time.js';
import { CONFIDENCES, GRADES, OCCURRENCES, RULING_STATUSES } from '../../../core/verification.js';
import { INCIDENT_SORTS } from '../../../services/incidents.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';
import { replyShape } from '../allegations/schema.js';

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

/** The Sudzha gas metering station, 28 March 2025, as the demo files it (Russia's claim first). */
export const createIncidentBody = inputExampleOf(incidentInputSchema, {
  ref: 'demo-2025-03-28-sudzha-gas-metering',
  title: 'HIMARS strike on the Sudzha gas metering station (competing claims)',
  occurredAt: '2025-03-28T10:20:00+03:00',
  timePrecision: 'hour',
  eventType: 'Explosions/Remote violence',
  subEventType: 'Shelling/artillery/missile attack',
  actor1: 'Military Forces of Ukraine (2019-)',
  country: 'Russia',
  admin1: 'Kursk',
  locationName: 'Sudzha gas metering station',
  location: { lon: 35.2722, lat: 51.1917 },
  geoPrecision: 2,
  act: 'shelling',
  target: 'infrastructure.energy.pipeline.gas-metering',
  weapon: 'HIMARS multiple rocket launcher (as Russia claims)',
  perpetrator: 'UA',
  sourceText:
    'Russian Ministry of Defence; Centre for Countering Disinformation (Ukraine); The Moscow Times; Reuters',
  sourceScale: 'National-International',
  observation: 'reported',
  effects: [{ description: 'Major fire; station “virtually destroyed” (Russian claim)', affected: null }],
  allegations: [
    {
      accuser: 'RU',
      accused: 'UA',
      madeAt: '2025-03-28T12:00:00+03:00',
      source: 'ru-mod-sudzha-2025-03-28',
      summary:
        'The Russian Ministry of Defence said Ukrainian HIMARS rockets hit the Sudzha gas metering station.',
    },
  ],
  disclosure: { reporter: 'withheld', location: 'exact' },
});

export const patchIncidentBody = inputExampleOf(incidentPatchSchema, {
  weapon: 'HIMARS multiple rocket launcher (as Russia claims)',
  notes:
    'Competing claims. Reuters could not establish who was responsible; on Ukraine’s account the perpetrator would be RU.',
});

const agreementRef = z.object({ id: z.string(), slug: z.string().nullable(), title: z.string().nullable() });
const range = z.object({
  low: z.number().nullable(),
  best: z.number().nullable(),
  high: z.number().nullable(),
});

export const readoutScreeningShape = z.object({
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

/** An incident as the API sends it: the sealed record to the mission's staff, else its public copy. */
export const incidentShape = z.object({
  id: z.string(),
  ref: z.string().nullable().describe('The importer’s or filer’s own reference (`acled:UKR123`)'),
  title: z.string(),
  occurredAt: z.string().describe('As stated, with its offset'),
  timePrecision: z.enum(PRECISIONS),
  eventType: z.string().nullable().describe('ACLED event type'),
  subEventType: z.string().nullable().describe('ACLED sub-event type'),
  actor1: z.string().nullable(),
  actor2: z.string().nullable(),
  country: z.string().nullable(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  admin3: z.string().nullable(),
  locationName: z.string().nullable().describe('Dropped from the public copy of a blurred location'),
  location: z
    .object({ lon: z.number(), lat: z.number() })
    .nullable()
    .describe('WGS84; to the public a blurred location is the centre of its 0.1° cell, a withheld one null'),
  geoPrecision: z.number().int().nullable().describe('ACLED geo precision: 1 town, 2 near it, 3 region'),
  sourceText: z.string().nullable(),
  sourceScale: z.string().nullable(),
  notes: z.string().nullable(),
  fatalities: z.number().int().nullable(),
  act: z.string().nullable().describe('GET /taxonomy: acts'),
  domain: z.string().nullable().describe('air, sea or ground; derived from the act when not reported'),
  target: z.string().nullable().describe('GET /taxonomy: target codes'),
  weapon: z.string().nullable(),
  perpetrator: z.string().nullable().describe('The alleged perpetrator (party code)'),
  counts: z.array(z.object({ what: z.string(), value: z.number(), qualifier: z.enum(QUALIFIERS) })),
  effects: z.array(z.object({ description: z.string(), affected: z.number().int().nullable() })),
  observation: z.enum(OBSERVATION_METHODS).nullable(),
  casualties: z.object({ killed: range.nullable(), injured: range.nullable() }),
  allegations: z.array(
    z.object({
      id: z.string(),
      accuser: z.string(),
      accused: z.string(),
      madeAt: z.string(),
      source: z.string().nullable(),
      summary: z.string(),
      version: z.number().int(),
      supersedes: z.string().nullable(),
      reply: replyShape.nullable().describe("The accused party's current reply"),
    }),
  ),
  geography: z
    .object({
      snapshotDate: z.string(),
      distanceKm: z.number(),
      side: z.enum(SIDES),
      sector: z.string().nullable(),
      admin1: z.object({ code: z.string(), name: z.string() }).nullable(),
    })
    .nullable()
    .describe('Derived from the front line in force on its date; null without a location or a snapshot'),
  reportedBy: z.string().nullable().describe('A person id; to the public only when disclosure shows it'),
  publishedAt: z.string().nullable(),
  disclosure: z.object({ reporter: z.enum(['shown', 'withheld']), location: z.enum(LOCATION_DISCLOSURES) }),
  createdAt: z.string(),
  updatedAt: z.string(),
  suggestedTarget: z
    .object({
      facility: z.object({
        id: z.string(),
        name: z.string(),
        capacityMw: z.number(),
        primaryFuel: z.string(),
        target: z.string(),
        location: z.object({ lon: z.number(), lat: z.number() }),
      }),
      distanceKm: z.number(),
    })
    .nullable()
    .describe('A known power plant within a few km, offered as its likely target'),
  screening: z
    .array(
      z.object({
        agreement: agreementRef,
        verdict: z.enum(VERDICTS),
        readouts: z.array(readoutScreeningShape),
        computedAt: z.string(),
      }),
    )
    .describe('One result per agreement whose terms can be in force at its time, with one per readout'),
  finding: z
    .object({
      occurrence: z.enum(OCCURRENCES),
      attribution: z.object({
        status: z.enum(['unknown', 'alleged', 'attributed']),
        party: z.string().nullable(),
        confidence: z.enum(CONFIDENCES).nullable(),
      }),
      grade: z.enum(GRADES),
      published: z.boolean(),
      rulings: z.array(z.object({ agreement: agreementRef, status: z.enum(RULING_STATUSES) })),
    })
    .nullable()
    .describe('The verification record in brief (GET /incidents/{id}/finding: in full)'),
});

const MORATORIUM = {
  id: '35904e38-264f-4774-8aad-225890d45413',
  slug: 'energy-moratorium-2025-03',
  title: '30-day moratorium on strikes on energy infrastructure',
};
const BLACK_SEA = {
  id: '7c16f792-5b19-4795-a35a-fbf7ab90d7f5',
  slug: 'black-sea-2025-03',
  title: 'Black Sea arrangement: safe navigation and no use of force',
};
const SUDZHA_TARGET = 'infrastructure.energy.pipeline.gas-metering';
const covered = (protectedBy: string) =>
  `UA is bound; act shelling is prohibited (strike); any domain; target ${SUDZHA_TARGET} is protected (${protectedBy}); everywhere`;
const notNaval = `P1: act shelling is not among naval-attack; P2: target ${SUDZHA_TARGET} is not under civilian.vessel; P3: target ${SUDZHA_TARGET} is not under military.vessel`;

/** The public copy of the demo's 28 March Sudzha incident, as `GET /incidents/{id}` sends it. */
export const INCIDENT_EXAMPLE: z.output<typeof incidentShape> = {
  id: '4b0d3a28-13d1-4058-9077-c0a8b4f03101',
  ref: 'demo-2025-03-28-sudzha-gas-metering',
  title: 'HIMARS strike on the Sudzha gas metering station (competing claims)',
  occurredAt: '2025-03-28T10:20:00+03:00',
  timePrecision: 'hour',
  eventType: 'Explosions/Remote violence',
  subEventType: 'Shelling/artillery/missile attack',
  actor1: 'Military Forces of Ukraine (2019-)',
  actor2: null,
  country: 'Russia',
  admin1: 'Kursk',
  admin2: null,
  admin3: null,
  locationName: 'Sudzha gas metering station',
  location: { lon: 35.2722, lat: 51.1917 },
  geoPrecision: 2,
  sourceText:
    'Russian Ministry of Defence; Centre for Countering Disinformation (Ukraine); The Moscow Times; Reuters',
  sourceScale: 'National-International',
  notes:
    'Competing claims. Russia’s Ministry of Defence says HIMARS rockets hit the station at about 10:20 Moscow time, causing a major fire, and that it was virtually destroyed. Ukraine’s Centre for Countering Disinformation says Russia attacked the station again and that Russia does not control it. Reuters could not establish who was responsible. The record follows the first, Russian, claim (perpetrator UA); on Ukraine’s account the perpetrator would be RU.',
  fatalities: null,
  act: 'shelling',
  domain: null,
  target: SUDZHA_TARGET,
  weapon: 'HIMARS multiple rocket launcher (as Russia claims)',
  perpetrator: 'UA',
  counts: [],
  effects: [{ description: 'Major fire; station “virtually destroyed” (Russian claim)', affected: null }],
  observation: 'reported',
  casualties: { killed: null, injured: null },
  allegations: [
    {
      id: 'cc3a2806-97fc-4e9e-8add-128e4b50dcb4',
      accuser: 'UA',
      accused: 'RU',
      madeAt: '2025-03-28T12:00:00+02:00',
      source: 'ua-ccd-sudzha-2025-03-28',
      summary:
        'Andriy Kovalenko of Ukraine’s Centre for Countering Disinformation said Russia had again attacked the Sudzha station, which it does not control.',
      version: 1,
      supersedes: null,
      reply: null,
    },
    {
      id: '9b91537e-6766-47f4-8983-6d8c0c6fd47b',
      accuser: 'RU',
      accused: 'UA',
      madeAt: '2025-03-28T12:00:00+03:00',
      source: 'ru-mod-sudzha-2025-03-28',
      summary:
        'The Russian Ministry of Defence said Ukrainian HIMARS rockets hit the Sudzha gas metering station.',
      version: 1,
      supersedes: null,
      reply: null,
    },
  ],
  geography: null,
  reportedBy: null,
  publishedAt: '2025-04-17T09:00:00.000Z',
  disclosure: { reporter: 'withheld', location: 'exact' },
  createdAt: '2025-03-28T14:05:00.000Z',
  updatedAt: '2025-03-28T14:05:00.000Z',
  suggestedTarget: null,
  screening: [
    {
      agreement: MORATORIUM,
      verdict: 'covered',
      readouts: [
        {
          id: '4434d33f-d14b-47d4-8a07-f2fcaa719d64',
          key: 'wh-2025-03-18',
          issuedBy: 'US',
          issuer: 'The White House',
          result: 'covered',
          provision: { id: 'b6dc8f19-0132-4826-831d-aae958714d67', key: 'P1' },
          predicate: null,
          reason: covered('infrastructure'),
        },
        {
          id: '00cc9106-e58a-4928-9ce2-dbda3e4f0ed6',
          key: 'kremlin-2025-03-18',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'covered',
          provision: { id: '72605062-7b75-4324-9fc3-2e8a9efe5df0', key: 'P1' },
          predicate: null,
          reason: covered('infrastructure.energy'),
        },
        {
          id: 'affb8dd0-c943-47d1-a660-b47acb68d8f9',
          key: 'kremlin-list-2025-03-25',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'covered',
          provision: { id: 'ccce04ed-ef34-46ae-a5ac-454af0ce5cea', key: 'P2' },
          predicate: null,
          reason: covered('infrastructure.energy.pipeline'),
        },
        {
          id: '3e4a5c0c-01e8-4bdd-95b7-8fbf32cd0316',
          key: 'ua-2025-03-25',
          issuedBy: 'UA',
          issuer: 'Ministry of Foreign Affairs of Ukraine',
          result: 'covered',
          provision: { id: 'e572f11e-e3ed-4ac6-b021-b87b8f93c72a', key: 'P1' },
          predicate: null,
          reason: covered('infrastructure.energy'),
        },
      ],
      computedAt: '2025-03-28T14:05:00.000Z',
    },
    {
      agreement: BLACK_SEA,
      verdict: 'not-covered',
      readouts: [
        {
          id: '53f4d957-af22-4b14-9ae7-206643496960',
          key: 'wh-ua-2025-03-25',
          issuedBy: 'US',
          issuer: 'The White House (statement on the US–Ukraine talks)',
          result: 'not-covered',
          predicate: null,
          reason: notNaval,
        },
        {
          id: 'db1e982e-0d02-4f28-b74e-b03d60c3d48f',
          key: 'wh-ru-2025-03-25',
          issuedBy: 'US',
          issuer: 'The White House (statement on the US–Russia talks)',
          result: 'not-covered',
          predicate: null,
          reason: notNaval,
        },
        {
          id: '1b67f43d-96a4-4cd9-a2b6-6284a602afdd',
          key: 'kremlin-2025-03-25',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'not-covered',
          predicate: 'window',
          reason:
            'not in force until a precondition is met: Sanctions lifted on Rosselkhozbank and other financial organisations serving the food and fertiliser trade, with their reconnection to SWIFT; restrictions lifted on food and fertiliser exporters, insurers, port servicing, Russian-flagged vessels in that trade and the supply of agricultural machinery.',
        },
      ],
      computedAt: '2025-03-28T14:05:00.000Z',
    },
  ],
  finding: {
    occurrence: 'corroborated',
    attribution: { status: 'unknown', party: null, confidence: null },
    grade: 'contested',
    published: true,
    rulings: [{ agreement: MORATORIUM, status: 'pending' }],
  },
};

export const incidentResponse = exampleOf(incidentShape, INCIDENT_EXAMPLE);

export const incidentPageResponse = exampleOf(
  z.object({
    items: z.array(incidentShape),
    total: z.number().int().describe('Incidents matching the filters that the caller may see'),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  { items: [INCIDENT_EXAMPLE], total: 15, limit: 1, offset: 9 },
);
