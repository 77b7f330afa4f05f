// The incidents list's `sort` and its sector, oblast and status filters on every engine: each order holds over
// the whole list, ties fall back to newest first then id, pages neither overlap nor skip, and bad values are
// refused naming the parameter.

import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { actingAs } from './support/accounts.js';
import { client, type ErrorReply, type IncidentDetail, type IncidentPage } from './support/requests.js';

type Listed = IncidentDetail & {
  finding: { occurrence: string } | null;
  publishedAt?: string | null;
};

const MORATORIUM = 'energy-moratorium-2025-03';
const SEVERITY = ['not-covered', 'unknown', 'contested', 'covered'];
const PROGRESS = ['unfounded', 'unable-to-determine', 'alleged', 'corroborated', 'verified'];

describeEachEngine('incidents list order and filters', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let all: Listed[] = [];

  beforeAll(async () => {
    // Two incidents at the same instant, so that the tiebreak shows.
    for (const title of ['zeta strike at the same time', 'Alpha strike at the same time'])
      await api.post('/api/v1/incidents', incidentInput({ title, occurredAt: '2025-03-30T12:00:00Z' }));
    all = await list('');
  });

  let publishedIds = new Set<string>();
  const isPublished = (i: Listed) => publishedIds.has(i.id);
  beforeAll(async () => {
    // What the public may list: the published incidents.
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/incidents?limit=500' });
    publishedIds = new Set(res.json<IncidentPage>().items.map((i) => i.id));
  });

  async function list(query: string, headers: Record<string, string> = h.auth): Promise<Listed[]> {
    const limit = /(^|&)limit=/.test(query) ? '' : 'limit=500&';
    const res = await h.app.inject({ method: 'GET', url: `/api/v1/incidents?${limit}${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<IncidentPage>().items as Listed[];
  }

  const utc = (i: Listed) => new Date(i.occurredAt).toISOString();
  /** Ties: newest first, then id. */
  const tiebreak = (a: Listed, b: Listed) =>
    utc(b).localeCompare(utc(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('lists newest first by default, ties by id', async () => {
    expect(all.length).toBeGreaterThan(10);
    expect(all.map((i) => i.id)).toEqual([...all].sort(tiebreak).map((i) => i.id));
    expect((await list('sort=-occurredAt')).map((i) => i.id)).toEqual(all.map((i) => i.id));
  });

  it('lists oldest first with sort=occurredAt, ties still by id', async () => {
    const items = await list('sort=occurredAt');
    const expected = [...all].sort((a, b) => utc(a).localeCompare(utc(b)) || (a.id < b.id ? -1 : 1));
    expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
  });

  it('sorts by title whatever the case of the first letter, both ways', async () => {
    const titles = (await list('sort=title')).map((i) => i.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect(titles[0]).toBe('alpha strike at the same time');
    const descending = (await list('sort=-title')).map((i) => i.title.toLowerCase());
    expect(descending).toEqual([...titles].reverse());
  });

  it('sorts by the verdict against the agreement given, most serious first, then newest first', async () => {
    const items = await list(`agreement=${MORATORIUM}&sort=-verdict`);
    const rank = (i: Listed) =>
      SEVERITY.indexOf(i.screening.find((s) => s.agreement.slug === MORATORIUM)?.verdict ?? '');
    expect(items.map(rank)).toEqual(items.map(rank).sort((a, b) => b - a));
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1], items[k]] as [Listed, Listed];
      if (rank(a) === rank(b)) expect(tiebreak(a, b)).toBeLessThan(0);
    }
    // Ascending is the other way round, by rank.
    const ascending = (await list(`agreement=${MORATORIUM}&sort=verdict`)).map(rank);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  });

  it('sorts by the most serious verdict when no agreement is given', async () => {
    const items = await list('sort=-verdict');
    const worst = (i: Listed) => Math.max(-1, ...i.screening.map((s) => SEVERITY.indexOf(s.verdict)));
    expect(items.map(worst)).toEqual(items.map(worst).sort((a, b) => b - a));
  });

  it('sorts by how far verification got, a stored finding or none', async () => {
    const target = all.find((i) => i.finding?.occurrence === 'alleged');
    expect(target).toBeDefined();
    const changed = await api.post(`/api/v1/incidents/${target?.id}/finding/changes`, {
      kind: 'occurrence',
      to: 'corroborated',
      reason: 'Two independent sources.',
    });
    expect(changed.status).toBe(200);
    const items = await list('sort=-occurrence');
    const progress = items.map((i) => PROGRESS.indexOf(i.finding?.occurrence ?? 'alleged'));
    expect(progress).toEqual([...progress].sort((a, b) => b - a));
    expect(items.findIndex((i) => i.id === target?.id)).toBeLessThan(
      items.findIndex((i) => i.finding?.occurrence === 'alleged'),
    );
  });

  it('puts unpublished incidents last whichever way publication is sorted', async () => {
    for (const sort of ['publishedAt', '-publishedAt']) {
      const published = (await list(`sort=${sort}`)).map(
        (i) => i.finding?.occurrence !== undefined && isPublished(i),
      );
      const firstUnpublished = published.indexOf(false);
      expect(firstUnpublished, sort).toBeGreaterThan(0);
      expect(
        published.slice(firstUnpublished).every((p) => !p),
        sort,
      ).toBe(true);
    }
  });

  it('pages through any order without overlap or gaps', async () => {
    for (const sort of ['title', '-verdict', 'occurrence', '-publishedAt']) {
      const whole = (await list(`sort=${sort}`)).map((i) => i.id);
      const paged: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 4)
        paged.push(...(await list(`sort=${sort}&limit=4&offset=${offset}`)).map((i) => i.id));
      expect(paged, sort).toEqual(whole);
    }
  });

  it('filters by publication for staff, and refuses unpublished ones to the public', async () => {
    const unpublished = await list('status=unpublished');
    const published = await list('status=published');
    expect(unpublished.length + published.length).toBe(all.length);
    expect(published.every(isPublished)).toBe(true);
    expect(unpublished.some(isPublished)).toBe(false);
    const refused = await api.getPublic<ErrorReply>('/api/v1/incidents?status=unpublished');
    expect(refused.status).toBe(401);
    const liaison = await actingAs(h, 'liaison', 'UA');
    expect((await list('status=unpublished', liaison.headers)).length).toBeGreaterThan(0);
  });

  it('refuses an unknown order, oblast or sector, naming the parameter', async () => {
    const sort = await api.get<ErrorReply>('/api/v1/incidents?sort=colour');
    expect(sort.status).toBe(400);
    expect(sort.body.error.details.issues?.[0]?.path).toBe('query.sort');
    const oblast = await api.get<ErrorReply>('/api/v1/incidents?oblast=Donetsk');
    expect(oblast.status).toBe(400);
    expect(oblast.body.error.details.issues?.[0]?.path).toBe('query.oblast');
    const sector = await api.get<ErrorReply>('/api/v1/incidents?sector=atlantis');
    expect(sector.status).toBe(404);
    expect(sector.body.error.code).toBe('SECTOR_NOT_FOUND');
  });
});
