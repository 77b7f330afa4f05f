// Derived geography stored with each incident: the snapshot used, distance to the line, side, sector, oblast.
// All null for an incident without coordinates or dated before the first snapshot.

import { type Kysely, sql } from 'kysely';

const COLUMNS = ['geo_snapshot_date', 'geo_distance_km', 'geo_side', 'geo_sector', 'geo_admin1'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('geo_snapshot_date', 'text').execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('geo_distance_km', 'double precision', (c) => c.check(sql`geo_distance_km >= 0`))
    .execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('geo_side', 'text', (c) => c.check(sql`geo_side in ('occupied', 'controlled')`))
    .execute();
  await db.schema.alterTable('incidents').addColumn('geo_sector', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('geo_admin1', 'text').execute();
  await db.schema.createIndex('incidents_geo_sector').on('incidents').column('geo_sector').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('incidents_geo_sector').execute();
  for (const column of COLUMNS) await db.schema.alterTable('incidents').dropColumn(column).execute();
}
