// Screening a draft incident against the agreements without storing it.

import { screenDraft } from '../../../services/incidents.js';
import { presentScreening } from '../../presenters.js';
import type { RoutePlugin } from '../plugin.js';
import { screenBody, screenResponse } from './schema.js';

export const screenRoutes: RoutePlugin = async (app, { services }) => {
  app.post(
    '/screen',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a draft incident against every agreement, per readout, without storing it',
        description:
          'Nothing is stored. An agreement appears when its terms can be in force at the time under at least one readout; `verdict` is `covered` under every readout, `not-covered` under every one, `contested` when they disagree, else `unknown`.',
        body: screenBody,
        response: { 200: screenResponse },
      },
    },
    async (request) => ({ results: (await screenDraft(services, request.body)).map(presentScreening) }),
  );
};
