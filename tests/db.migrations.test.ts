// Migrations on every engine: an empty database migrates to the current schema, a second run does nothing,
// the audit chain starts at its genesis, and a migration that derives data fills it for the rows already there.

import { afterEach, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrateToLatest } from '../src/db/engine.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServices } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';
import { staleVerdictRanks } from './support/verdict-rank.js';

const TABLES = [
  'parties',
  'sources',
  'agreements',
  'readouts',
  'provisions',
  'incidents',
  'allegations',
  'screenings',
  'api_tokens',
  'users',
  'sessions',
  'audit_events',
  'audit_head',
  'meta',
  'allegation_replies',
  'findings',
  'evidence',
  'custody_events',
  'exchanges',
  'exchange_claims',
  'exchange_figures',
  'expert_groups',
  'expert_group_members',
  'expert_group_meetings',
  'expert_group_decisions',
  'expert_group_issues',
  'expert_group_issue_updates',
  'bulletins',
  'bulletin_versions',
  'corrections',
  'webhooks',
  'webhook_deliveries',
  'webhook_attempts',
] as const;

it('names migrations YYYYMMDD-NN-slug', () => {
  for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{8}-\d{2}-[a-z0-9-]+$/);
});

describeEachEngine('migrations', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  async function blank() {
    database = await freshDatabase(engine, { migrate: false });
    return database.db;
  }

  async function tablesPresent(db: TestDatabase['db']): Promise<string[]> {
    const tables = await db.kysely.introspection.getTables();
    return tables.map((t) => t.name).filter((name) => (TABLES as readonly string[]).includes(name));
  }

  it('migrates an empty database, running every migration once, in name order', async () => {
    const db = await blank();
    expect(await tablesPresent(db)).toEqual([]);
    const ran = await migrateToLatest(db);
    expect(ran).toEqual(Object.keys(migrations).sort());
    expect((await tablesPresent(db)).sort()).toEqual([...TABLES].sort());
  });

  it('does nothing when run again', async () => {
    const db = await blank();
    await migrateToLatest(db);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('starts the audit chain at the genesis: seq 0 and a hash of 64 zeros', async () => {
    const db = await blank();
    await migrateToLatest(db);
    const head = await db.kysely.selectFrom('audit_head').selectAll().execute();
    expect(head).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
  });

  it('rolls every migration back to an empty database, and forward again', async () => {
    const db = await blank();
    await migrateToLatest(db);
    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    for (let i = 0; i < Object.keys(migrations).length; i++) {
      const { error } = await migrator.migrateDown();
      expect(error).toBeUndefined();
    }
    expect(await tablesPresent(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).sort());
  });

  it('fills the kept verdict rank of incidents stored before it existed', async () => {
    const db = await blank();
    await migrateToLatest(db);
    await loadDemo(createServices(db));
    const ranks = await db.kysely
      .selectFrom('incidents')
      .select(['id', 'verdict_rank'])
      .orderBy('id')
      .execute();
    // The demo's incidents are of several ranks, so a backfill of one value would not pass.
    expect(new Set(ranks.map((r) => r.verdict_rank)).size).toBeGreaterThan(1);
    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    expect((await migrator.migrateTo('20261201-01-read-indexes')).error).toBeUndefined();
    expect(await migrateToLatest(db)).toEqual(['20261202-01-verdict-rank']);
    expect(
      await db.kysely.selectFrom('incidents').select(['id', 'verdict_rank']).orderBy('id').execute(),
    ).toEqual(ranks);
    expect(await staleVerdictRanks(db.kysely)).toEqual([]);
  });
});
