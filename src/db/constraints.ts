// Constraint violations and lock waits from both engines, recognised in one place.

export type ConstraintKind = 'unique' | 'foreign-key' | 'check' | 'not-null';

/** Which kind of constraint an engine error reports, or null when it is not a constraint violation. */
export function constraintViolation(error: unknown): ConstraintKind | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  switch (error.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case '23505':
      return 'unique';
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return 'foreign-key';
    case 'SQLITE_CONSTRAINT_CHECK':
    case '23514':
      return 'check';
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case '23502':
      return 'not-null';
    default:
      return null;
  }
}

/**
 * Whether an engine error says another writer held a lock for longer than this one would wait (SQLite's busy
 * timeout, PostgreSQL's lock_timeout), or that the engine gave up on a transaction to break a deadlock or a
 * serialisation conflict. Nothing was written; the same request can be sent again.
 */
export function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string')
    return false;
  return /^SQLITE_(BUSY|LOCKED)/.test(error.code) || ['55P03', '40P01', '40001'].includes(error.code);
}
