// The web app at `/`: the files Vite built into dist/web, and index.html for every other page address so that
// client-side routes (/map, /incidents/...) load the app. Without a build the front door is the API's docs. Some
// pages (`pages`) are rendered on the server into index.html, so that search engines, link previews and printers
// get their text; the app then boots on them as on any other page.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * A page the server renders: given the request and the app's index.html, the HTML to send and its status. The
 * page writes its text into the template's `#root`, which the app replaces once it boots.
 */
export type ServerPage = (
  request: FastifyRequest,
  template: string,
) => Promise<{ readonly status: number; readonly html: string }>;

export interface WebOptions {
  /** The built app; defaults to the one `npm run build` writes. Null: serve no app. */
  readonly root?: string | null;
  /** Server-rendered pages by route (`/bulletins/:slug`); they are served with or without a build. */
  readonly pages?: Readonly<Record<string, ServerPage>>;
}

/** What server-rendered pages are written into when there is no build: the same shell, without the app. */
const BARE_TEMPLATE =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1" />\n    <title>Truceline</title>\n  </head>\n  <body>\n    <div id="root"></div>\n  </body>\n</html>\n';

function servePages(
  app: FastifyInstance,
  root: string | null,
  pages: Readonly<Record<string, ServerPage>>,
): void {
  for (const [url, render] of Object.entries(pages)) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      // Read each time: a new build names new asset hashes, and the file is small and in the page cache.
      const template = root === null ? BARE_TEMPLATE : await readFile(`${root}index.html`, 'utf8');
      let page: { status: number; html: string };
      try {
        page = await render(request, template);
      } catch (error) {
        // The app can still show the page from the API: send it the plain shell rather than a JSON error.
        request.log.error(error);
        page = { status: 200, html: template };
      }
      return reply
        .status(page.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(page.html);
    });
  }
}

/** Registers the app's files and the fallback to index.html, or the redirect to the docs without a build. */
export async function webRoutes(
  app: FastifyInstance,
  { root = findWebRoot(), pages = {} }: WebOptions = {},
): Promise<void> {
  servePages(app, root, pages);
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
