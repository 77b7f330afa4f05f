// Uncached reads, one at a time: the time of one request of each public read endpoint through `app.inject` on a
// database of BENCH_INCIDENTS published, screened, located incidents (default 100,000), on either engine. This is
// the per-request cost that api-load.bench.ts multiplies by its 32 connections; it isolates the queries and the
// response building from the network and the load generator. Prints the time of the first request of each
// endpoint (after a warm-up on other questions) and the median of BENCH_RUNS more (counts remembered meanwhile).
// Run with `npx tsx bench/api-queries.bench.ts` (BENCH_INCIDENTS, default 100,000; BENCH_RUNS, default 5;
// BENCH_ENGINE sqlite or postgres, with BENCH_PG_URL naming an empty database for the latter; BENCH_DB_DIR keeps
// the seeded SQLite database there and reuses it; on PostgreSQL a seeded database is reused when it has incidents).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fmt } from './data.js';
import { seedIncidents } from './seed.js';
import { type Db, migrateToLatest, openDatabase } from '../src/db/engine.js';
import { createFileStore } from '../src/io/files.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';

const INCIDENTS = Number(process.env['BENCH_INCIDENTS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const ENGINE = process.env['BENCH_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';
const KEEP = process.env['BENCH_DB_DIR'];

/** Copies the demo's incidents INCIDENTS times (bench/seed.ts, as the other benchmarks seed) and analyses the tables. */
async function seed(db: Db): Promise<void> {
  await seedIncidents(db.kysely, { count: INCIDENTS, prefix: 'bench-' });
  await sql`analyze`.execute(db.kysely);
}

async function main(): Promise<void> {
  const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'truceline-queries-'));
  mkdirSync(dir, { recursive: true });
  const db =
    ENGINE === 'postgres'
      ? openDatabase({ engine: 'postgres', url: process.env['BENCH_PG_URL'] ?? '' })
      : openDatabase({ engine: 'sqlite', file: join(dir, 'truceline.db') });
  try {
    const ran = await migrateToLatest(db);
    const services = createServices(db, {
      files: createFileStore({ root: join(dir, 'evidence'), maxBytes: 1 << 20 }),
    });
    const stored = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let count = await stored();
    if (count === 0) {
      const t0 = performance.now();
      await loadDemo(services);
      await seed(db);
      count = await stored();
      console.log(`seeded ${fmt(count)} incidents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } else if (ran.length > 0) {
      await sql`analyze`.execute(db.kysely);
      console.log(`migrated the kept database: ${ran.join(', ')}`);
    }
    const { slug: agreement } = await db.kysely
      .selectFrom('screenings as s')
      .innerJoin('agreements as a', 'a.id', 's.agreement_id')
      .select('a.slug')
      .groupBy('a.slug')
      .orderBy(sql`count(*)`, 'desc')
      .executeTakeFirstOrThrow();
    // Without the response cache: this measures the routes themselves.
    const app = await buildApp({ services, responseCache: false });
    const country = '22.1,44.3,40.3,52.4';
    const endpoints: [string, string][] = [
      [
        'incidents, filtered',
        `/api/v1/incidents?agreement=${agreement}&verdict=not-covered&from=2025-03-18&to=2025-03-31`,
      ],
      ['incidents, first page', '/api/v1/incidents'],
      ['incidents, page 100', '/api/v1/incidents?offset=5000'],
      ['compliance summary (stats)', `/api/v1/stats?agreement=${agreement}`],
      ['stats, all agreements', '/api/v1/stats'],
      ['OGC items page', `/ogc/collections/incidents/items?limit=100&bbox=${country}`],
      ['OGC items, city bbox', '/ogc/collections/incidents/items?limit=100&bbox=37.45,47.0,37.75,47.2'],
      ['map, country, zoom 6 (cells)', `/api/v1/map/incidents?bbox=${country}&zoom=6`],
      ['map, Mariupol, zoom 12 (points)', '/api/v1/map/incidents?bbox=37.45,47.0,37.75,47.2&zoom=12'],
    ];
    console.log(
      `api-queries: ${fmt(count)} incidents on ${ENGINE}; "first": the first request of each (its counts not yet ` +
        `remembered), "again": the median of ${RUNS} more`,
    );
    const time = async (url: string): Promise<{ ms: number; bytes: number }> => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { ms, bytes: res.rawPayload.length };
    };
    // Warm-up (compiling the routes' code and serialisers) on questions the measured requests do not ask.
    for (const url of [
      '/api/v1/incidents?status=published&limit=2',
      '/api/v1/stats?to=2025-03-02',
      '/ogc/collections/incidents/items?limit=2&bbox=30,45,30.1,45.1',
    ])
      for (let i = 0; i < 3; i++) await time(url);
    for (const [label, url] of endpoints) {
      const first = await time(url);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await time(url)).ms);
      times.sort((a, b) => a - b);
      const again = times[Math.floor(times.length / 2)] ?? 0;
      console.log(
        `  ${label.padEnd(28)} first ${first.ms.toFixed(1).padStart(8)} ms  again ${again.toFixed(1).padStart(7)} ms` +
          `  ${fmt(first.bytes).padStart(9)} B`,
      );
    }
    await app.close();
  } finally {
    await db.close();
    if (KEEP === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
