// Many incidents for the benchmarks and the tests of the map at scale: the demo's published, located incidents
// copied `count` times with their screenings and findings, at seeded times (March–April 2025), places (nine in ten
// near the front, Kharkiv to Kherson, the rest in central Ukraine) and verdicts, by multi-row inserts straight into
// the tables (the ingest path has its own benchmark). Works on either engine; load the demo first.
// `seededCopies` makes the rows; `seedIncidents` writes them through Kysely, and bench/api-load.bench.ts writes the
// same rows with prepared better-sqlite3 statements (a faster path for a million).

import { seededRandom } from '../src/core/geometry/testing/random.js';
import type { Handle } from '../src/db/engine.js';
import { rankOfVerdict } from '../src/db/incidents.js';

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

/** A row as a driver returns it. */
export type Row = Record<string, unknown>;

/** A published, located incident to copy, with its screenings and its finding. */
export interface Template {
  readonly incident: Row;
  readonly screenings: readonly Row[];
  readonly finding: Row | undefined;
}

const VERDICTS = ['covered', 'not-covered', 'contested', 'unknown'] as const;
/** Rows per insert: well under SQLite's limit of bound parameters with the incidents' columns. */
const BATCH = 200;

/**
 * The copies, one incident (with its screenings and finding) at a time: the `i`-th copies template `i mod n` at a
 * seeded time in March–April 2025, a seeded place (nine in ten near the front, Kharkiv to Kherson, the rest in
 * central Ukraine) and seeded verdicts.
 */
export function* seededCopies(templates: readonly Template[], options: SeedOptions): Generator<Template> {
  const { count, seed = 42, prefix = 'seed-', blurred = 0 } = options;
  if (templates.length === 0) throw new Error('the demo has no published located incidents (load it first)');
  const next = seededRandom(seed);
  const start = Date.UTC(2025, 2, 1);
  const span = Date.UTC(2025, 4, 1) - start;
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const shape = templates[i % templates.length];
    if (shape === undefined) continue;
    const id = `${prefix}${String(i).padStart(width, '0')}`;
    const at = new Date(start + Math.floor(next() * span)).toISOString().replace(/\.\d+Z$/, 'Z');
    const [lon, lat] =
      next() < 0.9 ? [33 + next() * 5, 46.6 + next() * 3.4] : [24 + next() * 10, 48 + next() * 2.5];
    const disclosure = next() < blurred ? 'blurred' : shape.incident['location_disclosure'];
    const screenings = shape.screenings.map((screening) => ({
      ...screening,
      incident_id: id,
      verdict: VERDICTS[Math.floor(next() * VERDICTS.length)] ?? 'unknown',
    }));
    yield {
      incident: {
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
        // Kept on the row as the repository keeps it: the most serious of the seeded verdicts.
        verdict_rank: Math.max(0, ...screenings.map((s) => rankOfVerdict(s.verdict))),
      },
      screenings,
      finding: shape.finding && { ...shape.finding, incident_id: id, published: 1 },
    };
  }
}

/** The demo's published, located incidents with their screenings and findings, to copy. */
export async function seedTemplates(db: Handle): Promise<Template[]> {
  const incidents = await db
    .selectFrom('incidents')
    .selectAll()
    .where('published_at', 'is not', null)
    .where('lon', 'is not', null)
    .orderBy('id')
    .execute();
  const screenings = await db.selectFrom('screenings').selectAll().execute();
  const findings = await db.selectFrom('findings').selectAll().execute();
  return incidents.map((incident) => ({
    incident,
    screenings: screenings.filter((s) => s.incident_id === incident.id),
    finding: findings.find((f) => f.incident_id === incident.id),
  }));
}

/** Copies the demo's published located incidents `count` times; returns the number of incidents added. */
export async function seedIncidents(db: Handle, options: SeedOptions): Promise<number> {
  const templates = await seedTemplates(db);
  let batch: Template[] = [];
  const write = async () => {
    const rows = batch;
    batch = [];
    // The rows have the tables' own columns (copied from rows read from them).
    const incidents = rows.map((r) => r.incident) as never[];
    const screenings = rows.flatMap((r) => r.screenings) as never[];
    const findings = rows.flatMap((r) => (r.finding ? [r.finding] : [])) as never[];
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('incidents').values(incidents).execute();
      if (screenings.length > 0) await trx.insertInto('screenings').values(screenings).execute();
      if (findings.length > 0) await trx.insertInto('findings').values(findings).execute();
    });
  };
  for (const copy of seededCopies(templates, options)) {
    batch.push(copy);
    if (batch.length === BATCH) await write();
  }
  if (batch.length > 0) await write();
  return options.count;
}
