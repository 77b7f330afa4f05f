// Cookie sessions for the web app: sign in (a new session id every time), sign out, and who am I.

import type { FastifyReply } from 'fastify';
import { login, logout, type NewSession } from '../../../services/users.js';
import { presentUser } from '../../presenters.js';
import type { RoutePlugin } from '../plugin.js';
import { loginBody, sessionResponse, signedOut, whoAmIResponse } from './schema.js';

export const SESSION_COOKIE = 'truceline_session';

function setSessionCookie(reply: FastifyReply, session: NewSession): void {
  void reply.setCookie(SESSION_COOKIE, session.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the request came over https (behind a proxy, set Fastify's trustProxy for this to see it).
    secure: 'auto',
    expires: new Date(session.expiresAt),
  });
}

export const sessionRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['session'];

  app.post(
    '/session',
    {
      config: { signIn: true },
      schema: {
        tags,
        summary: 'Sign in: sets an httpOnly session cookie and returns the CSRF token for writes',
        body: loginBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const previous = request.cookies[SESSION_COOKIE];
      const session = await login(services, request.body.email, request.body.password, previous);
      setSessionCookie(reply, session);
      return { user: presentUser(session.user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        tags,
        summary: 'Sign out: ends the session and clears its cookie (needs x-csrf-token)',
        response: { 204: signedOut },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && request.session) await logout(services, cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags,
        summary: 'Who is asking: the signed-in user, the token holder, or the public',
        response: { 200: whoAmIResponse },
      },
    },
    (request) => {
      const { actor, session } = request;
      if (session)
        return {
          via: 'session' as const,
          user: presentUser(session.user),
          role: session.user.role,
          party: session.user.party,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt,
        };
      if (actor?.kind === 'token')
        return {
          via: 'token' as const,
          user: null,
          role: actor.role,
          party: actor.party,
          csrfToken: null,
          expiresAt: null,
        };
      return { via: null, user: null, role: null, party: null, csrfToken: null, expiresAt: null };
    },
  );
};
