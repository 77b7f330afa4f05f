// The error contract on every engine: a client's mistake is a 4xx with a catalogue code and the field named,
// never a 500, and the answer is the same whichever engine stores the data.

import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type ErrorReply, type IncidentDetail, storedCounts } from './support/requests.js';

describeEachEngine('errors', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  function post(url: string, headers: Record<string, string>, payload: string) {
    return h.app.inject({ method: 'POST', url, headers: { ...h.auth, ...headers }, payload });
  }

  describe('the shape', () => {
    it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
      const res = await api.get<ErrorReply>('/api/v1/ceasefires');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'NOT_FOUND', message: 'No route GET /api/v1/ceasefires', details: {} },
      });
    });

    it('answers a method a route does not have with 404 NOT_FOUND', async () => {
      const res = await h.app.inject({
        method: 'DELETE',
        url: '/api/v1/agreements/energy-moratorium-2025-03',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json<ErrorReply>().error.code).toBe('NOT_FOUND');
    });

    it('lists every field problem of a body at once, each with its path', async () => {
      const res = await api.post<ErrorReply>('/api/v1/incidents', { occurredAt: 'soon', fatalities: -1 });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path).sort()).toEqual([
        'fatalities',
        'occurredAt',
        'title',
      ]);
      expect(res.body.error.message).toContain('occurredAt');
    });

    it('names each of several unknown fields separately', async () => {
      const res = await api.post<ErrorReply>('/api/v1/incidents', { ...incidentInput(), colour: 1, size: 2 });
      expect(res.body.error.details.issues?.map((i) => i.path).sort()).toEqual(['colour', 'size']);
    });
  });

  describe('bodies that are not JSON objects', () => {
    it('refuses text/plain with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await post('/api/v1/incidents', { 'content-type': 'text/plain' }, 'a strike at dawn');
      expect(res.statusCode).toBe(415);
      expect(res.json<ErrorReply>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('refuses a form post with 415', async () => {
      const res = await post(
        '/api/v1/agreements',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'a=1',
      );
      expect(res.statusCode).toBe(415);
    });

    it('refuses an empty JSON body with 400 MALFORMED_JSON', async () => {
      const res = await post('/api/v1/incidents', { 'content-type': 'application/json' }, '');
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorReply>().error.code).toBe('MALFORMED_JSON');
    });

    it('refuses a JSON array where an object is expected, naming the body', async () => {
      const res = await api.post<ErrorReply>('/api/v1/agreements', [agreementInput()]);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['body']);
    });

    it('refuses a PATCH with no body, naming the body', async () => {
      const res = await h.app.inject({
        method: 'PATCH',
        url: '/api/v1/agreements/energy-moratorium-2025-03',
        headers: h.auth,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorReply>().error.details.issues?.map((i) => i.path)).toEqual(['body']);
    });

    it('refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await api.post<ErrorReply>(
        '/api/v1/incidents',
        incidentInput({ notes: 'x'.repeat(1_100_000) }),
      );
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('values one engine would take and the other refuse', () => {
    it('refuses a NUL character in a text field with 400 naming it, writing nothing', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>('/api/v1/incidents', incidentInput({ title: 'Strike\u0000' }));
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['title']);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses a NUL character deep inside an agreement, naming its path', async () => {
      const input = agreementInput();
      const readout = input.readouts?.[0];
      const res = await api.post<ErrorReply>('/api/v1/agreements', {
        ...input,
        readouts: [{ ...readout, scope: 'energy\u0000' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['readouts.0.scope']);
    });

    it('refuses a NUL character in a query parameter, naming it', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?agreement=%00');
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['query.agreement']);
    });

    it('answers a NUL character in an id with a 4xx, not a 500', async () => {
      const incident = await api.get<ErrorReply>('/api/v1/incidents/%00');
      const agreement = await api.get<ErrorReply>('/api/v1/agreements/a%00b');
      expect([incident.status, agreement.status]).toEqual([400, 400]);
      expect(incident.body.error.details.issues?.map((i) => i.path)).toEqual(['params.id']);
    });

    it('refuses a number of fatalities too large to store, naming the field', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>(
        '/api/v1/incidents',
        incidentInput({ fatalities: 3_000_000_000 }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['fatalities']);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('stores the largest number of fatalities it accepts, on both engines', async () => {
      const res = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        incidentInput({ fatalities: 2_147_483_647 }),
      );
      expect(res.status).toBe(201);
      expect(res.body.fatalities).toBe(2_147_483_647);
    });

    it('keeps non-ASCII text exactly, on both engines', async () => {
      const title = 'Удар по підстанції — “Sloviansk” 🚀';
      const created = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput({ title }));
      const read = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
      expect(read.body.title).toBe(title);
    });
  });
});
