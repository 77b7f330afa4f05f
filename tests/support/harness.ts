// An app on a fresh database, with an admin token, for integration tests through `app.inject()`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Engine } from '../../src/db/engine.js';
import { createFileStore } from '../../src/io/files.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createServices, DEFAULT_MAX_UPLOAD_BYTES, type Services } from '../../src/services/context.js';
import { loadDemo } from '../../src/services/demo.js';
import { createToken } from '../../src/services/tokens.js';
import { freshDatabase, type TestDatabase } from './engines.js';
import { staleVerdictRanks } from './verdict-rank.js';

export interface Harness {
  app: App;
  services: Services;
  token: string;
  /** Headers for a write: JSON and the admin bearer token. */
  auth: Record<string, string>;
}

/**
 * Sets up (in beforeAll) an app on a fresh database of `engine`, optionally with the demo loaded. Evidence files go
 * to a temporary directory (`services.files.root`), removed afterwards; `maxUploadBytes` sets the upload limit.
 */
export function useApp(engine: Engine, options: { demo?: boolean; maxUploadBytes?: number } = {}): Harness {
  const harness = {} as Harness;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    dataDir = mkdtempSync(join(tmpdir(), 'truceline-data-'));
    const files = createFileStore({
      root: join(dataDir, 'evidence'),
      maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    });
    harness.services = createServices(database.db, { files });
    if (options.demo) await loadDemo(harness.services);
    harness.app = await buildApp({ services: harness.services });
    const { secret } = await createToken(harness.services, { kind: 'system', name: 'test' }, 'test-admin');
    harness.token = secret;
    harness.auth = { authorization: `Bearer ${secret}` };
  });
  afterAll(async () => {
    // Whatever the suite wrote, each incident's kept verdict rank still agrees with its screenings.
    if (database) expect(await staleVerdictRanks(database.db.kysely)).toEqual([]);
    await harness.app.close();
    await database?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return harness;
}
