// Input schemas for agreements, sources and incidents, shared by the HTTP API, the CLI and the demo loader.
// Shape is checked here; rules that need stored data (known parties) are checked in `validate.ts`.

import { z } from 'zod';
import { lonLat } from './geo.js';
import {
  AGREEMENT_FORMS,
  AGREEMENT_KINDS,
  BOUND_PRECISIONS,
  CONDITION_KINDS,
  CONDITION_STATUSES,
  LIFECYCLE_STATUSES,
  LINK_RELATIONS,
  OBSERVATION_METHODS,
  PROVISION_KINDS,
  QUALIFIERS,
} from './model.js';
import { ACTS, DOMAINS, isTargetCode, type TargetCode } from './taxonomy.js';
import { parseInstant, PRECISIONS } from './time.js';

type Undefaulted<S> = S extends z.ZodDefault<infer Inner extends z.core.SomeType> ? Inner : S;
type PatchShape<T extends z.ZodRawShape> = {
  -readonly [K in keyof T]: z.ZodOptional<Undefaulted<T[K]>>;
};

/**
 * The PATCH form of an input schema: strict, every field optional and none defaulted. A field the client
 * leaves out must stay as stored; zod 4's `.partial()` would still fill in defaults and reset it.
 */
export function patchSchema<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.core.SomeType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    shape[key] = z.optional(field instanceof z.ZodDefault ? field.unwrap() : field);
  }
  return z.strictObject(shape as PatchShape<T>);
}

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

export const partyCodeSchema = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'a party code such as RU or UA');

export const instantSchema = z.string().refine((s) => parseInstant(s) !== null, {
  message: 'not an ISO 8601 date or time (2025-03-18 or 2025-03-18T20:50:00+02:00)',
});

export const targetCodeSchema = z
  .string()
  .refine(isTargetCode, { message: 'not a target code of the taxonomy (GET /api/v1/taxonomy lists them)' })
  .transform((s): TargetCode => s);

/** The largest value of a 32-bit `integer` column; both engines refuse or misstore more. */
export const INTEGER_MAX = 2_147_483_647;

const text = z.string().trim().min(1);
const optionalText = text.nullable().optional();

export const translationSchema = z.strictObject({
  language: z.string().min(2),
  text,
  translator: optionalText,
});

export const sourceInputSchema = z.strictObject({
  key: slugSchema,
  issuer: text,
  issuerParty: partyCodeSchema.nullable().optional(),
  channel: optionalText,
  publishedAt: instantSchema.nullable().optional(),
  url: z.url().nullable().optional(),
  title: text,
  language: z.string().min(2).nullable().optional(),
  originalText: optionalText,
  translations: z.array(translationSchema).default([]),
  verified: z.boolean().default(true),
});
export type SourceInput = z.output<typeof sourceInputSchema>;

const windowBoundSchema = z.strictObject({
  at: instantSchema,
  precision: z.enum(BOUND_PRECISIONS).default('day'),
});

export const windowInputSchema = z.strictObject({
  start: windowBoundSchema.nullable(),
  end: windowBoundSchema.nullable().default(null),
  durationDays: z.number().int().positive().nullable().default(null),
  extension: text.nullable().default(null),
  escapeClause: text.nullable().default(null),
});

export const areaSchema = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('everywhere') })]);

export const provisionInputSchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a short key such as P1'),
  kind: z.enum(PROVISION_KINDS).default('prohibition'),
  acts: z.union([z.literal('any'), z.array(z.enum(ACTS)).min(1)]).default('any'),
  domains: z.union([z.literal('any'), z.array(z.enum(DOMAINS)).min(1)]).default('any'),
  targets: z.union([z.literal('any'), z.array(targetCodeSchema).min(1)]).default('any'),
  area: areaSchema.default({ kind: 'everywhere' }),
  bound: z.union([z.literal('parties'), z.array(partyCodeSchema).min(1)]).default('parties'),
  quote: text.nullable().default(null),
});
export type ProvisionInput = z.output<typeof provisionInputSchema>;

export const readoutInputSchema = z.strictObject({
  key: slugSchema,
  issuedBy: partyCodeSchema,
  issuer: text,
  issuedAt: instantSchema,
  source: slugSchema.nullable().default(null),
  scope: text,
  summary: z.string().default(''),
  window: windowInputSchema,
  provisions: z.array(provisionInputSchema).default([]),
});
export type ReadoutInput = z.output<typeof readoutInputSchema>;

export const lifecycleStepSchema = z.strictObject({
  status: z.enum(LIFECYCLE_STATUSES),
  party: partyCodeSchema.nullable().default(null),
  at: instantSchema,
  precision: z.enum(PRECISIONS).default('day'),
  note: z.string().default(''),
  source: slugSchema.nullable().default(null),
});

export const conditionInputSchema = z.strictObject({
  key: slugSchema,
  party: partyCodeSchema,
  kind: z.enum(CONDITION_KINDS),
  text,
  status: z.enum(CONDITION_STATUSES).default('open'),
  readout: slugSchema.nullable().default(null),
  source: slugSchema.nullable().default(null),
});

export const agreementInputSchema = z.strictObject({
  slug: slugSchema,
  title: text,
  form: z.enum(AGREEMENT_FORMS),
  kind: z.enum(AGREEMENT_KINDS),
  summary: z.string().default(''),
  parties: z.array(partyCodeSchema).min(1),
  mediators: z.array(partyCodeSchema).default([]),
  links: z.array(z.strictObject({ relation: z.enum(LINK_RELATIONS), agreement: slugSchema })).default([]),
  lifecycle: z.array(lifecycleStepSchema).default([]),
  readouts: z.array(readoutInputSchema).default([]),
  conditions: z.array(conditionInputSchema).default([]),
});
export type AgreementInput = z.output<typeof agreementInputSchema>;

/** A partial update of an agreement's own fields; readouts are changed through their own routes. */
export const agreementPatchSchema = patchSchema(agreementInputSchema.omit({ slug: true, readouts: true }));
export type AgreementPatch = z.output<typeof agreementPatchSchema>;

export const readoutPatchSchema = patchSchema(readoutInputSchema.omit({ key: true }));
export type ReadoutPatch = z.output<typeof readoutPatchSchema>;

export const locationSchema = z
  .strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
  .transform((p, ctx) => {
    const point = lonLat(p.lon, p.lat);
    if (!point) {
      ctx.addIssue({ code: 'custom', message: 'not a valid position' });
      return z.NEVER;
    }
    return point;
  });

const rangeSchema = z.strictObject({
  low: z.number().int().nonnegative().nullable().default(null),
  best: z.number().int().nonnegative().nullable().default(null),
  high: z.number().int().nonnegative().nullable().default(null),
});

export const allegationInputSchema = z.strictObject({
  accuser: partyCodeSchema,
  accused: partyCodeSchema,
  madeAt: instantSchema,
  source: slugSchema.nullable().default(null),
  summary: text,
});
export type AllegationInput = z.output<typeof allegationInputSchema>;

/** The fields screening reads; a draft for `POST /screen` has only these. */
const screenableShape = {
  occurredAt: instantSchema,
  timePrecision: z.enum(PRECISIONS).optional(),
  act: z.enum(ACTS).nullable().optional(),
  domain: z.enum(DOMAINS).nullable().optional(),
  target: targetCodeSchema.nullable().optional(),
  perpetrator: partyCodeSchema.nullable().optional(),
  location: locationSchema.nullable().optional(),
};

export const screenDraftSchema = z.strictObject(screenableShape);
export type ScreenDraft = z.output<typeof screenDraftSchema>;

export const incidentInputSchema = z.strictObject({
  ...screenableShape,
  ref: z.string().trim().min(1).max(100).nullable().optional(),
  title: text,
  eventType: optionalText,
  subEventType: optionalText,
  actor1: optionalText,
  actor2: optionalText,
  country: optionalText,
  admin1: optionalText,
  admin2: optionalText,
  admin3: optionalText,
  locationName: optionalText,
  geoPrecision: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullable()
    .optional(),
  sourceText: optionalText,
  sourceScale: optionalText,
  notes: optionalText,
  fatalities: z.number().int().nonnegative().max(INTEGER_MAX).nullable().optional(),
  weapon: optionalText,
  counts: z
    .array(
      z.strictObject({
        what: text,
        value: z.number().nonnegative(),
        qualifier: z.enum(QUALIFIERS).default('exact'),
      }),
    )
    .default([]),
  effects: z
    .array(
      z.strictObject({
        description: text,
        affected: z.number().int().nonnegative().nullable().default(null),
      }),
    )
    .default([]),
  observation: z.enum(OBSERVATION_METHODS).nullable().optional(),
  casualties: z
    .strictObject({
      killed: rangeSchema.nullable().default(null),
      injured: rangeSchema.nullable().default(null),
    })
    .default({ killed: null, injured: null }),
  allegations: z.array(allegationInputSchema).default([]),
});
export type IncidentInput = z.output<typeof incidentInputSchema>;

export const incidentPatchSchema = patchSchema(incidentInputSchema.omit({ allegations: true }));
export type IncidentPatch = z.output<typeof incidentPatchSchema>;

export const partyInputSchema = z.strictObject({
  code: partyCodeSchema,
  name: text,
  kind: z.enum(['state', 'armed-group', 'mediator', 'monitor', 'organisation']),
});
export type PartyInput = z.output<typeof partyInputSchema>;
