// Reader corrections: what a reader suggested about a public page (with the quote's durable anchor and the
// record the page is about), and the editors' answers. The queue's rules are also written as CHECKs, so a row
// can never claim a state its columns do not bear out.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('submitted', 'accepted', 'rejected', 'applied')`),
    )
    // The page: its path in the web app, its title as the reader saw it, and the record it declared.
    .addColumn('page_url', 'text', (c) => c.notNull())
    .addColumn('page_title', 'text')
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    // The W3C TextQuoteSelector; all three null when the reader selected nothing.
    .addColumn('quote_exact', 'text')
    .addColumn('quote_prefix', 'text')
    .addColumn('quote_suffix', 'text')
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    // Never public: only editors read it, to answer the reader.
    .addColumn('contact', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reply', 'text')
    .addColumn('applied_at', 'text')
    .addColumn('applied_by', 'text')
    .addColumn('applied_note', 'text')
    .addCheckConstraint('corrections_record', sql`(record_type is null) = (record_id is null)`)
    .addCheckConstraint(
      'corrections_quote',
      sql`(quote_exact is null) = (quote_prefix is null) and (quote_exact is null) = (quote_suffix is null)`,
    )
    .addCheckConstraint(
      'corrections_reviewed',
      sql`(status = 'submitted') = (reviewed_at is null) and (reviewed_at is null) = (reviewed_by is null) and (reviewed_at is null) = (reply is null)`,
    )
    .addCheckConstraint(
      'corrections_applied',
      sql`(status = 'applied') = (applied_at is not null) and (applied_at is null) = (applied_by is null) and (applied_at is null) = (applied_note is null)`,
    )
    .execute();
  // The queue (oldest first per status) and the public log (newest application first).
  await db.schema
    .createIndex('corrections_status')
    .on('corrections')
    .columns(['status', 'submitted_at'])
    .execute();
  await db.schema.createIndex('corrections_applied').on('corrections').column('applied_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corrections').execute();
}
