// Front-line snapshots (one per valid-from date) and the sectors that cut the line into named stretches, with
// the default sectors. One snapshot per date, whatever its source: an incident's date must pick exactly one
// line, so a second import for a date replaces the first (its source is recorded with it).

import { type Kysely, sql } from 'kysely';

/** A lon/lat box as a GeoJSON MultiPolygon's coordinates. Written out here so the migration never changes. */
function box(west: number, south: number, east: number, north: number): string {
  return JSON.stringify([
    [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  ]);
}

const DEFAULT_SECTORS = [
  { key: 'kharkiv', name: 'Kharkiv', position: 1, region: box(33.5, 49.6, 42, 53) },
  { key: 'luhansk', name: 'Luhansk (Kupiansk–Lyman)', position: 2, region: box(36.6, 49.0, 42, 49.6) },
  { key: 'donetsk-north', name: 'Donetsk north', position: 3, region: box(36.6, 48.15, 42, 49.0) },
  { key: 'donetsk-south', name: 'Donetsk south', position: 4, region: box(36.6, 43, 42, 48.15) },
  { key: 'zaporizhzhia', name: 'Zaporizhzhia', position: 5, region: box(35.2, 43, 36.6, 49.6) },
  { key: 'kherson-dnipro', name: 'Kherson / Dnipro', position: 6, region: box(20, 43, 35.2, 49.6) },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('frontline_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('valid_from', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    // GeoJSON geometry objects as text: the occupied area (MultiPolygon) and the line (MultiLineString).
    .addColumn('occupied_json', 'text', (c) => c.notNull())
    .addColumn('line_json', 'text', (c) => c.notNull())
    .addColumn('line_km', 'double precision', (c) => c.notNull().check(sql`line_km >= 0`))
    .addColumn('area_km2', 'double precision', (c) => c.notNull().check(sql`area_km2 >= 0`))
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('frontline_valid_from_date', sql`length(valid_from) = 10`)
    .execute();

  await db.schema
    .createTable('sectors')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // The sector's region of the map as GeoJSON MultiPolygon coordinates.
    .addColumn('region_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  for (const s of DEFAULT_SECTORS)
    await sql`insert into sectors (key, name, position, region_json, updated_at)
      values (${s.key}, ${s.name}, ${s.position}, ${s.region}, ${now})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sectors').execute();
  await db.schema.dropTable('frontline_snapshots').execute();
}
