// Imports digest each incident from the row as written instead of reading it back: on each engine, the digest in
// every `incident.create` event equals the digest of the incident as read back from the database afterwards,
// for awkward numbers (long fractions, the 0.1 + 0.2 kind, tiny and large), nulls, JSON columns (counts, effects,
// casualties), times with offsets and precisions, and text with non-ASCII characters and lone surrogates (stored
// as U+FFFD, three on SQLite and one on PostgreSQL, so such rows are read back). Incidents with allegations, which
// are read back too, verify as well; so does the chain.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson, digest, sha256Hex as javascriptSha256 } from '../src/core/audit.js';
import { lonLat } from '../src/core/geo.js';
import type { IncidentId } from '../src/core/model.js';
import type { IncidentDraft, RowResult } from '../src/io/rows.js';
import { IMPORT_PARTIES } from '../src/io/rows.js';
import { listAuditEvents } from '../src/db/audit.js';
import { findIncident, findIncidentIdByRef, findIncidents, insertIncidents } from '../src/db/incidents.js';
import { auditedIncident } from '../src/services/audit.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { inTransaction } from '../src/services/context.js';
import { importIncidents } from '../src/services/imports.js';
import { sha256Hex } from '../src/services/sha256.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

const ACTOR = { kind: 'system', name: 'digest-test' } as const;
const PARTIES = [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA];

async function* rowsOf(drafts: readonly IncidentDraft[]): AsyncGenerator<RowResult> {
  let line = 1;
  for (const value of drafts) yield await Promise.resolve({ ok: true as const, line: ++line, value });
}

/** Hand-picked awkward values, one draft each. */
const AWKWARD: IncidentDraft[] = [
  {
    ref: 'awkward:numbers',
    occurredAt: '2025-03-20T14:05:00+02:00',
    title: 'Numbers that do not round-trip through decimal text naively',
    location: { lon: 30.300000000000004, lat: 46 + 2 / 3 },
    fatalities: 2147483647,
    geoPrecision: 2,
    counts: [
      { what: 'shells', value: 0.1 + 0.2, qualifier: 'about' },
      { what: 'drones', value: 1e-7, qualifier: 'exact' },
      { what: 'rounds', value: 12345678901234.5, qualifier: 'at-least' },
    ],
    effects: [{ description: 'substation hit', affected: 1500 }],
    casualties: { killed: { low: 0, best: 1, high: null }, injured: null },
    act: 'shelling',
    perpetrator: 'RU',
  },
  {
    ref: 'awkward:nulls',
    occurredAt: '2025-03-21',
    title: 'Only what is required',
    location: null,
    fatalities: null,
    perpetrator: null,
  },
  {
    ref: 'awkward:text',
    occurredAt: '2025-03-01',
    timePrecision: 'month',
    title: 'Удар по Херсону — "quoted", back\\slash, tab\tand newline\n, emoji 🛰️',
    notes: 'lone high \uD83D surrogate, lone low \uDC00 too, and a pair \uD83D\uDE00',
    locationName: 'Херсон',
    location: { lon: -0.000001, lat: 89.999999 },
  },
];

describeEachEngine('import digests from the rows as written', (engine) => {
  const h = useApp(engine);

  /** The digest of every imported incident's `incident.create` event, and of the incident as read back. */
  const digests = async (refs: readonly string[]) => {
    const db = h.services.db.kysely;
    return Promise.all(
      refs.map(async (ref) => {
        const id = await findIncidentIdByRef(db, ref);
        if (id === null) throw new Error(`${ref} was not stored`);
        const created = (await listAuditEvents(db, id)).find((e) => e.action === 'incident.create');
        return {
          ref,
          recorded: created?.afterDigest,
          reread: digest(auditedIncident(await findIncident(db, id))),
        };
      }),
    );
  };

  it('records the digest a re-read gives, for awkward numbers, nulls, JSON columns, times and text', async () => {
    const report = await importIncidents(h.services, ACTOR, rowsOf(AWKWARD), { parties: PARTIES });
    expect(report).toMatchObject({ accepted: AWKWARD.length, rejected: [] });
    for (const d of await digests(AWKWARD.map((a) => a.ref ?? ''))) expect(d.recorded, d.ref).toBe(d.reread);
    // The lone surrogates were stored as replacement characters, which is what the recorded digest is of.
    const id = await findIncidentIdByRef(h.services.db.kysely, 'awkward:text');
    const stored = await findIncident(h.services.db.kysely, id ?? '');
    const replaced = engine === 'sqlite' ? '\uFFFD\uFFFD\uFFFD' : '\uFFFD';
    expect(stored?.notes).toBe(
      `lone high ${replaced} surrogate, lone low ${replaced} too, and a pair \uD83D\uDE00`,
    );
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });

  it('records the digest a re-read gives for arbitrary numbers and text', async () => {
    let batch = 0;
    const cell = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      )
      .filter((s) => {
        // Text the schema accepts (trimmed, not empty) and PostgreSQL can store (no NUL).
        return s.trim().length > 0 && !s.includes('\u0000');
      });
    const draft = fc.record({
      title: cell,
      notes: fc.option(cell),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      fatalities: fc.option(fc.nat()),
      count: fc.double({ min: 0, max: 1e15, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(draft, { minLength: 1, maxLength: 4 }), async (values) => {
        batch++;
        const drafts: IncidentDraft[] = values.map((v, i) => ({
          ref: `arbitrary:${batch}:${i}`,
          occurredAt: '2025-03-22T08:30:00Z',
          title: v.title,
          notes: v.notes,
          location: { lon: v.lon, lat: v.lat },
          fatalities: v.fatalities,
          counts: [{ what: 'shells', value: v.count, qualifier: 'exact' }],
        }));
        const report = await importIncidents(h.services, ACTOR, rowsOf(drafts), { parties: PARTIES });
        expect(report.rejected).toEqual([]);
        for (const d of await digests(drafts.map((x) => x.ref ?? '')))
          expect(d.recorded, d.ref).toBe(d.reread);
      }),
      { numRuns: 25 },
    );
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });

  it('returns from insertIncidents what reading the rows back gives, field for field', async () => {
    const db = h.services.db.kysely;
    const templates = await Promise.all(
      ['awkward:numbers', 'awkward:nulls', 'awkward:text'].map(async (ref) =>
        findIncident(db, (await findIncidentIdByRef(db, ref)) ?? ''),
      ),
    );
    const copies = templates.flatMap((t, n) =>
      t === null
        ? []
        : [
            {
              incident: {
                ...t,
                id: h.services.newId() as IncidentId,
                ref: `copy:${n}`,
                location: n === 0 ? lonLat(-0, 1e-300) : t.location,
                geography: {
                  snapshotDate: '2025-03-01',
                  distanceKm: 2 / 3,
                  side: 'occupied',
                  sector: null,
                  admin1: 'Херсонська',
                } as const,
              },
              occurredUtc: '2025-03-20T12:05:00.000Z',
              screenings: [],
              computedAt: '2025-11-25T10:00:00.000Z',
            },
          ],
    );
    expect(copies).toHaveLength(3);
    await inTransaction(h.services, async (trx) => {
      const returned = await insertIncidents(trx, copies);
      const reread = await findIncidents(
        trx,
        copies.map((c) => c.incident.id),
      );
      expect(returned.map((i) => canonicalJson(auditedIncident(i)))).toEqual(
        reread.map((i) => canonicalJson(auditedIncident(i))),
      );
    });
  });

  it('reads back incidents with allegations, whose digests verify as well', async () => {
    const drafts: IncidentDraft[] = [
      {
        ref: 'alleged:1',
        occurredAt: '2025-03-23T03:00:00Z',
        title: 'Drone strike on a substation',
        act: 'drone-strike',
        perpetrator: 'RU',
        allegations: [
          { accuser: 'UA', accused: 'RU', madeAt: '2025-03-23T09:00:00Z', summary: 'Strike on energy' },
          { accuser: 'RU', accused: 'UA', madeAt: '2025-03-23T08:00:00Z', summary: 'Counter-claim' },
        ],
      },
    ];
    const report = await importIncidents(h.services, ACTOR, rowsOf(drafts), { parties: PARTIES });
    expect(report).toMatchObject({ accepted: 1, rejected: [] });
    const [d] = await digests(['alleged:1']);
    expect(d?.recorded).toBe(d?.reread);
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });
});

it('hashes with the platform SHA-256 exactly as with the JavaScript one, lone surrogates included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(sha256Hex(text)).toBe(javascriptSha256(text));
    }),
    { numRuns: 2000 },
  );
  expect(sha256Hex('\uD800')).toBe(javascriptSha256('\uFFFD'));
});
