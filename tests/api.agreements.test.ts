// Agreements through the HTTP API on every engine: reading, authentication of writes, creation and the
// ways a new agreement is refused — each refusal naming the field and writing nothing.

import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, provisionInput, readoutInput, unique } from './support/factories.js';
import { useApp } from './support/harness.js';
import {
  type AgreementDetail,
  client,
  type ErrorReply,
  type IncidentDetail,
  screeningFor,
  storedCounts,
} from './support/requests.js';

const MORATORIUM = 'energy-moratorium-2025-03';

describeEachEngine('agreements API', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  describe('reading', () => {
    it('answers the health check', async () => {
      const res = await api.get<{ status: string }>('/api/v1/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('lists the demo moratorium with its status and readout count', async () => {
      const res = await api.get<{ items: AgreementDetail[] }>('/api/v1/agreements');
      expect(res.status).toBe(200);
      const moratorium = res.body.items.find((a) => a.slug === MORATORIUM);
      expect(moratorium).toMatchObject({ status: 'expired', readoutCount: 4, parties: ['RU', 'UA'] });
      expect(moratorium).not.toHaveProperty('readouts');
    });

    it('reads an agreement by slug with readouts, provisions, lifecycle, conditions and sources', async () => {
      const res = await api.get<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}`);
      expect(res.status).toBe(200);
      const a = res.body;
      expect(a.readouts.map((r) => r.key)).toEqual([
        'wh-2025-03-18',
        'kremlin-2025-03-18',
        'kremlin-list-2025-03-25',
        'ua-2025-03-25',
      ]);
      expect(a.readouts.find((r) => r.key === 'kremlin-list-2025-03-25')?.provisions).toHaveLength(5);
      expect(a.lifecycle.map((s) => s.status)).toContain('expired');
      expect(Array.isArray(a.conditions)).toBe(true);
      expect(a.sources.map((s) => s.key)).toContain('kremlin-readout-2025-03-18');
      expect(a.sources.find((s) => s.key === 'kremlin-readout-2025-03-18')?.originalText).toMatch(/30 дней/);
    });

    it('gives each readout the span in which it binds, in UTC, cut short by the expiry', async () => {
      const { body } = await api.get<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}`);
      const kremlin = body.readouts.find((r) => r.key === 'kremlin-2025-03-18');
      expect(kremlin?.inForce).toEqual({
        from: '2025-03-17T21:00:00.000Z',
        until: '2025-04-16T21:00:00.000Z',
        cutShortBy: null,
        reason: null,
      });
      const whiteHouse = body.readouts.find((r) => r.key === 'wh-2025-03-18');
      expect(whiteHouse?.inForce.until).toBe('2025-04-16T21:00:00.000Z');
      expect(whiteHouse?.inForce.cutShortBy).toMatch(/^expired 2025-04-17/);
    });

    it('reads the same agreement by id', async () => {
      const bySlug = await api.get<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}`);
      const byId = await api.get<AgreementDetail>(`/api/v1/agreements/${bySlug.body.id}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(bySlug.body);
    });

    it('answers 404 AGREEMENT_NOT_FOUND for an unknown id or slug', async () => {
      const res = await api.get<ErrorReply>('/api/v1/agreements/no-such-agreement');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('AGREEMENT_NOT_FOUND');
    });
  });

  describe('authentication', () => {
    it('refuses a write with no Authorization header: 401 UNAUTHENTICATED', async () => {
      const res = await api.post<ErrorReply>('/api/v1/agreements', agreementInput(), false);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a write with a token it did not issue: 401', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: { authorization: 'Bearer tl_not-a-real-token' },
        payload: agreementInput(),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorReply>().error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a write with another authentication scheme: 401', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
        payload: incidentInput(),
      });
      expect(res.statusCode).toBe(401);
    });

    it('accepts a write with a valid token', async () => {
      const res = await api.post<AgreementDetail>('/api/v1/agreements', agreementInput());
      expect(res.status).toBe(201);
    });

    it('keeps reads public', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/agreements/${MORATORIUM}` });
      expect(res.statusCode).toBe(200);
    });

    it('writes nothing for an unauthenticated request', async () => {
      const before = await storedCounts(h);
      await api.post('/api/v1/agreements', agreementInput(), false);
      await api.post('/api/v1/incidents', incidentInput(), false);
      expect(await storedCounts(h)).toEqual(before);
    });
  });

  describe('creating', () => {
    it('creates an agreement (201) and returns it whole, version 1', async () => {
      const input = agreementInput();
      const res = await api.post<AgreementDetail>('/api/v1/agreements', input);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ slug: input.slug, version: 1, readoutCount: 1 });
      expect(res.body.readouts[0]?.provisions[0]).toMatchObject({
        key: 'P1',
        targets: ['infrastructure.energy'],
      });
      const read = await api.get<AgreementDetail>(`/api/v1/agreements/${input.slug}`);
      expect(read.body.id).toBe(res.body.id);
    });

    it('screens the incidents already stored against the new agreement', async () => {
      const incident = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        incidentInput({ occurredAt: '2017-06-10T03:00:00+03:00' }),
      );
      expect(incident.body.screening).toEqual([]);
      const input = agreementInput({
        readouts: [
          readoutInput({ window: { start: { at: '2017-06-01T00:00:00+03:00' }, durationDays: 30 } }),
        ],
      });
      const created = await api.post<AgreementDetail>('/api/v1/agreements', input);
      expect(created.body.rescreened).toBe(1);
      const after = await api.get<IncidentDetail>(`/api/v1/incidents/${incident.body.id}`);
      expect(screeningFor(after.body, input.slug)?.verdict).toBe('covered');
    });

    it('refuses a slug that is taken: 409 AGREEMENT_SLUG_TAKEN naming slug', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>('/api/v1/agreements', agreementInput({ slug: MORATORIUM }));
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'AGREEMENT_SLUG_TAKEN',
        details: { issues: [{ path: 'slug' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an unknown party: 422 PARTY_UNKNOWN naming parties.1', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>('/api/v1/agreements', agreementInput({ parties: ['RU', 'XX'] }));
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'PARTY_UNKNOWN',
        details: { issues: [{ path: 'parties.1' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an unknown party bound by a provision, naming its path', async () => {
      const input = agreementInput({
        readouts: [readoutInput({ provisions: [provisionInput({ bound: ['RU', 'ZZ'] })] })],
      });
      const res = await api.post<ErrorReply>('/api/v1/agreements', input);
      expect(res.status).toBe(422);
      expect(res.body.error.details.issues?.[0]?.path).toBe('readouts.0.provisions.0.bound.1');
    });

    it('refuses a window that ends before it starts: 422 READOUT_WINDOW_INVALID naming readouts.0.window.end', async () => {
      const before = await storedCounts(h);
      const window = {
        start: { at: '2024-06-10T00:00:00+03:00' },
        end: { at: '2024-06-01T00:00:00+03:00' },
      };
      const res = await api.post<ErrorReply>(
        '/api/v1/agreements',
        agreementInput({ readouts: [readoutInput({ window })] }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'READOUT_WINDOW_INVALID',
        details: { issues: [{ path: 'readouts.0.window.end' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an unknown target code: 400 naming the field path', async () => {
      const before = await storedCounts(h);
      const input = agreementInput({
        readouts: [readoutInput({ provisions: [provisionInput({ targets: ['infrastructure.moon'] })] })],
      });
      const res = await api.post<ErrorReply>('/api/v1/agreements', input);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual([
        'readouts.0.provisions.0.targets.0',
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an unknown field: 400 naming it, also inside a readout', async () => {
      const top = await api.post<ErrorReply>('/api/v1/agreements', { ...agreementInput(), colour: 'red' });
      expect(top.status).toBe(400);
      expect(top.body.error.details.issues?.map((i) => i.path)).toEqual(['colour']);
      const nested = await api.post<ErrorReply>(
        '/api/v1/agreements',
        agreementInput({ readouts: [{ ...readoutInput(), colour: 'red' } as never] }),
      );
      expect(nested.body.error.details.issues?.map((i) => i.path)).toEqual(['readouts.0.colour']);
    });

    it('refuses a readout citing a source that does not exist: 422 REFERENCE_UNKNOWN', async () => {
      const before = await storedCounts(h);
      const input = agreementInput({ readouts: [readoutInput({ source: 'no-such-source' })] });
      const res = await api.post<ErrorReply>('/api/v1/agreements', input);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'REFERENCE_UNKNOWN',
        details: { issues: [{ path: 'readouts.0.source' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses a link to an agreement that does not exist: 422 REFERENCE_UNKNOWN', async () => {
      const input = agreementInput({ links: [{ relation: 'follows', agreement: unique('nowhere') }] });
      const res = await api.post<ErrorReply>('/api/v1/agreements', input);
      expect(res.status).toBe(422);
      expect(res.body.error.details.issues?.[0]?.path).toBe('links.0.agreement');
    });

    it('accepts a link to an existing agreement and sources that exist', async () => {
      const input = agreementInput({
        links: [{ relation: 'follows', agreement: MORATORIUM }],
        readouts: [readoutInput({ source: 'ua-mfa-2025-04-16' })],
      });
      const res = await api.post<AgreementDetail>('/api/v1/agreements', input);
      expect(res.status).toBe(201);
      expect(res.body.sources.map((s) => s.key)).toEqual(['ua-mfa-2025-04-16']);
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON and writes nothing', async () => {
      const before = await storedCounts(h);
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: { ...h.auth, 'content-type': 'application/json' },
        payload: '{"slug": "half-written", ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorReply>().error.code).toBe('MALFORMED_JSON');
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: { ...h.auth, 'content-type': 'application/xml' },
        payload: '<agreement/>',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json<ErrorReply>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });
});
