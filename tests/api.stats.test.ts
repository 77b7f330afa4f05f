// GET /api/v1/stats on every engine: the counts agree with the incidents list for the public, the staff and a
// liaison (the same visibility), weeks are Mondays, a withheld location gives away no sector or oblast, and bad
// queries are refused with the field named.

import { beforeAll, expect, it } from 'vitest';
import { importSnapshot } from '../src/services/frontline.js';
import { actingAs, TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type ErrorReply, type IncidentDetail, type IncidentPage } from './support/requests.js';

type VerdictCounts = Record<'covered' | 'contested' | 'unknown' | 'not-covered' | 'none', number>;

interface Stats {
  total: number;
  byAgreement: { agreement: { id: string; slug: string | null }; total: number; verdicts: VerdictCounts }[];
  byParty: { party: string | null; total: number; verdicts: VerdictCounts }[];
  byWeek: { week: string; total: number; verdicts: VerdictCounts }[];
  bySector: { sector: { key: string; name: string } | null; total: number }[];
  byOblast: { oblast: { code: string; name: string } | null; total: number }[];
}

const VERDICTS = ['covered', 'contested', 'unknown', 'not-covered'] as const;
const MORATORIUM = 'energy-moratorium-2025-03';

/** A made-up front line in the east: an occupied box east of 37.6°E. */
const SNAPSHOT = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [37.6, 47.1],
            [40, 47.1],
            [40, 49.6],
            [37.6, 49.6],
            [37.6, 47.1],
          ],
        ],
      },
    },
  ],
});

/** Near Pokrovsk: sector donetsk-north, Donetsk oblast (UA-14). */
const POKROVSK = { lon: 37.18, lat: 48.28 };

describeEachEngine('incident statistics API', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  const ids: Record<'exact' | 'withheld' | 'unpublished', string> = {
    exact: '',
    withheld: '',
    unpublished: '',
  };

  beforeAll(async () => {
    await importSnapshot(h.services, TEST_SYSTEM, { text: SNAPSHOT, date: '2025-03-01', source: 'test' });
    const file = async (disclosure: 'exact' | 'withheld') => {
      const created = await api.post<IncidentDetail>(
        '/api/v1/incidents',
        incidentInput({
          occurredAt: '2025-03-27T02:00:00+02:00',
          location: POKROVSK,
          disclosure: { location: disclosure },
        }),
      );
      expect(created.status).toBe(201);
      return created.body.id;
    };
    ids.exact = await file('exact');
    ids.withheld = await file('withheld');
    ids.unpublished = await file('exact');
    // Published as if their findings had been: what matters here is what each reader may list.
    await h.services.db.kysely
      .updateTable('incidents')
      .set({ published_at: '2025-05-01T00:00:00.000Z' })
      .where('id', 'in', [ids.exact, ids.withheld])
      .execute();
  });

  const total = async (query: string, headers?: Record<string, string>) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/incidents?limit=1&${query}`,
      headers: headers ?? {},
    });
    return res.json<IncidentPage>().total;
  };
  const stats = async (query = '', headers?: Record<string, string>) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/v1/stats?${query}`, headers: headers ?? {} });
    expect(res.statusCode).toBe(200);
    return res.json<Stats>();
  };

  it('counts for the public only the published incidents the public list shows', async () => {
    const publicStats = await stats();
    const staffStats = await stats('', h.auth);
    expect(publicStats.total).toBe(await total(''));
    expect(staffStats.total).toBe(await total('', h.auth));
    expect(publicStats.total).toBeLessThan(staffStats.total);
    expect(await total('status=unpublished', h.auth)).toBe(staffStats.total - publicStats.total);
  });

  it('counts by verdict per agreement exactly as the list filters them, for the public and the staff', async () => {
    for (const headers of [undefined, h.auth]) {
      const { byAgreement } = await stats('', headers);
      const moratorium = byAgreement.find((a) => a.agreement.slug === MORATORIUM);
      expect(moratorium).toBeDefined();
      for (const verdict of VERDICTS)
        expect(moratorium?.verdicts[verdict], verdict).toBe(
          await total(`agreement=${MORATORIUM}&verdict=${verdict}`, headers),
        );
      expect(moratorium?.total).toBe(await total(`agreement=${MORATORIUM}`, headers));
    }
  });

  it('counts by alleged perpetrator as the list filters them, and the verdicts of each add up', async () => {
    const { byParty, total: all } = await stats('', h.auth);
    expect(byParty.reduce((sum, p) => sum + p.total, 0)).toBe(all);
    for (const row of byParty) {
      if (row.party !== null) expect(row.total, row.party).toBe(await total(`party=${row.party}`, h.auth));
      expect(Object.values(row.verdicts).reduce((a, b) => a + b, 0)).toBe(row.total);
    }
  });

  it('counts by week, each keyed by its Monday, oldest first, adding up to the total', async () => {
    const { byWeek, total: all } = await stats('', h.auth);
    expect(byWeek.length).toBeGreaterThan(1);
    for (const { week } of byWeek) expect(new Date(`${week}T00:00:00Z`).getUTCDay(), week).toBe(1);
    expect(byWeek.map((w) => w.week)).toEqual(byWeek.map((w) => w.week).sort());
    expect(byWeek.reduce((sum, w) => sum + w.total, 0)).toBe(all);
    // The incidents filed above, on Thursday 27 March 2025, are in the week of Monday 24 March.
    const week = byWeek.find((w) => w.week === '2025-03-24');
    expect(week?.total).toBe(await total('from=2025-03-24&to=2025-03-30', h.auth));
  });

  it('takes verdicts against one agreement when asked, counting only incidents screened against it', async () => {
    const one = await stats(`agreement=${MORATORIUM}`);
    expect(one.byAgreement.map((a) => a.agreement.slug)).toEqual([MORATORIUM]);
    expect(one.total).toBe(one.byAgreement[0]?.total);
    for (const week of one.byWeek) expect(week.verdicts.none).toBe(0);
    const covered = one.byParty.reduce((sum, p) => sum + p.verdicts.covered, 0);
    expect(covered).toBe(await total(`agreement=${MORATORIUM}&verdict=covered`));
  });

  it('shows the staff a withheld location’s sector and oblast, and counts it under neither for the public', async () => {
    const sector = (s: Stats, key: string | null) =>
      s.bySector.find((r) => (r.sector?.key ?? null) === key)?.total ?? 0;
    const oblast = (s: Stats, code: string | null) =>
      s.byOblast.find((r) => (r.oblast?.code ?? null) === code)?.total ?? 0;
    const staff = await stats('', h.auth);
    const published = await stats();
    for (const [counts, headers] of [
      [staff, h.auth],
      [published, undefined],
    ] as const) {
      expect(sector(counts, 'donetsk-north')).toBe(await total('sector=donetsk-north', headers));
      expect(oblast(counts, 'UA-14')).toBe(await total('oblast=UA-14', headers));
    }
    // The staff count the withheld and the unpublished incident there; the public neither.
    expect(sector(staff, 'donetsk-north') - sector(published, 'donetsk-north')).toBe(2);
    expect(oblast(staff, 'UA-14') - oblast(published, 'UA-14')).toBe(2);
    expect(staff.byOblast.find((r) => r.oblast?.code === 'UA-14')?.oblast?.name).toBe('Donetsk');
    expect(staff.bySector.find((r) => r.sector?.key === 'donetsk-north')?.sector?.name).toBe('Donetsk north');

    // The list's filters follow the same rule.
    const listed = async (query: string, headers?: Record<string, string>) => {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/incidents?${query}`,
        headers: headers ?? {},
      });
      return res
        .json<IncidentPage>()
        .items.map((i) => i.id)
        .sort();
    };
    const mine = (list: string[]) => list.filter((id) => Object.values(ids).includes(id));
    expect(mine(await listed('sector=donetsk-north&limit=500'))).toEqual([ids.exact]);
    expect(mine(await listed('oblast=UA-14&limit=500'))).toEqual([ids.exact]);
    expect(mine(await listed('sector=donetsk-north&limit=500', h.auth))).toEqual(Object.values(ids).sort());
    expect(mine(await listed('oblast=UA-14&status=published&limit=500', h.auth))).toEqual(
      [ids.exact, ids.withheld].sort(),
    );
  });

  it('gives a liaison the counts of what the liaison may list: published, and unpublished of their party', async () => {
    const { headers } = await actingAs(h, 'liaison', 'UA');
    const liaison = await stats('', headers);
    expect(liaison.total).toBe(await total('', headers));
    // The unpublished incident filed above is alleged by Ukraine, so a Ukrainian liaison counts it.
    expect(liaison.total).toBe((await stats()).total + (await total('status=unpublished', headers)));
    expect(await total('status=unpublished', headers)).toBeGreaterThan(0);
  });

  it('refuses bad queries with the field named, and unpublished counts to the public', async () => {
    const get = (query: string) => api.getPublic<ErrorReply>(`/api/v1/stats?${query}`);
    const badOblast = await get('oblast=UA-99');
    expect(badOblast.status).toBe(400);
    expect(badOblast.body.error.details.issues?.[0]?.path).toBe('query.oblast');
    const badDate = await get('from=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.issues?.[0]?.path).toBe('query.from');
    const unknownKey = await get('verdict=covered');
    expect(unknownKey.status).toBe(400);
    expect((await get('agreement=no-such-agreement')).body.error.code).toBe('AGREEMENT_NOT_FOUND');
    const sector = await get('sector=no-such-sector');
    expect(sector.status).toBe(404);
    expect(sector.body.error.code).toBe('SECTOR_NOT_FOUND');
    const unpublished = await get('status=unpublished');
    expect(unpublished.status).toBe(401);
    const analyst = await actingAs(h, 'analyst');
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/stats?status=unpublished',
      headers: analyst.headers,
    });
    expect(res.statusCode).toBe(200);
  });
});
