// Starting the server: open the database, migrate, optionally load the demo, listen, and close cleanly.

import { migrateToLatest, openDatabase } from '../db/engine.js';
import { ensureSigningKey, writeCheckpoint } from '../services/checkpoints.js';
import { createServices } from '../services/context.js';
import { demoLoaded, loadDemo } from '../services/demo.js';
import { evidenceStore } from '../services/evidence.js';
import { startWebhookWorker } from '../services/webhook-delivery.js';
import { buildApp } from './app.js';
import type { Config } from './config.js';

/** A running server signs a checkpoint when this many audit events are newer than the last one... */
const CHECKPOINT_EVERY_EVENTS = 100;
/** ...checking this often. `truceline audit checkpoint` signs one on demand. */
const CHECKPOINT_CHECK_MS = 60_000;

export interface ServeOptions {
  /** Load the demo scenario when this database has never had it. */
  readonly demo: boolean;
}

/** Runs the server until SIGINT or SIGTERM; resolves with the address it listens on. */
export async function serve(config: Config, options: ServeOptions): Promise<string> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const services = createServices(db, { files: evidenceStore(config.dataDir, config.maxUploadBytes) });
  // The checkpoint signing key is created on the first start, so its public half can be published at once.
  await ensureSigningKey(services);
  if (options.demo && !(await demoLoaded(services))) {
    const report = await loadDemo(services);
    console.log(
      `Loaded the March 2025 demo: ${report.agreements} agreements, ${report.incidents} incidents.`,
    );
  }
  const app = await buildApp({
    services,
    logLevel: config.logLevel,
    correctionRateLimit: { max: config.correctionsPerHour, windowMs: 3_600_000 },
    responseCache: config.responseCacheBytes > 0 ? { maxBytes: config.responseCacheBytes } : false,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.database.engine === 'sqlite' ? config.database.file : 'PostgreSQL';
  console.log(`Truceline is serving http://localhost:${config.port} (database: ${where})`);
  const checkpoints = setInterval(() => {
    writeCheckpoint(services, CHECKPOINT_EVERY_EVENTS).catch((error: unknown) => {
      app.log.error({ err: error }, 'writing an audit checkpoint failed');
    });
  }, CHECKPOINT_CHECK_MS);
  checkpoints.unref();
  // Webhook deliveries queued by any server on this database, including those a stopped one left unsent.
  const webhooks = startWebhookWorker(services, {
    pollMs: config.webhookPollMs,
    timeoutMs: config.webhookTimeoutMs,
    onError: (error) => {
      app.log.error({ err: error }, 'delivering webhooks failed');
    },
  });
  const stop = () => {
    clearInterval(checkpoints);
    void webhooks
      .stop()
      .then(() => app.close())
      .then(() => db.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return address;
}
