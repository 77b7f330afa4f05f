// Request schemas for the evidence routes. An upload is multipart/form-data: its form fields are checked against
// these schemas by the route once the file has been read, and the OpenAPI document shows each content type.

import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { instantSchema } from '../../../core/schemas.js';

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
export const urlEvidenceBody = z.strictObject({
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
  const transformed = jsonSchemaTransform({ ...input, schema: rest });
  if (!body?.content) return transformed;
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, { schema }]) => {
      const converted = jsonSchemaTransform({ ...input, schema: { body: schema } }).schema as {
        body: Record<string, unknown>;
      };
      // The null a multipart body may be (see `multipart`) is the validator's business, not the client's.
      const { nullable: _nullable, ...documented } = converted.body;
      return [type, { schema: type === 'multipart/form-data' ? documented : converted.body }];
    }),
  );
  return { ...transformed, schema: { ...transformed.schema, body: { content } } };
};
