// User management for administrators: add, list and disable users.

import { addUser, disableUser, listUsers } from '../../../services/users.js';
import { presentUser } from '../../presenters.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  createUserBody,
  disabledUserResponse,
  userListResponse,
  userParams,
  userResponse,
} from './schema.js';

export const userRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Every user (administrators)',
        security: bearer,
        response: { 200: userListResponse },
      },
    },
    async (request) => ({ items: (await listUsers(services, request.actor)).map(presentUser) }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Add a user (administrators)',
        security: bearer,
        body: createUserBody,
        response: { 201: userResponse },
      },
    },
    async (request, reply) => {
      const user = await addUser(services, request.actor, request.body);
      return reply.status(201).send(presentUser(user));
    },
  );

  app.post(
    '/users/:idOrEmail/disable',
    {
      schema: {
        tags,
        summary: 'Disable a user: no sign-in, sessions ended, tokens dead (administrators)',
        security: bearer,
        params: userParams,
        response: { 200: disabledUserResponse },
      },
    },
    async (request) => presentUser(await disableUser(services, request.actor, request.params.idOrEmail)),
  );
};
