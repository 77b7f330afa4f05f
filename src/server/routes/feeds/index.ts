// Atom feeds of published findings, bulletins and agreement changes, and iCalendar files of agreement windows.
// All public and the same for every reader, so a shared cache may keep them; a client that sends back the
// ETag it holds gets 304 while nothing in the document has changed.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { TrucelineError } from '../../../core/errors.js';
import type { Services } from '../../../services/context.js';
import {
  agreementCalendar,
  agreementsFeed,
  bulletinsFeed,
  type FeedDocument,
  type FeedFilter,
  findingsFeed,
} from '../../../services/feeds.js';
import { matchesTag } from '../../cache.js';
import { originOf } from '../../pages.js';
import type { RoutePlugin } from '../plugin.js';
import { atomDocument, entityTag, icsDocument } from './render.js';
import {
  agreementsFeedQuery,
  ATOM,
  agreementsAtomResponse,
  bulletinsAtomResponse,
  findingsAtomResponse,
  bulletinsFeedQuery,
  calendarParams,
  findingsFeedQuery,
  ICALENDAR,
  icalendarResponse,
} from './schema.js';

/** Feeds change when the mission publishes; readers and caches may reuse one for five minutes. */
const CACHE_CONTROL = 'public, max-age=300';

/** The site's origin as the request reached it, without a default port (`http://host`, not `http://host:80`). */
function siteOrigin(request: FastifyRequest): string {
  try {
    return new URL(originOf(request)).origin;
  } catch {
    throw new TrucelineError('VALIDATION_FAILED', 'The Host header does not name a host.', {
      issues: [{ path: 'headers.host', message: 'not a host name' }],
    });
  }
}

/** Sends a document with its validators, or 304 when the client already holds these bytes. */
function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
  updated: string,
): FastifyReply {
  const tag = entityTag(body);
  reply
    .header('etag', tag)
    .header('last-modified', new Date(updated).toUTCString())
    .header('cache-control', CACHE_CONTROL);
  if (matchesTag(request.headers['if-none-match'], tag)) return reply.status(304).send();
  return reply.header('content-type', type).send(body);
}

/** The feed's own address: its path, and its filter as resolved (the agreement by its slug). */
function selfUrl(origin: string, path: string, feed: FeedDocument): string {
  const { agreement, party } = feed.filter;
  const query = new URLSearchParams();
  if (agreement) query.set('agreement', agreement.slug);
  if (party) query.set('party', party);
  const search = query.toString();
  return `${origin}/api/v1${path}${search ? `?${search}` : ''}`;
}

type FeedMaker = (services: Services, filter: FeedFilter) => Promise<FeedDocument>;

export const feedRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['feeds'];

  const atom = (make: FeedMaker, path: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const feed = await make(services, request.query as FeedFilter);
    const origin = siteOrigin(request);
    return sendDocument(
      request,
      reply,
      atomDocument(feed, origin, selfUrl(origin, path, feed)),
      ATOM,
      feed.updated,
    );
  };

  app.get(
    '/feeds/findings.atom',
    {
      schema: {
        tags,
        summary: 'Atom feed of published findings, the latest first (per agreement, per alleged perpetrator)',
        querystring: findingsFeedQuery,
        response: findingsAtomResponse,
      },
    },
    atom(findingsFeed, '/feeds/findings.atom'),
  );

  app.get(
    '/feeds/bulletins.atom',
    {
      schema: {
        tags,
        summary: 'Atom feed of published bulletins, newest day first (per agreement)',
        querystring: bulletinsFeedQuery,
        response: bulletinsAtomResponse,
      },
    },
    atom(bulletinsFeed, '/feeds/bulletins.atom'),
  );

  app.get(
    '/feeds/agreements.atom',
    {
      schema: {
        tags,
        summary:
          'Atom feed of agreement changes and lifecycle steps, the latest first (per agreement, per party)',
        querystring: agreementsFeedQuery,
        response: agreementsAtomResponse,
      },
    },
    atom(agreementsFeed, '/feeds/agreements.atom'),
  );

  app.get(
    '/calendars/agreements.ics',
    {
      schema: {
        tags,
        summary: "iCalendar of every agreement's readout windows, one event per readout",
        response: icalendarResponse,
      },
    },
    async (request, reply) => {
      const calendar = await agreementCalendar(services);
      const origin = siteOrigin(request);
      const body = icsDocument(calendar, origin, `${origin}/api/v1/calendars/agreements.ics`);
      return sendDocument(request, reply, body, ICALENDAR, calendar.updated);
    },
  );

  app.get(
    '/calendars/agreements/:slug.ics',
    {
      schema: {
        tags,
        summary: "iCalendar of one agreement's readout windows, one event per readout",
        params: calendarParams,
        response: icalendarResponse,
      },
    },
    async (request, reply) => {
      const calendar = await agreementCalendar(services, request.params.slug);
      const origin = siteOrigin(request);
      const slug = encodeURIComponent(calendar.agreement?.slug ?? request.params.slug);
      const body = icsDocument(calendar, origin, `${origin}/api/v1/calendars/agreements/${slug}.ics`);
      return sendDocument(request, reply, body, ICALENDAR, calendar.updated);
    },
  );
};
