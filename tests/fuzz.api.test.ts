// Fuzzing every write endpoint of the API, as listed by its own OpenAPI document: malformed JSON, wrong types,
// huge strings, deep nesting, prototype-pollution keys, NUL bytes and bad ids in the path. Whatever arrives,
// the answer is a 4xx (never a 5xx) and nothing is written: every table keeps its row count and the audit
// chain its length. Bodies are generated with fast-check and kept only when the route's own request schema
// (checked with Ajv) refuses them, so that an accidental valid body cannot write.

import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { useApp, type Harness } from './support/harness.js';
import { exampleValidator, type Schema } from './support/openapi-examples.js';
import { auditEvents, client } from './support/requests.js';

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'] as const;
type WriteMethod = (typeof WRITE_METHODS)[number];

interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, Media> };
}

interface WriteRoute {
  /** `POST /api/v1/incidents/{id}/allegations`. */
  readonly route: string;
  readonly method: WriteMethod;
  readonly path: string;
  readonly params: readonly string[];
  /** The JSON request schema, when the route takes a JSON body. */
  readonly schema: Schema | null;
  /** A valid body from the document's examples, the base that single-field mutations start from. */
  readonly example: Record<string, unknown>;
}

/** Path values no route should find, or even accept: unknown ids, NUL, traversal, injection, overlong, bad escapes. */
const BAD_IDS = [
  'no-such-thing',
  '0',
  '-1',
  '99999999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  'a%00b',
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%201%3D1--',
  '%F0%9F%92%A3',
  '%E0%A4%A',
  '%ZZ',
  'x'.repeat(2_000),
  'A-'.repeat(50),
];

/** Routes that create what a well-formed key does not find, with the pattern of that key. */
const UPSERTS = new Map([['PUT /api/v1/sectors/{key}', /^[a-z0-9][a-z0-9-]*$/]]);

/** `depth` nested arrays: `[[[...]]]`. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** `depth` nested objects: `{"a":{"a":...}}`. */
function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Raw JSON bodies that no write route may accept, whatever its schema. */
const RAW_BODIES: readonly { name: string; payload: string }[] = [
  { name: 'empty', payload: '' },
  { name: 'blank', payload: '   ' },
  { name: 'truncated object', payload: '{"title": "x", ' },
  { name: 'truncated array', payload: '[1, 2' },
  { name: 'trailing garbage', payload: '{"a": 1}}' },
  { name: 'bare word', payload: 'nul' },
  { name: 'single quotes', payload: "{'title': 'x'}" },
  { name: 'NUL outside a string', payload: '{"a":\u00001}' },
  { name: 'a number', payload: '42' },
  { name: 'a string', payload: '"hello"' },
  { name: 'null', payload: 'null' },
  { name: 'an array', payload: '[{"title": "x"}]' },
  { name: '__proto__ key', payload: '{"__proto__": {"polluted": true}}' },
  { name: 'nested __proto__ key', payload: '{"a": {"b": {"__proto__": {"polluted": true}}}}' },
  { name: 'constructor.prototype key', payload: '{"constructor": {"prototype": {"polluted": true}}}' },
  { name: 'deeply nested arrays', payload: nestedArrays(10_000) },
  { name: 'deeply nested objects', payload: nestedObjects(10_000) },
  { name: 'more than the body limit', payload: JSON.stringify({ title: 'x'.repeat(1_100_000) }) },
  { name: 'lone surrogate escape', payload: '{"title": "\\ud800"}' },
];

/** Values to put where a field should be: wrong types, extremes, hostile strings, deep structures. */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      0,
      -1,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      0.5,
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x'.repeat(300_000),
      '2025-02-30',
      '2025-03-18T25:00Z',
      'not-a-date',
      'javascript:alert(1)',
      "'; drop table incidents; --",
      [],
      {},
      [null],
      Array.from({ length: 5_000 }, (_, i) => i),
      JSON.parse(nestedArrays(3_000)) as unknown,
      JSON.parse(nestedObjects(3_000)) as unknown,
      JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      { constructor: { prototype: { polluted: true } } },
    ),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
}

/** The write routes of the document, each with its JSON schema and an example body. */
function writeRoutes(doc: { paths: Record<string, Record<string, Operation>> }): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const media = operation.requestBody?.content['application/json'];
      const example =
        media?.example ??
        Object.values(media?.examples ?? {})[0]?.value ??
        (media?.schema as { example?: unknown } | undefined)?.example;
      routes.push({
        route: `${method.toUpperCase()} ${path}`,
        method,
        path,
        params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        schema: media?.schema ?? null,
        example:
          typeof example === 'object' && example !== null && !Array.isArray(example)
            ? (example as Record<string, unknown>)
            : {},
      });
    }
  }
  return routes;
}

/** Row counts of every table, so that "nothing written" covers all of them, not just the ones a test thinks of. */
async function tableCounts(h: Harness): Promise<Record<string, number>> {
  const db = h.services.db.kysely;
  const tables = await db.introspection.getTables();
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (name.startsWith('kysely_')) continue;
    const row = await db
      .selectFrom(name as never)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts;
}

describeEachEngine('fuzzing the write API', (engine) => {
  const h = useApp(engine, { demo: true });
  const validate = exampleValidator();
  let routes: WriteRoute[] = [];
  /** Real values for path parameters, from the demo, so that bodies reach the routes' own checks. */
  const real = new Map<string, string>();

  beforeAll(async () => {
    const api = client(h);
    const doc = await api.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    routes = writeRoutes(doc.body);

    const agreements = await api.get<{ items: { slug: string }[] }>('/api/v1/agreements');
    const slug = agreements.body.items[0]?.slug;
    if (slug) {
      real.set('/agreements/{idOrSlug}', slug);
      const agreement = await api.get<{ readouts: { key: string }[] }>(`/api/v1/agreements/${slug}`);
      const readout = agreement.body.readouts[0]?.key;
      if (readout) real.set('/readouts/{readout}', readout);
    }
    const incidents = await api.get<{ items: { id: string; allegations: { id: string }[] }[] }>(
      '/api/v1/incidents?limit=50',
    );
    const incident = incidents.body.items.find((i) => i.allegations.length > 0) ?? incidents.body.items[0];
    if (incident) real.set('/incidents/{id}', incident.id);
    const allegation = incident?.allegations[0]?.id;
    if (allegation) real.set('/allegations/{id}', allegation);
    const groups = await api.get<{ items?: { slug: string }[] }>('/api/v1/groups');
    const group = groups.body.items?.[0]?.slug;
    if (group) real.set('/groups/{slug}', group);
    const exchanges = await api.get<{ items?: { key: string }[] }>('/api/v1/exchanges');
    const exchange = exchanges.body.items?.[0]?.key;
    if (exchange) real.set('/exchanges/{idOrKey}', exchange);
  });

  /** The route's path with every parameter a bad id, or null when a real value is wanted and not known. */
  function concretePath(route: WriteRoute, bad: string | null): string | null {
    let path = route.path;
    for (const param of route.params) {
      const key = [...real.keys()].find((k) => path.includes(`${k.split('/{')[0] ?? ''}/{${param}}`));
      const value = bad ?? (key ? real.get(key) : undefined);
      if (value === undefined) return null;
      path = path.replace(`{${param}}`, value);
    }
    return path;
  }

  /** The paths to try bodies on: one bad id, and the real one when the route takes a body and one is known. */
  function pathsOf(route: WriteRoute): string[] {
    if (route.params.length === 0) return [route.path];
    const paths = [concretePath(route, 'no-such-thing')!];
    // A real id only with a body the schema refuses: a route without a body would act on it.
    const realPath = route.schema ? concretePath(route, null) : null;
    return realPath ? [...paths, realPath] : paths;
  }

  let sent = 0;
  async function send(route: WriteRoute, path: string, payload: string) {
    sent++;
    const res = await h.app.inject({
      method: route.method.toUpperCase() as 'POST',
      url: path,
      // A new address for every request, so that the public corrections' rate limit does not answer first.
      remoteAddress: `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
      headers: { ...h.auth, 'content-type': 'application/json' },
      payload,
    });
    return { status: res.statusCode, body: res.body };
  }

  it('finds every write route in the OpenAPI document, with real demo ids for most of them', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.map((r) => r.route)).toContain('POST /api/v1/incidents');
    expect(routes.map((r) => r.route)).toContain('DELETE /api/v1/webhooks/{id}');
    for (const key of ['/agreements/{idOrSlug}', '/incidents/{id}', '/allegations/{id}']) {
      expect(real.has(key), key).toBe(true);
    }
  });

  it('answers bad ids in the path with a 4xx and writes nothing, whatever the route', async () => {
    const before = await tableCounts(h);
    const failures: string[] = [];
    for (const route of routes) {
      if (route.params.length === 0) continue;
      for (const bad of BAD_IDS) {
        // An upsert by key creates what it does not find: only keys its pattern refuses must be refused.
        if (UPSERTS.get(route.route)?.test(bad)) continue;
        const path = concretePath(route, bad)!;
        const payload = JSON.stringify(route.example);
        const { status, body } = await send(route, path, payload);
        if (status < 400 || status >= 500)
          failures.push(`${route.route} ${path.slice(0, 80)} → ${status} ${body}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses malformed JSON, hostile keys, deep nesting and oversized bodies with a 4xx on every route', async () => {
    const before = await tableCounts(h);
    const failures: string[] = [];
    for (const route of routes) {
      for (const path of pathsOf(route)) {
        for (const { name, payload } of RAW_BODIES) {
          const { status, body } = await send(route, path, payload);
          // A route without a body (DELETE /session) may ignore a well-formed one; none may fail on it.
          const refused = route.schema ? status >= 400 && status < 500 : status < 500;
          if (!refused)
            failures.push(`${route.route} ${path.slice(0, 60)} [${name}] → ${status} ${body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a NUL or a lone surrogate in any text field of a valid body with a 400 naming the field', async () => {
    const before = await tableCounts(h);
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes) {
      if (!route.schema) continue;
      const path = route.params.length === 0 ? route.path : concretePath(route, null);
      if (path === null) continue;
      for (const [field, value] of Object.entries(route.example)) {
        if (typeof value !== 'string') continue;
        for (const poison of ['\u0000', '\ud800']) {
          tried++;
          const payload = JSON.stringify({ ...route.example, [field]: `${value}${poison}` });
          const { status, body } = await send(route, path, payload);
          const named = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? '';
          if (status !== 400 || !named.includes(field))
            failures.push(
              `${route.route} ${field} ${JSON.stringify(poison)} → ${status} ${body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(tried).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses bodies of the wrong shape (fast-check, kept only when the schema refuses them) with a 4xx', async () => {
    const before = await tableCounts(h);
    const beforeAudit = (await auditEvents(h)).length;
    const failures: string[] = [];
    for (const route of routes) {
      const schema = route.schema;
      if (!schema) continue;
      const fields = Object.keys((schema as { properties?: object }).properties ?? {});
      const mutated = fc.oneof(
        // One field of a valid example replaced by something hostile.
        fields.length > 0
          ? fc
              .record({ field: fc.constantFrom(...fields), value: hostileValue() })
              .map(({ field, value }) => ({ ...route.example, [field]: value }))
          : hostileValue(),
        // A field dropped.
        fields.length > 0
          ? fc.constantFrom(...fields).map((field) => {
              const { [field]: _dropped, ...rest } = route.example;
              return rest;
            })
          : hostileValue(),
        // An unknown field added.
        fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue()).map(([key, value]) => ({
          ...route.example,
          [`x-${key}`]: value,
        })),
        // Any JSON at all.
        fc.jsonValue({ maxDepth: 4 }),
      );
      const paths = pathsOf(route);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), mutated, async (path, body) => {
          fc.pre(validate(schema, body).length > 0);
          const { status, body: reply } = await send(route, path, JSON.stringify(body));
          if (status < 400 || status >= 500) {
            failures.push(
              `${route.route} ${path.slice(0, 60)} ${JSON.stringify(body).slice(0, 160)} → ${status} ${reply.slice(0, 200)}`,
            );
          }
        }),
        { numRuns: 12, seed: 9, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
    expect((await auditEvents(h)).length).toBe(beforeAudit);
  });
});
