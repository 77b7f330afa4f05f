// Users and their cookie sessions. Passwords are stored as argon2id hashes, sessions by the SHA-256 of their
// secret; neither secret is ever kept.

import type { Handle } from './engine.js';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly party: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

interface UserRowLike {
  id: string;
  email: string;
  role: string;
  party: string | null;
  created_at: string;
  disabled_at: string | null;
}

function userFromRow(row: UserRowLike): UserRecord {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    party: row.party,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export async function insertUser(db: Handle, user: UserRecord, passwordHash: string): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      password_hash: passwordHash,
      role: user.role,
      party: user.party,
      created_at: user.createdAt,
      disabled_at: user.disabledAt,
    })
    .execute();
}

/** The user with this (lower-cased) email and their password hash, if any. */
export async function findUserByEmail(
  db: Handle,
  email: string,
): Promise<{ user: UserRecord; passwordHash: string } | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? { user: userFromRow(row), passwordHash: row.password_hash } : null;
}

export async function findUser(db: Handle, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? userFromRow(row) : null;
}

export async function listUsers(db: Handle): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(userFromRow);
}

export interface SessionRecord {
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export async function insertSession(db: Handle, idHash: string, session: SessionRecord): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null,
    })
    .execute();
}

/** The unrevoked, unexpired session with this hash whose user is not disabled, with that user. */
export async function findLiveSession(
  db: Handle,
  idHash: string,
  now: string,
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.role',
      'users.party',
      'users.created_at',
      'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    session: {
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: row.session_created_at,
      expiresAt: row.expires_at,
    },
    user: userFromRow(row),
  };
}

/** Revokes the session with this hash if it is live. */
export async function revokeSession(db: Handle, idHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Disables a user at `at` and revokes every live session of theirs; their tokens stop working with it. */
export async function disableUserRow(db: Handle, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
