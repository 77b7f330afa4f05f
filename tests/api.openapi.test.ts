// The generated OpenAPI document and the Swagger UI: every /api/v1 route is described, with its parameters,
// body schema and security, and the description matches the routes the app really serves.

import { expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';
import {
  type Document as ExamplesDocument,
  exampleValidator,
  examplesOf,
  nestedExamples,
} from './support/openapi-examples.js';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, unknown[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: { enum?: string[] } }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema & { default?: unknown }>;
  required?: string[];
  additionalProperties?: boolean;
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
  paths: Record<string, Record<string, Operation>>;
}

/** Every route of the API, as `METHOD path` in OpenAPI's notation. */
const ROUTES = [
  'GET /api/v1/health',
  'GET /api/v1/parties',
  'GET /api/v1/sources',
  'GET /api/v1/taxonomy',
  'GET /api/v1/agreements',
  'POST /api/v1/agreements',
  'GET /api/v1/agreements/{idOrSlug}',
  'PATCH /api/v1/agreements/{idOrSlug}',
  'POST /api/v1/agreements/{idOrSlug}/readouts',
  'PATCH /api/v1/agreements/{idOrSlug}/readouts/{readout}',
  'GET /api/v1/incidents',
  'POST /api/v1/incidents',
  'GET /api/v1/incidents/{id}',
  'PATCH /api/v1/incidents/{id}',
  'GET /api/v1/incidents/{id}/finding',
  'POST /api/v1/incidents/{id}/finding/changes',
  'GET /api/v1/review-queue',
  'POST /api/v1/screen',
  'GET /api/v1/facilities',
  'GET /api/v1/facilities/suggest',
  'GET /api/v1/frontline/locate',
  'GET /api/v1/frontline/snapshots',
  'GET /api/v1/frontline',
  'GET /api/v1/frontline/changes',
  'GET /api/v1/sectors',
  'PUT /api/v1/sectors/{key}',
  'GET /api/v1/audit/key',
  'GET /api/v1/audit/checkpoints',
  'GET /api/v1/audit/proof/{seq}',
  'GET /api/v1/audit/consistency',
  'POST /api/v1/session',
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'GET /api/v1/users',
  'POST /api/v1/users',
  'POST /api/v1/users/{idOrEmail}/disable',
  'GET /api/v1/incidents/{id}/allegations',
  'POST /api/v1/incidents/{id}/allegations',
  'GET /api/v1/allegations',
  'GET /api/v1/allegations/{id}',
  'POST /api/v1/allegations/{id}/versions',
  'POST /api/v1/allegations/{id}/replies',
  'POST /api/v1/replies/{id}/versions',
  'POST /api/v1/incidents/{id}/evidence',
  'GET /api/v1/incidents/{id}/evidence',
  'GET /api/v1/evidence/{id}/original',
  'GET /api/v1/evidence/{id}/custody',
  'POST /api/v1/evidence/{id}/public-copy',
  'GET /api/v1/evidence/{id}/public',
  'GET /api/v1/map/incidents',
  'GET /api/v1/bulletins',
  'GET /api/v1/bulletins/{slug}',
  'GET /api/v1/bulletins/{slug}/versions',
  'POST /api/v1/bulletins/drafts',
  'PATCH /api/v1/bulletins/{slug}',
  'POST /api/v1/bulletins/{slug}/publish',
  'POST /api/v1/corrections',
  'GET /api/v1/corrections',
  'GET /api/v1/corrections/log',
  'GET /api/v1/corrections/{id}',
  'POST /api/v1/corrections/{id}/review',
  'POST /api/v1/corrections/{id}/apply',
  'GET /api/v1/exchanges',
  'GET /api/v1/exchanges/summary',
  'GET /api/v1/exchanges/{idOrKey}',
  'POST /api/v1/exchanges',
  'POST /api/v1/exchanges/{idOrKey}/claims',
  'PUT /api/v1/exchanges/{idOrKey}/figures/{from}/{category}',
  'GET /api/v1/groups',
  'POST /api/v1/groups',
  'GET /api/v1/groups/{slug}',
  'PATCH /api/v1/groups/{slug}',
  'POST /api/v1/groups/{slug}/members',
  'PATCH /api/v1/groups/{slug}/members/{member}',
  'POST /api/v1/groups/{slug}/meetings',
  'POST /api/v1/groups/{slug}/decisions',
  'POST /api/v1/groups/{slug}/issues',
  'GET /api/v1/groups/{slug}/issues/{issue}',
  'PATCH /api/v1/groups/{slug}/issues/{issue}',
  'POST /api/v1/groups/{slug}/issues/{issue}/updates',
  'GET /api/v1/stats',
  'GET /api/v1/exports',
  'GET /api/v1/exports/incidents.csv',
  'GET /api/v1/exports/incidents.acled.csv',
  'GET /api/v1/exports/incidents.geojson',
  'GET /api/v1/exports/incidents.kml',
  'GET /api/v1/exports/agreements.json',
  'GET /api/v1/exports/agreements.csv',
  'GET /api/v1/exports/findings.csv',
  'GET /api/v1/exports/exchanges.csv',
  'GET /api/v1/exports/frontline.geojson',
  'GET /api/v1/exports/frontline.kml',
  'POST /api/v1/webhooks',
  'GET /api/v1/webhooks',
  'GET /api/v1/webhooks/{id}',
  'PATCH /api/v1/webhooks/{id}',
  'DELETE /api/v1/webhooks/{id}',
  'GET /api/v1/webhooks/{id}/deliveries',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  'POST /api/v1/webhooks/{id}/ping',
  'GET /api/v1/feeds/findings.atom',
  'GET /api/v1/feeds/bulletins.atom',
  'GET /api/v1/feeds/agreements.atom',
  'GET /api/v1/calendars/agreements.ics',
  'GET /api/v1/calendars/agreements/{slug}.ics',
];

/** Writes need a token or session; screening a draft stores nothing and is public, and signing in needs none. */
/** A reader's correction is public too (rate-limited). */
/** Signing out needs no token either: it ends the session the cookie names, if any. */
const OPEN_WRITES = [
  'POST /api/v1/screen',
  'POST /api/v1/session',
  'POST /api/v1/corrections',
  'DELETE /api/v1/session',
];
const WRITES = ROUTES.filter((r) => /^(POST|PATCH|PUT|DELETE) /.test(r) && !OPEN_WRITES.includes(r));
/** Writes whose path says it all. */
const BODYLESS_WRITES = [
  'POST /api/v1/users/{idOrEmail}/disable',
  'DELETE /api/v1/webhooks/{id}',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  'POST /api/v1/webhooks/{id}/ping',
];
/** The reads that are not public. */
const PRIVATE_READS = [
  'GET /api/v1/bulletins/{slug}/versions',
  'GET /api/v1/users',
  'GET /api/v1/review-queue',
  'GET /api/v1/evidence/{id}/original',
  'GET /api/v1/evidence/{id}/custody',
  'GET /api/v1/corrections',
  'GET /api/v1/corrections/{id}',
  'GET /api/v1/webhooks',
  'GET /api/v1/webhooks/{id}',
  'GET /api/v1/webhooks/{id}/deliveries',
];
/** A bearer token, or a session cookie (with its CSRF token on writes). */
const SIGNED_IN = [{ bearer: [] }, { session: [] }];

describeEachEngine('OpenAPI', (engine) => {
  const h = useApp(engine);

  async function document(): Promise<OpenApiDocument> {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.json<OpenApiDocument>();
  }

  function operation(doc: OpenApiDocument, route: string): Operation | undefined {
    const [method = '', path = ''] = route.split(' ');
    return doc.paths[path]?.[method.toLowerCase()];
  }

  it('is an OpenAPI 3 document with a title, a version and the bearer scheme', async () => {
    const doc = await document();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Truceline API', version: '1' });
    expect(doc.components.securitySchemes['bearer']).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('describes exactly the /api/v1 routes, each with a summary and a tag', async () => {
    const doc = await document();
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual([...ROUTES].sort());
    for (const route of ROUTES) {
      expect(operation(doc, route)?.summary, route).toBeTruthy();
      expect(operation(doc, route)?.tags?.length, route).toBeGreaterThan(0);
    }
  });

  it('describes only routes the app serves', async () => {
    await document();
    for (const route of ROUTES) {
      const [method = '', path = ''] = route.split(' ');
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      expect(h.app.hasRoute({ method, url }), route).toBe(true);
    }
  });

  it('asks for a token or session on every write and private read, and on no other read', async () => {
    const doc = await document();
    for (const route of ROUTES) {
      const security = operation(doc, route)?.security;
      if (WRITES.includes(route) || PRIVATE_READS.includes(route)) expect(security, route).toEqual(SIGNED_IN);
      else expect(security, route).toBeUndefined();
    }
  });

  it('gives each write its JSON body schema, strict, with the required fields', async () => {
    const doc = await document();
    const schema = operation(doc, 'POST /api/v1/agreements')?.requestBody?.content['application/json']
      ?.schema;
    expect(schema?.type).toBe('object');
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.required).toEqual(expect.arrayContaining(['slug', 'title', 'form', 'kind', 'parties']));
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['readouts', 'lifecycle']));
    for (const route of WRITES.filter((r) => !BODYLESS_WRITES.includes(r)))
      expect(operation(doc, route)?.requestBody, route).toBeDefined();
  });

  it('documents PATCH bodies without defaults, since an absent field is left as it is', async () => {
    const doc = await document();
    for (const route of WRITES.filter((r) => r.startsWith('PATCH'))) {
      const properties = operation(doc, route)?.requestBody?.content['application/json']?.schema.properties;
      expect(Object.keys(properties ?? {}).length, route).toBeGreaterThan(0);
      const defaulted = Object.entries(properties ?? {}).filter(([, p]) => 'default' in p);
      expect(
        defaulted.map(([name]) => name),
        route,
      ).toEqual([]);
    }
  });

  it('documents the query parameters of the incident list, with the verdicts', async () => {
    const doc = await document();
    const parameters = operation(doc, 'GET /api/v1/incidents')?.parameters ?? [];
    expect(parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['agreement', 'verdict', 'party', 'from', 'to', 'target', 'limit', 'offset']),
    );
    expect(parameters.find((p) => p.name === 'verdict')?.schema?.enum).toEqual([
      'covered',
      'not-covered',
      'contested',
      'unknown',
    ]);
  });

  it('documents the path parameters', async () => {
    const doc = await document();
    const parameters = operation(doc, 'PATCH /api/v1/agreements/{idOrSlug}/readouts/{readout}')?.parameters;
    expect(parameters?.filter((p) => p.in === 'path').map((p) => [p.name, p.required])).toEqual([
      ['idOrSlug', true],
      ['readout', true],
    ]);
  });

  it('shows JSON Schema, not zod internals', async () => {
    const text = JSON.stringify(await document());
    expect(text).not.toMatch(/"_def"|"~standard"|"_zod"/);
  });

  it('serves the Swagger UI at /api/docs', async () => {
    let res = await h.app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400) {
      res = await h.app.inject({ method: 'GET', url: String(res.headers.location) });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Swagger UI');
  });

  it('documents the screening response: a verdict per agreement and a result per readout', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { post?: { responses?: Record<string, unknown> } }>;
    }>();
    const ok = JSON.stringify(doc.paths['/api/v1/screen']?.post?.responses?.['200']);
    for (const word of ['verdict', 'contested', 'readouts', 'predicate', 'reason'])
      expect(ok).toContain(word);
  });

  it('shows an example of every request body and every success response with a body', async () => {
    const { missing } = examplesOf((await document()) as unknown as ExamplesDocument);
    expect(missing, `Operations without an example:\n  ${missing.join('\n  ')}\n`).toEqual([]);
  });

  it('gives examples that validate against their own schemas, nested ones included', async () => {
    const { examples } = examplesOf((await document()) as unknown as ExamplesDocument);
    const validate = exampleValidator();
    const invalid = examples.flatMap(({ route, where, schema, value }) => [
      ...validate(schema, value).map((e) => `${route} (${where}): ${e}`),
      ...nestedExamples(schema).flatMap((nested) =>
        validate(nested.schema, nested.value).map((e) => `${route} (${where}) at ${nested.path}: ${e}`),
      ),
    ]);
    expect(examples.length).toBeGreaterThan(0);
    expect(invalid).toEqual([]);
  });
});
