// The real server on a loopback port, on a fresh SQLite file in a temporary directory with the demo loaded: for
// the web benchmark and the screenshots (the tests have their own, on every engine, in tests/support).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../src/db/engine.js';
import { buildApp } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/context.js';
import { loadDemo } from '../../src/services/demo.js';

export interface DemoServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startDemoServer(prepare?: (services: Services) => Promise<void>): Promise<DemoServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'truceline-demo-'));
  const db = openDatabase({ engine: 'sqlite', file: path.join(dir, 'truceline.db') });
  await migrateToLatest(db);
  const services = createServices(db);
  await loadDemo(services);
  if (prepare) await prepare(services);
  const app = await buildApp({ services });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
