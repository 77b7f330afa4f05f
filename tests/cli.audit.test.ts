// `truceline audit verify` as a child process on a temporary SQLite file: 0 on a clean log, 1 after tampering.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-audit-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function truceline(
  args: readonly string[],
  file: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

it('verifies a clean log with exit 0, and names a tampered incident with exit 1', async () => {
  const file = join(dir, 'audit.db');
  expect((await truceline(['demo', 'load'], file)).code).toBe(0);
  const checkpoint = await truceline(['audit', 'checkpoint'], file);
  expect(checkpoint.code).toBe(0);
  expect(checkpoint.stdout).toMatch(/^Checkpoint signed: tree size \d+/);
  const clean = await truceline(['audit', 'verify'], file);
  expect(clean.code).toBe(0);
  expect(clean.stdout).toMatch(/^Audit log verified: \d+ events/);

  const db = openDatabase({ engine: 'sqlite', file });
  const row = await db.kysely.selectFrom('incidents').select('id').limit(1).executeTakeFirstOrThrow();
  await sql`update incidents set title = 'Quietly rewritten' where id = ${row.id}`.execute(db.kysely);
  await db.close();

  const tampered = await truceline(['audit', 'verify'], file);
  expect(tampered.code).toBe(1);
  expect(tampered.stderr).toContain(`FAIL altered incident ${row.id}`);
}, 60_000);
