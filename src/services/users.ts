// Users and cookie sessions: adding users (argon2id password hashes), signing in and out, and turning a session
// cookie back into the actor it stands for.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { fieldError, TrucelineError } from '../core/errors.js';
import { type Actor, isRole, type Role } from '../core/policy.js';
import { partyCodes } from '../db/parties.js';
import {
  disableUserRow,
  findLiveSession,
  findUser,
  findUserByEmail,
  insertSession,
  insertUser,
  listUsers as listUserRows,
  revokeSession,
  type UserRecord,
} from '../db/users.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { sha256Hex } from './sha256.js';

/** How long a session lasts from sign-in; there is no sliding renewal. */
export const SESSION_HOURS = 12;
const SESSION_PREFIX = 'tls_';
const MIN_PASSWORD = 12;

export interface User {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly party: string | null;
  readonly createdAt: string;
  readonly disabled: boolean;
}

function toUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    // The CHECK constraint keeps role to the known roles; a role dropped later reads as the narrowest.
    role: isRole(record.role) ? record.role : 'analyst',
    party: record.party,
    createdAt: record.createdAt,
    disabled: record.disabledAt !== null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface UserInput {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  /** Required for a liaison, refused for any other role. */
  readonly party?: string | undefined;
}

/** Adds a user; the password is stored only as an argon2id hash. */
export async function addUser(services: Services, actor: Actor | null, input: UserInput): Promise<User> {
  const who = authorise(actor, 'user.manage');
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw fieldError('VALIDATION_FAILED', 'email', 'not an email address');
  if (input.password.length < MIN_PASSWORD)
    throw fieldError('VALIDATION_FAILED', 'password', `at least ${MIN_PASSWORD} characters`);
  const party = input.party ?? null;
  if (input.role === 'liaison' && party === null)
    throw fieldError('VALIDATION_FAILED', 'party', 'a liaison speaks for one party: name it');
  if (input.role !== 'liaison' && party !== null)
    throw fieldError('VALIDATION_FAILED', 'party', 'only a liaison is bound to a party');
  const passwordHash = await argon2Hash(input.password);
  const record: UserRecord = {
    id: services.newId(),
    email,
    role: input.role,
    party,
    createdAt: services.now().toISOString(),
    disabledAt: null,
  };
  await inTransaction(services, async (trx) => {
    if (party !== null && !(await partyCodes(trx)).has(party))
      throw fieldError('PARTY_UNKNOWN', 'party', `no party "${party}"`);
    if (await findUserByEmail(trx, email))
      throw new TrucelineError('USER_EMAIL_TAKEN', `Another user already has the email "${email}".`, {
        issues: [{ path: 'email', message: 'already taken' }],
      });
    await insertUser(trx, record, passwordHash);
    await recordAudit(services, trx, {
      actor: who,
      action: 'user.create',
      subjectType: 'user',
      subjectId: record.id,
      after: { email, role: record.role, party },
    });
  });
  return toUser(record);
}

/**
 * Disables a user, found by id or email: they can no longer sign in, their sessions end at once and their tokens
 * stop working. The account stays, so the audit log still names who did what. Disabling twice changes nothing.
 */
export async function disableUser(services: Services, actor: Actor | null, idOrEmail: string): Promise<User> {
  const who = authorise(actor, 'user.manage');
  return inTransaction(services, async (trx) => {
    const found =
      (await findUser(trx, idOrEmail)) ??
      (await findUserByEmail(trx, normaliseEmail(idOrEmail)))?.user ??
      null;
    if (!found) throw new TrucelineError('USER_NOT_FOUND', `No user has the id or email "${idOrEmail}".`);
    if (found.disabledAt !== null) return toUser(found);
    const at = services.now().toISOString();
    await disableUserRow(trx, found.id, at);
    await recordAudit(services, trx, {
      actor: who,
      action: 'user.disable',
      subjectType: 'user',
      subjectId: found.id,
      after: { email: found.email, role: found.role, party: found.party, disabledAt: at },
    });
    return toUser({ ...found, disabledAt: at });
  });
}

export async function listUsers(services: Services, actor: Actor | null): Promise<User[]> {
  authorise(actor, 'user.manage');
  return (await listUserRows(services.db.kysely)).map(toUser);
}

// Verified against when no user has the email, so that a miss takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  readonly secret: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly user: User;
}

/**
 * Signs in with email and password: a new session, with a new id, every time. The session presented with the
 * request, if any, is revoked, so that an id planted before sign-in is worth nothing after it.
 */
export async function login(
  services: Services,
  email: string,
  password: string,
  previousSecret?: string,
): Promise<NewSession> {
  const found = await findUserByEmail(services.db.kysely, normaliseEmail(email));
  decoyHash ??= argon2Hash(randomBytes(16).toString('hex'));
  const ok = await argon2Verify(found?.passwordHash ?? (await decoyHash), password);
  if (!found || !ok || found.user.disabledAt !== null) throw new TrucelineError('LOGIN_FAILED');
  const now = services.now();
  const secret = SESSION_PREFIX + randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await services.db.kysely.transaction().execute(async (trx) => {
    if (previousSecret !== undefined) await revokeSession(trx, sha256Hex(previousSecret), now.toISOString());
    await insertSession(trx, sha256Hex(secret), {
      userId: found.user.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
    });
  });
  return { secret, csrfToken, expiresAt, user: toUser(found.user) };
}

export async function logout(services: Services, secret: string): Promise<void> {
  await revokeSession(services.db.kysely, sha256Hex(secret), services.now().toISOString());
}

export interface SessionActor {
  readonly actor: Actor;
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** The user a session cookie stands for, or null when it is unknown, expired, revoked or the user disabled. */
export async function authenticateSession(services: Services, secret: string): Promise<SessionActor | null> {
  if (!secret.startsWith(SESSION_PREFIX)) return null;
  const found = await findLiveSession(services.db.kysely, sha256Hex(secret), services.now().toISOString());
  if (!found) return null;
  const user = toUser(found.user);
  return {
    actor: { kind: 'user', id: user.id, email: user.email, role: user.role, party: user.party },
    user,
    csrfToken: found.session.csrfToken,
    expiresAt: found.session.expiresAt,
  };
}

/** Whether a presented CSRF token is the session's, compared in constant time. */
export function csrfMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
