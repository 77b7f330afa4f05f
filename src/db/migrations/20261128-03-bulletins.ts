// Bulletins: published reports drafted from a day's data and edited by people. Every edit is a new version, kept;
// the public reads the version that was last published, editors the latest.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    // YYYY-MM-DD: the day the bulletin reports on (Kyiv time).
    .addColumn('date', 'text', (c) => c.notNull())
    // The latest version, and the one the public reads (null until first published).
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('published_version', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'bulletins_published',
      sql`(published_version is null) = (published_at is null) and (published_version is null or published_version <= version)`,
    )
    .execute();
  await db.schema.createIndex('bulletins_date').on('bulletins').columns(['date', 'slug']).execute();

  // Versions are inserted, never updated or deleted. `links_json` holds the agreements, incidents and bulletins
  // the version's Markdown links to, so that related items are found without parsing every bulletin.
  await db.schema
    .createTable('bulletin_versions')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletins.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('links_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_versions_pk', ['bulletin_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bulletin_versions').execute();
  await db.schema.dropTable('bulletins').execute();
}
