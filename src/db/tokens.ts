// API tokens, stored as SHA-256 hashes of the secret; the secret itself is shown once and never kept.

import type { Handle } from './engine.js';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: string;
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
      token_hash: tokenHash,
      created_at: token.createdAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

/** The live (unrevoked) token with this hash, if any. */
export async function findLiveToken(db: Handle, tokenHash: string): Promise<ApiToken | null> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at }
    : null;
}
