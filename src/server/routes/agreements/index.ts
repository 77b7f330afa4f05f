// Agreements: list, read with readouts and provisions, create, change terms, add and change readouts.

import {
  addReadout,
  createAgreement,
  getAgreement,
  listAllAgreements,
  updateAgreement,
  updateReadout,
} from '../../../services/agreements.js';
import { allSources } from '../../../services/reference.js';
import type { Services } from '../../../services/context.js';
import type { Agreement } from '../../../core/model.js';
import { citedSources, presentAgreement, presentAgreementSummary } from '../../presenters.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  agreementListResponse,
  agreementParams,
  agreementResponse,
  agreementWriteResponse,
  createAgreementBody,
  createReadoutBody,
  patchAgreementBody,
  patchReadoutBody,
  readoutParams,
} from './schema.js';

async function detail(services: Services, agreement: Agreement) {
  return presentAgreement(agreement, await allSources(services, citedSources(agreement)));
}

export const agreementRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['agreements'];

  app.get(
    '/agreements',
    { schema: { tags, summary: 'All agreements', response: { 200: agreementListResponse } } },
    async () => {
      const agreements = await listAllAgreements(services);
      return { items: agreements.map(presentAgreementSummary) };
    },
  );

  app.get(
    '/agreements/:idOrSlug',
    {
      schema: {
        tags,
        summary: 'One agreement with its readouts, provisions, lifecycle and conditions',
        params: agreementParams,
        response: { 200: agreementResponse },
      },
    },
    async (request) => detail(services, await getAgreement(services, request.params.idOrSlug)),
  );

  app.post(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Create an agreement',
        body: createAgreementBody,
        security: bearer,
        response: { 201: agreementWriteResponse },
      },
    },
    async (request, reply) => {
      const { agreement, rescreened } = await createAgreement(services, request.actor, request.body);
      return reply.status(201).send({ ...(await detail(services, agreement)), rescreened });
    },
  );

  app.patch(
    '/agreements/:idOrSlug',
    {
      schema: {
        tags,
        summary: "Change an agreement's own fields",
        params: agreementParams,
        body: patchAgreementBody,
        security: bearer,
        response: { 200: agreementWriteResponse },
      },
    },
    async (request) => {
      const { agreement, rescreened } = await updateAgreement(
        services,
        request.actor,
        request.params.idOrSlug,
        request.body,
      );
      return { ...(await detail(services, agreement)), rescreened };
    },
  );

  app.post(
    '/agreements/:idOrSlug/readouts',
    {
      schema: {
        tags,
        summary: 'Add a readout',
        params: agreementParams,
        body: createReadoutBody,
        security: bearer,
        response: { 201: agreementWriteResponse },
      },
    },
    async (request, reply) => {
      const { agreement, rescreened } = await addReadout(
        services,
        request.actor,
        request.params.idOrSlug,
        request.body,
      );
      return reply.status(201).send({ ...(await detail(services, agreement)), rescreened });
    },
  );

  app.patch(
    '/agreements/:idOrSlug/readouts/:readout',
    {
      schema: {
        tags,
        summary: "Change a readout's terms",
        params: readoutParams,
        body: patchReadoutBody,
        security: bearer,
        response: { 200: agreementWriteResponse },
      },
    },
    async (request) => {
      const { agreement, rescreened } = await updateReadout(
        services,
        request.actor,
        request.params.idOrSlug,
        request.params.readout,
        request.body,
      );
      return { ...(await detail(services, agreement)), rescreened };
    },
  );
};
