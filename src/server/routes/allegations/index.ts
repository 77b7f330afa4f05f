// Allegations and the right of reply: file, answer and supersede (never edit or delete), and read them side by
// side with their history.

import { can } from '../../../core/policy.js';
import {
  fileAllegation,
  getAllegation,
  incidentAllegations,
  replyToAllegation,
  searchAllegations,
  supersedeAllegation,
  supersedeReply,
} from '../../../services/allegations.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { presentAllegation, presentReply, presentThread } from './present.js';
import {
  allegationPageResponse,
  allegationQuery,
  allegationShape,
  allegationVersionBody,
  fileAllegationBody,
  idParams,
  incidentAllegationsResponse,
  replyBody,
  replyShape,
  threadResponse,
} from './schema.js';

export const allegationRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['allegations'];

  app.get(
    '/incidents/:id/allegations',
    {
      schema: {
        tags,
        summary: "An incident's allegations beside the accused parties' replies, with every version",
        params: idParams,
        response: { 200: incidentAllegationsResponse },
      },
    },
    async (request) => {
      const threads = await incidentAllegations(services, request.actor, request.params.id);
      const sealed = can(request.actor, 'incident.read-sealed');
      return { incidentId: request.params.id, items: threads.map((t) => presentThread(t, sealed)) };
    },
  );

  app.post(
    '/incidents/:id/allegations',
    {
      schema: {
        tags,
        summary: 'File an allegation: a party accuses another of the incident',
        params: idParams,
        body: fileAllegationBody,
        security: bearer,
        response: { 201: allegationShape },
      },
    },
    async (request, reply) => {
      const filed = await fileAllegation(services, request.actor, request.params.id, request.body);
      const sealed = can(request.actor, 'incident.read-sealed');
      return reply.status(201).send(presentAllegation(filed.allegation, filed.incidentId, sealed));
    },
  );

  app.get(
    '/allegations',
    {
      schema: {
        tags,
        summary: 'Allegations by party, e.g. those awaiting a reply, newest claim first',
        querystring: allegationQuery,
        response: { 200: allegationPageResponse },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await searchAllegations(services, request.actor, request.query);
      const sealed = can(request.actor, 'incident.read-sealed');
      return { items: page.items.map((t) => presentThread(t, sealed)), total: page.total, limit, offset };
    },
  );

  app.get(
    '/allegations/:id',
    {
      schema: {
        tags,
        summary: 'The allegation a version (current or superseded) belongs to, with its reply and history',
        params: idParams,
        response: { 200: threadResponse },
      },
    },
    async (request) =>
      presentThread(
        await getAllegation(services, request.actor, request.params.id),
        can(request.actor, 'incident.read-sealed'),
      ),
  );

  app.post(
    '/allegations/:id/versions',
    {
      schema: {
        tags,
        summary: 'Supersede the current version of an allegation with a new one; the old one stays',
        params: idParams,
        body: allegationVersionBody,
        security: bearer,
        response: { 201: allegationShape },
      },
    },
    async (request, reply) => {
      const filed = await supersedeAllegation(services, request.actor, request.params.id, request.body);
      const sealed = can(request.actor, 'incident.read-sealed');
      return reply.status(201).send(presentAllegation(filed.allegation, filed.incidentId, sealed));
    },
  );

  app.post(
    '/allegations/:id/replies',
    {
      schema: {
        tags,
        summary: "The accused party's reply to the current version of an allegation",
        params: idParams,
        body: replyBody,
        security: bearer,
        response: { 201: replyShape },
      },
    },
    async (request, reply) => {
      const filed = await replyToAllegation(services, request.actor, request.params.id, request.body);
      return reply.status(201).send(presentReply(filed, can(request.actor, 'incident.read-sealed')));
    },
  );

  app.post(
    '/replies/:id/versions',
    {
      schema: {
        tags,
        summary: 'Supersede the current version of a reply with a new one; the old one stays',
        params: idParams,
        body: replyBody,
        security: bearer,
        response: { 201: replyShape },
      },
    },
    async (request, reply) => {
      const filed = await supersedeReply(services, request.actor, request.params.id, request.body);
      return reply.status(201).send(presentReply(filed, can(request.actor, 'incident.read-sealed')));
    },
  );
};
