// Request and response schemas for the evidence routes. An upload is multipart/form-data: its form fields are
// checked against these schemas by the route once the file has been read, and the OpenAPI document shows each
// content type. Examples: Ukraine's foreign minister on the 1 April 2025 strike on Kherson.

import type { SwaggerTransform } from '@fastify/swagger';
import { z } from 'zod';
import type { CustodyAction } from '../../../db/evidence.js';
import { instantSchema } from '../../../core/schemas.js';
import { exampleOf, fileResponse, inputExampleOf, openApiTransform } from '../../openapi.js';

export const incidentParams = z.strictObject({ id: z.string().min(1) });
export const evidenceParams = z.strictObject({ id: z.string().min(1) });

const description = z.string().trim().min(1).max(2000).describe('What the item shows and where it came from');
const capturedAt = instantSchema.optional().describe('When the photo, video or document was made');

/** The form fields sent with an evidence file. */
export const fileEvidenceFields = z.strictObject({ description, capturedAt });

/** The form fields sent with a redacted public copy. */
export const publicCopyFields = z.strictObject({
  redactionNote: z.string().trim().min(1).max(2000).describe('What was redacted, and why'),
});

const filePart = z
  .string()
  .meta({ format: 'binary' })
  .describe(
    'The file (JPEG, PNG, WebP, PDF, MP4, plain text, CSV or JSON), its part typed with its media type',
  );

/** A registered URL: http or https only, with the SHA-256 of an archived copy when its collector took one. */
const urlEvidenceShape = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'not an http or https URL' }).max(2000),
  description,
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'not a SHA-256 (64 hex digits)')
    .transform((s) => s.toLowerCase())
    .optional()
    .describe('SHA-256 of the archived copy of the page, as its collector computed it'),
  capturedAt,
});
export const urlEvidenceBody = inputExampleOf(urlEvidenceShape, {
  url: 'https://www.pravda.com.ua/eng/news/2025/04/1/7505503/',
  description: 'Sybiha: a Russian strike on Kherson left 45,000 residents without power',
  capturedAt: '2025-04-01T14:00:00+03:00',
});
export type UrlEvidenceBody = z.output<typeof urlEvidenceBody>;

/**
 * Multipart bodies are read by the route, as a stream, not by the validator: for that content type the schema
 * accepts the empty body (null) Fastify leaves and serves the OpenAPI document only.
 */
const multipart = (fields: z.ZodObject) => ({ schema: fields.extend({ file: filePart }).nullish() });

export const addEvidenceBody = {
  content: {
    'multipart/form-data': multipart(fileEvidenceFields),
    'application/json': { schema: urlEvidenceBody },
  },
};

export const publicCopyBody = { content: { 'multipart/form-data': multipart(publicCopyFields) } };

/**
 * The OpenAPI transform for routes whose body has a schema per content type: each is converted as the global
 * transform converts a single body schema.
 */
export const byContentType: SwaggerTransform = (input) => {
  const { body, ...rest } = input.schema as { body?: { content?: Record<string, { schema: unknown }> } };
  const transformed = openApiTransform({ ...input, schema: rest });
  if (!body?.content) return transformed;
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, { schema }]) => {
      const converted = openApiTransform({ ...input, schema: { body: schema } }).schema as {
        body: Record<string, unknown>;
      };
      // The null a multipart body may be (see `multipart`) is the validator's business, not the client's.
      const { nullable: _nullable, ...documented } = converted.body;
      return [type, { schema: type === 'multipart/form-data' ? documented : converted.body }];
    }),
  );
  return { ...transformed, schema: { ...transformed.schema, body: { content } } };
};

const CUSTODY_ACTIONS = [
  'collected',
  'viewed',
  'exported',
  'redacted-copy-added',
] as const satisfies readonly CustodyAction[];

const evidenceShape = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: z.enum(['file', 'url']),
  sha256: z.string().nullable().describe('Of the file as received; of the archived page for a URL, if given'),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  description: z.string(),
  capturedAt: z.string().nullable(),
  collectedAt: z.string(),
  collectedBy: z.string().nullable().describe("Who collected it; only for the mission's staff"),
  filename: z.string().nullable().describe("The name it was uploaded under; only for the mission's staff"),
  url: z.string().nullable().describe("A registered URL; only for the mission's staff"),
  original: z.string().nullable().describe('Link to the sealed original, for the roles that may view it'),
  publicCopy: z
    .object({
      sha256: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number().int(),
      redactionNote: z.string(),
      href: z.string(),
    })
    .nullable()
    .describe('The redacted copy the public gets once the incident is published'),
});

const EVIDENCE_EXAMPLE: z.output<typeof evidenceShape> = {
  id: 'b0415b42-4b85-44c1-8b3a-a8d03d497fd9',
  incidentId: '91dc245e-a229-458f-8e0f-d05b10039e00',
  kind: 'url',
  sha256: null,
  mediaType: null,
  sizeBytes: null,
  description: 'Sybiha: a Russian strike on Kherson left 45,000 residents without power',
  capturedAt: '2025-04-01T14:00:00+03:00',
  collectedAt: '2025-04-01T15:20:00.000Z',
  collectedBy: 'user:4b8e2f0a-7d3c-4f1e-9a6b-5c2d8e1f0a37',
  filename: null,
  url: 'https://www.pravda.com.ua/eng/news/2025/04/1/7505503/',
  original: null,
  publicCopy: null,
};

export const evidenceResponse = exampleOf(evidenceShape, EVIDENCE_EXAMPLE);

export const evidenceListResponse = exampleOf(z.object({ items: z.array(evidenceShape) }), {
  items: [EVIDENCE_EXAMPLE],
});

export const custodyResponse = exampleOf(
  z.object({
    items: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        action: z.enum(CUSTODY_ACTIONS),
        note: z.string().nullable(),
      }),
    ),
  }),
  {
    items: [
      {
        seq: 1,
        at: '2025-04-01T15:20:00.000Z',
        actor: 'user:4b8e2f0a-7d3c-4f1e-9a6b-5c2d8e1f0a37',
        action: 'collected',
        note: null,
      },
    ],
  },
);

export const originalDownload = fileResponse(
  'The sealed original, as an attachment in its stored media type (JPEG, PNG, WebP, PDF, MP4, text, CSV or JSON)',
);
export const publicDownload = fileResponse(
  'The redacted public copy, as an attachment in its stored media type',
);
