// The audit log on every engine: each write through the API appends exactly one event to the hash chain,
// a refused write appends none, the chain verifies from the genesis, and loading the demo twice adds nothing.

import { describe, expect, it } from 'vitest';
import { firstBrokenLink } from '../src/core/audit.js';
import { getMeta } from '../src/db/meta.js';
import { demoAgreements } from '../src/demo/agreements.js';
import { demoIncidents } from '../src/demo/incidents.js';
import { demoParties } from '../src/demo/parties.js';
import { demoSources } from '../src/demo/sources.js';
import { loadDemo } from '../src/services/demo.js';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, readoutInput } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import {
  type AgreementDetail,
  auditEvents,
  brokenLink,
  client,
  GENESIS,
  type IncidentDetail,
} from './support/requests.js';

/** Runs a write and returns the audit events it appended. */
async function appended(h: Harness, write: () => Promise<unknown>) {
  const before = (await auditEvents(h)).length;
  await write();
  return (await auditEvents(h)).slice(before);
}

describeEachEngine('audit log', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  describe('every write appends one event', () => {
    it('on creating an agreement: agreement.create by the token, with an after digest only', async () => {
      let id = '';
      const events = await appended(h, async () => {
        id = (await api.post<AgreementDetail>('/api/v1/agreements', agreementInput())).body.id;
      });
      expect(events).toEqual([
        expect.objectContaining({
          action: 'agreement.create',
          actor: 'token:test-admin',
          subjectType: 'agreement',
          subjectId: id,
          beforeDigest: null,
        }),
      ]);
      expect(events[0]?.afterDigest).toMatch(/^[0-9a-f]{64}$/);
    });

    it('on changing an agreement: agreement.update with before and after digests that differ', async () => {
      const { slug } = agreementInput();
      await api.post('/api/v1/agreements', agreementInput({ slug }));
      const events = await appended(h, () => api.patch(`/api/v1/agreements/${slug}`, { title: 'Changed' }));
      expect(events.map((e) => e.action)).toEqual(['agreement.update']);
      expect(events[0]?.beforeDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(events[0]?.beforeDigest).not.toBe(events[0]?.afterDigest);
    });

    it('on adding a readout: readout.create', async () => {
      const { slug } = agreementInput();
      await api.post('/api/v1/agreements', agreementInput({ slug }));
      const events = await appended(h, () =>
        api.post(`/api/v1/agreements/${slug}/readouts`, readoutInput({ key: 'second', issuedBy: 'RU' })),
      );
      expect(events.map((e) => e.action)).toEqual(['readout.create']);
    });

    it('on changing a readout: readout.update, however many incidents it re-screens', async () => {
      const events = await appended(h, () =>
        api.patch('/api/v1/agreements/energy-moratorium-2025-03/readouts/ua-2025-03-25', {
          summary: 'Restated.',
        }),
      );
      expect(events.map((e) => e.action)).toEqual(['readout.update']);
    });

    it('on filing an incident: incident.create, then allegation.file for each allegation filed with it', async () => {
      let created: IncidentDetail | undefined;
      const events = await appended(h, async () => {
        created = (await api.post<IncidentDetail>('/api/v1/incidents', incidentInput())).body;
      });
      const [allegation] = created?.allegations ?? [];
      expect(events.map((e) => [e.action, e.subjectType, e.subjectId])).toEqual([
        ['incident.create', 'incident', created?.id],
        ['allegation.file', 'allegation', allegation?.id],
      ]);
    });

    it('on correcting an incident: incident.update', async () => {
      const created = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput());
      const events = await appended(h, () =>
        api.patch(`/api/v1/incidents/${created.body.id}`, { notes: 'Seen on camera.' }),
      );
      expect(events.map((e) => [e.action, e.subjectId])).toEqual([['incident.update', created.body.id]]);
    });
  });

  describe('a refused write appends nothing', () => {
    const refused: [string, () => Promise<{ status: number }>][] = [
      ['no token', () => api.post('/api/v1/agreements', agreementInput(), false)],
      ['an invalid body', () => api.post('/api/v1/incidents', { title: 'x' })],
      ['an unknown party', () => api.post('/api/v1/incidents', incidentInput({ perpetrator: 'XX' }))],
      [
        'a taken slug',
        () => api.post('/api/v1/agreements', agreementInput({ slug: 'energy-moratorium-2025-03' })),
      ],
      ['an unknown incident', () => api.patch('/api/v1/incidents/no-such-incident', { title: 'x' })],
      [
        'a backwards window',
        () =>
          api.patch('/api/v1/agreements/energy-moratorium-2025-03/readouts/ua-2025-03-25', {
            window: { start: { at: '2025-03-25' }, end: { at: '2025-03-01' } },
          }),
      ],
    ];
    for (const [name, write] of refused) {
      it(`refused for ${name}`, async () => {
        let status = 0;
        const events = await appended(h, async () => {
          status = (await write()).status;
        });
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(events).toEqual([]);
      });
    }
  });

  describe('the chain', () => {
    it('verifies from the genesis, its seqs running 1, 2, 3, ...', async () => {
      const events = await auditEvents(h);
      expect(events.length).toBeGreaterThan(15);
      expect(events[0]?.prevHash).toBe(GENESIS);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(await brokenLink(h)).toBeNull();
    });

    it('would show an event that was altered after the fact', async () => {
      const events = await auditEvents(h);
      const altered = events.map((e) => (e.seq === 3 ? { ...e, actor: 'system:someone-else' } : e));
      expect(firstBrokenLink(altered, GENESIS)).toBe(3);
    });
  });
});

describeEachEngine('loading the demo', (engine) => {
  const h = useApp(engine);
  const api = client(h);

  it('audits every record it writes the first time', async () => {
    const events = await appended(h, () => loadDemo(h.services));
    const count = (action: string) => events.filter((e) => e.action === action).length;
    expect([count('party.save'), count('source.create'), count('agreement.create')]).toEqual([
      demoParties.length,
      demoSources.length,
      demoAgreements.length,
    ]);
    expect(count('incident.create')).toBe(demoIncidents.length);
    expect(count('allegation.file')).toBe(demoIncidents.flatMap((i) => i.allegations ?? []).length);
    expect(events.every((e) => e.actor === 'system:demo')).toBe(true);
    expect(await brokenLink(h)).toBeNull();
  });

  it('writes nothing and adds no audit event the second time', async () => {
    const agreementsBefore = await api.get<{ items: AgreementDetail[] }>('/api/v1/agreements');
    const loadedAt = await getMeta(h.services.db.kysely, 'demo.loadedAt');
    let report = {};
    const events = await appended(h, async () => {
      report = await loadDemo(h.services);
    });
    expect(report).toEqual({ parties: 0, sources: 0, agreements: 0, incidents: 0 });
    expect(events).toEqual([]);
    const agreementsAfter = await api.get<{ items: AgreementDetail[] }>('/api/v1/agreements');
    expect(agreementsAfter.body).toEqual(agreementsBefore.body);
    expect(await getMeta(h.services.db.kysely, 'demo.loadedAt')).toBe(loadedAt);
  });
});
