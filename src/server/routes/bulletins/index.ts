// Bulletins: list and read (the public: published ones), draft one from a day's data, edit it in versions, publish.

import { can, type Actor } from '../../../core/policy.js';
import {
  bulletinHistory,
  createDraft,
  editBulletin,
  getBulletin,
  publishBulletin,
  searchBulletins,
} from '../../../services/bulletins.js';
import type { Services } from '../../../services/context.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { presentBulletin, presentBulletinSummary, presentVersions } from './present.js';
import {
  bulletinListQuery,
  bulletinListResponse,
  bulletinParams,
  bulletinQuery,
  bulletinResponse,
  draftBody,
  draftResponse,
  editBody,
  publishBody,
  versionsResponse,
} from './schema.js';

/** The bulletin as the writer now sees it: its latest version, with related items. */
async function written(services: Services, actor: Actor | null, slug: string) {
  const staff = can(actor, 'bulletin.read-drafts');
  return presentBulletin(await getBulletin(services, actor, slug), staff);
}

export const bulletinRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['bulletins'];

  app.get(
    '/bulletins',
    {
      schema: {
        tags,
        summary: "Bulletins, newest day first (the public: published ones; the mission's staff: drafts too)",
        querystring: bulletinListQuery,
        response: { 200: bulletinListResponse },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await searchBulletins(services, request.actor, { limit, offset });
      const staff = can(request.actor, 'bulletin.read-drafts');
      return {
        items: page.items.map((b) => presentBulletinSummary(b, staff)),
        total: page.total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/bulletins/:slug',
    {
      schema: {
        tags,
        summary:
          'One bulletin: its text as Markdown and HTML, and the agreements, incidents and bulletins related',
        params: bulletinParams,
        querystring: bulletinQuery,
        response: { 200: bulletinResponse },
      },
    },
    async (request) => {
      const view = await getBulletin(services, request.actor, request.params.slug, request.query.version);
      return presentBulletin(view, can(request.actor, 'bulletin.read-drafts'));
    },
  );

  app.get(
    '/bulletins/:slug/versions',
    {
      schema: {
        tags,
        summary: "Every version of a bulletin, with who made it and why (the mission's staff)",
        params: bulletinParams,
        security: bearer,
        response: { 200: versionsResponse },
      },
    },
    async (request) => presentVersions(await bulletinHistory(services, request.actor, request.params.slug)),
  );

  app.post(
    '/bulletins/drafts',
    {
      schema: {
        tags,
        summary: "Draft a day's bulletin from the published record, stored unpublished as version 1",
        body: draftBody,
        security: bearer,
        response: { 201: draftResponse },
      },
    },
    async (request, reply) => {
      const { bulletin, unpublishedLeftOut } = await createDraft(services, request.actor, request.body);
      const body = await written(services, request.actor, bulletin.slug);
      return reply.status(201).send({ ...body, unpublishedLeftOut: unpublishedLeftOut ?? 0 });
    },
  );

  app.patch(
    '/bulletins/:slug',
    {
      schema: {
        tags,
        summary: 'Edit a bulletin: a new version of its title, summary or Markdown, earlier versions kept',
        params: bulletinParams,
        body: editBody,
        security: bearer,
        response: { 200: bulletinResponse },
      },
    },
    async (request) => {
      const { bulletin } = await editBulletin(services, request.actor, request.params.slug, request.body);
      return written(services, request.actor, bulletin.slug);
    },
  );

  app.post(
    '/bulletins/:slug/publish',
    {
      schema: {
        tags,
        summary: 'Publish the latest version of a bulletin: the public reads it from now on',
        params: bulletinParams,
        body: publishBody,
        security: bearer,
        response: { 200: bulletinResponse },
      },
    },
    async (request) => {
      const { bulletin } = await publishBulletin(services, request.actor, request.params.slug, request.body);
      return written(services, request.actor, bulletin.slug);
    },
  );
};
