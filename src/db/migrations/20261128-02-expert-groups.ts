// Expert groups: their members by party (optionally linked to a user account, which is what lets a user read a
// private group and post to it), meetings, decisions, and the issues they work on with an append-only thread.

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('expert_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('expert-group', 'technical-talks', 'working-group')`),
    )
    .addColumn('mandate', 'text', (c) => c.notNull())
    .addColumn('parties_json', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'text')
    .addColumn('source_key', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'private')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A member is a seat of a party's delegation: a publicly reported name or only a role, and, for people who use
  // Truceline, their user account. `left_on` ends the seat (and the account's access) without erasing it.
  await db.schema
    .createTable('expert_group_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('expert_groups.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull().references('parties.code'))
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('source_key', 'text')
    .addColumn('note', 'text')
    .addColumn('left_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expert_group_members_key', ['group_id', 'key'])
    .execute();
  // One seat per account in a group (several NULLs are allowed on both engines).
  await db.schema
    .createIndex('expert_group_members_user')
    .unique()
    .on('expert_group_members')
    .columns(['group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('expert_group_members_user_id')
    .on('expert_group_members')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('expert_group_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('expert_groups.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('held_utc', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('parties_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expert_group_meetings_key', ['group_id', 'key'])
    .execute();

  await db.schema
    .createTable('expert_group_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('expert_groups.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_utc', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('expert_group_meetings.id'))
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expert_group_decisions_key', ['group_id', 'key'])
    .execute();

  // An issue's current state; how it got there is its thread of updates. Links are natural references (agreement
  // slugs, readout, provision and condition keys, incident ids) checked when written.
  await db.schema
    .createTable('expert_group_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('expert_groups.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'in-discussion', 'waiting', 'decided', 'dropped')`),
    )
    .addColumn('waiting_on', 'text', (c) => c.references('parties.code'))
    .addColumn('owner_party', 'text', (c) => c.references('parties.code'))
    .addColumn('owner_member_id', 'text', (c) => c.references('expert_group_members.id'))
    .addColumn('decision_id', 'text', (c) => c.references('expert_group_decisions.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_utc', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('links_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expert_group_issues_key', ['group_id', 'key'])
    .addCheckConstraint('expert_group_issues_waiting', sql`(status = 'waiting') = (waiting_on is not null)`)
    .addCheckConstraint('expert_group_issues_owner', sql`owner_member_id is null or owner_party is not null`)
    .execute();

  // Append-only: rows are inserted, never updated or deleted (the use cases have no other statement for it).
  // Each keeps the state it found and the state it left, so the thread alone tells the history.
  await db.schema
    .createTable('expert_group_issue_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) =>
      c.notNull().references('expert_group_issues.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('at_utc', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('expert_group_members.id'))
    .addColumn('party', 'text', (c) => c.references('parties.code'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status_from', 'text', (c) => c.notNull())
    .addColumn('waiting_on_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('waiting_on_to', 'text')
    .addColumn('decision_id', 'text', (c) => c.references('expert_group_decisions.id'))
    .addColumn('source_key', 'text')
    .addUniqueConstraint('expert_group_issue_updates_seq', ['issue_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('expert_group_issue_updates').execute();
  await db.schema.dropTable('expert_group_issues').execute();
  await db.schema.dropTable('expert_group_decisions').execute();
  await db.schema.dropTable('expert_group_meetings').execute();
  await db.schema.dropTable('expert_group_members').execute();
  await db.schema.dropTable('expert_groups').execute();
}
