// Findings: read an incident's finding with its history, change it one step at a time, and the review queue.

import { can } from '../../../core/policy.js';
import { allAgreementNames } from '../../../services/agreements.js';
import { changeFinding, getFinding, reviewQueueFor } from '../../../services/findings.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { presentFinding, presentQueueItem } from './present.js';
import {
  findingChangeBody,
  findingParams,
  findingResponse,
  reviewQueueQuery,
  reviewQueueResponse,
} from './schema.js';

export const findingRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['findings'];

  app.get(
    '/incidents/:id/finding',
    {
      schema: {
        tags,
        summary: "An incident's finding (occurrence, attribution, rulings, grade) with its history",
        params: findingParams,
        response: { 200: findingResponse },
      },
    },
    async (request) => {
      const { incident, finding } = await getFinding(services, request.actor, request.params.id);
      const sealed = can(request.actor, 'incident.read-sealed');
      return presentFinding(finding, incident, await allAgreementNames(services), sealed);
    },
  );

  app.post(
    '/incidents/:id/finding/changes',
    {
      schema: {
        tags,
        summary: "Change an incident's finding by one step of the verification workflow",
        params: findingParams,
        body: findingChangeBody,
        security: bearer,
        response: { 200: findingResponse },
      },
    },
    async (request) => {
      const { incident, finding } = await changeFinding(services, request.actor, request.params.id, [
        request.body,
      ]);
      const sealed = can(request.actor, 'incident.read-sealed');
      return presentFinding(finding, incident, await allAgreementNames(services), sealed);
    },
  );

  app.get(
    '/review-queue',
    {
      schema: {
        tags,
        summary: 'What awaits the signed-in verifier among the earliest unpublished incidents',
        querystring: reviewQueueQuery,
        security: bearer,
        response: { 200: reviewQueueResponse },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await reviewQueueFor(services, request.actor, { limit, offset });
      const names = await allAgreementNames(services);
      return {
        items: page.items.map(({ item, incident }) => presentQueueItem(item, incident, names)),
        window: { offset, limit, examined: page.examined, unpublished: page.unpublished },
      };
    },
  );
};
