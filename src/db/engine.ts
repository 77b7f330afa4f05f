// Opens the database: an embedded SQLite file by default, PostgreSQL when given a postgres:// URL.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type MigrationProvider,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string };
export type Engine = DatabaseTarget['engine'];

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

export type Handle = Kysely<Database>;

/** How long a write waits for another writer's lock before it fails with a busy error (see `isBusy`). */
export const LOCK_WAIT_MS = 5000;

export interface OpenOptions {
  /** How long a write waits for another writer's lock; LOCK_WAIT_MS by default. */
  readonly lockWaitMs?: number;
}

/** Opens a connection pool (PostgreSQL) or the file (SQLite, created with its folder when missing). */
export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Db {
  const lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
  if (target.engine === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new BetterSqlite3(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${lockWaitMs}`);
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
  }
  // Integers come back as numbers; counts above 2^53 do not occur in this schema.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  // A lock held too long (a restore, a stuck session) fails a waiting write after lockWaitMs, as on SQLite,
  // instead of holding its request open without end.
  const pool = new pg.Pool({ connectionString: target.url, max: 10, lock_timeout: lockWaitMs });
  // An idle connection can be cut by the server (a restart, an administrator). The pool drops it and opens
  // another when needed; without a listener the 'error' event would end the process.
  pool.on('error', (error) => {
    process.emitWarning(`An idle PostgreSQL connection was closed: ${error.message}`);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: 'postgres', close: () => kysely.destroy() };
}

/**
 * SQLite's plain `begin` takes the write lock only at the first write. When another process (the CLI beside a
 * running server) commits between this transaction's first read and its first write, SQLite cannot wait and
 * answers "database is locked" at once, whatever the busy timeout. `begin immediate` takes the write lock at
 * the start, so a second writer waits its turn (up to the busy timeout). Read-only transactions (a backup's
 * snapshot) stay deferred and never hold writers back.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  // Kysely passes the transaction's settings to every driver; SqliteDriver's declaration leaves them out.
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    if (settings?.accessMode === 'read only') return super.beginTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
