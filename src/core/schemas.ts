// Input schemas for agreements, sources and incidents, shared by the HTTP API, the CLI and the demo loader.
// Shape is checked here; rules that need stored data (known parties) are checked in `validate.ts`.

import { z } from 'zod';
import { adminCodeByName } from './admin-areas.js';
import { lonLat } from './geo.js';
import {
  AGREEMENT_FORMS,
  AGREEMENT_KINDS,
  BOUND_PRECISIONS,
  CONDITION_KINDS,
  CONDITION_STATUSES,
  LIFECYCLE_STATUSES,
  LINK_RELATIONS,
  LOCATION_DISCLOSURES,
  OBSERVATION_METHODS,
  PROVISION_KINDS,
  type Area,
  type Position,
  QUALIFIERS,
  REPLY_KINDS,
  SIDES,
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

/** A GeoJSON position `[lon, lat]` (an altitude, if given, is dropped). */
const positionSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], z.number())
  .transform(([lon, lat]): Position => [lon, lat]);

/** A closed linear ring of at least four positions that does not jump across the antimeridian. */
const ringSchema = z
  .array(positionSchema)
  .min(4, 'a linear ring needs at least 4 positions')
  .superRefine((ring, ctx) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      ctx.addIssue({ code: 'custom', message: 'a linear ring must end at the position it starts at' });
    }
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      if (a && b && Math.abs(b[0] - a[0]) > 180) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'rings may not cross the antimeridian' });
        return;
      }
    }
  });

const polygonCoordinatesSchema = z.array(ringSchema).min(1, 'a polygon needs an exterior ring');

/** A GeoJSON Polygon or MultiPolygon (RFC 7946): `[lon, lat]` positions in WGS84. */
export const areaGeometrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoordinatesSchema }),
  z.strictObject({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(polygonCoordinatesSchema).min(1, 'a multipolygon needs a polygon'),
  }),
]);

const kmSchema = z.number().positive().max(1000);

const simpleAreaVariants = [
  z.strictObject({ kind: z.literal('everywhere') }),
  z.strictObject({
    kind: z.literal('admin'),
    // ISO 3166-2 codes or any name the gazetteer knows; names become codes here, and `validate.ts`
    // reports whatever is still not a known code, with its path.
    codes: z
      .array(z.string().trim().min(1))
      .min(1)
      .transform((codes) => codes.map((c) => adminCodeByName(c) ?? c))
      .describe('ISO 3166-2 codes (UA-65) or oblast names (Kherson, Херсонська область)'),
  }),
  z.strictObject({ kind: z.literal('polygon'), geometry: areaGeometrySchema }),
  z.strictObject({ kind: z.literal('black-sea') }),
  z.strictObject({ kind: z.literal('within-km-of-line'), km: kmSchema }),
  z.strictObject({ kind: z.literal('side'), side: z.enum(SIDES) }),
] as const;

/**
 * The shorthand `{ "withinKmOfLine": 30 }` is read as `{ "kind": "within-km-of-line", "km": 30 }`. It is rewritten
 * before the union so that errors keep naming the field of the one form a client meant.
 */
function expandShorthand(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'withinKmOfLine') return value;
  return { kind: 'within-km-of-line', km: (value as { withinKmOfLine: unknown }).withinKmOfLine };
}

const simpleAreaSchema = z.preprocess(expandShorthand, z.discriminatedUnion('kind', [...simpleAreaVariants]));

/**
 * Where a provision applies. `all-of` is the intersection of two or more simple areas (Kherson oblast and
 * within 20 km of the line); it does not nest.
 */
export const areaSchema = z
  .preprocess(
    expandShorthand,
    z.discriminatedUnion('kind', [
      ...simpleAreaVariants,
      z.strictObject({ kind: z.literal('all-of'), areas: z.array(simpleAreaSchema).min(2) }),
    ]),
  )
  .describe(
    'everywhere; admin (ISO 3166-2 codes or oblast names); polygon (GeoJSON Polygon or MultiPolygon); black-sea; within-km-of-line (the shorthand { "withinKmOfLine": N } is accepted too); side; all-of',
  )
  // The output is the domain's readonly `Area`; the transform only states that type.
  .transform((area): Area => area);

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

/** A new version of an allegation: the same accuser and accused, restated in full. */
export const allegationVersionInputSchema = allegationInputSchema.omit({ accuser: true, accused: true });
export type AllegationVersionInput = z.output<typeof allegationVersionInputSchema>;

/** The accused party's answer to an allegation, or a new version of that answer (restated in full). */
export const replyInputSchema = z.strictObject({
  kind: z.enum(REPLY_KINDS),
  text,
  madeAt: instantSchema,
  source: slugSchema.nullable().default(null),
});
export type ReplyInput = z.output<typeof replyInputSchema>;

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
  /** What the public copy shows once published: by default the location, but not who reported it. */
  disclosure: z
    .strictObject({
      reporter: z.enum(['shown', 'withheld']).default('withheld'),
      location: z.enum(LOCATION_DISCLOSURES).default('exact'),
    })
    .default({ reporter: 'withheld', location: 'exact' }),
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
