// Each incident's most serious screening verdict, kept on its row (`verdict_rank`: 0 screened against none,
// 1 not-covered, 2 unknown, 3 contested, 4 covered), so that the map's cells, the OGC verdict filter and the
// listing's verdict order read it from the row instead of looking up every incident's screenings. The repository
// that writes screenings keeps it (src/db/incidents.ts); this fills it for the rows already stored. The location
// index gains the rank and the stated time, so that the map's cells are counted from the index alone.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('incidents')
    .addColumn('verdict_rank', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update incidents set verdict_rank = coalesce((
      select max(case s.verdict
        when 'not-covered' then 1 when 'unknown' then 2 when 'contested' then 3 when 'covered' then 4 end)
      from screenings s where s.incident_id = incidents.id), 0)`.execute(db);
  await db.schema.dropIndex('incidents_location').execute();
  await db.schema
    .createIndex('incidents_location')
    .on('incidents')
    .columns([
      'location_disclosure',
      'lat',
      'lon',
      'published_at',
      'occurred_utc',
      'id',
      'occurred_at',
      'verdict_rank',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('incidents_location').execute();
  await db.schema
    .createIndex('incidents_location')
    .on('incidents')
    .columns(['location_disclosure', 'lat', 'lon', 'published_at', 'occurred_utc', 'id'])
    .execute();
  await db.schema.alterTable('incidents').dropColumn('verdict_rank').execute();
}
