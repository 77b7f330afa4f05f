// Verification: who reported an incident, whether it is published and what its public copy withholds;
// allegations as versioned records with the accused party's replies; findings; evidence with its custody log.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Incidents: the reporter (a person id, never shown to the public unless the record says so), the moment of
  // publication (null: unpublished, seen only by roles that may read unpublished incidents), and what the
  // public copy withholds.
  await db.schema.alterTable('incidents').addColumn('reported_by', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('published_at', 'text').execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('withhold_reporter', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`withhold_reporter in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('location_disclosure', 'text', (c) =>
      c
        .notNull()
        .defaultTo('exact')
        .check(sql`location_disclosure in ('exact', 'blurred', 'withheld')`),
    )
    .execute();
  await db.schema
    .createIndex('incidents_published')
    .on('incidents')
    .columns(['published_at', 'occurred_utc'])
    .execute();

  // Allegations are never edited: a new version supersedes the old one, which stays.
  await db.schema
    .alterTable('allegations')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('allegations')
    .addColumn('supersedes', 'text', (c) => c.references('allegations.id'))
    .execute();
  await db.schema.alterTable('allegations').addColumn('filed_by', 'text').execute();
  await db.schema.alterTable('allegations').addColumn('filed_at', 'text').execute();
  // One successor per version: the chain of versions stays a line.
  await db.schema
    .createIndex('allegations_supersedes')
    .unique()
    .on('allegations')
    .column('supersedes')
    .execute();

  await db.schema
    .createTable('allegation_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('allegation_id', 'text', (c) => c.notNull().references('allegations.id').onDelete('cascade'))
    .addColumn('party', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('denial', 'counter-claim', 'context')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('supersedes', 'text', (c) => c.references('allegation_replies.id'))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('replies_allegation')
    .on('allegation_replies')
    .column('allegation_id')
    .execute();
  await db.schema
    .createIndex('replies_supersedes')
    .unique()
    .on('allegation_replies')
    .column('supersedes')
    .execute();

  // A finding row exists once someone has changed it; until then an incident's finding is the initial one.
  await db.schema
    .createTable('findings')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('attribution_json', 'text', (c) => c.notNull())
    .addColumn('rulings_json', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().check(sql`published in (0, 1)`))
    .addColumn('history_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Evidence: a file stored by its SHA-256 (never modified) or a registered URL; a redacted public copy may sit
  // beside a sealed original.
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('file', 'url')`))
    .addColumn('sha256', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('filename', 'text')
    .addColumn('url', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'text')
    .addColumn('collected_by', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('public_sha256', 'text')
    .addColumn('public_media_type', 'text')
    .addColumn('public_size_bytes', 'integer')
    .addColumn('redaction_note', 'text')
    .addCheckConstraint('evidence_kind_fields', sql`(kind = 'file') = (sha256 is not null and url is null)`)
    .execute();
  await db.schema.createIndex('evidence_incident').on('evidence').column('incident_id').execute();

  // Append-only: rows are inserted, never updated or deleted (the use cases have no other statement for it).
  // `seq` numbers one item's events 1, 2, 3, ... in the order they were appended (times can tie).
  await db.schema
    .createTable('custody_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('collected', 'viewed', 'exported', 'redacted-copy-added')`),
    )
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('custody_evidence')
    .unique()
    .on('custody_events')
    .columns(['evidence_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('custody_events').execute();
  await db.schema.dropTable('evidence').execute();
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('allegation_replies').execute();
  await db.schema.dropIndex('allegations_supersedes').execute();
  for (const column of ['filed_at', 'filed_by', 'supersedes', 'version']) {
    await db.schema.alterTable('allegations').dropColumn(column).execute();
  }
  await db.schema.dropIndex('incidents_published').execute();
  for (const column of ['location_disclosure', 'withhold_reporter', 'published_at', 'reported_by']) {
    await db.schema.alterTable('incidents').dropColumn(column).execute();
  }
}
