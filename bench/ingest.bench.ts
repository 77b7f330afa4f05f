// Import throughput: generated ACLED rows (bench/acled-rows.ts) per second through the path of
// `truceline import acled` (parse, validate, enrich with geography, screen against every agreement, store with
// audit events), into a fresh database holding the demo agreements and a real front-line snapshot, as a ratio to
// a bare better-sqlite3 insert of the same rows, pre-parsed, into the same incidents table in one transaction.
// Run with `npm run bench`; BENCH_N rows (1,000,000 by default), BENCH_PG the PostgreSQL server ("off" skips it).

import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CLI_ACTOR } from '../src/cli/context.js';
import { type DatabaseTarget, migrateToLatest, openDatabase } from '../src/db/engine.js';
import { parseAcled } from '../src/io/acled.js';
import { type IncidentDraft, IMPORT_PARTIES } from '../src/io/rows.js';
import { createServices } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { importSnapshot } from '../src/services/frontline.js';
import { importIncidents } from '../src/services/imports.js';
import { writeAcledRows } from './acled-rows.js';

const N = Number(process.env['BENCH_N'] ?? 1_000_000);
const PG = process.env['BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:55432/postgres';
const SNAPSHOT = path.resolve(
  import.meta.dirname,
  '../../shared/data/frontline/deepstatemap_data_20250301.geojson',
);
/** Rows per transaction in the import (its default unless set). */
const BATCH = process.env['BENCH_BATCH'] === undefined ? undefined : Number(process.env['BENCH_BATCH']);
/** Drafts parsed (untimed) before each timed run of inserts in the baseline. */
const CHUNK = 10_000;

const dir = mkdtempSync(path.join(tmpdir(), 'truceline-ingest-'));
const csv = path.join(dir, 'acled.csv');

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const perSecond = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');

/** Wall-clock and CPU (user + system) seconds; the CPU figure is steadier on a shared, busy machine. */
interface Took {
  wall: number;
  cpu: number;
}

function stopwatch(): () => Took {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: seconds(wall), cpu: (used.user + used.system) / 1e6 };
  };
}

const add = (a: Took, b: Took): Took => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });

/** The incidents row our repository writes for a draft, less what the import derives (geography). */
function baselineRow(draft: IncidentDraft, now: string) {
  const location = draft.location ?? null;
  return {
    id: randomUUID(),
    ref: draft.ref ?? null,
    occurred_at: draft.occurredAt,
    occurred_utc: `${draft.occurredAt}T00:00:00.000Z`,
    time_precision: draft.timePrecision ?? 'day',
    title: draft.title,
    event_type: draft.eventType ?? null,
    sub_event_type: draft.subEventType ?? null,
    actor1: draft.actor1 ?? null,
    actor2: draft.actor2 ?? null,
    country: draft.country ?? null,
    admin1: draft.admin1 ?? null,
    admin2: draft.admin2 ?? null,
    admin3: draft.admin3 ?? null,
    location_name: draft.locationName ?? null,
    lon: location ? location.lon : null,
    lat: location ? location.lat : null,
    geo_precision: draft.geoPrecision ?? null,
    source_text: draft.sourceText ?? null,
    source_scale: draft.sourceScale ?? null,
    notes: draft.notes ?? null,
    fatalities: draft.fatalities ?? null,
    act: draft.act ?? null,
    perpetrator: draft.perpetrator ?? null,
    counts_json: '[]',
    effects_json: '[]',
    casualties_json: '{}',
    reported_by: 'system:cli',
    withhold_reporter: 0,
    location_disclosure: 'exact',
    created_at: now,
    updated_at: now,
  };
}

/** (a) Pre-parsed rows into the migrated incidents table with one prepared statement in one transaction. */
async function baseline(): Promise<Took> {
  const file = path.join(dir, 'baseline.db');
  const db = openDatabase({ engine: 'sqlite', file });
  await migrateToLatest(db);
  await db.close();
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // The parties the rows name as perpetrators, as the import adds them.
  const party = sqlite.prepare('INSERT INTO parties (code, name, kind) VALUES (@code, @name, @kind)');
  for (const p of [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA]) party.run(p);
  const now = new Date().toISOString();
  const columns = Object.keys(baselineRow({ occurredAt: '2025-03-01', title: 'x' }, now));
  const insert = sqlite.prepare(
    `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  let timed: Took = { wall: 0, cpu: 0 };
  let rows = 0;
  let chunk: ReturnType<typeof baselineRow>[] = [];
  const flush = () => {
    const stop = stopwatch();
    for (const row of chunk) insert.run(row);
    timed = add(timed, stop());
    rows += chunk.length;
    chunk = [];
  };
  sqlite.exec('BEGIN');
  for await (const result of parseAcled(createReadStream(csv))) {
    if (!result.ok) throw new Error(`generated row ${result.line} is not valid: ${result.message}`);
    chunk.push(baselineRow(result.value, now));
    if (chunk.length === CHUNK) flush();
  }
  flush();
  const stop = stopwatch();
  sqlite.exec('COMMIT');
  timed = add(timed, stop());
  sqlite.close();
  if (rows !== N) throw new Error(`baseline stored ${rows} rows, not ${N}`);
  return timed;
}

/** (b, c) The import path into a fresh database with the demo and one front-line snapshot; seconds. */
async function importPath(target: DatabaseTarget): Promise<Took> {
  const db = openDatabase(target);
  try {
    await migrateToLatest(db);
    const services = createServices(db);
    await loadDemo(services);
    await importSnapshot(services, CLI_ACTOR, {
      text: readFileSync(SNAPSHOT, 'utf8'),
      date: '2025-03-01',
      source: 'DeepStateMap (bench)',
    });
    const stop = stopwatch();
    const report = await importIncidents(services, CLI_ACTOR, parseAcled(createReadStream(csv)), {
      parties: [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA],
      ...(BATCH === undefined ? {} : { batchSize: BATCH }),
    });
    const took = stop();
    if (report.accepted !== N) {
      throw new Error(
        `the import accepted ${report.accepted} of ${N} rows: ${JSON.stringify(report.rejected[0])}`,
      );
    }
    return took;
  } finally {
    await db.close();
  }
}

/** A fresh PostgreSQL database on the BENCH_PG server for `work`, dropped afterwards. */
async function withFreshPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `truceline_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG);
    url.pathname = `/${name}`;
    try {
      return await work(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    }
  } finally {
    await admin.end();
  }
}

try {
  const generating = process.hrtime.bigint();
  await writeAcledRows(csv, N);
  console.log(
    `ingest: ${N.toLocaleString('en')} generated ACLED rows (${seconds(generating).toFixed(1)} s to write)`,
  );

  const base = await baseline();
  console.log(
    `  (a) bare better-sqlite3 insert, one transaction: ${perSecond(N, base.wall)} rows/s (${perSecond(N, base.cpu)} per CPU-second)`,
  );
  const report = (label: string, took: Took) => {
    console.log(
      `  ${label} ${perSecond(N, took.wall)} rows/s  RATIO ${(base.wall / took.wall).toFixed(3)}  (${perSecond(N, took.cpu)} per CPU-second, RATIO ${(base.cpu / took.cpu).toFixed(3)})`,
    );
  };
  report(
    '(b) import path, SQLite:    ',
    await importPath({ engine: 'sqlite', file: path.join(dir, 'import.db') }),
  );
  if (PG !== 'off') {
    const reachable = await new pg.Client({ connectionString: PG }).connect().then(
      (client) => client.end().then(() => true),
      (error: unknown) => {
        console.log(`  (c) PostgreSQL: no server at ${PG} (${(error as Error).message}); skipped.`);
        return false;
      },
    );
    if (reachable)
      report(
        '(c) import path, PostgreSQL:',
        await withFreshPostgres((url) => importPath({ engine: 'postgres', url })),
      );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
