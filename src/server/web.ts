// The web app at `/`: the files Vite built into dist/web, and index.html for every other page address so that
// client-side routes (/map, /incidents/...) load the app. Without a build the front door is the API's docs.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the build may be: beside the compiled server (dist/server -> dist/web), or from src/ under tsx. */
const CANDIDATES = ['../web/', '../../dist/web/'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

/** The built app's directory, or null when `npm run build` has not produced it. */
export function findWebRoot(): string | null {
  return CANDIDATES.find((dir) => existsSync(`${dir}index.html`)) ?? null;
}

/** Paths that belong to the server, never to the app: they keep their JSON 404s. */
const SERVER_PATHS = /^\/(api|ogc)(\/|$)/;
/** A request for a file (`/assets/x.js`, `/favicon.svg`): a 404 when missing, not the app's page. */
const FILE_PATH = /\/[^/]*\.[a-z0-9]+$/i;

function cacheHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  // Vite names everything under assets/ by its content hash: it can be cached for good. index.html names the
  // current hashes, so a browser must revalidate it on every visit.
  if (path.includes('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  else if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
  else res.setHeader('cache-control', 'public, max-age=3600');
}

export interface WebOptions {
  /** The built app; defaults to the one `npm run build` writes. Null: serve no app. */
  readonly root?: string | null;
}

/** Registers the app's files and the fallback to index.html, or the redirect to the docs without a build. */
export async function webRoutes(
  app: FastifyInstance,
  { root = findWebRoot() }: WebOptions = {},
): Promise<void> {
  if (root === null) {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/api/docs'));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // One route per built file (found at start-up), so that the catch-all below sees every other path.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: cacheHeaders,
    // The build writes .br and .gz beside each text file; the plugin picks one the client accepts.
    preCompressed: true,
    schemaHide: true,
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path) || FILE_PATH.test(path)) {
      reply.callNotFound();
      return;
    }
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
}
