// The prisoner-exchange ledger: exchanges, each source's claim about one, and the reconciled figures (append-only:
// a new setting of a figure is a new row). No table has a column for the names of people, on purpose.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exchanges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('side_a', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('side_b', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('mediator', 'text', (c) => c.references('parties.code'))
    .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
    .addColumn('agreement_relation', 'text', (c) =>
      c.check(sql`agreement_relation in ('implements', 'announced-with')`),
    )
    .addColumn('clause_json', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('exchanges_two_sides', sql`side_a <> side_b`)
    .addCheckConstraint(
      'exchanges_relation_with_agreement',
      sql`(agreement_id is null) = (agreement_relation is null)`,
    )
    .execute();
  await db.schema.createIndex('exchanges_date').on('exchanges').columns(['occurred_on', 'key']).execute();

  // One claim per source and exchange, numbered 1, 2, 3, ... in the order filed; counts as JSON lines
  // { from, category, count }.
  await db.schema
    .createTable('exchange_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchanges.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('claimant', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('source_key', 'text', (c) => c.notNull().references('sources.key'))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('announced', 'reported')`))
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('tally_sequence', 'integer')
    .addColumn('tally_total', 'integer', (c) => c.check(sql`tally_total >= 0`))
    .addColumn('tally_basis', 'text', (c) => c.check(sql`tally_basis in ('both-sides', 'received')`))
    .addColumn('quote', 'text')
    .addColumn('note', 'text')
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exchange_claims_source')
    .unique()
    .on('exchange_claims')
    .columns(['exchange_id', 'source_key'])
    .execute();
  await db.schema
    .createIndex('exchange_claims_position')
    .unique()
    .on('exchange_claims')
    .columns(['exchange_id', 'position'])
    .execute();

  // Append-only: `seq` numbers an exchange's reconciliations 1, 2, 3, ...; the highest per figure is current.
  await db.schema
    .createTable('exchange_figures')
    .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchanges.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_party', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('prisoners-of-war', 'civilians', 'seriously-wounded', 'bodies')`),
    )
    .addColumn('headcount', 'integer', (c) => c.notNull().check(sql`headcount >= 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_figures_pk', ['exchange_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('exchange_figures').execute();
  await db.schema.dropTable('exchange_claims').execute();
  await db.schema.dropTable('exchanges').execute();
}
