// Incidents: list with filters and paging, read with screening, file, correct.

import { allAgreementNames } from '../../../services/agreements.js';
import {
  createIncident,
  getIncident,
  type IncidentWithScreening,
  searchIncidents,
  updateIncidentFields,
} from '../../../services/incidents.js';
import { suggestTarget } from '../../../services/facilities.js';
import { presentIncident, presentStoredScreening } from '../../presenters.js';
import { presentFacilitySuggestion } from '../facilities/present.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { createIncidentBody, incidentParams, incidentQuery, patchIncidentBody } from './schema.js';

type AgreementNames = Awaited<ReturnType<typeof allAgreementNames>>;

function present(entry: IncidentWithScreening, names: AgreementNames) {
  const { location } = entry.incident;
  const suggestion = location ? suggestTarget(location) : null;
  return {
    ...presentIncident(entry.incident),
    /** A known energy facility within a few km of the incident, offered as its likely target. */
    suggestedTarget: suggestion && presentFacilitySuggestion(suggestion),
    screening: entry.screenings.map((s) => presentStoredScreening(s, names)),
  };
}

export const incidentRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['incidents'];

  app.get(
    '/incidents',
    { schema: { tags, summary: 'Incidents, newest first, filtered and paged', querystring: incidentQuery } },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await searchIncidents(services, request.query);
      const names = await allAgreementNames(services);
      return { items: page.items.map((e) => present(e, names)), total: page.total, limit, offset };
    },
  );

  app.get(
    '/incidents/:id',
    { schema: { tags, summary: 'One incident with its allegations and screening', params: incidentParams } },
    async (request) =>
      present(await getIncident(services, request.params.id), await allAgreementNames(services)),
  );

  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'File an incident; it is screened at once',
        body: createIncidentBody,
        security: bearer,
      },
    },
    async (request, reply) => {
      const entry = await createIncident(services, request.actor, request.body);
      return reply.status(201).send(present(entry, await allAgreementNames(services)));
    },
  );

  app.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Correct an incident; it is screened again',
        params: incidentParams,
        body: patchIncidentBody,
        security: bearer,
      },
    },
    async (request) =>
      present(
        await updateIncidentFields(services, request.actor, request.params.id, request.body),
        await allAgreementNames(services),
      ),
  );
};
