// API tokens, presented as `Authorization: Bearer <token>`. A token belongs to a user (and is capped at that
// user's role and party) or, made by an administrator, to a machine.

import { randomBytes } from 'node:crypto';
import { TrucelineError } from '../core/errors.js';
import { type Actor, can, isRole, type Role, roleWithin } from '../core/policy.js';
import { findLiveToken, insertToken, revokeToken as revokeTokenRow, tokenOwner } from '../db/tokens.js';
import { findUser, findUserByEmail, type UserRecord } from '../db/users.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { sha256Hex } from './sha256.js';

const PREFIX = 'tl_';

/** A token is stored as its SHA-256: the secret itself never is. */
const hashToken = sha256Hex;

export interface TokenOptions {
  /** The token's role; by default the owner's role, or admin for a machine token. */
  readonly role?: Role | undefined;
  /** The email of the user the token acts for; by default the user acting, or none when the system acts. */
  readonly user?: string | undefined;
}

/** The user behind an actor, if any. */
function actorUserId(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.id;
  if (actor.kind === 'token') return actor.userId;
  return null;
}

async function ownerFor(
  services: Services,
  actor: Actor,
  email: string | undefined,
): Promise<UserRecord | null> {
  if (email !== undefined) {
    const found = await findUserByEmail(services.db.kysely, email.trim().toLowerCase());
    if (!found || found.user.disabledAt !== null)
      throw new TrucelineError('USER_NOT_FOUND', `No active user has the email "${email}".`);
    return found.user;
  }
  const id = actorUserId(actor);
  return id === null ? null : findUser(services.db.kysely, id);
}

/**
 * Creates a token and returns its secret, which is shown once: only its hash is stored. Anyone signed in may
 * make tokens for themselves, no wider than their own role; tokens for another user, or for no user (a machine,
 * admin by default), need `user.manage`.
 */
export async function createToken(
  services: Services,
  actor: Actor | null,
  name: string,
  options: TokenOptions = {},
): Promise<{ id: string; secret: string; role: Role }> {
  const who = authorise(actor, 'token.create');
  const owner = await ownerFor(services, who, options.user);
  if ((owner === null || owner.id !== actorUserId(who)) && !can(who, 'user.manage'))
    throw new TrucelineError('FORBIDDEN', 'You may create tokens only for yourself.');
  // A user's role the code no longer knows grants nothing, so no token can be made for it.
  const ownerRole = owner === null ? null : isRole(owner.role) ? owner.role : 'unknown';
  if (ownerRole === 'unknown')
    throw new TrucelineError('FORBIDDEN', 'That user has no role tokens can carry.');
  const role: Role = options.role ?? ownerRole ?? 'admin';
  if (ownerRole !== null && !roleWithin(role, ownerRole))
    throw new TrucelineError(
      'FORBIDDEN',
      `A token for ${owner?.email ?? ''} may not be wider than ${ownerRole}.`,
    );
  if (who.kind !== 'system' && !roleWithin(role, who.role))
    throw new TrucelineError(
      'FORBIDDEN',
      `You may not create a token wider than your own role (${who.role}).`,
    );
  if (owner === null && role === 'liaison')
    throw new TrucelineError('VALIDATION_FAILED', 'A liaison token must belong to a liaison user (--user).');
  const secret = PREFIX + randomBytes(32).toString('base64url');
  const id = services.newId();
  const party = owner?.party ?? null;
  await inTransaction(services, async (trx) => {
    await insertToken(
      trx,
      {
        id,
        name,
        role,
        userId: owner?.id ?? null,
        party,
        createdAt: services.now().toISOString(),
        revokedAt: null,
      },
      hashToken(secret),
    );
    await recordAudit(services, trx, {
      actor: who,
      action: 'token.create',
      subjectType: 'api-token',
      subjectId: id,
      after: { name, role, user: owner?.id ?? null, party },
    });
  });
  return { id, secret, role };
}

/** Revokes a token: its owner may, and so may whoever manages users. */
export async function revokeToken(services: Services, actor: Actor | null, id: string): Promise<void> {
  const who = authorise(actor, 'token.create');
  await inTransaction(services, async (trx) => {
    const owner = await tokenOwner(trx, id);
    if (owner === undefined) throw new TrucelineError('TOKEN_NOT_FOUND', `No API token has the id "${id}".`);
    if ((owner === null || owner !== actorUserId(who)) && !can(who, 'user.manage'))
      throw new TrucelineError('FORBIDDEN', 'You may revoke only your own tokens.');
    if (!(await revokeTokenRow(trx, id, services.now().toISOString())))
      throw new TrucelineError('TOKEN_NOT_FOUND', `The API token "${id}" is already revoked.`);
    await recordAudit(services, trx, {
      actor: who,
      action: 'token.revoke',
      subjectType: 'api-token',
      subjectId: id,
    });
  });
}

/** The actor a bearer token stands for, or null when it is unknown, revoked or its user is disabled. */
export async function authenticate(services: Services, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await findLiveToken(services.db.kysely, hashToken(secret));
  if (!token || !isRole(token.role)) return null;
  return {
    kind: 'token',
    id: token.id,
    name: token.name,
    role: token.role,
    userId: token.userId,
    party: token.party,
  };
}
