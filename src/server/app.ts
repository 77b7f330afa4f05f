// The HTTP edge: `buildApp` assembles Fastify with validation, OpenAPI, authentication and the routes.
// It does not listen; `main.ts` (or a test's `app.inject()`) decides what to do with it.

import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TrucelineError } from '../core/errors.js';
import type { Actor } from '../core/policy.js';
import type { Services } from '../services/context.js';
import { authenticate } from '../services/tokens.js';
import { authenticateSession, csrfMatches, type SessionActor } from '../services/users.js';
import { DEFAULT_RESPONSE_CACHE_BYTES, installResponseCache, type ResponseCacheOptions } from './cache.js';
import type { Config } from './config.js';
import { errorBody, handleError } from './errors.js';
import { exampleOf, openApiTransform } from './openapi.js';
import { serverPages } from './pages.js';
import { agreementRoutes } from './routes/agreements/index.js';
import { bulletinRoutes } from './routes/bulletins/index.js';
import { type CorrectionRateLimit, correctionRoutes } from './routes/corrections/index.js';
import { evidenceRoutes } from './routes/evidence/index.js';
import { exchangeRoutes } from './routes/exchanges/index.js';
import { exportRoutes } from './routes/exports/index.js';
import { expertGroupRoutes } from './routes/expert-groups/index.js';
import { allegationRoutes } from './routes/allegations/index.js';
import { auditRoutes } from './routes/audit/index.js';
import { frontlineRoutes } from './routes/frontline/index.js';
import { facilityRoutes } from './routes/facilities/index.js';
import { feedRoutes } from './routes/feeds/index.js';
import { findingRoutes } from './routes/findings/index.js';
import { incidentRoutes } from './routes/incidents/index.js';
import { mapRoutes } from './routes/map/index.js';
import { ogcRoutes } from './routes/ogc/index.js';
import { referenceRoutes } from './routes/reference/index.js';
import { screenRoutes } from './routes/screen/index.js';
import { SESSION_COOKIE, sessionRoutes } from './routes/session/index.js';
import { statsRoutes } from './routes/stats/index.js';
import { userRoutes } from './routes/users/index.js';
import { webhookRoutes } from './routes/webhooks/index.js';
import { refuseNul } from './text.js';
import { webRoutes } from './web.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: the holder of a valid bearer token or session cookie, or null for the public. */
    actor: Actor | null;
    /** The session the cookie stands for, when the request was authenticated by one. */
    session: SessionActor | null;
  }
  interface FastifyContextConfig {
    /** The route signs in: a stale session cookie is no reason to refuse it, and it needs no CSRF token. */
    signIn?: boolean;
  }
}

/** Methods that change nothing: a cookie request with any other method must carry the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppOptions {
  readonly services: Services;
  readonly logLevel?: Config['logLevel'];
  /** How many corrections one client may send in a window (TRUCELINE_CORRECTIONS_PER_HOUR); 20 an hour by default. */
  readonly correctionRateLimit?: CorrectionRateLimit;
  /** The cache of anonymous public reads (TRUCELINE_RESPONSE_CACHE_MB); 64 MiB by default, false for none. */
  readonly responseCache?: ResponseCacheOptions | false;
}

export type App = FastifyInstance;

export async function buildApp({
  services,
  logLevel = 'silent',
  correctionRateLimit,
  responseCache = { maxBytes: DEFAULT_RESPONSE_CACHE_BYTES },
}: AppOptions): Promise<App> {
  const app = Fastify({ logger: { level: logLevel }, bodyLimit: 1_048_576 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Bodies are JSON only: Fastify would otherwise take text/plain and fail it as a malformed object.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );

  await app.register(fastifyCookie);
  // Evidence uploads, read as streams by their routes. One file per request; busboy cuts a file one byte past the
  // store's limit, so that the store sees it is too large (and refuses it) without the rest being read into it.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: services.files.maxBytes + 1,
      files: 1,
      fields: 10,
      fieldSize: 16_384,
      parts: 12,
      headerPairs: 100,
    },
    throwFileSizeLimit: false,
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // A bearer token (API clients) or else a session cookie (the browser). A cookie-authenticated write must echo
  // the session's CSRF token in `x-csrf-token`, which another site's page cannot read; bearer requests are
  // exempt, as no browser attaches them by itself.
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.actor = match?.[1] ? await authenticate(services, match[1]) : null;
      if (!request.actor)
        throw new TrucelineError('UNAUTHENTICATED', 'The bearer token is not valid or has been revoked.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie || request.routeOptions.config.signIn === true) return;
    request.session = await authenticateSession(services, cookie);
    if (!request.session)
      throw new TrucelineError('UNAUTHENTICATED', 'The session has expired or was ended: sign in again.');
    request.actor = request.session.actor;
    const csrf = request.headers['x-csrf-token'];
    if (
      !SAFE_METHODS.has(request.method) &&
      !csrfMatches(request.session.csrfToken, typeof csrf === 'string' ? csrf : undefined)
    )
      throw new TrucelineError('CSRF_FAILED');
  });

  // After authentication: answers anonymous public reads it holds without reaching the routes (src/server/cache.ts).
  if (responseCache !== false) installResponseCache(app, services, responseCache);

  app.addHook('preValidation', async (request) => {
    refuseNul(request);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Truceline API',
        description:
          'Ceasefire terms, incidents and screening. Writes need `Authorization: Bearer <token>`, or a session cookie (POST /api/v1/session) with its CSRF token in `x-csrf-token`.',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    // jsonSchemaTransform of fastify-type-provider-zod, extended to responses declared per media type.
    transform: openApiTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  // The web app at `/` (or, without a build, a redirect to the API's documentation), with the public pages the
  // server renders itself (bulletins, agreements).
  await app.register(webRoutes, { pages: serverPages(services) });
  await api.register(
    async (v1) => {
      v1.get(
        '/health',
        {
          schema: {
            tags: ['meta'],
            summary: 'Liveness',
            response: { 200: exampleOf(z.object({ status: z.literal('ok') }), { status: 'ok' }) },
          },
        },
        () => ({ status: 'ok' as const }),
      );
      await v1.register(referenceRoutes, { services });
      await v1.register(agreementRoutes, { services });
      await v1.register(bulletinRoutes, { services });
      await v1.register(incidentRoutes, { services });
      await v1.register(evidenceRoutes, { services });
      await v1.register(findingRoutes, { services });
      await v1.register(allegationRoutes, { services });
      await v1.register(screenRoutes, { services });
      await v1.register(frontlineRoutes, { services });
      await v1.register(facilityRoutes, { services });
      await v1.register(auditRoutes, { services });
      await v1.register(sessionRoutes, { services });
      await v1.register(userRoutes, { services });
      await v1.register(mapRoutes, { services });
      await v1.register(exchangeRoutes, { services });
      await v1.register(exportRoutes, { services });
      await v1.register(expertGroupRoutes, { services });
      await v1.register(correctionRoutes, { services, rateLimit: correctionRateLimit });
      await v1.register(statsRoutes, { services });
      await v1.register(webhookRoutes, { services });
      await v1.register(feedRoutes, { services });
    },
    { prefix: '/api/v1' },
  );
  // OGC API - Features for GIS clients, outside /api/v1: it is described by its own definition at /ogc/api.
  await api.register(ogcRoutes, { services, prefix: '/ogc' });
  return app;
}
