// Writers in separate processes on one SQLite file (a CLI command beside a running server) wait their
// turn instead of failing with "database is locked", and none of their read-then-write updates is lost.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-sqlite-writers-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function count(file: string, times: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'tests/support/sqlite-counter.ts', file, String(times)],
      { timeout: 60_000 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
      },
    );
  });
}

it('serialises read-then-write transactions of four processes on one file: no lock errors, no lost update', async () => {
  const file = join(dir, 'counter.db');
  const db = openDatabase({ engine: 'sqlite', file });
  await sql`create table counter (n integer not null)`.execute(db.kysely);
  await sql`insert into counter (n) values (0)`.execute(db.kysely);

  const processes = 4;
  const times = 200;
  const runs = await Promise.all(Array.from({ length: processes }, () => count(file, times)));
  expect(runs.map((run) => run.stderr.trim())).toEqual(Array.from({ length: processes }, () => ''));
  expect(runs.map((run) => run.code)).toEqual(Array.from({ length: processes }, () => 0));
  const { rows } = await sql<{ n: number }>`select n from counter`.execute(db.kysely);
  expect(rows[0]?.n).toBe(processes * times);
  await db.close();
}, 90_000);

it('keeps a read-only transaction deferred, so a backup snapshot never holds a writer back', async () => {
  const file = join(dir, 'reader.db');
  const reader = openDatabase({ engine: 'sqlite', file });
  const writer = openDatabase({ engine: 'sqlite', file });
  await sql`create table counter (n integer not null)`.execute(writer.kysely);
  await sql`insert into counter (n) values (0)`.execute(writer.kysely);
  await reader.kysely
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const before = await sql<{ n: number }>`select n from counter`.execute(trx);
      // Another connection writes while the snapshot is open: it does not wait, and the snapshot does not see it.
      await sql`update counter set n = 1`.execute(writer.kysely);
      const after = await sql<{ n: number }>`select n from counter`.execute(trx);
      expect([before.rows[0]?.n, after.rows[0]?.n]).toEqual([0, 0]);
    });
  const { rows } = await sql<{ n: number }>`select n from counter`.execute(reader.kysely);
  expect(rows[0]?.n).toBe(1);
  await Promise.all([reader.close(), writer.close()]);
});
