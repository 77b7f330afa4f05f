// Changing an agreement's terms through the HTTP API on every engine: PATCH of its own fields, adding and
// changing readouts, and the re-screening of the incidents a change can touch, in the same write.

import { demoIncidents } from '../src/demo/incidents.js';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, provisionInput, readoutInput } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import {
  type AgreementDetail,
  client,
  type ErrorReply,
  type IncidentDetail,
  screeningFor,
  storedCounts,
} from './support/requests.js';

const MORATORIUM = 'energy-moratorium-2025-03';
const KREMLIN = 'kremlin-2025-03-18';

/** A Russian missile strike on a railway station on 28 March 2025: contested under the demo moratorium. */
const railStrike = () =>
  incidentInput({
    title: 'Missile strike on a railway station',
    occurredAt: '2025-03-28T10:00:00+02:00',
    act: 'missile-strike',
    target: 'infrastructure.transport.rail',
  });

/** An agreement of our own whose one readout is in force for 30 days from 1 June of `year` (Kyiv time). */
function agreementIn(year: number) {
  return agreementInput({
    readouts: [readoutInput({ window: { start: { at: `${year}-06-01T00:00:00+03:00` }, durationDays: 30 } })],
  });
}

async function setUp(h: Harness, year: number) {
  const api = client(h);
  const input = agreementIn(year);
  await api.post('/api/v1/agreements', input);
  const incident = await api.post<IncidentDetail>(
    '/api/v1/incidents',
    incidentInput({ occurredAt: `${year}-06-20T03:00:00+03:00` }),
  );
  return { slug: input.slug, incidentId: incident.body.id };
}

describeEachEngine('changing the terms of the demo moratorium', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  it("re-screens an incident when the Kremlin readout's provisions are widened to all infrastructure", async () => {
    const created = await api.post<IncidentDetail>('/api/v1/incidents', railStrike());
    const before = screeningFor(created.body, MORATORIUM);
    expect(before?.verdict).toBe('contested');
    expect(before?.readouts.find((r) => r.key === KREMLIN)).toMatchObject({
      result: 'not-covered',
      predicate: 'target',
    });

    const patch = await api.patch<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}/readouts/${KREMLIN}`, {
      provisions: [provisionInput({ targets: ['infrastructure'], quote: 'energy and infrastructure' })],
    });
    expect(patch.status).toBe(200);
    // Every demo incident (18 March – 17 April) and this one are within the moratorium's reach.
    expect(patch.body.rescreened).toBe(demoIncidents.length + 1);

    const after = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
    const kremlin = screeningFor(after.body, MORATORIUM)?.readouts.find((r) => r.key === KREMLIN);
    expect(kremlin).toMatchObject({ result: 'covered', predicate: null, provision: { key: 'P1' } });
    expect(screeningFor(after.body, MORATORIUM)?.verdict).toBe('contested');
  });
});

describeEachEngine('widening every readout of the demo moratorium', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  it('turns a contested rail strike into a covered one', async () => {
    const created = await api.post<IncidentDetail>('/api/v1/incidents', railStrike());
    for (const key of [KREMLIN, 'kremlin-list-2025-03-25', 'ua-2025-03-25']) {
      const res = await api.patch(`/api/v1/agreements/${MORATORIUM}/readouts/${key}`, {
        provisions: [provisionInput({ targets: ['infrastructure'] })],
      });
      expect(res.status).toBe(200);
    }
    const after = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
    expect(screeningFor(after.body, MORATORIUM)?.verdict).toBe('covered');
  });
});

describeEachEngine('changing terms', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  describe('PATCH /agreements/:idOrSlug', () => {
    it("changes an agreement's own fields and bumps its version", async () => {
      const { slug } = await setUp(h, 2010);
      const res = await api.patch<AgreementDetail>(`/api/v1/agreements/${slug}`, { title: 'Renamed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'Renamed', version: 2, rescreened: 1 });
      expect((await api.get<AgreementDetail>(`/api/v1/agreements/${slug}`)).body.title).toBe('Renamed');
    });

    it('leaves the fields a PATCH does not name as they were stored', async () => {
      const input = { ...agreementIn(2009), lifecycle: [{ status: 'in-force' as const, at: '2009-06-01' }] };
      await api.post('/api/v1/agreements', input);
      await api.patch(`/api/v1/agreements/${input.slug}`, { title: 'Renamed' });
      const { body } = await api.get<AgreementDetail>(`/api/v1/agreements/${input.slug}`);
      expect(body).toMatchObject({ title: 'Renamed', mediators: ['US'], summary: input.summary });
      expect(body.lifecycle.map((s) => s.status)).toEqual(['in-force']);
      expect(body.readouts[0]?.provisions).toHaveLength(1);
    });

    it('drops the agreement from an incident after a lifecycle step that ends it early', async () => {
      const { slug, incidentId } = await setUp(h, 2011);
      const res = await api.patch<AgreementDetail>(`/api/v1/agreements/${slug}`, {
        lifecycle: [{ status: 'collapsed', at: '2011-06-15T00:00:00+03:00' }],
      });
      expect(res.body.status).toBe('collapsed');
      const incident = await api.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`);
      expect(screeningFor(incident.body, slug)).toBeUndefined();
    });

    it('refuses to change the slug, naming the field', async () => {
      const { slug } = await setUp(h, 2012);
      const res = await api.patch<ErrorReply>(`/api/v1/agreements/${slug}`, { slug: 'another-slug' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['slug']);
    });

    it('refuses an unknown party and leaves the agreement as it was', async () => {
      const { slug } = await setUp(h, 2013);
      const res = await api.patch<ErrorReply>(`/api/v1/agreements/${slug}`, { mediators: ['QQ'] });
      expect(res.status).toBe(422);
      expect(res.body.error.details.issues?.[0]?.path).toBe('mediators.0');
      expect((await api.get<AgreementDetail>(`/api/v1/agreements/${slug}`)).body.version).toBe(1);
    });

    it('answers 404 AGREEMENT_NOT_FOUND for an unknown agreement', async () => {
      const res = await api.patch<ErrorReply>('/api/v1/agreements/no-such-agreement', { title: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('AGREEMENT_NOT_FOUND');
    });
  });

  describe('POST /agreements/:idOrSlug/readouts', () => {
    it('adds a readout (201) and screens the incidents in reach under it', async () => {
      const { slug, incidentId } = await setUp(h, 2014);
      const res = await api.post<AgreementDetail>(
        `/api/v1/agreements/${slug}/readouts`,
        readoutInput({
          key: 'ru-statement',
          issuedBy: 'RU',
          window: { start: { at: '2014-06-01T00:00:00+03:00' }, durationDays: 30 },
          provisions: [provisionInput({ targets: ['civilian'] })],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ readoutCount: 2, rescreened: 1 });
      const incident = await api.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`);
      const screening = screeningFor(incident.body, slug);
      expect(screening?.verdict).toBe('contested');
      expect(screening?.readouts.find((r) => r.key === 'ru-statement')?.result).toBe('not-covered');
    });

    it('refuses a readout key the agreement already has: 409 READOUT_KEY_TAKEN', async () => {
      const { slug } = await setUp(h, 2015);
      const res = await api.post<ErrorReply>(`/api/v1/agreements/${slug}/readouts`, readoutInput());
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'READOUT_KEY_TAKEN',
        details: { issues: [{ path: 'key' }] },
      });
    });

    it('names window problems relative to the readout body', async () => {
      const { slug } = await setUp(h, 2016);
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>(
        `/api/v1/agreements/${slug}/readouts`,
        readoutInput({
          key: 'backwards',
          window: { start: { at: '2016-06-10' }, end: { at: '2016-06-01' } },
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'READOUT_WINDOW_INVALID',
        details: { issues: [{ path: 'window.end' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses a readout citing an unknown source, naming source', async () => {
      const { slug } = await setUp(h, 2017);
      const res = await api.post<ErrorReply>(
        `/api/v1/agreements/${slug}/readouts`,
        readoutInput({ key: 'unsourced', source: 'no-such-source' }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'REFERENCE_UNKNOWN',
        details: { issues: [{ path: 'source' }] },
      });
    });
  });

  describe('PATCH /agreements/:idOrSlug/readouts/:readout', () => {
    it('drops the agreement from an incident that a narrowed window no longer reaches', async () => {
      const { slug, incidentId } = await setUp(h, 2018);
      const before = await api.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`);
      expect(screeningFor(before.body, slug)?.verdict).toBe('covered');
      const res = await api.patch<AgreementDetail>(`/api/v1/agreements/${slug}/readouts/ua-statement`, {
        window: { start: { at: '2018-06-01T00:00:00+03:00' }, durationDays: 10 },
      });
      expect(res.status).toBe(200);
      expect(res.body.rescreened).toBe(1);
      const after = await api.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`);
      expect(screeningFor(after.body, slug)).toBeUndefined();
    });

    it('screens an incident that a widened window now reaches', async () => {
      const { slug } = await setUp(h, 2019);
      const late = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        incidentInput({ occurredAt: '2019-09-20T03:00:00+03:00' }),
      );
      expect(screeningFor(late.body, slug)).toBeUndefined();
      await api.patch(`/api/v1/agreements/${slug}/readouts/ua-statement`, {
        window: { start: { at: '2019-06-01T00:00:00+03:00' }, durationDays: 365 },
      });
      const after = await api.get<IncidentDetail>(`/api/v1/incidents/${late.body.id}`);
      expect(screeningFor(after.body, slug)?.verdict).toBe('covered');
    });

    it('finds a readout by id as well as by key, and keeps the ids of unchanged provisions', async () => {
      const { slug } = await setUp(h, 2020);
      const agreement = await api.get<AgreementDetail>(`/api/v1/agreements/${slug}`);
      const readout = agreement.body.readouts[0];
      const res = await api.patch<AgreementDetail>(
        `/api/v1/agreements/${slug}/readouts/${readout?.id ?? ''}`,
        {
          scope: 'energy infrastructure, as restated',
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.readouts[0]?.id).toBe(readout?.id);
      expect(res.body.readouts[0]?.provisions[0]?.id).toBe(readout?.provisions[0]?.id);
    });

    it('answers 404 READOUT_NOT_FOUND for a readout the agreement does not have', async () => {
      const res = await api.patch<ErrorReply>(`/api/v1/agreements/${MORATORIUM}/readouts/no-such-readout`, {
        scope: 'x',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('READOUT_NOT_FOUND');
    });

    it('refuses to change a readout key, naming the field', async () => {
      const res = await api.patch<ErrorReply>(`/api/v1/agreements/${MORATORIUM}/readouts/${KREMLIN}`, {
        key: 'renamed',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['key']);
    });
  });
});
