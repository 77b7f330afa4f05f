// Crash safety of `truceline import acled`: the real CLI imports two thousand generated rows (bench/acled-rows.ts)
// in batches and is killed with SIGKILL at random points after it has acknowledged at least one batch. After
// each kill: every acknowledged batch is stored, no batch is half-written (the count is a whole number of
// batches), the audit chain verifies; a final run completes to exactly N incidents, one per ref.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeAcledRows } from '../bench/acled-rows.js';
import { type DatabaseTarget, type Engine, openDatabase } from '../src/db/engine.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { createServices } from '../src/services/context.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';

const N = 2000;
const BATCH = 100;
const KILLS = 2;
const dir = mkdtempSync(join(tmpdir(), 'truceline-import-crash-'));
const csv = join(dir, 'acled.csv');

beforeAll(async () => {
  await writeAcledRows(csv, N, 17);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const COMMITTED = /^Committed: (\d+) rows, (\d+) accepted, (\d+) already present, (\d+) rejected$/;

interface Run {
  /** The accepted count of the last batch the process acknowledged (over every run so far: see `before`). */
  readonly acknowledged: number;
  readonly killed: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the import as a child process. With `killAfterMs`, sends SIGKILL that long after the first acknowledged
 * batch that stored rows, unless the process has exited by then.
 */
function runImport(env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'import',
        'acled',
        csv,
        '--batch-size',
        String(BATCH),
        '--log-batches',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let acknowledged = 0;
    let killed = false;
    let stdout = '';
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = COMMITTED.exec(line);
        if (!m) continue;
        // Read before the kill is sent: a line the process printed is a batch it had committed. The kill is
        // armed by the first batch that stored something (a re-run first skips what is there).
        const first = acknowledged === 0 && Number(m[2]) > 0;
        acknowledged = Number(m[2]);
        if (first && killAfterMs !== null) {
          setTimeout(() => {
            killed = child.exitCode === null && child.kill('SIGKILL');
          }, killAfterMs);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ acknowledged, killed, code, stdout, stderr });
    });
  });
}

describeEachEngine('an interrupted ACLED import', (engine: Engine) => {
  let database: TestDatabase | null = null;
  let target: DatabaseTarget;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { DATABASE_URL: _url, TRUCELINE_DB: _file, ...rest } = process.env;
    if (engine === 'sqlite') {
      target = { engine, file: join(dir, 'crash.db') };
      env = { ...rest, TRUCELINE_DB: target.file, TRUCELINE_DATA_DIR: dir };
    } else {
      database = await freshDatabase(engine, { migrate: false });
      await database.db.close();
      target = { engine, url: database.url ?? '' };
      env = { ...rest, DATABASE_URL: database.url, TRUCELINE_DATA_DIR: dir };
    }
  });
  afterAll(async () => {
    await database?.dispose().catch(() => undefined);
  });

  /** Incidents, distinct refs, and whether the audit chain verifies, read after a run. */
  async function stored(): Promise<{ incidents: number; refs: number; auditOk: boolean }> {
    const db = openDatabase(target);
    try {
      const counts = await db.kysely
        .selectFrom('incidents')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.count<number | string>('ref').distinct().as('refs'),
        ])
        .executeTakeFirstOrThrow();
      const audit = await verifyAudit(createServices(db));
      return { incidents: Number(counts.n), refs: Number(counts.refs), auditOk: audit.ok };
    } finally {
      await db.close();
    }
  }

  it('keeps every acknowledged batch, never half a batch, and a re-run completes without duplicates', async () => {
    let acknowledged = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const before = acknowledged;
      const run = await runImport(env, Math.floor(Math.random() * 400));
      const after = await stored();
      expect(run.acknowledged, `the run acknowledged a batch: ${run.stderr}`).toBeGreaterThan(0);
      acknowledged = before + run.acknowledged;
      expect(after.incidents).toBeGreaterThanOrEqual(acknowledged);
      expect(after.incidents === N || after.incidents % BATCH === 0, `${after.incidents} incidents`).toBe(
        true,
      );
      expect(after.refs).toBe(after.incidents);
      expect(after.auditOk).toBe(true);
      acknowledged = after.incidents;
      if (!run.killed) break;
    }
    const last = await runImport(env, null);
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`${N} rows, \\d+ accepted, \\d+ already present, 0 rejected\\.`));
    const done = await stored();
    expect(done).toEqual({ incidents: N, refs: N, auditOk: true });
    const again = await runImport(env, null);
    expect(again.stdout).toContain(`${N} rows, 0 accepted, ${N} already present, 0 rejected.`);
    expect((await stored()).incidents).toBe(N);
  }, 60_000);
});
