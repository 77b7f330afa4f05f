// API tokens: created by an administrator from the CLI, presented as `Authorization: Bearer <token>`.

import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '../core/policy.js';
import { findLiveToken, insertToken } from '../db/tokens.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';

const PREFIX = 'tl_';

function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a token and returns its secret, which is shown once: only its hash is stored. */
export async function createToken(
  services: Services,
  actor: Actor,
  name: string,
  role: Role = 'admin',
): Promise<{ id: string; secret: string }> {
  const who = authorise(actor, 'token.create');
  const secret = PREFIX + randomBytes(32).toString('base64url');
  const id = services.newId();
  await inTransaction(services, async (trx) => {
    await insertToken(
      trx,
      { id, name, role, createdAt: services.now().toISOString(), revokedAt: null },
      hashToken(secret),
    );
    await recordAudit(services, trx, {
      actor: who,
      action: 'token.create',
      subjectType: 'api-token',
      subjectId: id,
      after: { name, role },
    });
  });
  return { id, secret };
}

/** The actor a bearer token stands for, or null when it is unknown or revoked. */
export async function authenticate(services: Services, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await findLiveToken(services.db.kysely, hashToken(secret));
  if (!token) return null;
  return { kind: 'token', id: token.id, name: token.name, role: token.role as Role };
}
