// Screening a draft incident against the agreements without storing it.

import { screenDraftSchema } from '../../../core/schemas.js';
import { screenDraft } from '../../../services/incidents.js';
import { presentScreening } from '../../presenters.js';
import type { RoutePlugin } from '../plugin.js';

export const screenRoutes: RoutePlugin = async (app, { services }) => {
  app.post(
    '/screen',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a draft incident against every agreement, per readout, without storing it',
        body: screenDraftSchema,
      },
    },
    async (request) => ({ results: (await screenDraft(services, request.body)).map(presentScreening) }),
  );
};
