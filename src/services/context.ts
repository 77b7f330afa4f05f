// What every use case receives: the database, a clock and an id generator (both replaceable in tests).

import { randomUUID } from 'node:crypto';
import { TrucelineError } from '../core/errors.js';
import { type Action, type Actor, can } from '../core/policy.js';
import type { Db, Handle } from '../db/engine.js';

export interface Services {
  readonly db: Db;
  readonly now: () => Date;
  readonly newId: () => string;
}

export function createServices(db: Db, overrides: Partial<Omit<Services, 'db'>> = {}): Services {
  return { db, now: () => new Date(), newId: () => randomUUID(), ...overrides };
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the actor may take the action. */
export function authorise(actor: Actor | null, action: Action): Actor {
  if (actor === null) throw new TrucelineError('UNAUTHENTICATED');
  if (!can(actor, action)) throw new TrucelineError('FORBIDDEN', `This token may not ${action}.`);
  return actor;
}

/** Runs `work` in one transaction on the services' database. */
export function inTransaction<T>(services: Services, work: (trx: Handle) => Promise<T>): Promise<T> {
  return services.db.kysely.transaction().execute(work);
}
