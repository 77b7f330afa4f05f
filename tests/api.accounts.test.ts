// Accounts through the HTTP API on every engine: signing in with a rotated httpOnly cookie, CSRF on cookie
// writes, expired sessions and forged tokens, and the policy applied to liaisons, monitors and the public.

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../src/services/tokens.js';
import { addTestUser, TEST_PASSWORD, TEST_SYSTEM, tokenHeaders } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { allegationInput, incidentInput } from './support/factories.js';
import { useApp, type Harness } from './support/harness.js';
import { type ErrorReply, type IncidentDetail, storedCounts } from './support/requests.js';

const SYSTEM = TEST_SYSTEM;
const PASSWORD = TEST_PASSWORD;
const MORATORIUM = 'energy-moratorium-2025-03';

interface SessionBody {
  user: { id: string; email: string; role: string; party: string | null };
  csrfToken: string;
  expiresAt: string;
}

const user = addTestUser;

async function signIn(h: Harness, email: string, previous?: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email, password: PASSWORD },
    ...(previous ? { cookies: { truceline_session: previous } } : {}),
  });
  const cookie = res.cookies.find((c) => c.name === 'truceline_session');
  return { res, cookie, body: res.json<SessionBody>() };
}

const tokenFor = tokenHeaders;

describeEachEngine('accounts API', (engine) => {
  const h = useApp(engine, { demo: true });

  describe('sessions', () => {
    let email = '';
    beforeAll(async () => {
      email = await user(h, 'monitor');
    });

    it('signs in: an httpOnly SameSite cookie, the user and a CSRF token; never the password', async () => {
      const { res, cookie, body } = await signIn(h, email);
      expect(res.statusCode).toBe(200);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(body.user).toMatchObject({ email, role: 'monitor', party: null });
      expect(body.csrfToken.length).toBeGreaterThan(20);
      expect(res.body).not.toContain(PASSWORD);
      const stored = await h.services.db.kysely
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('rotates the session on sign-in: a new id, and the one presented no longer works', async () => {
      const first = await signIn(h, email);
      const second = await signIn(h, email, first.cookie?.value);
      expect(second.cookie?.value).toBeDefined();
      expect(second.cookie?.value).not.toBe(first.cookie?.value);
      const old = await h.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        cookies: { truceline_session: first.cookie?.value ?? '' },
      });
      expect(old.statusCode).toBe(401);
      const now = await h.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        cookies: { truceline_session: second.cookie?.value ?? '' },
      });
      expect(now.json()).toMatchObject({ via: 'session', role: 'monitor', user: { email } });
    });

    it('refuses a wrong password or an unknown email alike: 401 LOGIN_FAILED', async () => {
      for (const payload of [
        { email, password: 'wrong password!' },
        { email: 'nobody@x.example', password: PASSWORD },
      ]) {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/session', payload });
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorReply>().error.code).toBe('LOGIN_FAILED');
      }
    });

    it('refuses a cookie write without the CSRF token (403, nothing written) and takes it with the token', async () => {
      const { cookie, body } = await signIn(h, email);
      const cookies = { truceline_session: cookie?.value ?? '' };
      const before = await storedCounts(h);
      const refused = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        cookies,
        payload: incidentInput(),
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ErrorReply>().error.code).toBe('CSRF_FAILED');
      const wrong = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        cookies,
        // One character changed: a first character that is already 'x' (one token in 64) becomes 'y'.
        headers: { 'x-csrf-token': (body.csrfToken.startsWith('x') ? 'y' : 'x') + body.csrfToken.slice(1) },
        payload: incidentInput(),
      });
      expect(wrong.statusCode).toBe(403);
      expect(await storedCounts(h)).toEqual(before);
      const taken = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        cookies,
        headers: { 'x-csrf-token': body.csrfToken },
        payload: incidentInput(),
      });
      expect(taken.statusCode).toBe(201);
    });

    it('refuses an expired session: 401, never 500', async () => {
      const { cookie } = await signIn(h, email);
      const hash = createHash('sha256')
        .update(cookie?.value ?? '')
        .digest('hex');
      await h.services.db.kysely
        .updateTable('sessions')
        .set({ expires_at: '2000-01-01T00:00:00.000Z' })
        .where('id_hash', '=', hash)
        .execute();
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        cookies: { truceline_session: cookie?.value ?? '' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorReply>().error.code).toBe('UNAUTHENTICATED');
    });

    it('signs out: 204, and the cookie no longer works', async () => {
      const { cookie, body } = await signIn(h, email);
      const cookies = { truceline_session: cookie?.value ?? '' };
      const out = await h.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        cookies,
        headers: { 'x-csrf-token': body.csrfToken },
      });
      expect(out.statusCode).toBe(204);
      const after = await h.app.inject({ method: 'GET', url: '/api/v1/session', cookies });
      expect(after.statusCode).toBe(401);
    });

    it('tells the public it is the public', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/v1/session' });
      expect(res.json()).toMatchObject({ via: null, user: null, role: null });
    });
  });

  describe('tokens', () => {
    it('refuses a forged token and a revoked one: 401', async () => {
      const forged = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: { authorization: 'Bearer tl_forged' },
        payload: incidentInput(),
      });
      expect(forged.statusCode).toBe(401);
      const { id, secret } = await createToken(h.services, SYSTEM, 'short-lived');
      await revokeToken(h.services, SYSTEM, id);
      const revoked = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: { authorization: `Bearer ${secret}` },
        payload: incidentInput(),
      });
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json<ErrorReply>().error.code).toBe('UNAUTHENTICATED');
    });

    it('caps a user token at the user role', async () => {
      const email = await user(h, 'monitor');
      await expect(
        createToken(h.services, SYSTEM, 'too-wide', { user: email, role: 'editor' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const { role } = await createToken(h.services, SYSTEM, 'narrower', { user: email, role: 'analyst' });
      expect(role).toBe('analyst');
    });
  });

  describe('the policy at the edge', () => {
    it('lets a monitor file an incident but not change an agreement', async () => {
      const auth = await tokenFor(h, await user(h, 'monitor'));
      const filed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: auth,
        payload: incidentInput(),
      });
      expect(filed.statusCode).toBe(201);
      const changed = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/agreements/${MORATORIUM}`,
        headers: auth,
        payload: { summary: 'Rewritten' },
      });
      expect(changed.statusCode).toBe(403);
      expect(changed.json<ErrorReply>().error.code).toBe('FORBIDDEN');
    });

    it('refuses every write by the public: 401', async () => {
      const before = await storedCounts(h);
      const filed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        payload: incidentInput(),
      });
      const changed = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/agreements/${MORATORIUM}`,
        payload: { summary: 'Rewritten' },
      });
      expect([filed.statusCode, changed.statusCode]).toEqual([401, 401]);
      expect(await storedCounts(h)).toEqual(before);
    });

    describe('a liaison for UA', () => {
      let liaison: Record<string, string> = {};
      let ruFiled = '';
      beforeAll(async () => {
        liaison = await tokenFor(h, await user(h, 'liaison', 'UA'));
        const ru = incidentInput({
          perpetrator: 'UA',
          allegations: [
            allegationInput({ accuser: 'RU', accused: 'UA', summary: 'Russia says Ukraine struck a depot.' }),
          ],
        });
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: h.auth,
          payload: ru,
        });
        ruFiled = res.json<IncidentDetail>().id;
      });

      it('files an allegation made by UA', async () => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: liaison,
          payload: incidentInput(),
        });
        expect(res.statusCode).toBe(201);
      });

      it('may not file on behalf of RU, nor a record naming no accuser: 403, nothing written', async () => {
        const before = await storedCounts(h);
        const asRu = incidentInput({
          perpetrator: 'UA',
          allegations: [allegationInput({ accuser: 'RU', accused: 'UA' })],
        });
        for (const payload of [asRu, incidentInput({ allegations: [] })]) {
          const res = await h.app.inject({
            method: 'POST',
            url: '/api/v1/incidents',
            headers: liaison,
            payload,
          });
          expect(res.statusCode).toBe(403);
        }
        expect(await storedCounts(h)).toEqual(before);
      });

      it('may not edit an incident RU filed, but may edit its own', async () => {
        const before = await storedCounts(h);
        const refused = await h.app.inject({
          method: 'PATCH',
          url: `/api/v1/incidents/${ruFiled}`,
          headers: liaison,
          payload: { title: 'Nothing happened' },
        });
        expect(refused.statusCode).toBe(403);
        expect(await storedCounts(h)).toEqual(before);
        const unchanged = await h.app.inject({
          method: 'GET',
          url: `/api/v1/incidents/${ruFiled}`,
          headers: h.auth,
        });
        expect(unchanged.json<IncidentDetail>().title).toBe('Drone strike on a substation');
        const own = await h.app.inject({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: liaison,
          payload: incidentInput(),
        });
        const edited = await h.app.inject({
          method: 'PATCH',
          url: `/api/v1/incidents/${own.json<IncidentDetail>().id}`,
          headers: liaison,
          payload: { title: 'Strike on a substation near Kharkiv' },
        });
        expect(edited.statusCode).toBe(200);
      });

      it('may not change an agreement', async () => {
        const res = await h.app.inject({
          method: 'PATCH',
          url: `/api/v1/agreements/${MORATORIUM}`,
          headers: liaison,
          payload: { summary: 'Rewritten' },
        });
        expect(res.statusCode).toBe(403);
      });
    });
  });

  describe('user management', () => {
    it('lets an administrator add and list users; no one else', async () => {
      const added = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: h.auth,
        payload: { email: 'RU-Liaison@Mission.example', password: PASSWORD, role: 'liaison', party: 'RU' },
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        email: 'ru-liaison@mission.example',
        role: 'liaison',
        party: 'RU',
      });
      expect(added.body).not.toContain('argon2');
      const listed = await h.app.inject({ method: 'GET', url: '/api/v1/users', headers: h.auth });
      expect(listed.json<{ items: { email: string }[] }>().items.map((u) => u.email)).toContain(
        'ru-liaison@mission.example',
      );
      const monitor = await tokenFor(h, await user(h, 'monitor'));
      const refused = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: monitor,
        payload: { email: 'x@y.example', password: PASSWORD, role: 'admin' },
      });
      expect(refused.statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    });

    it('refuses a liaison without a party and a second user with one email', async () => {
      const noParty = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: h.auth,
        payload: { email: 'l@mission.example', password: PASSWORD, role: 'liaison' },
      });
      expect(noParty.statusCode).toBe(400);
      expect(noParty.json<ErrorReply>().error.details.issues?.[0]?.path).toBe('party');
      const email = await user(h, 'analyst');
      const again = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: h.auth,
        payload: { email: email.toUpperCase(), password: PASSWORD, role: 'analyst' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json<ErrorReply>().error.code).toBe('USER_EMAIL_TAKEN');
    });

    it('disables a user: their session and token stop working at once; only an administrator may', async () => {
      const email = await user(h, 'monitor');
      const token = await tokenFor(h, email);
      const { cookie } = await signIn(h, email);
      const asSession = { cookies: { truceline_session: cookie?.value ?? '' } };
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/incidents', ...asSession })).statusCode).toBe(
        200,
      );
      const refused = await h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${email}/disable`,
        headers: token,
      });
      expect(refused.statusCode).toBe(403);
      const disabled = await h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${email}/disable`,
        headers: h.auth,
      });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ email, disabled: true });
      expect(
        (await h.app.inject({ method: 'GET', url: '/api/v1/incidents', headers: token })).statusCode,
      ).toBe(401);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/incidents', ...asSession })).statusCode).toBe(
        401,
      );
      expect((await signIn(h, email)).res.statusCode).toBe(401);
      const unknown = await h.app.inject({
        method: 'POST',
        url: '/api/v1/users/nobody@mission.example/disable',
        headers: h.auth,
      });
      expect(unknown.statusCode).toBe(404);
    });
  });
});
