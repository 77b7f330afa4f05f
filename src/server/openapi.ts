// How routes describe themselves in the OpenAPI document beyond what a zod schema says: examples, responses in
// other content types than JSON (CSV, KML, Atom, iCalendar, files) and bodies without content (204).
//
// A JSON schema carries its example as zod metadata, `schema.meta({ example })`; `z.toJSONSchema` copies it into
// the schema object of the document. `exampleOf` and `inputExampleOf` do the same with the example type-checked
// against what the schema sends or accepts. A response in another content type is declared per media type:
//
//   response: { 200: textResponse('text/csv', 'The incidents as CSV', 'id,title\r\n…') }
//
// which the global `openApiTransform` (and `byContentType` of the evidence routes) turns into its document form.

import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The schema with an example of what it sends (a response): the value after its transforms, as serialised. */
export function exampleOf<T extends z.ZodType>(schema: T, example: z.output<T>): T {
  return schema.meta({ example });
}

/** The schema with an example of what a client sends (a request body), before its transforms and defaults. */
export function inputExampleOf<T extends z.ZodType>(schema: T, example: z.input<T>): T {
  return schema.meta({ example });
}

/** A response declared per media type: Fastify serialises only by the JSON schemas, the rest are sent as they are. */
export interface ContentResponse {
  readonly description: string;
  readonly content: Readonly<Record<string, { readonly schema: z.ZodType }>>;
}

/**
 * A response of text in `type` (CSV, KML, Atom, iCalendar, GeoJSON sent as its own media type, …) with an
 * example of it. The route sends a string or a stream; the schema is there for the document only.
 */
export function textResponse(type: string, description: string, example: string): ContentResponse {
  return { description, content: { [type]: { schema: z.string().meta({ example }) } } };
}

/** A response of JSON in a media type of its own (`application/geo+json`), validated like any JSON response. */
export function jsonResponse(type: string, description: string, schema: z.ZodType): ContentResponse {
  return { description, content: { [type]: { schema } } };
}

/** A file download whose media type is that of the stored file; there is nothing to give an example of. */
export function fileResponse(description: string): ContentResponse {
  return {
    description,
    content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
  };
}

/** A success without a body (204): the document shows no content for it. */
export function noContent(description: string) {
  return z.undefined().describe(description);
}

function isContentResponse(value: unknown): value is ContentResponse {
  return typeof value === 'object' && value !== null && 'content' in value && !(value instanceof z.ZodType);
}

/**
 * The document transform: `jsonSchemaTransform` of fastify-type-provider-zod, which converts zod schemas to
 * OpenAPI, extended to the responses declared per media type, each of whose schemas it converts the same way.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const { response, ...rest } = input.schema as { response?: Record<string, unknown> };
  if (!response || !Object.values(response).some(isContentResponse)) return jsonSchemaTransform(input);
  const plain = Object.fromEntries(Object.entries(response).filter(([, r]) => !isContentResponse(r)));
  const transformed = jsonSchemaTransform({ ...input, schema: { ...rest, response: plain } });
  const converted: Record<string, unknown> = {
    ...((transformed.schema as { response?: Record<string, unknown> }).response ?? {}),
  };
  for (const [status, declared] of Object.entries(response)) {
    if (!isContentResponse(declared)) continue;
    const content = Object.fromEntries(
      Object.entries(declared.content).map(([type, { schema }]) => {
        const one = jsonSchemaTransform({ ...input, schema: { response: { [status]: schema } } }).schema as {
          response: Record<string, unknown>;
        };
        return [type, { schema: one.response[status] }];
      }),
    );
    converted[status] = { description: declared.description, content };
  }
  return { ...transformed, schema: { ...transformed.schema, response: converted } };
};
