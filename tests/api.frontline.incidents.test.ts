// Derived geography of incidents on every engine: stored when an incident is filed or corrected, recomputed
// (and re-screened) when a snapshot governing its date is imported, and counted per sector.

import { beforeAll, expect, it } from 'vitest';
import { CLI_ACTOR } from '../src/cli/context.js';
import { importSnapshot } from '../src/services/frontline.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { frontlineFile, readData, realDataAvailable } from './support/real-data.js';
import { client, type ErrorReply, type IncidentDetail } from './support/requests.js';

const available = realDataAvailable('the incident geography tests');

interface Geography {
  snapshotDate: string;
  distanceKm: number;
  side: string;
  sector: string | null;
  admin1: { code: string; name: string } | null;
}
type Located = IncidentDetail & { geography: Geography | null };

interface SectorList {
  items: { key: string; incidents: number; verdicts: Record<string, number> }[];
}

const snapshot = (day: string, date: string) => ({
  text: readData(frontlineFile(day)),
  date,
  source: 'DeepStateMap',
});

/** A strike near Pokrovsk during the March 2025 moratorium. */
const nearPokrovsk = (occurredAt: string) =>
  incidentInput({ occurredAt, location: { lon: 37.18, lat: 48.28 } });

describeEachEngine('incident geography', (engine) => {
  if (!available) return;
  const h = useApp(engine, { demo: true });
  const api = client(h);

  beforeAll(async () => {
    await importSnapshot(h.services, CLI_ACTOR, snapshot('20250318', '2025-03-18'));
  });

  it('stores the geography of an incident when it is filed', async () => {
    const created = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-20T10:00:00+02:00'));
    expect(created.status).toBe(201);
    const read = await api.get<Located>(`/api/v1/incidents/${created.body.id}`);
    expect(read.body.geography).toMatchObject({
      snapshotDate: '2025-03-18',
      side: 'controlled',
      sector: 'donetsk-north',
      admin1: { code: 'UA-14', name: 'Donetsk' },
    });
    expect(read.body.geography?.distanceKm).toBeLessThan(15);
  });

  it('leaves geography null before the first snapshot and without coordinates', async () => {
    const early = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-01-10'));
    expect(early.body.geography).toBeNull();
    const nowhere = await api.post<Located>(
      '/api/v1/incidents',
      incidentInput({ occurredAt: '2025-03-20', location: null }),
    );
    expect(nowhere.body.geography).toBeNull();
  });

  it('recomputes geography when an incident is moved', async () => {
    const created = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-21'));
    const moved = await api.patch<Located>(`/api/v1/incidents/${created.body.id}`, {
      location: { lon: 30.73, lat: 46.48 },
    });
    expect(moved.body.geography).toMatchObject({ admin1: { code: 'UA-51' }, sector: 'kherson-dnipro' });
  });

  it('recomputes the incidents a newly imported snapshot governs, and only those', async () => {
    const before = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-19'));
    const after = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-26T23:30:00+02:00'));
    const report = await importSnapshot(h.services, CLI_ACTOR, snapshot('20250325', '2025-03-25'));
    expect(report.incidentsUpdated).toBeGreaterThanOrEqual(1);
    const reread = async (id: string) =>
      (await api.get<Located>(`/api/v1/incidents/${id}`)).body.geography?.snapshotDate;
    expect(await reread(after.body.id)).toBe('2025-03-25');
    expect(await reread(before.body.id)).toBe('2025-03-18');
  });

  it('gives an incident dated before every snapshot its geography once an earlier one arrives', async () => {
    const created = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-05'));
    expect(created.body.geography).toBeNull();
    await importSnapshot(h.services, CLI_ACTOR, snapshot('20250301', '2025-03-01'));
    const read = await api.get<Located>(`/api/v1/incidents/${created.body.id}`);
    expect(read.body.geography?.snapshotDate).toBe('2025-03-01');
  });

  it('counts incidents and screened verdicts per sector', async () => {
    const { body } = await api.get<SectorList>('/api/v1/sectors');
    expect(body.items.map((s) => s.key)).toEqual([
      'kharkiv',
      'luhansk',
      'donetsk-north',
      'donetsk-south',
      'zaporizhzhia',
      'kherson-dnipro',
    ]);
    const north = body.items.find((s) => s.key === 'donetsk-north');
    expect(north?.incidents).toBeGreaterThanOrEqual(3);
    expect(Object.values(north?.verdicts ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('counts for the public only published incidents whose location is not withheld', async () => {
    const publicCount = async () =>
      (await api.getPublic<SectorList>('/api/v1/sectors')).body.items.find((s) => s.key === 'donetsk-north')
        ?.incidents ?? 0;
    const before = await publicCount();
    const db = h.services.db.kysely;
    const file = async (location: 'exact' | 'withheld') => {
      const created = await api.post<Located>('/api/v1/incidents', nearPokrovsk('2025-03-21T10:00:00+02:00'));
      await db
        .updateTable('incidents')
        .set({ published_at: '2025-04-01T00:00:00.000Z', location_disclosure: location })
        .where('id', '=', created.body.id)
        .execute();
    };
    await file('exact');
    await file('withheld');
    expect(await publicCount()).toBe(before + 1);
    // The staff count both, and the unpublished ones filed above.
    const staff = (await api.get<SectorList>('/api/v1/sectors')).body.items.find(
      (s) => s.key === 'donetsk-north',
    );
    expect(staff?.incidents).toBeGreaterThanOrEqual(before + 2);
  });

  it('refuses to redefine a sector without a token', async () => {
    const region = {
      type: 'Polygon',
      coordinates: [
        [
          [20, 43],
          [42, 43],
          [42, 53],
          [20, 53],
          [20, 43],
        ],
      ],
    };
    const { status, body } = await api.put<ErrorReply>(
      '/api/v1/sectors/everything',
      { name: 'All', position: 0, region },
      false,
    );
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHENTICATED');
  });

  it('reassigns incidents when an admin adds a sector that takes the stretch they face', async () => {
    const region = {
      type: 'Polygon',
      coordinates: [
        [
          [36.9, 48.1],
          [37.5, 48.1],
          [37.5, 48.5],
          [36.9, 48.5],
          [36.9, 48.1],
        ],
      ],
    };
    const saved = await api.put<{ created: boolean; incidentsUpdated: number }>('/api/v1/sectors/pokrovsk', {
      name: 'Pokrovsk',
      position: 0,
      region,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.created).toBe(true);
    expect(saved.body.incidentsUpdated).toBeGreaterThanOrEqual(3);
    const { body } = await api.get<SectorList>('/api/v1/sectors');
    expect(body.items[0]).toMatchObject({ key: 'pokrovsk' });
    expect(body.items[0]?.incidents).toBeGreaterThanOrEqual(3);
  });
});
