// `verifyAudit` on every engine: a clean log verifies; an incident edited behind the API, a deleted audit row
// and two swapped audit rows are each found and named; proofs from the API verify with the core's functions.

import { hexToBytes } from '@noble/hashes/utils.js';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyConsistency } from '../src/core/merkle.js';
import { CLI_ACTOR } from '../src/cli/context.js';
import { incidentInputSchema } from '../src/core/schemas.js';
import { listAuditEvents } from '../src/db/audit.js';
import { type Engine, openDatabase } from '../src/db/engine.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import {
  allCheckpoints,
  checkInclusion,
  type ConsistencyProof,
  type InclusionProof,
  writeCheckpoint,
} from '../src/services/checkpoints.js';
import { createServices, type Services } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { importSnapshot } from '../src/services/frontline.js';
import { createIncident } from '../src/services/incidents.js';
import { saveParty } from '../src/services/reference.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';

describeEachEngine('audit verify', (engine: Engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  async function demoServices(): Promise<Services> {
    database = await freshDatabase(engine);
    const services = createServices(database.db);
    await loadDemo(services);
    return services;
  }

  it('passes on the demo, with every audited record compared', async () => {
    const services = await demoServices();
    await writeCheckpoint(services);
    const report = await verifyAudit(services);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checkpoints: 1, unchecked: [] });
    const subjects = new Set(
      (await listAuditEvents(services.db.kysely)).map((e) => `${e.subjectType}/${e.subjectId}`),
    );
    expect(report.recordsChecked).toBe(subjects.size);
  });

  it('passes after a front-line import moves incidents, each move audited as incident.relocate', async () => {
    const services = await demoServices();
    const incident = await createIncident(
      services,
      CLI_ACTOR,
      incidentInputSchema.parse(
        incidentInput({ occurredAt: '2025-03-20T10:00:00+02:00', location: { lon: 37.18, lat: 48.28 } }),
      ),
    );
    const line = (lon: number) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'line' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [lon, 47.5],
                [lon, 49.0],
              ],
            },
          },
        ],
      });
    await importSnapshot(services, CLI_ACTOR, { text: line(37.5), date: '2025-03-01', source: 'test' });
    await importSnapshot(services, CLI_ACTOR, { text: line(37.3), date: '2025-03-01', source: 'test' });
    const events = await listAuditEvents(services.db.kysely, incident.incident.id);
    expect(events.map((e) => e.action)).toEqual([
      'incident.create',
      'incident.relocate',
      'incident.relocate',
    ]);
    const report = await verifyAudit(services);
    expect(report.problems).toEqual([]);
  });

  it('names an incident whose row was edited directly in SQL', async () => {
    const services = await demoServices();
    const row = await services.db.kysely
      .selectFrom('incidents')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update incidents set title = ${'Quietly rewritten'} where id = ${row.id}`.execute(
      services.db.kysely,
    );
    const report = await verifyAudit(services);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'record',
        subjectType: 'incident',
        subjectId: row.id,
        state: 'altered',
      }),
    ]);
  });

  it('names an incident whose row was deleted', async () => {
    const services = await demoServices();
    const row = await services.db.kysely
      .selectFrom('incidents')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    // Its allegations and its finding are audited records of their own, gone with it (the finding by cascade).
    const allegations = await services.db.kysely
      .selectFrom('allegations')
      .select('id')
      .where('incident_id', '=', row.id)
      .execute();
    const finding = await services.db.kysely
      .selectFrom('findings')
      .select('incident_id')
      .where('incident_id', '=', row.id)
      .executeTakeFirst();
    await sql`delete from screenings where incident_id = ${row.id}`.execute(services.db.kysely);
    await sql`delete from allegations where incident_id = ${row.id}`.execute(services.db.kysely);
    await sql`delete from incidents where id = ${row.id}`.execute(services.db.kysely);
    const report = await verifyAudit(services);
    const named = report.problems.map((p) =>
      p.kind === 'record' ? [p.subjectType, p.subjectId, p.state] : p,
    );
    expect(named.sort()).toEqual(
      [
        ['incident', row.id, 'deleted'],
        ...allegations.map((a) => ['allegation', a.id, 'deleted']),
        ...(finding ? [['finding', row.id, 'deleted']] : []),
      ].sort(),
    );
  });

  it('finds a deleted audit row, at its seq', async () => {
    const services = await demoServices();
    await writeCheckpoint(services);
    await sql`delete from audit_events where seq = 5`.execute(services.db.kysely);
    const report = await verifyAudit(services);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'chain', seq: 5 });
    expect(report.problems[0]?.message).toContain('event 5 is missing');
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint' }));
  });

  it('finds a checkpoint whose root was rewritten, and says its signature no longer holds', async () => {
    const services = await demoServices();
    const checkpoint = await writeCheckpoint(services);
    await sql`update audit_checkpoints set root_hash = ${'0'.repeat(64)}`.execute(services.db.kysely);
    const report = await verifyAudit(services);
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint', 'checkpoint']);
    expect(report.problems[0]).toMatchObject({ treeSize: checkpoint?.treeSize });
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(
      /no valid signature[\s\S]*signed root 0{64}/,
    );
  });

  it('finds two audit rows whose contents were swapped', async () => {
    const services = await demoServices();
    const db = services.db.kysely;
    const columns = [
      'at',
      'actor',
      'action',
      'subject_type',
      'subject_id',
      'before_digest',
      'after_digest',
      'reason',
      'prev_hash',
      'hash',
    ] as const;
    const [a, b] = await db
      .selectFrom('audit_events')
      .select(columns)
      .where('seq', 'in', [3, 4])
      .orderBy('seq')
      .execute();
    if (!a || !b) throw new Error('the demo has fewer than 4 events');
    // audit_events.hash is unique: park one row on a placeholder hash while the other moves.
    await db
      .updateTable('audit_events')
      .set({ ...b, hash: 'swapping' })
      .where('seq', '=', 3)
      .execute();
    await db.updateTable('audit_events').set(a).where('seq', '=', 4).execute();
    await db.updateTable('audit_events').set({ hash: b.hash }).where('seq', '=', 3).execute();
    const report = await verifyAudit(services);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'chain', seq: 3 });
  });
});

describeEachEngine('audit proofs', (engine: Engine) => {
  const h = useApp(engine, { demo: true });

  it('serves an inclusion proof that verifies against the signed checkpoint', async () => {
    await writeCheckpoint(h.services);
    const key = await h.app.inject({ method: 'GET', url: '/api/v1/audit/key' });
    expect(key.json()).toMatchObject({ algorithm: 'Ed25519' });
    expect(key.body).not.toContain('PRIVATE');
    for (const seq of [1, 2, 7]) {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/audit/proof/${seq}` });
      expect(res.statusCode).toBe(200);
      const proof = res.json<InclusionProof>();
      expect(checkInclusion(proof)).toBe(true);
      expect(checkInclusion({ ...proof, leafIndex: proof.leafIndex + 1 })).toBe(false);
    }
  });

  it('serves a consistency proof between two checkpoints that verifies', async () => {
    await writeCheckpoint(h.services);
    const first = (await allCheckpoints(h.services)).at(-1);
    await saveParty(
      h.services,
      { kind: 'system', name: 'test' },
      { code: 'ZZ', name: 'Test party', kind: 'state' },
    );
    const second = await writeCheckpoint(h.services);
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints' });
    expect(list.statusCode).toBe(200);
    const from = first?.treeSize ?? 0;
    const to = second?.treeSize ?? 0;
    expect(to).toBeGreaterThan(from);
    const res = await h.app.inject({ method: 'GET', url: `/api/v1/audit/consistency?from=${from}&to=${to}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<ConsistencyProof>();
    const ok = verifyConsistency(
      from,
      to,
      hexToBytes(body.from.rootHash),
      hexToBytes(body.to.rootHash),
      body.proof.map(hexToBytes),
    );
    expect(ok).toBe(true);
    expect(
      verifyConsistency(
        from,
        to,
        hexToBytes(body.to.rootHash),
        hexToBytes(body.to.rootHash),
        body.proof.map(hexToBytes),
      ),
    ).toBe(false);
  });

  it('answers 404 for an event no checkpoint covers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/audit/proof/999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'CHECKPOINT_NOT_FOUND' } });
  });
});

const pgConfigured = Boolean(process.env['TRUCELINE_TEST_PG'] ?? process.env['DATABASE_URL']);

describe.runIf(pgConfigured)('audit chain [postgres, two pools]', () => {
  it('stays one linear chain when two pools on one database write at once', async () => {
    const database = await freshDatabase('postgres');
    const second = openDatabase({ engine: 'postgres', url: database.url ?? '' });
    try {
      const writers = [createServices(database.db), createServices(second)];
      await Promise.all(
        writers.map((services, w) =>
          Promise.all(
            Array.from({ length: 15 }, (_, i) =>
              saveParty(services, CLI_ACTOR, { code: `P${w}${i}`, name: `Party ${w}.${i}`, kind: 'state' }),
            ),
          ),
        ),
      );
      const events = await listAuditEvents(database.db.kysely);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const report = await verifyAudit(writers[0] ?? createServices(database.db));
      expect(report.problems).toEqual([]);
      expect(report.events).toBe(30);
    } finally {
      await second.close();
      await database.dispose();
    }
  });
});
