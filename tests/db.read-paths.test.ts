// The read paths made fast for large tables, on every engine: the compliance summary's one grouped pass gives
// the counts a plain walk over the listed incidents gives; an OGC page of a box is the same page whichever way the
// box is searched; counts are remembered per question until the data changes, and only then; and (on SQLite,
// whose planner is the one that needs the help) the queries read the indexes made for them.

import { CompiledQuery } from 'kysely';
import { expect, it } from 'vitest';
import type { Verdict } from '../src/core/screening.js';
import {
  filteredIncidents,
  type IncidentFilter,
  listIncidents,
  screeningsFor,
  verdictRank,
} from '../src/db/incidents.js';
import { ogcIncidentPage, ogcMatchedCount, type OgcIncidentQuery } from '../src/db/ogc.js';
import { countIncidents } from '../src/db/stats.js';
import { existingAgreementId } from '../src/services/agreements.js';
import { rememberedCount } from '../src/services/count-memo.js';
import { noteWrite } from '../src/services/data-version.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type IncidentPage } from './support/requests.js';

const SEVERITY: readonly Verdict[] = ['not-covered', 'unknown', 'contested', 'covered'];
const UKRAINE = [22.1, 44.3, 40.3, 52.4] as const;

/** A multiset of rows as sorted JSON, for comparing counts whatever order they come in. */
const bag = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

describeEachEngine('read paths at scale', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  /** The counts by walking the listed incidents one by one: what the grouped pass must equal. */
  async function walked(filter: IncidentFilter) {
    const db = h.services.db.kysely;
    const { items, total } = await listIncidents(db, filter, { limit: 10_000, offset: 0 });
    expect(items).toHaveLength(total);
    const screenings = await screeningsFor(
      db,
      items.map((i) => i.id),
    );
    const tally = new Map<string, number>();
    const bump = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    for (const incident of items) {
      const own = screenings.filter(
        (s) =>
          s.incidentId === incident.id &&
          (filter.agreementId === undefined || s.agreementId === filter.agreementId),
      );
      const verdict = own.reduce<Verdict | null>(
        (worst, s) =>
          worst === null || SEVERITY.indexOf(s.verdict) > SEVERITY.indexOf(worst) ? s.verdict : worst,
        null,
      );
      const hidden = filter.publicGeography === true && incident.disclosure.location === 'withheld';
      bump(JSON.stringify(['party', incident.perpetrator, verdict]));
      bump(JSON.stringify(['day', incident.occurredAt.slice(0, 10), verdict]));
      bump(JSON.stringify(['sector', hidden ? null : (incident.geography?.sector ?? null)]));
      bump(JSON.stringify(['oblast', hidden ? null : (incident.geography?.admin1 ?? null)]));
      for (const s of own) bump(JSON.stringify(['agreement', s.agreementId, s.verdict]));
    }
    return { total, tally };
  }

  it.each([
    ['the public, every agreement', false, true],
    ['the public, one agreement', true, true],
    ['the staff, every agreement', false, false],
    ['the staff, one agreement', true, false],
  ])('counts for the summary in one pass what a walk over the list counts (%s)', async (_, one, isPublic) => {
    const db = h.services.db.kysely;
    const agreementId = one ? await existingAgreementId(db, 'energy-moratorium-2025-03') : undefined;
    const filter: IncidentFilter = {
      agreementId,
      publicGeography: isPublic,
      visibility: isPublic ? { kind: 'published' } : { kind: 'all' },
    };
    const counts = await countIncidents(db, filter);
    const expected = await walked(filter);
    expect(expected.total).toBeGreaterThan(0);
    expect(counts.total).toBe(expected.total);
    const got = new Map<string, number>();
    const put = (key: unknown[], n: number) =>
      got.set(JSON.stringify(key), (got.get(JSON.stringify(key)) ?? 0) + n);
    for (const r of counts.byParty) put(['party', r.key, r.verdict], r.count);
    for (const r of counts.byDay) put(['day', r.key, r.verdict], r.count);
    for (const r of counts.bySector) put(['sector', r.key], r.count);
    for (const r of counts.byOblast) put(['oblast', r.key], r.count);
    for (const r of counts.byAgreement) put(['agreement', r.agreementId, r.verdict], r.count);
    expect(bag([...got])).toEqual(bag([...expected.tally]));
    // Each dimension once per key.
    expect(new Set(counts.bySector.map((r) => r.key)).size).toBe(counts.bySector.length);
    expect(new Set(counts.byDay.map((r) => `${r.key} ${String(r.verdict)}`)).size).toBe(counts.byDay.length);
  });

  it('gives the same OGC page of a box whether it reads in time order or gathers the box from its index', async () => {
    const db = h.services.db.kysely;
    const filter: IncidentFilter = {
      visibility: { kind: 'published' },
      publicGeography: true,
      bbox: UKRAINE,
    };
    const query: OgcIncidentQuery = { filter, limit: 3, offset: 1 };
    const matched = await ogcMatchedCount(db, query);
    expect(matched).toBeGreaterThan(4);
    // The count of the query without its box steers the choice: as many as in the box reads in time order, a
    // great many more gathers the box from the index.
    const steered = (all: number) => (q: OgcIncidentQuery) =>
      Promise.resolve(q.filter.bbox === undefined ? all : matched);
    const inTimeOrder = await ogcIncidentPage(db, query, steered(matched));
    const fromIndex = await ogcIncidentPage(db, query, steered(1e9));
    const expected = await filteredIncidents(db, filter)
      .select(['incidents.id', verdictRank(undefined).as('rank')])
      .orderBy('occurred_utc')
      .orderBy('id')
      .limit(3)
      .offset(1)
      .execute();
    expect(expected).toHaveLength(3);
    for (const page of [inTimeOrder, fromIndex]) {
      expect(page.matched).toBe(matched);
      expect(page.items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
      expect(page.items.map((i) => i.verdict)).toEqual(expected.map((r) => SEVERITY[r.rank - 1] ?? null));
    }
    // Past the end: nothing, and the count still.
    expect(await ogcIncidentPage(db, { ...query, offset: matched })).toEqual({ items: [], matched });
  });

  it('remembers a count per question until the data changes, and keeps no failure', async () => {
    let computed = 0;
    const count = (question: unknown) =>
      rememberedCount(h.services, 'test', question, () => Promise.resolve(++computed));
    expect(await count({ a: 1 })).toBe(1);
    expect(await count({ a: 1 })).toBe(1);
    expect(await count({ a: 2 })).toBe(2);
    noteWrite(h.services);
    expect(await count({ a: 1 })).toBe(3);
    await expect(
      rememberedCount(h.services, 'test', 'failing', () => Promise.reject(new Error('no database'))),
    ).rejects.toThrow('no database');
    expect(await rememberedCount(h.services, 'test', 'failing', () => Promise.resolve(42))).toBe(42);
  });

  it('counts a newly filed incident in the list total and the summary at once', async () => {
    const total = async () => (await api.get<IncidentPage>('/api/v1/incidents?limit=1&offset=3')).body.total;
    const summary = async () => (await api.get<{ total: number }>('/api/v1/stats')).body.total;
    const [listed, summed] = [await total(), await summary()];
    // Asked twice: the second is answered from what was remembered, and agrees.
    expect(await total()).toBe(listed);
    expect(await summary()).toBe(summed);
    const created = await api.post('/api/v1/incidents', incidentInput());
    expect(created.status).toBe(201);
    expect(await total()).toBe(listed + 1);
    expect(await summary()).toBe(summed + 1);
  });

  it.runIf(engine === 'sqlite')(
    'reads the indexes made for the listing, the summary and the OGC pages',
    async () => {
      const db = h.services.db.kysely;
      const plan = async (query: { compile(): CompiledQuery }) => {
        const { sql: text, parameters } = query.compile();
        const result = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
        );
        return result.rows.map((r) => r.detail).join('\n');
      };
      const agreementId = await existingAgreementId(db, 'energy-moratorium-2025-03');
      const filtered: IncidentFilter = {
        agreementId,
        verdict: 'not-covered',
        fromUtc: '2025-03-18T00:00:00.000Z',
        toUtc: '2025-04-01T00:00:00.000Z',
        visibility: { kind: 'published' },
      };
      const page = await plan(
        filteredIncidents(db, filtered)
          .select('incidents.id')
          .orderBy('occurred_utc', 'desc')
          .orderBy('id')
          .limit(50),
      );
      expect(page).toContain('incidents_recent');
      // Either screenings index answers the test alone (which one depends on the table's statistics).
      expect(page).toMatch(/screenings EXISTS USING COVERING INDEX screenings_(agreement|incident)_verdict/);
      expect(page).not.toContain('TEMP B-TREE');
      const counted = await plan(filteredIncidents(db, filtered).select((eb) => eb.fn.countAll().as('n')));
      expect(counted).toContain('COVERING INDEX incidents_recent');
      const ranked = await plan(
        filteredIncidents(db, { visibility: { kind: 'published' } }).select(
          verdictRank(agreementId).as('rank'),
        ),
      );
      expect(ranked).toContain('COVERING INDEX screenings_incident_verdict');
      const box: IncidentFilter = { visibility: { kind: 'published' }, publicGeography: true, bbox: UKRAINE };
      const boxCount = await plan(filteredIncidents(db, box).select((eb) => eb.fn.countAll().as('n')));
      expect(boxCount).toContain('COVERING INDEX incidents_location');
      const byRow = await plan(
        filteredIncidents(db, box, { boxByRow: true })
          .select('incidents.id')
          .orderBy('occurred_utc')
          .orderBy('id')
          .limit(5),
      );
      expect(byRow).toContain('incidents_occurred');
      expect(byRow).not.toContain('incidents_location');
    },
  );
});
