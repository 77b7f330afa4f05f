// The public API under load: a database of BENCH_INCIDENTS published, screened, located incidents (default
// 1,000,000; the demo's incidents copied with varied times, places and verdicts by a bulk insert straight into
// SQLite, as the ingest path has its own benchmark), the real server (buildApp, listening on loopback in a child
// process), and autocannon against each public read and against a bare route returning a constant on the same
// server, measured in the same run. Each read is driven twice: uncached (the server started with its response
// cache off) and cached (the same URL again and again, the first request filling the cache). Prints requests/s,
// p50 and p99 latency, the ratio to the bare route, the cached/uncached ratio, and the server's peak RSS (VmHWM of
// the child).
// Run with `npx tsx bench/api-load.bench.ts` (BENCH_INCIDENTS, default 1,000,000; BENCH_CONNECTIONS, default 32;
// BENCH_SECONDS per endpoint, default 10; BENCH_DB_DIR keeps the seeded database there and reuses it next time;
// BENCH_MODES, default `uncached,cached`, picks the runs).

import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { fmt } from './data.js';
import { type Row, seededCopies, type Template } from './seed.js';
import { migrateToLatest, openDatabase } from '../src/db/engine.js';
import { createFileStore } from '../src/io/files.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';

const INCIDENTS = Number(process.env['BENCH_INCIDENTS'] ?? 1_000_000);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const BARE = '/bench/bare';
/** Sent with every request, as a browser does: the cache answers such clients with its gzip'd copy. */
const HEADERS = { 'accept-encoding': 'gzip, deflate, br' };
/** Per-request timeout (s): a request slower than this counts as an error. */
const TIMEOUT = Number(process.env['BENCH_TIMEOUT'] ?? 30);
/** A directory to keep the database in and reuse on the next run (seeding a million incidents takes minutes). */
const KEEP = process.env['BENCH_DB_DIR'];
/** Whether the server runs with its response cache: each public read is measured in each mode listed. */
type Mode = 'uncached' | 'cached';
const MODES = (process.env['BENCH_MODES'] ?? 'uncached,cached')
  .split(',')
  .map((m) => m.trim())
  .filter((m): m is Mode => m === 'uncached' || m === 'cached');

/** What the parent learns from the server child once it listens. */
interface Ready {
  readonly port: number;
  readonly agreement: string;
}

// ---- the server (child process) ----

async function serve(dir: string): Promise<void> {
  const db = openDatabase({ engine: 'sqlite', file: join(dir, 'truceline.db') });
  const services = createServices(db, {
    files: createFileStore({ root: join(dir, 'evidence'), maxBytes: 1 << 20 }),
  });
  // The server's default cache (64 MiB), or none: BENCH_CACHE=off in the uncached runs.
  const app = await buildApp({
    services,
    ...(process.env['BENCH_CACHE'] === 'off' ? { responseCache: false as const } : {}),
  });
  // The baseline: a constant through the same Fastify instance, hooks and serializer setup.
  app.get(BARE, () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ port, agreement: process.env['BENCH_AGREEMENT'] ?? '' } satisfies Ready);
}

// ---- the data (parent) ----

/**
 * Loads the demo through its use cases, then copies its published incidents (with their screenings and
 * findings) INCIDENTS times in one transaction of prepared statements, varying time (March–April 2025), place
 * (inside Ukraine, mostly near the front) and verdict. Returns the seconds the copying took.
 */
async function seed(dir: string): Promise<number> {
  const file = join(dir, 'truceline.db');
  const db = openDatabase({ engine: 'sqlite', file });
  await migrateToLatest(db);
  const services = createServices(db, {
    files: createFileStore({ root: join(dir, 'evidence'), maxBytes: 1 << 20 }),
  });
  await loadDemo(services);
  await db.close();

  const t0 = performance.now();
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  const screeningsOf = sqlite.prepare('select * from screenings where incident_id = ?');
  const findingOf = sqlite.prepare('select * from findings where incident_id = ?');
  const templates: Template[] = (
    sqlite
      .prepare('select * from incidents where published_at is not null and lon is not null order by id')
      .all() as Row[]
  ).map((incident) => ({
    incident,
    screenings: screeningsOf.all(incident['id']) as Row[],
    finding: findingOf.get(incident['id']) as Row | undefined,
  }));
  const statements = new Map<string, BetterSqlite3.Statement>();
  /** One prepared insert per table, named by the columns of the first row written to it. */
  const insert = (table: string, row: Row) => {
    let statement = statements.get(table);
    if (statement === undefined) {
      const columns = Object.keys(row);
      statement = sqlite.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(table, statement);
    }
    statement.run(row);
  };
  sqlite.transaction(() => {
    for (const copy of seededCopies(templates, { count: INCIDENTS, prefix: 'bench-' })) {
      insert('incidents', copy.incident);
      for (const screening of copy.screenings) insert('screenings', screening);
      if (copy.finding) insert('findings', copy.finding);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('analyze');
  sqlite.close();
  return (performance.now() - t0) / 1000;
}

/** Requests per second: whole numbers, or one decimal below 10 (a slow endpoint is not "0 req/s"). */
const rate = (rps: number): string => (rps >= 10 ? fmt(rps) : rps.toFixed(1));

/** A response size: bytes, kB or MB. */
const kb = (bytes: number): string =>
  bytes < 1000
    ? `${fmt(bytes)} B`
    : bytes < 1e6
      ? `${fmt(bytes / 1000)} kB`
      : `${(bytes / 1e6).toFixed(1)} MB`;

/** How many incidents a kept database holds. */
function storedIncidents(file: string): number {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return (sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** The agreement with the most screenings (the demo's main one), by slug. */
function mainAgreement(file: string): string {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const row = sqlite
      .prepare(
        `select a.slug as slug from screenings s join agreements a on a.id = s.agreement_id
         group by a.slug order by count(*) desc limit 1`,
      )
      .get() as { slug: string } | undefined;
    if (!row) throw new Error('no screenings');
    return row.slug;
  } finally {
    sqlite.close();
  }
}

function startServer(
  dir: string,
  agreement: string,
  mode: Mode,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: {
      ...process.env,
      BENCH_ROLE: 'server',
      BENCH_DIR: dir,
      BENCH_AGREEMENT: agreement,
      BENCH_CACHE: mode === 'cached' ? 'on' : 'off',
    },
    execArgv: process.execArgv,
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => {
      resolve({ child, ready: ready as Ready });
    });
    child.once('exit', (code) => {
      reject(new Error(`the server exited with ${String(code)}`));
    });
  });
}

/** Peak resident set of a process (VmHWM, in MB), from /proc; null where /proc is missing. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used (user + system), in seconds, from /proc; null where /proc is missing. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Figures {
  readonly label: string;
  readonly mode: Mode;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly bytes: number;
  /** One request on the idle server before the load, in ms. */
  readonly single: number;
  readonly peakMb: number | null;
  /**
   * The server's CPU use during the timed run, in percent of one core: near 100 the server is the bottleneck
   * (it is single-threaded); well below, the load generator is (autocannon parses every response in JavaScript).
   */
  readonly serverCpu: number | null;
  /** The server's CPU time per answered request, in µs: what one request costs it, whoever is the bottleneck. */
  readonly cpuPerRequest: number | null;
  /** In a cached run, whether the answer was kept (a second request was a hit); null otherwise. */
  readonly kept: boolean | null;
}

/**
 * Drives one endpoint on a server of its own (a slow endpoint leaves a backlog that would otherwise be billed to
 * the next one): one request on the idle server first (its status is checked; with the cache, it fills it, and a
 * second request checks that it is then a hit), then CONNECTIONS for SECONDS.
 */
async function drive(
  dir: string,
  agreement: string,
  label: string,
  path: string,
  mode: Mode,
): Promise<Figures> {
  const { child, ready } = await startServer(dir, agreement, mode);
  try {
    const url = `http://127.0.0.1:${ready.port}${path}`;
    const t0 = performance.now();
    const response = await fetch(url);
    const body = await response.text();
    const single = performance.now() - t0;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    // With the cache, a second request says whether the answer was kept (one over an eighth of the budget is not).
    let kept: boolean | null = null;
    if (mode === 'cached' && path !== BARE) {
      const again = await fetch(url);
      await again.text();
      kept = again.headers.get('x-cache') === 'hit';
    }
    // A fast endpoint is warmed up first (JIT, connections); a slow one would only queue a backlog.
    if (single < 50 || mode === 'cached')
      await autocannon({ url, connections: CONNECTIONS, duration: 1, timeout: TIMEOUT, headers: HEADERS });
    const cpuBefore = child.pid === undefined ? null : cpuSeconds(child.pid);
    const started = performance.now();
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: TIMEOUT,
      headers: HEADERS,
    });
    const cpuAfter = child.pid === undefined ? null : cpuSeconds(child.pid);
    const wall = (performance.now() - started) / 1000;
    return {
      kept,
      serverCpu: cpuBefore === null || cpuAfter === null ? null : (100 * (cpuAfter - cpuBefore)) / wall,
      cpuPerRequest:
        cpuBefore === null || cpuAfter === null || result.requests.total === 0
          ? null
          : (1e6 * (cpuAfter - cpuBefore)) / result.requests.total,
      label,
      mode,
      rps: result.requests.total / SECONDS,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
      bytes: result.throughput.total / Math.max(result.requests.total, 1),
      single,
      peakMb: child.pid === undefined ? null : peakRssMb(child.pid),
    };
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'truceline-bench-'));
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'truceline.db');
    const seeded = existsSync(file);
    const seconds = seeded ? 0 : await seed(dir);
    const agreement = mainAgreement(file);
    const count = seeded ? storedIncidents(file) : INCIDENTS;
    const country = '22.1,44.3,40.3,52.4';
    const city = '37.45,47.0,37.75,47.2'; // Mariupol and around
    const endpoints: [string, string][] = [
      ['bare route (baseline)', BARE],
      [
        'incidents, filtered',
        `/api/v1/incidents?agreement=${agreement}&verdict=not-covered&from=2025-03-18&to=2025-03-31`,
      ],
      ['incidents, first page', '/api/v1/incidents'],
      ['compliance summary (stats)', `/api/v1/stats?agreement=${agreement}`],
      ['map, country zoom', `/api/v1/map/incidents?bbox=${country}`],
      ['map, country zoom, zoom=6', `/api/v1/map/incidents?bbox=${country}&zoom=6`],
      ['map, city zoom', `/api/v1/map/incidents?bbox=${city}`],
      ['map, city zoom, zoom=12', `/api/v1/map/incidents?bbox=${city}&zoom=12`],
      ['OGC items page', `/ogc/collections/incidents/items?limit=100&bbox=${country}`],
    ];
    console.log(
      `api-load: ${fmt(count)} incidents ${seeded ? `reused from ${dir}` : `seeded in ${seconds.toFixed(1)} s`} (agreement ${agreement}); ` +
        `${CONNECTIONS} connections, ${SECONDS} s per endpoint, a fresh server per endpoint`,
    );
    const results: Figures[] = [];
    const bareOf = new Map<Mode, Figures>();
    const line = (f: Figures): string => {
      const bare = bareOf.get(f.mode) ?? f;
      const uncached =
        f.mode === 'cached' ? results.find((r) => r.label === f.label && r.mode === 'uncached') : undefined;
      return (
        `  ${f.label.padEnd(27)}${f.mode.padEnd(9)}${rate(f.rps).padStart(7)} req/s  p50 ${fmt(f.p50).padStart(5)} ms  ` +
        `p99 ${fmt(f.p99).padStart(5)} ms  ${(f.rps / bare.rps).toFixed(4)}x bare  ` +
        (uncached && f.label !== bare.label ? `${(f.rps / uncached.rps).toFixed(0)}x uncached  ` : '') +
        `single ${fmt(f.single).padStart(5)} ms  ${fmt(f.bytes).padStart(7)} B  ` +
        `peak RSS ${f.peakMb === null ? '?' : fmt(f.peakMb)} MB  ` +
        `server CPU ${f.serverCpu === null ? '?' : fmt(f.serverCpu)} %, ` +
        `${f.cpuPerRequest === null ? '?' : fmt(f.cpuPerRequest)} µs/request` +
        (f.errors > 0 ? `  ${f.errors} errors/timeouts` : '') +
        (f.kept === false ? '  (not kept: over an eighth of the cache)' : '')
      );
    };
    for (const [label, path] of endpoints)
      for (const mode of MODES) {
        const figures = await drive(dir, agreement, label, path, mode);
        if (path === BARE) bareOf.set(mode, figures);
        results.push(figures);
        console.log(line(figures));
      }
    const peak = Math.max(...results.map((r) => r.peakMb ?? 0));
    const reads = results.filter((r) => !bareOf.has(r.mode) || bareOf.get(r.mode) !== r);
    const slow = reads.filter((r) => r.p99 >= 50 || r.errors > 0);
    const cachedBehind = reads.filter((r) => r.mode === 'cached' && r.rps < bareOf.get('cached')!.rps / 2);
    console.log(`  server peak RSS over all runs (VmHWM): ${fmt(peak)} MB (target < 500 MB)`);
    console.log(
      `  p99 >= 50 ms or errors: ${slow.map((r) => `${r.label} (${r.mode})`).join(', ') || 'none'}`,
    );
    if (bareOf.has('cached'))
      console.log(
        `  cached reads below half the bare route's throughput: ${cachedBehind.map((r) => r.label).join(', ') || 'none'}`,
      );
    // The same figures as a Markdown table, for docs/PERFORMANCE.md.
    console.log(
      '\n| endpoint | cache | req/s | p50 | p99 | vs bare | cached / uncached | single | response | peak RSS | server CPU | server CPU per request |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of results) {
      const bare = bareOf.get(f.mode) ?? f;
      const uncached = results.find((r) => r.label === f.label && r.mode === 'uncached');
      const isBare = bare === f;
      console.log(
        `| ${f.label} | ${isBare ? f.mode : f.kept === false ? 'cached (not kept)' : f.mode} | ${rate(f.rps)} | ${fmt(f.p50)} ms | ${fmt(f.p99)} ms | ` +
          `${isBare ? '1' : (f.rps / bare.rps).toFixed(4)} | ` +
          `${f.mode === 'cached' && uncached && !isBare ? `${fmt(f.rps / uncached.rps)}×` : '–'} | ` +
          `${isBare ? '–' : `${fmt(f.single)} ms`} | ${kb(f.bytes)} | ${f.peakMb === null ? '?' : `${fmt(f.peakMb)} MB`} | ` +
          `${f.serverCpu === null ? '?' : `${fmt(f.serverCpu)} %`} | ` +
          `${f.cpuPerRequest === null ? '–' : `${fmt(f.cpuPerRequest)} µs`} |`,
      );
    }
  } finally {
    if (KEEP === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env['BENCH_ROLE'] === 'server') await serve(process.env['BENCH_DIR'] ?? '.');
else await main();
