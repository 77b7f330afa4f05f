// What every use case receives: the database, the evidence file store, a clock and an id generator (all but the
// database replaceable in tests).

import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ErrorCode, TrucelineError } from '../core/errors.js';
import { type Action, type Actor, mayAttempt, refusal, type Subject } from '../core/policy.js';
import { lockAuditHead } from '../db/audit.js';
import { type ConstraintKind, constraintViolation, isBusy } from '../db/constraints.js';
import type { Db, Handle } from '../db/engine.js';
import { createFileStore, type FileStore } from '../io/files.js';
import { noteWrite } from './data-version.js';

export interface Services {
  readonly db: Db;
  /** Where evidence files are kept, by their SHA-256. */
  readonly files: FileStore;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The upload limit when none is configured (TRUCELINE_MAX_UPLOAD_MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * The services on a database. Unless `files` is given, evidence goes to a fresh temporary directory (created
 * only when a first file arrives), which suits tests; the server and the CLI pass the configured data directory.
 */
export function createServices(db: Db, overrides: Partial<Omit<Services, 'db'>> = {}): Services {
  const files =
    overrides.files ??
    createFileStore({
      root: join(tmpdir(), `truceline-evidence-${randomUUID()}`),
      maxBytes: DEFAULT_MAX_UPLOAD_BYTES,
    });
  return { db, now: () => new Date(), newId: () => randomUUID(), ...overrides, files };
}

/**
 * Throws UNAUTHENTICATED (the public) or FORBIDDEN unless the actor may take the action on the subject. A
 * party-bound grant (a liaison's) holds only with a subject that is the actor's own party's.
 */
export function authorise(actor: Actor | null, action: Action, subject?: Subject): Actor {
  if (actor === null) throw new TrucelineError('UNAUTHENTICATED');
  const why = refusal(actor, action, subject);
  if (why !== null) throw new TrucelineError('FORBIDDEN', why, { action });
  return actor;
}

/**
 * The first gate of a use case whose subject is known only once loaded: refuses the public and roles that may
 * never take the action. The use case calls `authorise` with the subject afterwards.
 */
export function authoriseAttempt(actor: Actor | null, action: Action): Actor {
  if (actor === null) throw new TrucelineError('UNAUTHENTICATED');
  if (!mayAttempt(actor, action))
    throw new TrucelineError('FORBIDDEN', refusal(actor, action) ?? undefined, { action });
  return actor;
}

/** What a constraint that the checks before a write did not catch means to the client. */
const CONSTRAINT_ERRORS: Readonly<Record<ConstraintKind, { code: ErrorCode; message: string }>> = {
  unique: { code: 'CONFLICT', message: 'The change conflicts with stored data (a value must be unique).' },
  'foreign-key': { code: 'REFERENCE_UNKNOWN', message: 'The change refers to a record that does not exist.' },
  check: { code: 'VALIDATION_FAILED', message: 'A value is outside what may be stored.' },
  'not-null': { code: 'VALIDATION_FAILED', message: 'A required value is missing.' },
};

/**
 * Runs a write in one transaction on the services' database. Writers are serialised: each first locks the
 * audit-chain head, which every write appends to anyway. SQLite serialises transactions by itself; on
 * PostgreSQL this keeps a writer from checking or screening against data another writer is changing (two
 * agreements with one slug, an incident filed while an agreement is created and never screened against it).
 * A constraint violation that still reaches the engine is translated here, the one place, into a catalogue
 * error. Each commit moves the data version (`noteWrite`), which cached public answers are checked against.
 */
export async function inTransaction<T>(services: Services, work: (trx: Handle) => Promise<T>): Promise<T> {
  try {
    const result = await services.db.kysely.transaction().execute(async (trx) => {
      await lockAuditHead(trx, services.db.engine);
      return work(trx);
    });
    // After the commit, never before: a reader must not keep pre-commit data under the new version.
    noteWrite(services);
    return result;
  } catch (error) {
    if (isBusy(error)) throw new TrucelineError('BUSY', undefined, { engine: services.db.engine });
    const kind = constraintViolation(error);
    if (kind === null) throw error;
    const { code, message } = CONSTRAINT_ERRORS[kind];
    throw new TrucelineError(code, message, { constraint: kind });
  }
}
