// Backup and restore throughput on SQLite, as ratios to baselines measured in the same run: reading every row
// and serialising it to JSON (what any backup must do), and inserting the same rows in one transaction (what any
// restore must do). BENCH_N incident rows (default 20,000). Run with `npx tsx bench/backup.bench.ts`.

import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTables, insertRows, readRows } from '../src/db/backup.js';
import { migrateToLatest, openDatabase } from '../src/db/engine.js';
import { restoreBackup, writeBackup } from '../src/services/backup.js';
import { createServices } from '../src/services/context.js';

const N = Number(process.env['BENCH_N'] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'truceline-bench-backup-'));

async function fresh(name: string) {
  const db = openDatabase({ engine: 'sqlite', file: join(dir, `${name}.db`) });
  await migrateToLatest(db);
  return db;
}

function incidentRow(i: number, columns: readonly string[]): unknown[] {
  const at = new Date(Date.UTC(2025, 2, 1) + i * 60_000).toISOString();
  const values: Record<string, unknown> = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    occurred_at: at,
    occurred_utc: at,
    time_precision: 'minute',
    title: `Synthetic incident ${i}: a drone strike on a substation near the line of contact`,
    lon: 30 + (i % 1000) / 100,
    lat: 47 + (i % 500) / 100,
    notes: 'Reported by the regional administration; damage to a transformer, no casualties.',
    counts_json: '{}',
    effects_json: '[]',
    casualties_json: '{}',
    created_at: at,
    updated_at: at,
    withhold_reporter: 0,
    location_disclosure: 'exact',
  };
  return columns.map((c) => values[c] ?? null);
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
}

try {
  const source = await fresh('source');
  const tables = await describeTables(source);
  const incidents = tables.find((t) => t.name === 'incidents');
  if (!incidents) throw new Error('no incidents table');
  const rows = Array.from({ length: N }, (_, i) => incidentRow(i, incidents.columns));
  await source.kysely.transaction().execute((trx) => insertRows(trx, 'incidents', incidents.columns, rows));

  const [readMs] = await timed(async () => {
    let bytes = 0;
    for (const table of tables)
      for await (const batch of readRows(source.kysely, table))
        for (const row of batch) bytes += JSON.stringify(row).length;
    return bytes;
  });
  const file = join(dir, 'backup.ndjson.gz');
  const [backupMs] = await timed(() => writeBackup(createServices(source), createWriteStream(file)));

  const raw = await fresh('raw');
  const [insertMs] = await timed(() =>
    raw.kysely.transaction().execute((trx) => insertRows(trx, 'incidents', incidents.columns, rows)),
  );
  const target = await fresh('target');
  const [restoreMs, report] = await timed(() =>
    restoreBackup(createServices(target), createReadStream(file)),
  );
  if (!report.verification.ok) throw new Error('the restored audit log did not verify');

  const rate = (ms: number) => Math.round((N / ms) * 1000).toLocaleString('en');
  console.log(
    `backup: ${N.toLocaleString('en')} incident rows on SQLite, ${(statSync(file).size / 1e6).toFixed(1)} MB`,
  );
  console.log(`  baseline (read and serialise every row): ${readMs.toFixed(0)} ms  ${rate(readMs)} rows/s`);
  console.log(
    `  backup:                                  ${backupMs.toFixed(0)} ms  ${rate(backupMs)} rows/s`,
  );
  console.log(`  ratio backup/baseline:                   ${(backupMs / readMs).toFixed(2)}x`);
  console.log(
    `  baseline (insert the rows, one transaction): ${insertMs.toFixed(0)} ms  ${rate(insertMs)} rows/s`,
  );
  console.log(
    `  restore (with checks and audit verify):      ${restoreMs.toFixed(0)} ms  ${rate(restoreMs)} rows/s`,
  );
  console.log(`  ratio restore/baseline:                      ${(restoreMs / insertMs).toFixed(2)}x`);
  await Promise.all([source.close(), raw.close(), target.close()]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
