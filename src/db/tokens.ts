// API tokens, stored as SHA-256 hashes of the secret; the secret itself is shown once and never kept.

import type { Handle } from './engine.js';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** The user the token acts for; null for tokens an administrator made for a machine. */
  readonly userId: string | null;
  readonly party: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export async function insertToken(db: Handle, token: ApiToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      name: token.name,
      role: token.role,
      user_id: token.userId,
      party: token.party,
      token_hash: tokenHash,
      created_at: token.createdAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

/** The live token with this hash: unrevoked, and when it belongs to a user, that user is not disabled. */
export async function findLiveToken(db: Handle, tokenHash: string): Promise<ApiToken | null> {
  const row = await db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.user_id',
      'api_tokens.party',
      'api_tokens.created_at',
      'api_tokens.revoked_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        role: row.role,
        userId: row.user_id,
        party: row.party,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }
    : null;
}

/** Revokes a token; returns false when there is no live token with that id. */
export async function revokeToken(db: Handle, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The owner of a token (null for machine tokens), or undefined when no token has that id. */
export async function tokenOwner(db: Handle, id: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('api_tokens').select('user_id').where('id', '=', id).executeTakeFirst();
  return row ? row.user_id : undefined;
}
