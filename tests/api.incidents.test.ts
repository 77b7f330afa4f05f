// Incidents through the HTTP API on every engine: filing with screening stored, reading with allegations and
// per-readout screening, correcting (and re-screening), and the ways a write is refused.

import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { allegationInput, incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { expectedRank, keptVerdictRank } from './support/verdict-rank.js';
import {
  client,
  type ErrorReply,
  type IncidentDetail,
  type IncidentPage,
  screeningFor,
  storedCounts,
} from './support/requests.js';

const MORATORIUM = 'energy-moratorium-2025-03';

/** A Russian drone strike on a substation on 28 March 2025: covered under every readout of the moratorium. */
const substationStrike = (overrides: Parameters<typeof incidentInput>[0] = {}) =>
  incidentInput({ occurredAt: '2025-03-28T10:00:00+02:00', ...overrides });

describeEachEngine('incidents API', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  describe('filing', () => {
    it('files an incident (201) with its screening stored', async () => {
      const created = await api.post<IncidentDetail>('/api/v1/incidents', substationStrike());
      expect(created.status).toBe(201);
      expect(screeningFor(created.body, MORATORIUM)?.verdict).toBe('covered');
      const read = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
      expect(read.body.screening).toEqual(created.body.screening);
    });

    it('reads an incident with its allegations and a screening line per readout', async () => {
      const input = substationStrike({
        target: 'infrastructure.transport.rail',
        act: 'missile-strike',
        allegations: [allegationInput({ source: 'ua-mfa-2025-04-16' })],
      });
      const created = await api.post<IncidentDetail>('/api/v1/incidents', input);
      const { body } = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
      expect(body).toMatchObject({ ref: input.ref, perpetrator: 'RU', location: { lon: 36.23, lat: 49.99 } });
      expect(body.allegations).toEqual([
        expect.objectContaining({ accuser: 'UA', accused: 'RU', source: 'ua-mfa-2025-04-16' }),
      ]);
      const screening = screeningFor(body, MORATORIUM);
      expect(screening?.verdict).toBe('contested');
      expect(screening?.readouts).toHaveLength(4);
      const whiteHouse = screening?.readouts.find((r) => r.key === 'wh-2025-03-18');
      expect(whiteHouse).toMatchObject({ result: 'covered', predicate: null, provision: { key: 'P1' } });
      const kremlin = screening?.readouts.find((r) => r.key === 'kremlin-2025-03-18');
      expect(kremlin).toMatchObject({ result: 'not-covered', predicate: 'target', provision: { key: 'P1' } });
      expect(kremlin?.reason).toContain('infrastructure.transport.rail');
    });

    it('stores no screening for an incident outside every agreement', async () => {
      const created = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        incidentInput({ occurredAt: '2005-01-01T12:00:00Z' }),
      );
      expect(created.status).toBe(201);
      expect(created.body.screening).toEqual([]);
    });

    it('answers 404 INCIDENT_NOT_FOUND for an unknown id', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents/no-such-incident');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('INCIDENT_NOT_FOUND');
    });

    it('refuses a reference that is taken: 409 INCIDENT_REF_TAKEN, writing nothing', async () => {
      const first = incidentInput();
      await api.post('/api/v1/incidents', first);
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>('/api/v1/incidents', incidentInput({ ref: first.ref ?? null }));
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'INCIDENT_REF_TAKEN',
        details: { issues: [{ path: 'ref' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an unknown accused party: 422 PARTY_UNKNOWN naming allegations.0.accused', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>(
        '/api/v1/incidents',
        incidentInput({ allegations: [allegationInput({ accused: 'XX' })] }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'PARTY_UNKNOWN',
        details: { issues: [{ path: 'allegations.0.accused' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an allegation citing an unknown source: 422 REFERENCE_UNKNOWN', async () => {
      const before = await storedCounts(h);
      const res = await api.post<ErrorReply>(
        '/api/v1/incidents',
        incidentInput({ allegations: [allegationInput(), allegationInput({ source: 'no-such-source' })] }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'REFERENCE_UNKNOWN',
        details: { issues: [{ path: 'allegations.1.source' }] },
      });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses a position out of range, naming the field', async () => {
      const res = await api.post<ErrorReply>(
        '/api/v1/incidents',
        incidentInput({ location: { lon: 200, lat: 50 } }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['location.lon']);
    });
  });

  describe('correcting', () => {
    it('re-screens an incident whose target is corrected', async () => {
      const created = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        substationStrike({ target: 'infrastructure.transport.rail', act: 'missile-strike' }),
      );
      expect(screeningFor(created.body, MORATORIUM)?.verdict).toBe('contested');
      const res = await api.patch<IncidentDetail>(`/api/v1/incidents/${created.body.id}`, {
        target: 'infrastructure.energy.substation',
      });
      expect(res.status).toBe(200);
      expect(screeningFor(res.body, MORATORIUM)?.verdict).toBe('covered');
      const read = await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`);
      expect(screeningFor(read.body, MORATORIUM)?.verdict).toBe('covered');
      // The most serious verdict, kept on the row for the map, moved with it.
      expect(await keptVerdictRank(h.services.db.kysely, created.body.id)).toBe(4);
    });

    it('re-screens an incident moved out of the moratorium’s time', async () => {
      const created = await api.post<IncidentDetail>('/api/v1/incidents', substationStrike());
      const res = await api.patch<IncidentDetail>(`/api/v1/incidents/${created.body.id}`, {
        occurredAt: '2025-05-01',
      });
      expect(res.body).toMatchObject({ occurredAt: '2025-05-01', timePrecision: 'day' });
      expect(screeningFor(res.body, MORATORIUM)).toBeUndefined();
      expect(await keptVerdictRank(h.services.db.kysely, created.body.id)).toBe(
        expectedRank(res.body.screening.map((s) => s.verdict)),
      );
    });

    it('leaves the fields a PATCH does not name as they were stored', async () => {
      const created = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        substationStrike({
          counts: [{ what: 'drones', value: 3 }],
          effects: [{ description: 'Blackout', affected: 45000 }],
          casualties: { injured: { best: 2 } },
        }),
      );
      const res = await api.patch<IncidentDetail>(`/api/v1/incidents/${created.body.id}`, {
        title: 'Renamed',
      });
      expect(res.body).toMatchObject({
        title: 'Renamed',
        counts: [{ what: 'drones', value: 3, qualifier: 'exact' }],
        effects: [{ description: 'Blackout', affected: 45000 }],
        casualties: { killed: null, injured: { low: null, best: 2, high: null } },
      });
    });

    it('refuses to take another incident’s reference: 409', async () => {
      const first = incidentInput();
      await api.post('/api/v1/incidents', first);
      const second = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput());
      const res = await api.patch<ErrorReply>(`/api/v1/incidents/${second.body.id}`, { ref: first.ref });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INCIDENT_REF_TAKEN');
    });

    it('refuses an unknown perpetrator: 422 naming perpetrator', async () => {
      const created = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput());
      const res = await api.patch<ErrorReply>(`/api/v1/incidents/${created.body.id}`, { perpetrator: 'XX' });
      expect(res.status).toBe(422);
      expect(res.body.error.details.issues?.[0]?.path).toBe('perpetrator');
      expect((await api.get<IncidentDetail>(`/api/v1/incidents/${created.body.id}`)).body.perpetrator).toBe(
        'RU',
      );
    });

    it('answers 404 INCIDENT_NOT_FOUND when correcting an unknown incident', async () => {
      const res = await api.patch<ErrorReply>('/api/v1/incidents/no-such-incident', { title: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('INCIDENT_NOT_FOUND');
    });
  });

  describe('bad query parameters', () => {
    it('names query.limit when it is 0 and query.verdict when it is not a verdict', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?limit=0&verdict=bogus');
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path).sort()).toEqual([
        'query.limit',
        'query.verdict',
      ]);
    });

    it('names query.offset when it is negative and query.limit when it is not a number', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?offset=-1&limit=ten');
      expect(res.body.error.details.issues?.map((i) => i.path).sort()).toEqual([
        'query.limit',
        'query.offset',
      ]);
    });

    it('names an unknown query parameter as query.<name>', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?colour=red');
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['query.colour']);
    });

    it('names query.to when it is not a date', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?to=yesterday');
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path)).toEqual(['query.to']);
    });

    it('answers 404 AGREEMENT_NOT_FOUND for an agreement filter that names nothing', async () => {
      const res = await api.get<ErrorReply>('/api/v1/incidents?agreement=no-such-agreement');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('AGREEMENT_NOT_FOUND');
    });

    it('caps limit at 500', async () => {
      const res = await api.get<IncidentPage | ErrorReply>('/api/v1/incidents?limit=501');
      expect(res.status).toBe(400);
    });
  });
});
