// The `truceline` command, run as a child process on a temporary SQLite file: help for every command, the
// schema, the demo and tokens, and a configuration mistake reported by name. Kept to a few spawns.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/db/engine.js';
import { migrations } from '../src/db/migrations/index.js';
import { demoAgreements } from '../src/demo/agreements.js';
import { demoIncidents } from '../src/demo/incidents.js';
import { demoParties } from '../src/demo/parties.js';
import { demoSources } from '../src/demo/sources.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/services/context.js';
import { incidentInput } from './support/factories.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A database file of its own for one test. */
function databaseFile(): string {
  files += 1;
  return join(dir, `cli-${files}.db`);
}

/** Runs the CLI from source on `file`; DATABASE_URL is unset unless `env` sets it. */
function truceline(
  args: readonly string[],
  file: string,
  env: Record<string, string> = {},
  input?: string,
): Promise<Run> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

describe.concurrent('truceline --help', () => {
  const cases: [string[], RegExp][] = [
    [[], /Ceasefire terms, incidents and screening[\s\S]*serve[\s\S]*migrate[\s\S]*demo[\s\S]*token/],
    [['serve'], /Run the HTTP API[\s\S]*--demo[\s\S]*--port/],
    [['migrate'], /Bring the database schema up to date/],
    [['demo', 'load'], /Load the demo scenario/],
    [['token', 'create'], /Create an API token[\s\S]*--name <name>[\s\S]*--user <email>[\s\S]*--role <role>/],
  ];
  for (const [command, description] of cases) {
    it(`describes \`truceline ${[...command, '--help'].join(' ')}\` and exits 0`, async () => {
      const run = await truceline([...command, '--help'], databaseFile());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(description);
      expect(run.stdout).toContain(`Usage: truceline ${command.join(' ')}`.trim());
    });
  }
});

describe.concurrent('truceline', () => {
  it('migrates a new database file, and finds it up to date the second time', async () => {
    const file = databaseFile();
    const first = await truceline(['migrate'], file);
    expect(first).toMatchObject({ code: 0, stdout: `Ran ${Object.keys(migrations).length} migration(s).\n` });
    const second = await truceline(['migrate'], file);
    expect(second).toMatchObject({ code: 0, stdout: 'The schema is up to date.\n' });
  });

  it('loads the demo, and writes nothing when loading it again', async () => {
    const file = databaseFile();
    const first = await truceline(['demo', 'load'], file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${demoParties.length} parties, ${demoSources.length} sources, ${demoAgreements.length} agreements, ${demoIncidents.length} incidents written`,
    );
    const second = await truceline(['demo', 'load'], file);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 parties, 0 sources, 0 agreements, 0 incidents written/);
  });

  it('creates a token that authenticates a write through the API on the same database', async () => {
    const file = databaseFile();
    const run = await truceline(['token', 'create', '--name', 'desk officer'], file);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^tl_[A-Za-z0-9_-]{40,}$/);

    const db = openDatabase({ engine: 'sqlite', file });
    try {
      await migrateToLatest(db);
      const app = await buildApp({ services: createServices(db) });
      const write = (authorization: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: { authorization },
          payload: incidentInput({ perpetrator: null, allegations: [] }),
        });
      expect((await write(`Bearer ${token}`)).statusCode).toBe(201);
      expect((await write(`Bearer ${token}x`)).statusCode).toBe(401);
      await app.close();
    } finally {
      await db.close();
    }
  });

  it('adds a user from a password on stdin, printing nothing secret; the user can sign in', async () => {
    const file = databaseFile();
    const password = 'a long enough passphrase';
    const run = await truceline(
      ['user', 'add', 'Monitor@Mission.example', '--role', 'monitor', '--password-stdin'],
      file,
      {},
      `${password}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Added monitor@mission.example (monitor).');
    expect(run.stdout + run.stderr).not.toContain(password);

    const db = openDatabase({ engine: 'sqlite', file });
    try {
      const app = await buildApp({ services: createServices(db) });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'monitor@mission.example', password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { role: 'monitor' } });
      await app.close();
    } finally {
      await db.close();
    }
  });

  it('refuses a token without a name', async () => {
    const run = await truceline(['token', 'create'], databaseFile());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--name');
  });

  it('exits non-zero naming DATABASE_URL when it is not a PostgreSQL URL', async () => {
    const run = await truceline(['migrate'], databaseFile(), {
      DATABASE_URL: 'mysql://root@localhost/truceline',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stdout).toBe('');
  });
});
