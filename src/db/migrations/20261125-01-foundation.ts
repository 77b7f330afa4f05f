// Parties, sources, agreements with readouts and provisions, incidents with allegations and screenings,
// API tokens and the audit log. Portable: text, integer and double precision columns only.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parties')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issuer_party', 'text', (c) => c.references('parties.code'))
    .addColumn('channel', 'text')
    .addColumn('published_at', 'text')
    .addColumn('url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('original_text', 'text')
    .addColumn('translations_json', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull().check(sql`verified in (0, 1)`))
    .execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('parties_json', 'text', (c) => c.notNull())
    .addColumn('mediators_json', 'text', (c) => c.notNull())
    .addColumn('links_json', 'text', (c) => c.notNull())
    .addColumn('lifecycle_json', 'text', (c) => c.notNull())
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('readouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('window_json', 'text', (c) => c.notNull())
    .addColumn('window_start_utc', 'text')
    .addColumn('window_end_utc', 'text')
    .addUniqueConstraint('readouts_agreement_key', ['agreement_id', 'key'])
    .execute();

  await db.schema
    .createTable('provisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('readout_id', 'text', (c) => c.notNull().references('readouts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('acts_json', 'text', (c) => c.notNull())
    .addColumn('domains_json', 'text', (c) => c.notNull())
    .addColumn('targets_json', 'text', (c) => c.notNull())
    .addColumn('area_json', 'text', (c) => c.notNull())
    .addColumn('bound_json', 'text', (c) => c.notNull())
    .addColumn('quote', 'text')
    .addUniqueConstraint('provisions_readout_key', ['readout_id', 'key'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('occurred_utc', 'text', (c) => c.notNull())
    .addColumn('time_precision', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text')
    .addColumn('sub_event_type', 'text')
    .addColumn('actor1', 'text')
    .addColumn('actor2', 'text')
    .addColumn('country', 'text')
    .addColumn('admin1', 'text')
    .addColumn('admin2', 'text')
    .addColumn('admin3', 'text')
    .addColumn('location_name', 'text')
    .addColumn('lon', 'double precision', (c) => c.check(sql`lon between -180 and 180`))
    .addColumn('lat', 'double precision', (c) => c.check(sql`lat between -90 and 90`))
    .addColumn('geo_precision', 'integer', (c) => c.check(sql`geo_precision in (1, 2, 3)`))
    .addColumn('source_text', 'text')
    .addColumn('source_scale', 'text')
    .addColumn('notes', 'text')
    .addColumn('fatalities', 'integer', (c) => c.check(sql`fatalities >= 0`))
    .addColumn('act', 'text')
    .addColumn('domain', 'text')
    .addColumn('target', 'text')
    .addColumn('weapon', 'text')
    .addColumn('perpetrator', 'text', (c) => c.references('parties.code'))
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('effects_json', 'text', (c) => c.notNull())
    .addColumn('observation', 'text')
    .addColumn('casualties_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('incidents_location_pair', sql`(lon is null) = (lat is null)`)
    .execute();
  await db.schema.createIndex('incidents_occurred').on('incidents').columns(['occurred_utc', 'id']).execute();
  await db.schema.createIndex('incidents_perpetrator').on('incidents').column('perpetrator').execute();

  await db.schema
    .createTable('allegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('accuser', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('accused', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('allegations_incident').on('allegations').column('incident_id').execute();

  await db.schema
    .createTable('screenings')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) =>
      c.notNull().check(sql`verdict in ('covered', 'not-covered', 'contested', 'unknown')`),
    )
    .addColumn('readouts_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screenings_pk', ['incident_id', 'agreement_id'])
    .execute();
  await db.schema
    .createIndex('screenings_agreement')
    .on('screenings')
    .columns(['agreement_id', 'verdict'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before_digest', 'text')
    .addColumn('after_digest', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();

  // One row: the head of the audit chain. Appends lock it, so the chain stays linear under concurrency.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'meta',
    'audit_head',
    'audit_events',
    'api_tokens',
    'screenings',
    'allegations',
    'incidents',
    'provisions',
    'readouts',
    'agreements',
    'sources',
    'parties',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
