// Webhooks survive a crash: the real `truceline serve` process is killed with SIGKILL while a receiver holds a
// delivery open, and started again on the same database. Every event still arrives, each delivery id at least
// once, only the interrupted one twice (at least once, never lost), every body exactly as signed. Both engines.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { verifySignature } from '../src/core/webhooks.js';
import { type Db, type DatabaseTarget, migrateToLatest, openDatabase } from '../src/db/engine.js';
import { demoParties } from '../src/demo/parties.js';
import { createServices } from '../src/services/context.js';
import { saveParty } from '../src/services/reference.js';
import { createToken } from '../src/services/tokens.js';
import { TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';
import { agreementInput } from './support/factories.js';
import { startReceiver } from './support/webhook-receiver.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-restart-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Long enough for the test to queue more events and kill the server while the first is held. */
const TIMEOUT_MS = 3_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `truceline serve` from source and resolves once it listens. */
function serve(target: DatabaseTarget, port: number): Promise<ChildProcess> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  const env = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    TRUCELINE_DATA_DIR: dir,
    TRUCELINE_WEBHOOK_POLL_MS: '50',
    TRUCELINE_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    ...(target.engine === 'sqlite' ? { TRUCELINE_DB: target.file } : { DATABASE_URL: target.url }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Truceline is serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)}:\n${output}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGKILL');
  });
}

describeEachEngine('webhooks across a crash of the server', (engine) => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.dispose();
  });

  /** A migrated database with the parties the factories use and an admin token; closed again for the server. */
  async function prepare(): Promise<{ target: DatabaseTarget; db: Db; token: string }> {
    let target: DatabaseTarget;
    let db: Db;
    if (engine === 'sqlite') {
      target = { engine, file: join(dir, 'restart.db') };
      db = openDatabase(target);
      await migrateToLatest(db);
    } else {
      database = await freshDatabase(engine);
      target = { engine, url: database.url ?? '' };
      db = database.db;
    }
    const services = createServices(db);
    for (const party of demoParties) await saveParty(services, TEST_SYSTEM, party);
    const { secret } = await createToken(services, TEST_SYSTEM, 'restart-test');
    return { target, db, token: secret };
  }

  it('delivers every event after a kill -9 mid-delivery, duplicating only the interrupted one', async () => {
    const { target, db, token } = await prepare();
    const receiver = await startReceiver();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as Record<string, unknown>;
    };
    // The receiver answers the first delivery, holds the second open, and answers everything after that.
    receiver.answer('/hook', (n) => (n === 1 ? 'hold' : { status: 200 }));
    let server = await serve(target, port);
    try {
      const hook = await post('/webhooks', { url: receiver.url('/hook'), events: ['agreement.changed'] });
      const secret = String(hook['secret']);
      await post('/agreements', agreementInput());
      await receiver.waitFor('/hook', 1);
      await post('/agreements', agreementInput());
      const [, interrupted] = await receiver.waitFor('/hook', 2);
      // Queued while the worker waits on the held delivery: never sent before the crash.
      for (let i = 0; i < 3; i++) await post('/agreements', agreementInput());
      await killed(server);

      server = await serve(target, port);
      // The held delivery's lease runs out (its timeout and a grace), then it is sent again with the rest.
      const got = await receiver.waitFor('/hook', 6, TIMEOUT_MS + 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.at('/hook').length).toBe(6);

      const rows = await db.kysely
        .selectFrom('webhook_deliveries')
        .select(['id', 'payload', 'state'])
        .orderBy('created_at')
        .execute();
      expect(rows.length).toBe(5);
      expect(rows.every((r) => r.state === 'delivered')).toBe(true);
      const times = new Map<string, number>();
      for (const r of got) times.set(r.delivery, (times.get(r.delivery) ?? 0) + 1);
      expect([...times.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
      expect([...times.entries()].filter(([, n]) => n > 1)).toEqual([[interrupted?.delivery, 2]]);
      for (const r of got) {
        expect(r.body).toBe(rows.find((row) => row.id === r.delivery)?.payload);
        expect(verifySignature({ header: r.signature, body: r.body, secret, now: new Date() }).ok).toBe(true);
      }
    } finally {
      await killed(server);
      await receiver.close();
      if (engine === 'sqlite') await db.close();
    }
  }, 90_000);
});
