// The response cache of anonymous public reads, on every engine with the demo: a repeated read is served again
// byte for byte; a write through this server shows in the very next read, one made elsewhere (the services of
// another process on the same database) within the audit-head bound; signed-in requests never touch it; keys,
// status, TTL, byte budget, HEAD and If-None-Match. And the configuration variable that sizes it.

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { agreementInputSchema } from '../src/core/schemas.js';
import { buildApp, type App } from '../src/server/app.js';
import { ResponseCache } from '../src/server/cache.js';
import { loadConfig } from '../src/server/config.js';
import { createServices } from '../src/services/context.js';
import { HEAD_REFRESH_MS } from '../src/services/data-version.js';
import { createAgreement } from '../src/services/agreements.js';
import { actingAs, TEST_PASSWORD, TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type IncidentDetail, type IncidentPage } from './support/requests.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An anonymous GET (or HEAD) with optional headers, answered whole. */
function read(app: App, url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return app.inject({ method, url, headers });
}

/** The headers of an answer without those of one transmission (date, x-cache). */
function lasting(headers: Record<string, unknown>): Record<string, unknown> {
  const { date: _date, 'x-cache': _cache, connection: _connection, ...rest } = headers;
  return rest;
}

describeEachEngine('the response cache', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  it('serves a repeated anonymous read from the cache, with the same bytes and headers', async () => {
    const url = '/api/v1/incidents?limit=5';
    const first = await read(h.app, url);
    const second = await read(h.app, url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(lasting(second.headers)).toEqual(lasting(first.headers));
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['etag']).toMatch(/^"[\w-]+"$/);
    expect(first.json<IncidentPage>().items).toHaveLength(5);
  });

  it('caches the OGC API too, keyed by the Accept header as well as the URL', async () => {
    const url = '/ogc/collections/incidents/items?limit=2';
    const geojson = await read(h.app, url, { accept: 'application/geo+json' });
    const json = await read(h.app, url, { accept: 'application/json' });
    expect(geojson.statusCode).toBe(200);
    expect(geojson.headers['x-cache']).toBe('miss');
    expect(json.headers['x-cache']).toBe('miss');
    const again = await read(h.app, url, { accept: 'application/json' });
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.headers['content-type']).toBe(json.headers['content-type']);
    expect(again.body).toBe(json.body);
    expect((await read(h.app, url, { accept: 'application/geo+json' })).headers['x-cache']).toBe('hit');
  });

  it('keeps different query strings apart', async () => {
    const one = await read(h.app, '/api/v1/incidents?limit=1');
    const two = await read(h.app, '/api/v1/incidents?limit=2');
    expect(one.headers['x-cache']).toBe('miss');
    expect(two.headers['x-cache']).toBe('miss');
    expect(two.json<IncidentPage>().items).toHaveLength(2);
    expect((await read(h.app, '/api/v1/incidents?limit=1')).json<IncidentPage>().items).toHaveLength(1);
  });

  it('shows a write through the API in the very next anonymous read', async () => {
    const before = await read(h.app, '/api/v1/agreements');
    expect((await read(h.app, '/api/v1/agreements')).headers['x-cache']).toBe('hit');
    const input = agreementInput();
    expect((await api.post('/api/v1/agreements', input)).status).toBe(201);
    const after = await read(h.app, '/api/v1/agreements');
    expect(after.headers['x-cache']).toBe('miss');
    const slugs = after.json<{ items: { slug: string }[] }>().items.map((a) => a.slug);
    expect(slugs).toContain(input.slug);
    expect(before.json<{ items: unknown[] }>().items.length + 1).toBe(slugs.length);

    // An edit of a published incident, read through its public copy.
    const page = (await read(h.app, '/api/v1/incidents?limit=1')).json<IncidentPage>();
    const id = page.items[0]!.id;
    const url = `/api/v1/incidents/${id}`;
    await read(h.app, url);
    expect((await read(h.app, url)).headers['x-cache']).toBe('hit');
    const weapon = 'A weapon named by the cache test';
    expect((await api.patch(url, { weapon })).status).toBe(200);
    const edited = await read(h.app, url);
    expect(edited.headers['x-cache']).toBe('miss');
    expect(edited.json<{ weapon: string | null }>().weapon).toBe(weapon);
  });

  it('shows a write made in the services directly at once, and one made by another process within the bound', async () => {
    const url = '/api/v1/agreements';
    await read(h.app, url);
    const direct = agreementInputSchema.parse(agreementInput());
    await createAgreement(h.services, TEST_SYSTEM, direct);
    const next = await read(h.app, url);
    expect(next.headers['x-cache']).toBe('miss');
    expect(next.body).toContain(direct.slug);

    // Another process on the same database: services of their own, as `truceline import` has.
    const elsewhere = createServices(h.services.db, { files: h.services.files });
    await read(h.app, url);
    expect((await read(h.app, url)).headers['x-cache']).toBe('hit');
    const other = agreementInputSchema.parse(agreementInput());
    await createAgreement(elsewhere, TEST_SYSTEM, other);
    await sleep(HEAD_REFRESH_MS + 50);
    const seen = await read(h.app, url);
    expect(seen.headers['x-cache']).toBe('miss');
    expect(seen.body).toContain(other.slug);
  });

  it('never serves nor keeps an answer for a signed-in reader', async () => {
    // Staff file an incident: unpublished, so the public gets 404 for it, before and after staff read it.
    const filed = await api.post<IncidentDetail>(
      '/api/v1/incidents',
      incidentInput({ title: 'Cache: unpublished' }),
    );
    expect(filed.status).toBe(201);
    const url = `/api/v1/incidents/${filed.body.id}`;
    expect((await read(h.app, url)).statusCode).toBe(404);
    const staff = await read(h.app, url, h.auth);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['x-cache']).toBeUndefined();
    const publicAfter = await read(h.app, url);
    expect(publicAfter.statusCode).toBe(404);
    expect(publicAfter.headers['x-cache']).toBe('miss');

    // And the other way: the public's cached copy of a published incident is not what staff get.
    const page = (await read(h.app, '/api/v1/incidents?limit=1')).json<IncidentPage>();
    const published = `/api/v1/incidents/${page.items[0]!.id}`;
    await read(h.app, published);
    const publicCopy = await read(h.app, published);
    expect(publicCopy.headers['x-cache']).toBe('hit');
    const editor = await actingAs(h, 'editor');
    const sealed = await read(h.app, published, editor.headers);
    expect(sealed.statusCode).toBe(200);
    expect(sealed.headers['x-cache']).toBeUndefined();
    // The demo's incidents withhold their reporter from the public; staff see it.
    expect(sealed.json<{ reportedBy: string | null }>().reportedBy).toBe('system:demo');
    expect(publicCopy.json<{ reportedBy: string | null }>().reportedBy).toBeNull();
    expect(sealed.body).not.toBe(publicCopy.body);
    expect((await read(h.app, published)).body).toBe(publicCopy.body);

    // A session cookie counts as signed in, as a token does.
    const signIn = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: editor.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === 'truceline_session');
    expect(cookie).toBeDefined();
    const viaCookie = await read(h.app, published, { cookie: `truceline_session=${cookie?.value ?? ''}` });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.headers['x-cache']).toBeUndefined();
    expect(viaCookie.json<{ reportedBy: string | null }>().reportedBy).toBe('system:demo');
  });

  it('still refuses a bad token or session cookie on a cached URL with 401', async () => {
    const url = '/api/v1/agreements';
    await read(h.app, url);
    expect((await read(h.app, url)).headers['x-cache']).toBe('hit');
    const token = await read(h.app, url, { authorization: 'Bearer not-a-token' });
    expect(token.statusCode).toBe(401);
    const cookie = await read(h.app, url, { cookie: 'truceline_session=stale' });
    expect(cookie.statusCode).toBe(401);
    expect(cookie.headers['x-cache']).toBeUndefined();
  });

  it('does not keep answers other than 200', async () => {
    const url = '/api/v1/incidents/no-such-incident';
    const first = await read(h.app, url);
    expect(first.statusCode).toBe(404);
    const second = await read(h.app, url);
    expect(second.statusCode).toBe(404);
    expect(second.headers['x-cache']).toBe('miss');
    const invalid = '/api/v1/incidents?limit=-3';
    expect((await read(h.app, invalid)).statusCode).toBe(400);
    expect((await read(h.app, invalid)).headers['x-cache']).toBe('miss');
  });

  it('does not keep streams (the exports), answers that set a cookie, nor answers marked private', async () => {
    const csv = '/api/v1/exports/incidents.csv';
    const first = await read(h.app, csv);
    expect(first.statusCode).toBe(200);
    expect(first.headers['etag']).toMatch(/^W\/"exports-\d+"$/);
    const second = await read(h.app, csv);
    expect(second.headers['x-cache']).toBe('miss');
    expect(second.body).toBe(first.body);

    const app = await buildApp({ services: h.services });
    app.get('/api/v1/test/cookie', (_request, reply) => reply.setCookie('seen', 'yes').send({ ok: true }));
    app.get('/api/v1/test/private', (_request, reply) =>
      reply.header('cache-control', 'private, max-age=60').send({ ok: true }),
    );
    try {
      for (const url of ['/api/v1/test/cookie', '/api/v1/test/private']) {
        expect((await read(app, url)).statusCode).toBe(200);
        expect((await read(app, url)).headers['x-cache']).toBe('miss');
      }
    } finally {
      await app.close();
    }
  });

  it('answers HEAD from the same entries, without a body', async () => {
    const url = '/api/v1/incidents?limit=3';
    const head = await read(h.app, url, {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-cache']).toBe('miss');
    expect(head.rawPayload).toHaveLength(0);
    const get = await read(h.app, url);
    expect(get.headers['x-cache']).toBe('hit');
    expect(Number(head.headers['content-length'])).toBe(get.rawPayload.length);
    const headAgain = await read(h.app, url, {}, 'HEAD');
    expect(headAgain.headers['x-cache']).toBe('hit');
    expect(headAgain.rawPayload).toHaveLength(0);
    expect(headAgain.headers['content-length']).toBe(head.headers['content-length']);
    expect(headAgain.headers['etag']).toBe(get.headers['etag']);
  });

  it('answers If-None-Match with 304 when the client holds the answer, hit or miss', async () => {
    const url = '/api/v1/incidents?limit=4';
    const first = await read(h.app, url);
    const etag = String(first.headers['etag']);
    const hit = await read(h.app, url, { 'if-none-match': etag });
    expect(hit.statusCode).toBe(304);
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.rawPayload).toHaveLength(0);
    expect(hit.headers['etag']).toBe(etag);
    expect((await read(h.app, url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);

    // After a write the answer is made again; the same bytes have the same tag, so the client still gets 304.
    const health = '/api/v1/health';
    const tag = String((await read(h.app, health)).headers['etag']);
    expect((await api.post('/api/v1/agreements', agreementInput())).status).toBe(201);
    const miss = await read(h.app, health, { 'if-none-match': tag });
    expect(miss.headers['x-cache']).toBe('miss');
    expect(miss.statusCode).toBe(304);
    expect(miss.rawPayload).toHaveLength(0);
  });

  it("keeps large answers gzip'd too and sends them so to clients that accept gzip", async () => {
    const url = '/api/v1/incidents?limit=20';
    const plain = await read(h.app, url);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    const zipped = await read(h.app, url, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
    expect(zipped.headers['x-cache']).toBe('hit');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length);
    // Another representation, another tag; either tag held by the client answers 304.
    const tag = String(plain.headers['etag']);
    const zippedTag = String(zipped.headers['etag']);
    expect(zippedTag).not.toBe(tag);
    for (const held of [tag, zippedTag])
      expect((await read(h.app, url, { 'accept-encoding': 'gzip', 'if-none-match': held })).statusCode).toBe(
        304,
      );
    // gzip refused with q=0, or not named: the plain bytes.
    for (const accept of ['gzip;q=0, identity', 'br']) {
      const answer = await read(h.app, url, { 'accept-encoding': accept });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.rawPayload.equals(plain.rawPayload)).toBe(true);
    }
    // The miss that keeps an answer already sends it gzip'd to a client that accepts it.
    const other = '/api/v1/incidents?limit=19';
    const first = await read(h.app, other, { 'accept-encoding': 'gzip, deflate' });
    expect(first.headers['x-cache']).toBe('miss');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(first.rawPayload).equals((await read(h.app, other)).rawPayload)).toBe(true);
    // A small answer is not worth it.
    const small = await read(h.app, '/api/v1/health', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  describe('with its own settings', () => {
    it('computes an answer once for many clients asking at the same time, and not for one that failed', async () => {
      const app = await buildApp({ services: h.services });
      let computed = 0;
      let failures = 0;
      app.get('/api/v1/slow-answer', async () => {
        computed += 1;
        await sleep(50);
        return { computed };
      });
      app.get('/api/v1/slow-failure', async (_request, reply) => {
        failures += 1;
        await sleep(50);
        return reply.code(503).send({ failures });
      });
      try {
        const answers = await Promise.all(Array.from({ length: 10 }, () => read(app, '/api/v1/slow-answer')));
        expect(computed).toBe(1);
        expect(answers.map((a) => a.json<{ computed: number }>())).toEqual(
          Array.from({ length: 10 }, () => ({ computed: 1 })),
        );
        expect(answers.filter((a) => a.headers['x-cache'] === 'miss')).toHaveLength(1);
        // An answer that is not kept releases the others, who then ask for themselves.
        const failed = await Promise.all(Array.from({ length: 4 }, () => read(app, '/api/v1/slow-failure')));
        expect(failed.map((a) => a.statusCode)).toEqual([503, 503, 503, 503]);
        expect(failures).toBe(4);
      } finally {
        await app.close();
      }
    });

    it('expires an answer after the TTL', async () => {
      const app = await buildApp({ services: h.services, responseCache: { maxBytes: 1 << 20, ttlMs: 100 } });
      try {
        const url = '/api/v1/agreements';
        await read(app, url);
        expect((await read(app, url)).headers['x-cache']).toBe('hit');
        await sleep(150);
        expect((await read(app, url)).headers['x-cache']).toBe('miss');
      } finally {
        await app.close();
      }
    });

    it('evicts the least recently used answer when over its byte budget, and keeps no answer over an eighth of it', async () => {
      // Small answers, all alike: the liveness check under sixty query strings (which it ignores).
      const urls = Array.from({ length: 60 }, (_, i) => `/api/v1/health?n=${i}`);
      expect((await read(h.app, urls[0]!)).statusCode).toBe(200);
      // Room for a few dozen of them (each well under an eighth of it), not for sixty.
      const budget = 8 * 1024;
      const app = await buildApp({ services: h.services, responseCache: { maxBytes: budget } });
      try {
        const [first, second, ...rest] = urls as [string, string, ...string[]];
        await read(app, first);
        await read(app, second);
        // The first is read again after each other answer is kept: it stays the most recently used.
        for (const url of rest) {
          await read(app, url);
          expect((await read(app, first)).headers['x-cache']).toBe('hit');
        }
        expect((await read(app, second)).headers['x-cache']).toBe('miss');
        expect((await read(app, rest.at(-1)!)).headers['x-cache']).toBe('hit');
        // Too large for this budget: never kept.
        const large = '/api/v1/incidents?limit=50';
        expect((await read(app, large)).rawPayload.length).toBeGreaterThan(budget / 8);
        expect((await read(app, large)).headers['x-cache']).toBe('miss');
      } finally {
        await app.close();
      }
    });

    it('is off with responseCache: false', async () => {
      const app = await buildApp({ services: h.services, responseCache: false });
      try {
        const url = '/api/v1/agreements';
        await read(app, url);
        const again = await read(app, url);
        expect(again.statusCode).toBe(200);
        expect(again.headers['x-cache']).toBeUndefined();
        expect(again.headers['etag']).toBeUndefined();
      } finally {
        await app.close();
      }
    });
  });
});

describe('TRUCELINE_RESPONSE_CACHE_MB', () => {
  it('is 64 MiB by default, takes a size, and 0 turns the cache off', () => {
    expect(loadConfig({}).responseCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ TRUCELINE_RESPONSE_CACHE_MB: '8' }).responseCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ TRUCELINE_RESPONSE_CACHE_MB: '0' }).responseCacheBytes).toBe(0);
  });

  it('refuses what is not a size, naming the variable', () => {
    for (const value of ['-1', 'lots', '70000'])
      expect(() => loadConfig({ TRUCELINE_RESPONSE_CACHE_MB: value })).toThrow(/TRUCELINE_RESPONSE_CACHE_MB/);
  });
});

describe('the response cache’s store', () => {
  const entry = (version: string, text = 'x'.repeat(100)) => ({
    version,
    expiresAt: Date.now() + 60_000,
    headers: {},
    body: Buffer.from(text),
    gzip: null,
    etag: '"t"',
    bytes: text.length,
  });

  it('drops every kept answer at once when a newer data version is seen', () => {
    const cache = new ResponseCache(1 << 20);
    cache.set('a', entry('3:10:h'));
    cache.set('b', entry('3:10:h'));
    expect(cache.size).toBe(2);
    expect(cache.get('a', '3:10:h', Date.now())).toBeDefined();
    // A write in this process, or one elsewhere (the audit head moved): nothing kept is current any more.
    expect(cache.get('c', '4:11:i', Date.now())).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
    cache.set('a', entry('4:11:i'));
    expect(cache.get('b', '4:12:j', Date.now())).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('neither keeps nor clears for an answer made at an older version than one seen since', () => {
    const cache = new ResponseCache(1 << 20);
    cache.set('a', entry('5:20:h'));
    // A request that began before the last write finishes after it.
    cache.set('b', entry('4:20:g'));
    expect(cache.get('b', '4:20:g', Date.now())).toBeUndefined();
    expect(cache.get('a', '5:20:h', Date.now())).toBeDefined();
    expect(cache.size).toBe(1);
  });
});
