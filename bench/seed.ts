// Many incidents for the benchmarks and the tests of the map at scale: the demo's published, located incidents
// copied `count` times with their screenings and findings, at seeded times (March–April 2025), places (nine in ten
// near the front, Kharkiv to Kherson, the rest in central Ukraine) and verdicts, by multi-row inserts straight into
// the tables (the ingest path has its own benchmark). Works on either engine; load the demo first.
// bench/api-load.bench.ts seeds the same way with prepared better-sqlite3 statements (a faster path for a million).

import type { Insertable } from 'kysely';
import { seededRandom } from '../src/core/geometry/testing/random.js';
import type { Handle } from '../src/db/engine.js';
import type { Database } from '../src/db/schema.js';

export interface SeedOptions {
  /** How many incidents to add. */
  readonly count: number;
  /** The generator's seed: the same seed gives the same incidents. */
  readonly seed?: number;
  /** The new incidents' ids are `<prefix><number>`. */
  readonly prefix?: string;
  /** The share (0–1) of the copies whose location the public sees blurred; the rest keep the demo's choice. */
  readonly blurred?: number;
}

const VERDICTS = ['covered', 'not-covered', 'contested', 'unknown'] as const;
/** Rows per insert: well under SQLite's limit of bound parameters with the incidents' columns. */
const BATCH = 200;

/** Copies the demo's published located incidents `count` times; returns the number of incidents added. */
export async function seedIncidents(db: Handle, options: SeedOptions): Promise<number> {
  const { count, seed = 42, prefix = 'seed-', blurred = 0 } = options;
  const templates = await db
    .selectFrom('incidents')
    .selectAll()
    .where('published_at', 'is not', null)
    .where('lon', 'is not', null)
    .orderBy('id')
    .execute();
  if (templates.length === 0) throw new Error('the demo has no published located incidents (load it first)');
  const screenings = await db.selectFrom('screenings').selectAll().execute();
  const findings = await db.selectFrom('findings').selectAll().execute();
  const shapes = templates.map((incident) => ({
    incident,
    screenings: screenings.filter((s) => s.incident_id === incident.id),
    finding: findings.find((f) => f.incident_id === incident.id),
  }));

  const next = seededRandom(seed);
  const start = Date.UTC(2025, 2, 1);
  const span = Date.UTC(2025, 4, 1) - start;
  const width = String(count).length;
  for (let from = 0; from < count; from += BATCH) {
    const incidents: Insertable<Database['incidents']>[] = [];
    const screeningRows: Insertable<Database['screenings']>[] = [];
    const findingRows: Insertable<Database['findings']>[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const shape = shapes[i % shapes.length];
      if (shape === undefined) continue;
      const id = `${prefix}${String(i).padStart(width, '0')}`;
      const at = new Date(start + Math.floor(next() * span)).toISOString().replace(/\.\d+Z$/, 'Z');
      const [lon, lat] =
        next() < 0.9 ? [33 + next() * 5, 46.6 + next() * 3.4] : [24 + next() * 10, 48 + next() * 2.5];
      const disclosure = next() < blurred ? 'blurred' : shape.incident.location_disclosure;
      incidents.push({
        ...shape.incident,
        id,
        ref: null,
        occurred_at: at,
        occurred_utc: at,
        lon: Math.round(lon * 1e4) / 1e4,
        lat: Math.round(lat * 1e4) / 1e4,
        location_disclosure: disclosure,
        published_at: at,
        created_at: at,
        updated_at: at,
      });
      for (const screening of shape.screenings)
        screeningRows.push({
          ...screening,
          incident_id: id,
          verdict: VERDICTS[Math.floor(next() * VERDICTS.length)] ?? 'unknown',
        });
      if (shape.finding) findingRows.push({ ...shape.finding, incident_id: id, published: 1 });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('incidents').values(incidents).execute();
      if (screeningRows.length > 0) await trx.insertInto('screenings').values(screeningRows).execute();
      if (findingRows.length > 0) await trx.insertInto('findings').values(findingRows).execute();
    });
  }
  return count;
}
