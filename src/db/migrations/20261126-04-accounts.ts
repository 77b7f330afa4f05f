// Accounts: users with argon2id password hashes and a role (a liaison bound to one party), cookie sessions
// stored by the hash of their id, and API tokens that may belong to a user and carry that user's party.

import { type Kysely, sql } from 'kysely';

// The roles as of this migration, written out so that the migration never changes with the code.
const ROLES_SQL = sql`role in ('admin', 'editor', 'verifier', 'monitor', 'liaison', 'analyst')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stored lower-cased by the use case, so unique means unique whatever the case typed.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.references('parties.code'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('users_role_known', ROLES_SQL)
    // A liaison speaks for exactly one party; no other role is bound to one.
    .addCheckConstraint('users_liaison_party', sql`(role = 'liaison') = (party is not null)`)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's secret: a copy of the table opens no session.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // Set on logout, on rotation (a new login replaces the session presented with it) and on disabling a user.
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .alterTable('api_tokens')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('party', 'text', (c) => c.references('parties.code'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('party').execute();
  await db.schema.alterTable('api_tokens').dropColumn('user_id').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
