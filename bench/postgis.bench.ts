// Distance to the line of contact: our segment index (the code path of `locate`, which the service runs for
// every incident) against PostGIS's ST_Distance(geography, geography) on the same points and the same line, both
// measured in this run. PostGIS measures on the WGS 84 spheroid by default, so the comparison is made twice: the
// spherical distance the index finds, and the same nearest point measured on the ellipsoid (what `locate` stores).
// Run with `npx tsx bench/postgis.bench.ts` (BENCH_N points, default 1,000,000; BENCH_PG, default
// postgres://postgres@127.0.0.1:55432/postgres; a temporary database is created and dropped).

import pg from 'pg';
import { fmt, loadRealFront, position } from './data.js';
import { lineOfContactKm } from '../src/core/frontline.js';
import type { LonLat } from '../src/core/geo.js';
import { buildSegmentIndex } from '../src/core/geometry/segment-index.js';
import { seededRandom } from '../src/core/geometry/testing/random.js';

const N = Number(process.env['BENCH_N'] ?? 1_000_000);
const PG_URL = process.env['BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:55432/postgres';
const ROUNDS = 3;
/** Distances below this (km) are compared absolutely: a relative difference of two near-zeros means nothing. */
const FLOOR_KM = 0.001;
const BATCH = 50_000;

const { line } = loadRealFront();
const lons = line.flat().map((p) => p[0]);
const lats = line.flat().map((p) => p[1]);
// A box one degree around the line, which holds the whole front and both of its rears.
const box = {
  minLon: Math.min(...lons) - 1,
  maxLon: Math.max(...lons) + 1,
  minLat: Math.min(...lats) - 1,
  maxLat: Math.max(...lats) + 1,
};
const next = seededRandom(9);
const points: LonLat[] = [];
for (let i = 0; i < N; i++)
  points.push(
    position([
      box.minLon + next() * (box.maxLon - box.minLon),
      box.minLat + next() * (box.maxLat - box.minLat),
    ]),
  );

// Ours: the index of the service, spherical and ellipsoidal, best of ROUNDS (the build is timed apart).
const tb = performance.now();
const index = buildSegmentIndex(line);
const buildMs = performance.now() - tb;
const sphere = new Float64Array(N);
const ellipsoid = new Float64Array(N);
let sphereMs = Infinity;
let ellipsoidMs = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  let t0 = performance.now();
  for (let i = 0; i < N; i++) sphere[i] = index.nearest(points[i]!)?.distanceKm ?? NaN;
  sphereMs = Math.min(sphereMs, performance.now() - t0);
  t0 = performance.now();
  for (let i = 0; i < N; i++) ellipsoid[i] = lineOfContactKm(index, points[i]!) ?? NaN;
  ellipsoidMs = Math.min(ellipsoidMs, performance.now() - t0);
}

const admin = new pg.Client({ connectionString: PG_URL });
try {
  await admin.connect();
} catch (error) {
  console.log(`postgis: no PostgreSQL at ${PG_URL} (${(error as Error).message}); skipped.`);
  console.log(
    '  Set BENCH_PG to a server with PostGIS (Debian/Ubuntu: apt-get install postgresql-15-postgis-3).',
  );
  process.exit(0);
}
const database = `truceline_bench_${process.pid}`;
await admin.query(`create database ${database}`);
const url = new URL(PG_URL);
url.pathname = `/${database}`;
const db = new pg.Client({ connectionString: url.toString() });
/** Thrown when PostGIS is missing: the temporary database is still dropped. */
const SKIP = new Error('skip');
try {
  await db.connect();
  try {
    await db.query('create extension postgis');
  } catch (error) {
    console.log(`postgis: the extension is not available (${(error as Error).message}); skipped.`);
    console.log('  Install it (Debian/Ubuntu: apt-get install postgresql-15-postgis-3) and run again.');
    throw SKIP;
  }
  const { rows: versions } = await db.query<{ v: string }>('select postgis_lib_version() as v');

  // Load (not timed): the line as one multilinestring, the points in batches.
  const tl = performance.now();
  await db.query('create table line (geog geography not null)');
  await db.query('insert into line select ST_GeomFromGeoJSON($1)::geography', [
    JSON.stringify({ type: 'MultiLineString', coordinates: line }),
  ]);
  await db.query('create table points (id integer primary key, geog geography(Point, 4326) not null)');
  for (let start = 0; start < N; start += BATCH) {
    const slice = points.slice(start, start + BATCH);
    await db.query(
      `insert into points
       select $1::integer + i - 1, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography
       from unnest($2::float8[], $3::float8[]) with ordinality as t(x, y, i)`,
      [start, slice.map((p) => p[0]), slice.map((p) => p[1])],
    );
  }
  await db.query('analyze points');
  const loadMs = performance.now() - tl;

  // Timed: the distance for every point, aggregated in the server so that only the computation is measured;
  // one backend (no parallel workers), as our side runs on one thread.
  await db.query('set max_parallel_workers_per_gather = 0');
  let postgisMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    await db.query('select sum(ST_Distance(p.geog, l.geog)) from points p, line l');
    postgisMs = Math.min(postgisMs, performance.now() - t0);
  }

  // Compared (not timed): every distance, in metres, in id order.
  const { rows } = await db.query<[number, number]>({
    text: 'select p.id, ST_Distance(p.geog, l.geog) from points p, line l order by p.id',
    rowMode: 'array',
  });
  const compare = (ours: Float64Array) => {
    let max = 0;
    let sum = 0;
    let worst = -1;
    for (const [id, metres] of rows) {
      const theirs = metres / 1000;
      const mine = ours[id] ?? NaN;
      const difference = Math.abs(mine - theirs) / Math.max(theirs, FLOOR_KM);
      sum += difference;
      if (!(difference <= max)) {
        max = difference;
        worst = id;
      }
    }
    return { max, mean: sum / rows.length, worst };
  };

  const rate = (ms: number) => (N / ms) * 1000;
  const pct = (x: number) => `${(x * 100).toPrecision(2)} %`;
  console.log(
    `postgis: ${fmt(N)} points in ${box.minLon.toFixed(1)}-${box.maxLon.toFixed(1)}°E, ` +
      `${box.minLat.toFixed(1)}-${box.maxLat.toFixed(1)}°N; line of contact 2025-03-18 ` +
      `(${line.length} parts, ${fmt(index.segmentCount)} segments); PostGIS ${versions[0]?.v}; best of ${ROUNDS}`,
  );
  console.log(
    `  load into PostGIS (not timed below): ${fmt(loadMs)} ms; our index build: ${buildMs.toFixed(1)} ms`,
  );
  console.log(`  PostGIS ST_Distance(geography): ${fmt(postgisMs)} ms  ${fmt(rate(postgisMs))} points/s`);
  for (const [label, ms, ours] of [
    ['ours, spherical (index only)', sphereMs, sphere],
    ['ours, WGS 84 (as locate stores)', ellipsoidMs, ellipsoid],
  ] as const) {
    const { max, mean, worst } = compare(ours);
    const at = points[worst];
    console.log(`  ${label}: ${fmt(ms)} ms  ${fmt(rate(ms))} points/s`);
    console.log(`    ratio ours/PostGIS: ${(postgisMs / ms).toFixed(1)}x`);
    console.log(
      `    relative difference to PostGIS: max ${pct(max)} (at ${at?.[0].toFixed(3)}, ${at?.[1].toFixed(3)}), mean ${pct(mean)}`,
    );
  }
} catch (error) {
  if (error !== SKIP) throw error;
} finally {
  await db.end().catch(() => undefined);
  await admin.query(`drop database if exists ${database}`);
  await admin.end();
}
