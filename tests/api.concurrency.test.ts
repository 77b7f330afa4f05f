// Writes racing each other on every engine. SQLite serialises transactions by itself; PostgreSQL runs them
// side by side on a pool, so these are the tests that show writes still behave as if one ran after another.

import { expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, readoutInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import {
  auditEvents,
  brokenLink,
  client,
  type ErrorReply,
  type IncidentDetail,
  screeningFor,
} from './support/requests.js';

const RACERS = 6;

describeEachEngine('concurrent writes', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  it('creates one agreement when several writers race for the same slug; the others get 409', async () => {
    const input = agreementInput();
    const replies = await Promise.all(
      Array.from({ length: RACERS }, () => api.post<ErrorReply>('/api/v1/agreements', input)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    const codes = replies.filter((r) => r.status === 409).map((r) => r.body.error.code);
    expect(new Set(codes)).toEqual(new Set(['AGREEMENT_SLUG_TAKEN']));
  });

  it('creates one incident when several writers race for the same reference; the others get 409', async () => {
    const input = incidentInput();
    const replies = await Promise.all(
      Array.from({ length: RACERS }, () => api.post<ErrorReply>('/api/v1/incidents', input)),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
  });

  it('screens every incident against an agreement created while they were being filed', async () => {
    const agreement = agreementInput({
      readouts: [readoutInput({ window: { start: { at: '2008-06-01T00:00:00+03:00' }, durationDays: 30 } })],
    });
    const inWindow = () => incidentInput({ occurredAt: '2008-06-10T03:00:00+03:00' });
    const [created, ...incidents] = await Promise.all([
      api.post('/api/v1/agreements', agreement),
      ...Array.from({ length: RACERS }, () => api.post<IncidentDetail>('/api/v1/incidents', inWindow())),
    ]);
    expect(created.status).toBe(201);
    for (const incident of incidents) {
      const read = await api.get<IncidentDetail>(`/api/v1/incidents/${incident.body.id}`);
      expect(screeningFor(read.body, agreement.slug)?.verdict).toBe('covered');
    }
  });

  it('keeps the audit chain one unbroken line under concurrent writes', async () => {
    const before = (await auditEvents(h)).length;
    const replies = await Promise.all(
      Array.from({ length: RACERS }, () => api.post('/api/v1/incidents', incidentInput())),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const events = await auditEvents(h);
    // Each filing appends its incident's event and one for the allegation filed with it.
    expect(events.length).toBe(before + 2 * RACERS);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(await brokenLink(h)).toBeNull();
  });
});
