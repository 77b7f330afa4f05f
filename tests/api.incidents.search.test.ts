// GET /api/v1/incidents on every engine: each filter, paging and the total, over incidents of our own in May
// 2016 (clear of the demo), screened against an agreement of our own that protects infrastructure only.

import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, provisionInput, readoutInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { type AgreementDetail, client, type IncidentDetail, type IncidentPage } from './support/requests.js';

const MAY_2016 = 'from=2016-05-01&to=2016-05-31';

describeEachEngine('searching incidents', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  const agreement = agreementInput({
    readouts: [
      readoutInput({
        window: { start: { at: '2016-05-01T00:00:00Z' }, durationDays: 30 },
        provisions: [provisionInput({ targets: ['infrastructure'] })],
      }),
    ],
  });
  let agreementId = '';
  /** Refs by name, oldest first. */
  const refs = { substation: '', rail: '', housing: '' };

  beforeAll(async () => {
    agreementId = (await api.post<AgreementDetail>('/api/v1/agreements', agreement)).body.id;
    const seeds = {
      substation: incidentInput({
        occurredAt: '2016-05-10T10:00:00Z',
        target: 'infrastructure.energy.substation',
      }),
      rail: incidentInput({
        occurredAt: '2016-05-11T23:30:00Z',
        target: 'infrastructure.transport.rail',
        perpetrator: 'UA',
        allegations: [],
      }),
      housing: incidentInput({ occurredAt: '2016-05-12T00:30:00Z', target: 'civilian.residential' }),
    };
    for (const [name, seed] of Object.entries(seeds)) {
      const res = await api.post<IncidentDetail>('/api/v1/incidents', seed);
      expect(res.status).toBe(201);
      refs[name as keyof typeof refs] = res.body.ref ?? '';
    }
  });

  async function search(query: string) {
    const res = await api.get<IncidentPage>(`/api/v1/incidents?${query}`);
    expect(res.status).toBe(200);
    return { refs: res.body.items.map((i) => i.ref), total: res.body.total, body: res.body };
  }

  it('lists newest first with the total, limit and offset', async () => {
    const page = await search(MAY_2016);
    expect(page.refs).toEqual([refs.housing, refs.rail, refs.substation]);
    expect(page.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
  });

  it('pages with limit and offset, the total staying the whole match', async () => {
    const first = await search(`${MAY_2016}&limit=2`);
    expect(first.refs).toEqual([refs.housing, refs.rail]);
    expect(first.total).toBe(3);
    const second = await search(`${MAY_2016}&limit=2&offset=2`);
    expect(second.refs).toEqual([refs.substation]);
    expect(second.total).toBe(3);
  });

  it('gives an empty page past the end, with the total', async () => {
    const page = await search(`${MAY_2016}&offset=10`);
    expect(page.refs).toEqual([]);
    expect(page.total).toBe(3);
  });

  it('filters by the agreement an incident was screened against, by slug', async () => {
    const page = await search(`agreement=${agreement.slug}`);
    expect(page.refs.sort()).toEqual([refs.housing, refs.rail, refs.substation].sort());
  });

  it('filters by the agreement by id, too', async () => {
    const page = await search(`agreement=${agreementId}`);
    expect(page.total).toBe(3);
  });

  it('filters by verdict against the agreement', async () => {
    expect((await search(`agreement=${agreement.slug}&verdict=covered`)).refs).toEqual([
      refs.rail,
      refs.substation,
    ]);
    expect((await search(`agreement=${agreement.slug}&verdict=not-covered`)).refs).toEqual([refs.housing]);
    expect((await search(`agreement=${agreement.slug}&verdict=contested`)).total).toBe(0);
  });

  it('filters by verdict against any agreement', async () => {
    const page = await search(`verdict=not-covered&${MAY_2016}`);
    expect(page.refs).toEqual([refs.housing]);
  });

  it('filters by alleged perpetrator', async () => {
    expect((await search(`party=UA&${MAY_2016}`)).refs).toEqual([refs.rail]);
    expect((await search(`party=RU&${MAY_2016}`)).refs).toEqual([refs.housing, refs.substation]);
  });

  it('reads a date in `to` as the whole of that day', async () => {
    expect((await search('from=2016-05-01&to=2016-05-11')).refs).toEqual([refs.rail, refs.substation]);
  });

  it('reads a time in `to` as that instant', async () => {
    expect((await search('from=2016-05-01&to=2016-05-11T12:00:00Z')).refs).toEqual([refs.substation]);
  });

  it('reads `from` inclusively', async () => {
    expect((await search('from=2016-05-12&to=2016-05-31')).refs).toEqual([refs.housing]);
    expect((await search('from=2016-05-10T10:00:00Z&to=2016-05-10')).refs).toEqual([refs.substation]);
  });

  it('compares times in UTC whatever offset a bound is written in', async () => {
    // 02:30 on 12 May in Kyiv (+03:00) is 23:30 on 11 May in UTC: the rail incident's instant.
    expect((await search('from=2016-05-12T02:30:00%2B03:00&to=2016-05-12T02:30:00%2B03:00')).refs).toEqual(
      [],
    );
    expect((await search('from=2016-05-12T02:30:00%2B03:00&to=2016-05-31')).refs).toEqual([
      refs.housing,
      refs.rail,
    ]);
  });

  it('filters by target, including the codes below it', async () => {
    expect((await search(`target=infrastructure&${MAY_2016}`)).refs).toEqual([refs.rail, refs.substation]);
    expect((await search(`target=infrastructure.energy&${MAY_2016}`)).refs).toEqual([refs.substation]);
    expect((await search(`target=civilian.residential&${MAY_2016}`)).refs).toEqual([refs.housing]);
  });

  it('combines filters', async () => {
    const page = await search(
      `agreement=${agreement.slug}&verdict=covered&party=RU&target=infrastructure.energy`,
    );
    expect(page.refs).toEqual([refs.substation]);
  });

  it('lists each incident with its screening', async () => {
    const page = await search(`${MAY_2016}&limit=1`);
    expect(page.body.items[0]?.screening.map((s) => s.agreement.slug)).toEqual([agreement.slug]);
    expect(page.body.items[0]?.screening[0]?.readouts[0]?.result).toBe('not-covered');
  });
});
