// The examples of an OpenAPI 3.0 document and a validator for them: each operation's request and response
// examples, wherever the document carries them (the media type's `example` or `examples`, or the schema's own
// `example`), and every schema's example checked against that schema with Ajv.

import { Ajv, type ValidateFunction } from 'ajv';

export type Schema = Record<string, unknown>;

interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface Operation {
  requestBody?: { content: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}

export interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** One example found in the document, with the schema it must satisfy. */
export interface Example {
  /** `GET /api/v1/incidents`. */
  readonly route: string;
  /** Where it sits: `request application/json` or `200 application/json`. */
  readonly where: string;
  readonly schema: Schema;
  readonly value: unknown;
}

export function routesOf(doc: Document): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

export function operationOf(doc: Document, route: string): Operation | undefined {
  const [method = '', path = ''] = route.split(' ');
  return doc.paths[path]?.[method.toLowerCase()];
}

/** The examples of one media type: its own `example`/`examples`, else its schema's top-level `example`. */
function mediaExamples(media: Media): unknown[] {
  const values: unknown[] = [];
  if (media.example !== undefined) values.push(media.example);
  for (const e of Object.values(media.examples ?? {})) if (e.value !== undefined) values.push(e.value);
  if (values.length === 0 && media.schema && 'example' in media.schema) values.push(media.schema['example']);
  return values;
}

/** A file download (`format: binary`) has nothing to give an example of, nor has a body that can only be null. */
function nothingToShow(media: Media): boolean {
  const values = media.schema?.['enum'];
  return (
    media.schema?.['format'] === 'binary' ||
    media.schema?.['type'] === 'null' ||
    (Array.isArray(values) && values.every((v) => v === null))
  );
}

/** What an operation should show by example: its request body (if any), and each success response with a body. */
export function expectedExamples(operation: Operation): { where: string; media: Media }[] {
  const wanted: { where: string; media: Media }[] = [];
  // A JSON body is shown by example; a multipart upload (a file and its form fields) is not.
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
    if (type.includes('json')) wanted.push({ where: `request ${type}`, media });
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!/^2\d\d$/.test(status)) continue;
    for (const [type, media] of Object.entries(response.content ?? {}))
      if (!nothingToShow(media)) wanted.push({ where: `${status} ${type}`, media });
  }
  return wanted;
}

/** Every example of the document at the operation level, and the places that want one and have none. */
export function examplesOf(doc: Document): { examples: Example[]; missing: string[] } {
  const examples: Example[] = [];
  const missing: string[] = [];
  for (const route of routesOf(doc)) {
    const operation = operationOf(doc, route);
    if (!operation) continue;
    const expected = expectedExamples(operation);
    // Nothing to show is fine only when the document says so: a file download, or a success without a body.
    const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    const documented = successes.some(([status, r]) => status === '204' || r.content !== undefined);
    if (expected.length === 0 && !documented) missing.push(`${route} (no success response documented)`);
    for (const { where, media } of expected) {
      const values = mediaExamples(media);
      if (values.length === 0) missing.push(`${route} (${where})`);
      for (const value of values) examples.push({ route, where, schema: media.schema ?? {}, value });
    }
  }
  return { examples, missing };
}

/** Examples nested inside a schema (a property or an item whose schema carries its own), with their schemas. */
export function nestedExamples(
  schema: Schema,
  path = '',
): { path: string; schema: Schema; value: unknown }[] {
  const found: { path: string; schema: Schema; value: unknown }[] = [];
  const visit = (s: unknown, at: string) => {
    if (typeof s !== 'object' || s === null) return;
    const node = s as Schema;
    if (at !== path && 'example' in node) found.push({ path: at, schema: node, value: node['example'] });
    for (const [name, child] of Object.entries(
      (node['properties'] as Record<string, Schema> | undefined) ?? {},
    ))
      visit(child, `${at}.${name}`);
    if (node['items']) visit(node['items'], `${at}[]`);
    if (typeof node['additionalProperties'] === 'object') visit(node['additionalProperties'], `${at}{}`);
    for (const key of ['anyOf', 'oneOf', 'allOf'])
      for (const [i, child] of ((node[key] as Schema[] | undefined) ?? []).entries())
        visit(child, `${at}<${key}${i}>`);
  };
  visit(schema, path);
  return found;
}

/**
 * An OpenAPI 3.0 schema as JSON Schema draft-07: `nullable: true` becomes "or null", the boolean
 * `exclusiveMinimum`/`exclusiveMaximum` of draft-04 become numbers, and `example` is dropped.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Schema;
  const out: Schema = {};
  const bounds = { minimum: 'exclusiveMinimum', maximum: 'exclusiveMaximum' } as const;
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'nullable') continue;
    // draft-04's boolean exclusiveMinimum/Maximum qualify minimum/maximum; draft-07's are the bound itself.
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') continue;
    if ((key === 'minimum' || key === 'maximum') && source[bounds[key]] === true) {
      out[bounds[key]] = value;
      continue;
    }
    if (key === 'properties' || key === 'patternProperties')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    else if (key === 'enum' || key === 'required' || key === 'const' || key === 'default') out[key] = value;
    else out[key] = toJsonSchema(value);
  }
  return source['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  email: (v) => /^[^@\s]+@[^@\s]+$/.test(v),
  uri: (v) => URL.canParse(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  binary: () => true,
};

/** A validator for OpenAPI 3.0 schemas, strict about keywords it does not know. */
export function exampleValidator(): (schema: Schema, value: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
  for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);
  ajv.addVocabulary(['xml', 'externalDocs', 'discriminator']);
  const cache = new WeakMap<Schema, ValidateFunction>();
  return (schema, value) => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema) as Schema);
      cache.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}
