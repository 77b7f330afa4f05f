// The shape of a route module: a Fastify plugin with the services passed in.

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/context.js';

export type RoutePlugin = FastifyPluginAsyncZod<{ services: Services }>;

/** The security requirement for routes that write: a bearer token, or a session cookie (and its CSRF token). */
export const bearer = [{ bearer: [] }, { session: [] }];
