// Serving the web app: its files with caching fit for hashed names, index.html for every page address the app
// routes itself, JSON 404s kept for the API and for missing files, compressed copies when accepted, and the
// redirect to the API docs when there is no build.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutes } from '../src/server/web.js';

const INDEX = '<!doctype html><title>Truceline</title><div id="root"></div>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

describe('the web app served at /', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'truceline-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), SCRIPT);
    writeFileSync(path.join(dir, 'assets', 'index-AbC123.js.br'), brotliCompressSync(SCRIPT));
    app = Fastify();
    app.get('/api/v1/health', () => ({ status: 'ok' }));
    await app.register(webRoutes, { root: dir });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('serves index.html at / and tells browsers to revalidate it', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/map?date=2025-03-28', '/agreements/energy-moratorium-2025-03', '/incidents/some-id', '/review'])(
    'answers the app route %s with index.html',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('caches hashed assets for a year as immutable', async () => {
    const res = await get('/assets/index-AbC123.js');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(SCRIPT);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the brotli copy to a client that accepts it', async () => {
    const res = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length);
  });

  it('caches unhashed files for an hour', async () => {
    const res = await get('/favicon.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it.each(['/assets/missing-123.js', '/robots.txt', '/api/v1/nothing-here', '/api', '/ogc/collections'])(
    'answers %s with a 404, not the app',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('<div id="root">');
    },
  );

  it('leaves the API routes alone', async () => {
    const res = await get('/api/v1/health');
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('without a build', () => {
  it('sends a visitor of / to the API documentation', async () => {
    const app = Fastify();
    await app.register(webRoutes, { root: null });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/docs');
    await app.close();
  });
});
