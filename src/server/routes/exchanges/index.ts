// The prisoner-exchange ledger: read it (public), record an exchange, add a source's claim, reconcile a figure.

import { can } from '../../../core/policy.js';
import {
  addExchangeClaim,
  createExchange,
  exchangeLedger,
  exchangeSummary,
  getExchange,
  reconcileFigure,
} from '../../../services/exchanges.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { presentEntry, presentExchange, presentSummary } from './present.js';
import {
  claimBody,
  exchangeBody,
  exchangeListResponse,
  exchangeQuery,
  exchangeShape,
  figureParams,
  idParams,
  reconcileBody,
  summaryResponse,
} from './schema.js';

export const exchangeRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['exchanges'];

  app.get(
    '/exchanges',
    {
      schema: {
        tags,
        summary: 'The exchange ledger, oldest first: claims, discrepancies, parity and running totals',
        querystring: exchangeQuery,
        response: { 200: exchangeListResponse },
      },
    },
    async (request) => {
      const view = await exchangeLedger(services, request.query);
      const staff = can(request.actor, 'exchange.write');
      return { items: view.entries.map((e) => presentEntry(e, view, staff)), total: view.entries.length };
    },
  );

  app.get(
    '/exchanges/summary',
    {
      schema: {
        tags,
        summary:
          'Ledger totals per side and category, discrepancies, and each mediator’s own count as claimed',
        response: { 200: summaryResponse },
      },
    },
    async () => presentSummary(await exchangeSummary(services)),
  );

  app.get(
    '/exchanges/:idOrKey',
    {
      schema: {
        tags,
        summary: 'One exchange with its claims side by side, reconciled figures, discrepancies and parity',
        params: idParams,
        response: { 200: exchangeShape },
      },
    },
    async (request) =>
      presentExchange(
        await getExchange(services, request.params.idOrKey),
        can(request.actor, 'exchange.write'),
      ),
  );

  app.post(
    '/exchanges',
    {
      schema: {
        tags,
        summary: 'Record an exchange (counts only, never names), with the claims made about it so far',
        body: exchangeBody,
        security: bearer,
        response: { 201: exchangeShape },
      },
    },
    async (request, reply) => {
      const view = await createExchange(services, request.actor, request.body);
      return reply.status(201).send(presentExchange(view, true));
    },
  );

  app.post(
    '/exchanges/:idOrKey/claims',
    {
      schema: {
        tags,
        summary: 'Add one source’s claim about an exchange; responds with the exchange as it now stands',
        params: idParams,
        body: claimBody,
        security: bearer,
        response: { 201: exchangeShape },
      },
    },
    async (request, reply) => {
      const view = await addExchangeClaim(services, request.actor, request.params.idOrKey, request.body);
      return reply.status(201).send(presentExchange(view, true));
    },
  );

  app.put(
    '/exchanges/:idOrKey/figures/:from/:category',
    {
      schema: {
        tags,
        summary: 'Set the figure the ledger counts for one side and category, with the reason (audited)',
        params: figureParams,
        body: reconcileBody,
        security: bearer,
        response: { 200: exchangeShape },
      },
    },
    async (request) => {
      const { idOrKey, from, category } = request.params;
      const view = await reconcileFigure(services, request.actor, idOrKey, { from, category }, request.body);
      return presentExchange(view, true);
    },
  );
};
