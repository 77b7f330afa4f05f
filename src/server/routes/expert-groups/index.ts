// Expert groups: the list with each group's issue board in brief, one group with its members, meetings, decisions
// and board, its issues with their threads, and the writes (each audited by its use case).

import {
  addDecision,
  addMeeting,
  addMember,
  createGroup,
  getGroup,
  getIssue,
  listVisibleGroups,
  postUpdate,
  raiseIssue,
  updateGroup,
  updateIssue,
  updateMember,
} from '../../../services/expert-groups.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  presentDecision,
  presentGroup,
  presentGroupList,
  presentIssueDetail,
  presentMeeting,
  presentMember,
} from './present.js';
import {
  decisionBody,
  decisionShape,
  groupBody,
  groupListResponse,
  groupPatchBody,
  groupResponse,
  issueBody,
  issueParams,
  issuePatchBody,
  issueResponse,
  meetingBody,
  meetingShape,
  memberBody,
  memberParams,
  memberPatchBody,
  memberShape,
  slugParams,
  updateBody,
} from './schema.js';

export const expertGroupRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['expert groups'];

  app.get(
    '/groups',
    {
      schema: {
        tags,
        summary:
          'Expert groups the reader may see, each with its issues counted by status and by whom they wait on',
        response: { 200: groupListResponse },
      },
    },
    async (request) => presentGroupList(await listVisibleGroups(services, request.actor)),
  );

  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Set up an expert group (private unless made public)',
        body: groupBody,
        security: bearer,
        response: { 201: groupResponse },
      },
    },
    async (request, reply) => {
      const group = await createGroup(services, request.actor, request.body);
      return reply.status(201).send(presentGroup(await getGroup(services, request.actor, group.slug)));
    },
  );

  app.get(
    '/groups/:slug',
    {
      schema: {
        tags,
        summary:
          'One group: members, meetings, decisions and the issue board (by status, and waiting on whom)',
        params: slugParams,
        response: { 200: groupResponse },
      },
    },
    async (request) => presentGroup(await getGroup(services, request.actor, request.params.slug)),
  );

  app.patch(
    '/groups/:slug',
    {
      schema: {
        tags,
        summary: "Change a group's own fields",
        params: slugParams,
        body: groupPatchBody,
        security: bearer,
        response: { 200: groupResponse },
      },
    },
    async (request) => {
      const group = await updateGroup(services, request.actor, request.params.slug, request.body);
      return presentGroup(await getGroup(services, request.actor, group.slug));
    },
  );

  app.post(
    '/groups/:slug/members',
    {
      schema: {
        tags,
        summary: 'Seat a member of a party, optionally with the user account that acts in the seat',
        params: slugParams,
        body: memberBody,
        security: bearer,
        response: { 201: memberShape },
      },
    },
    async (request, reply) => {
      const member = await addMember(services, request.actor, request.params.slug, request.body);
      return reply.status(201).send(presentMember(member, true));
    },
  );

  app.patch(
    '/groups/:slug/members/:member',
    {
      schema: {
        tags,
        summary: "Change a member's seat, or record that they left",
        params: memberParams,
        body: memberPatchBody,
        security: bearer,
        response: { 200: memberShape },
      },
    },
    async (request) => {
      const { slug, member } = request.params;
      return presentMember(await updateMember(services, request.actor, slug, member, request.body), true);
    },
  );

  app.post(
    '/groups/:slug/meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting of the group',
        params: slugParams,
        body: meetingBody,
        security: bearer,
        response: { 201: meetingShape },
      },
    },
    async (request, reply) => {
      const meeting = await addMeeting(services, request.actor, request.params.slug, request.body);
      return reply.status(201).send(presentMeeting(meeting));
    },
  );

  app.post(
    '/groups/:slug/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision of the group',
        params: slugParams,
        body: decisionBody,
        security: bearer,
        response: { 201: decisionShape },
      },
    },
    async (request, reply) => {
      const { decision, meeting } = await addDecision(
        services,
        request.actor,
        request.params.slug,
        request.body,
      );
      return reply.status(201).send(presentDecision(decision, meeting ? [meeting] : []));
    },
  );

  app.post(
    '/groups/:slug/issues',
    {
      schema: {
        tags,
        summary: 'Raise an issue on the group (its members and the mission editors)',
        params: slugParams,
        body: issueBody,
        security: bearer,
        response: { 201: issueResponse },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const issue = await raiseIssue(services, request.actor, slug, request.body);
      return reply
        .status(201)
        .send(presentIssueDetail(await getIssue(services, request.actor, slug, issue.key)));
    },
  );

  app.get(
    '/groups/:slug/issues/:issue',
    {
      schema: {
        tags,
        summary: 'One issue with its whole thread of updates',
        params: issueParams,
        response: { 200: issueResponse },
      },
    },
    async (request) => {
      const { slug, issue } = request.params;
      return presentIssueDetail(await getIssue(services, request.actor, slug, issue));
    },
  );

  app.patch(
    '/groups/:slug/issues/:issue',
    {
      schema: {
        tags,
        summary: "Change an issue's title, description, owner or links (its status changes by an update)",
        params: issueParams,
        body: issuePatchBody,
        security: bearer,
        response: { 200: issueResponse },
      },
    },
    async (request) => {
      const { slug, issue } = request.params;
      await updateIssue(services, request.actor, slug, issue, request.body);
      return presentIssueDetail(await getIssue(services, request.actor, slug, issue));
    },
  );

  app.post(
    '/groups/:slug/issues/:issue/updates',
    {
      schema: {
        tags,
        summary: "Post to an issue's thread, optionally changing its status (the text says why)",
        params: issueParams,
        body: updateBody,
        security: bearer,
        response: { 201: issueResponse },
      },
    },
    async (request, reply) => {
      const { slug, issue } = request.params;
      await postUpdate(services, request.actor, slug, issue, request.body);
      return reply.status(201).send(presentIssueDetail(await getIssue(services, request.actor, slug, issue)));
    },
  );
};
