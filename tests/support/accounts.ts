// Users for integration tests: a user of a role (a liaison with their party) and a bearer token of their own.

import type { Actor, Role } from '../../src/core/policy.js';
import { createToken } from '../../src/services/tokens.js';
import { addUser } from '../../src/services/users.js';
import type { Harness } from './harness.js';

export const TEST_SYSTEM: Actor = { kind: 'system', name: 'test' };
export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** Adds a user of the role (bound to `party` for a liaison); returns their email. */
export async function addTestUser(h: Harness, role: Role, party?: string): Promise<string> {
  counter += 1;
  const email = `${role}-${counter}@mission.example`;
  await addUser(h.services, TEST_SYSTEM, { email, password: TEST_PASSWORD, role, party });
  return email;
}

/** Headers with a bearer token of the user's own, carrying the user's role (and party). */
export async function tokenHeaders(h: Harness, email: string): Promise<Record<string, string>> {
  const { secret } = await createToken(h.services, TEST_SYSTEM, `token-${email}`, { user: email });
  return { authorization: `Bearer ${secret}` };
}

/** A new user of the role and headers that act as them. */
export async function actingAs(
  h: Harness,
  role: Role,
  party?: string,
): Promise<{ email: string; headers: Record<string, string> }> {
  const email = await addTestUser(h, role, party);
  return { email, headers: await tokenHeaders(h, email) };
}
