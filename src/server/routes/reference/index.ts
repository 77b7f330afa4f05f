// Reference data: parties, sources and the controlled vocabularies.

import { ACTS, DOMAINS, targetTree } from '../../../core/taxonomy.js';
import { allParties, allSources } from '../../../services/reference.js';
import { presentParty, presentSource } from '../../presenters.js';
import type { RoutePlugin } from '../plugin.js';
import { partyListResponse, sourceListResponse, taxonomyResponse } from './schema.js';

export const referenceRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['reference'];
  app.get(
    '/parties',
    { schema: { tags, summary: 'Parties', response: { 200: partyListResponse } } },
    async () => ({
      items: (await allParties(services)).map(presentParty),
    }),
  );
  app.get(
    '/sources',
    {
      schema: {
        tags,
        summary: 'Sources cited by agreements and allegations',
        response: { 200: sourceListResponse },
      },
    },
    async () => ({
      items: (await allSources(services)).map(presentSource),
    }),
  );
  app.get(
    '/taxonomy',
    {
      schema: {
        tags,
        summary: 'Target codes (a tree), acts and domains',
        response: { 200: taxonomyResponse },
      },
    },
    () => ({
      targets: targetTree(),
      acts: ACTS,
      domains: DOMAINS,
    }),
  );
};
