// A write that waits too long for another writer's lock (a CLI import's batch, a restore, a stuck session) gets
// 503 BUSY with Retry-After and changes nothing; sent again once the lock is free, it goes through. An import
// waits such a lock out by itself.

import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db, type Engine } from '../src/db/engine.js';
import { buildApp } from '../src/server/app.js';
import { IMPORT_PARTIES, type RowResult } from '../src/io/rows.js';
import { createServices } from '../src/services/context.js';
import { importIncidents } from '../src/services/imports.js';
import { loadDemo } from '../src/services/demo.js';
import { createToken } from '../src/services/tokens.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import type { Harness } from './support/harness.js';
import { storedCounts } from './support/requests.js';

/** Another process holding the write lock; release() lets it go. */
interface Holder {
  release(): Promise<void>;
}

async function holdWriteLock(engine: Engine, database: TestDatabase): Promise<Holder> {
  if (engine === 'sqlite') {
    const other = new BetterSqlite3(database.file ?? '');
    other.exec('begin immediate');
    return {
      release: () => {
        other.exec('rollback');
        other.close();
        return Promise.resolve();
      },
    };
  }
  const other = new pg.Client({ connectionString: database.url });
  await other.connect();
  // Every write serialises on the audit head (the hash chain's end): holding its row holds every writer back.
  await other.query('begin');
  await other.query('select seq from audit_head where id = 1 for update');
  return {
    release: async () => {
      await other.query('rollback');
      await other.end();
    },
  };
}

/** A second pool on the test database, waiting `lockWaitMs` for a lock rather than the default five seconds. */
function openWaiting(engine: Engine, database: TestDatabase, lockWaitMs: number): Db {
  return openDatabase(
    engine === 'sqlite'
      ? { engine: 'sqlite', file: database.file ?? '' }
      : { engine: 'postgres', url: database.url ?? '' },
    { lockWaitMs },
  );
}

describeEachEngine('a write held back by another writer', (engine) => {
  let database: TestDatabase;
  let db: Db;
  const h = {} as Harness;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await loadDemo(createServices(database.db));
    // The server's own pool, waiting a fifth of a second for a lock.
    db = openWaiting(engine, database, 200);
    h.services = createServices(db);
    h.app = await buildApp({ services: h.services });
    const { secret } = await createToken(h.services, { kind: 'system', name: 'test' }, 'test-admin');
    h.token = secret;
    h.auth = { authorization: `Bearer ${secret}` };
  });
  afterAll(async () => {
    await h.app.close();
    await db.close();
    await database.dispose();
  });

  it('answers 503 BUSY with Retry-After, writes nothing, and takes the same request once the lock is free', async () => {
    const body = incidentInput();
    const before = await storedCounts(h);
    const holder = await holdWriteLock(engine, database);
    let busy;
    try {
      busy = await h.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: h.auth, payload: body });
    } finally {
      await holder.release();
    }
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.json<{ error: { code: string } }>().error.code).toBe('BUSY');
    expect(await storedCounts(h)).toEqual(before);

    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: h.auth,
      payload: body,
    });
    expect(again.statusCode).toBe(201);
    const after = await storedCounts(h);
    expect(after.incidents).toBe(before.incidents + 1);
    expect(after.auditEvents).toBeGreaterThan(before.auditEvents);
  });
});

describeEachEngine('an import beside another writer', (engine) => {
  it('waits out a lock held for longer than one write waits, and writes every row', async () => {
    const database = await freshDatabase(engine);
    const db = openWaiting(engine, database, 100);
    try {
      async function* rows(): AsyncGenerator<RowResult> {
        for (let i = 1; i <= 4; i++) {
          yield await Promise.resolve({
            ok: true as const,
            line: i + 1,
            value: { ref: `held:${i}`, occurredAt: '2025-03-20', title: `Shelling ${i}`, perpetrator: 'RU' },
          });
        }
      }
      const holder = await holdWriteLock(engine, database);
      // Held for three lock waits: the first batch finds the database busy and is sent again until it is free.
      const released = new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          holder.release().then(resolve, reject);
        }, 300);
      });
      const report = await importIncidents(
        createServices(db),
        { kind: 'system', name: 'import-test' },
        rows(),
        {
          parties: [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA],
          batchSize: 2,
        },
      );
      await released;
      expect(report).toMatchObject({ rows: 4, accepted: 4, rejected: [] });
      const stored = await db.kysely.selectFrom('incidents').select('ref').orderBy('ref').execute();
      expect(stored.map((r) => r.ref)).toEqual(['held:1', 'held:2', 'held:3', 'held:4']);
    } finally {
      await db.close();
      await database.dispose();
    }
  });
});
