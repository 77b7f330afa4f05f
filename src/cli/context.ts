// What every command shares: the configured database, opened, migrated and closed around its work.

import { migrateToLatest, openDatabase, type Db } from '../db/engine.js';
import type { Actor } from '../core/policy.js';
import { loadConfig } from '../server/config.js';
import { createServices, type Services } from '../services/context.js';
import { evidenceStore } from '../services/evidence.js';

/** The CLI acts as the system: whoever can run it administers this installation. */
export const CLI_ACTOR: Actor = { kind: 'system', name: 'cli' };

/** Opens the configured database for `work` and closes it afterwards. */
export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(loadConfig(process.env).database);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * Opens the configured database, brings its schema up to date and runs `work` with the services on it (and on
 * the configured evidence store).
 */
export function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  return withDatabase(async (db) => {
    await migrateToLatest(db);
    return work(createServices(db, { files: evidenceStore(config.dataDir, config.maxUploadBytes) }));
  });
}
