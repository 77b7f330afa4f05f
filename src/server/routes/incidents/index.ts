// Incidents: list with filters and paging, read with screening, file, correct.

import type { AllegationReply } from '../../../core/model.js';
import { type Actor, can } from '../../../core/policy.js';
import type { Finding } from '../../../core/verification.js';
import { allAgreementNames } from '../../../services/agreements.js';
import { repliesBeside } from '../../../services/allegations.js';
import { findingsOf } from '../../../services/findings.js';
import {
  createIncident,
  getIncident,
  type IncidentWithScreening,
  searchIncidents,
  updateIncidentFields,
} from '../../../services/incidents.js';
import { suggestTarget } from '../../../services/facilities.js';
import { presentIncident, presentStoredScreening } from '../../presenters.js';
import { presentReply } from '../allegations/present.js';
import { presentFacilitySuggestion } from '../facilities/present.js';
import { presentFindingSummary } from '../findings/present.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  createIncidentBody,
  incidentPageResponse,
  incidentParams,
  incidentQuery,
  incidentResponse,
  patchIncidentBody,
} from './schema.js';

type AgreementNames = Awaited<ReturnType<typeof allAgreementNames>>;

function present(
  entry: IncidentWithScreening,
  names: AgreementNames,
  actor: Actor | null,
  findings: ReadonlyMap<string, Finding>,
  replies: ReadonlyMap<string, AllegationReply> = new Map(),
) {
  const finding = findings.get(entry.incident.id);
  const sealed = can(actor, 'incident.read-sealed');
  const view = presentIncident(entry.incident, sealed);
  const { location, disclosure } = entry.incident;
  // A facility named beside a blurred or withheld location would give the place away.
  const suggestion = location && (sealed || disclosure.location === 'exact') ? suggestTarget(location) : null;
  return {
    ...view,
    /** Each allegation with the accused party's current reply beside it (GET /incidents/:id/allegations: history). */
    allegations: view.allegations.map((a) => {
      const reply = replies.get(a.id);
      return { ...a, reply: reply ? presentReply(reply, sealed) : null };
    }),
    /** A known energy facility within a few km of the incident, offered as its likely target. */
    suggestedTarget: suggestion && presentFacilitySuggestion(suggestion),
    screening: entry.screenings.map((s) => presentStoredScreening(s, names)),
    /** The verification record in brief (GET /incidents/:id/finding: in full, with its history). */
    finding: finding ? presentFindingSummary(finding, names) : null,
  };
}

export const incidentRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['incidents'];

  app.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents, filtered, sorted (newest first unless asked) and paged',
        querystring: incidentQuery,
        response: { 200: incidentPageResponse },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await searchIncidents(services, request.actor, request.query);
      const names = await allAgreementNames(services);
      const replies = await repliesBeside(
        services,
        page.items.map((e) => e.incident.id),
      );
      const findings = await findingsOf(services, page.items);
      return {
        items: page.items.map((e) => present(e, names, request.actor, findings, replies)),
        total: page.total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident with its allegations and screening',
        params: incidentParams,
        response: { 200: incidentResponse },
      },
    },
    async (request) => {
      const entry = await getIncident(services, request.actor, request.params.id);
      return present(
        entry,
        await allAgreementNames(services),
        request.actor,
        await findingsOf(services, [entry]),
        await repliesBeside(services, [request.params.id]),
      );
    },
  );

  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'File an incident; it is screened at once',
        body: createIncidentBody,
        security: bearer,
        response: { 201: incidentResponse },
      },
    },
    async (request, reply) => {
      const entry = await createIncident(services, request.actor, request.body);
      const names = await allAgreementNames(services);
      const findings = await findingsOf(services, [entry]);
      return reply.status(201).send(present(entry, names, request.actor, findings));
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
        response: { 200: incidentResponse },
      },
    },
    async (request) => {
      const entry = await updateIncidentFields(services, request.actor, request.params.id, request.body);
      return present(
        entry,
        await allAgreementNames(services),
        request.actor,
        await findingsOf(services, [entry]),
        await repliesBeside(services, [request.params.id]),
      );
    },
  );
};
