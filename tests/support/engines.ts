// Every data-access suite runs on each engine: SQLite always, PostgreSQL when a server is configured
// (TRUCELINE_TEST_PG or DATABASE_URL, an account that may create databases). Under CI=true both must run.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { migrateToLatest, openDatabase, type Db, type Engine } from '../../src/db/engine.js';

const pgAdminUrl = process.env['TRUCELINE_TEST_PG'] ?? process.env['DATABASE_URL'];
const inCi = process.env['CI'] === 'true';

if (!pgAdminUrl && inCi) {
  throw new Error(
    'CI=true but no PostgreSQL is configured: set TRUCELINE_TEST_PG (or DATABASE_URL) to a postgres:// URL.',
  );
}

export interface TestDatabase {
  readonly db: Db;
  /** The PostgreSQL connection URL, so a test can open a second pool on the same database. */
  readonly url?: string;
  /** The SQLite file, so a test can open a second connection to it. */
  readonly file?: string;
  /** Drops the database (PostgreSQL) or deletes the file (SQLite). */
  dispose(): Promise<void>;
}

/** A fresh database of the given engine, private to the caller; migrated unless `migrate: false`. */
export async function freshDatabase(
  engine: Engine,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-test-'));
    const file = join(dir, 'test.db');
    const db = openDatabase({ engine: 'sqlite', file });
    if (migrate) await migrateToLatest(db);
    return {
      db,
      file,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!pgAdminUrl) throw new Error('PostgreSQL is not configured');
  const name = `truceline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ engine: 'postgres', url: url.toString() });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: pgAdminUrl });
      await cleanup.connect();
      // The pool's connections close a moment after it ends; wait for them rather than cut them off.
      for (let attempt = 0; ; attempt++) {
        try {
          await cleanup.query(`drop database if exists ${name}`);
          break;
        } catch {
          if (attempt >= 20) {
            await cleanup.query(`drop database if exists ${name} with (force)`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await cleanup.end();
    },
  };
}

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

let warned = false;

/** `describe` once per engine; PostgreSQL is skipped, with the reason printed, when no server is configured. */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    if (engine === 'postgres' && !pgAdminUrl) {
      if (!warned) {
        console.warn(
          'PostgreSQL suites skipped: set TRUCELINE_TEST_PG=postgres://... to run them (CI requires them).',
        );
        warned = true;
      }
      describe.skip(`${title} [postgres: skipped, no TRUCELINE_TEST_PG]`, () => {
        body(engine);
      });
      continue;
    }
    describe(`${title} [${engine}]`, () => {
      body(engine);
    });
  }
}
