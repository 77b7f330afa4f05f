// The version of the data as this process knows it: what a cached answer is valid for. It changes when this
// process commits a write (at once: `inTransaction` calls `noteWrite` after each commit) and when the audit chain's
// head moves, which every audited write does, in whatever process it was made (`truceline import` into the same
// SQLite file, a second server on the same PostgreSQL). Reading the head costs a query, so it is read at most every
// HEAD_REFRESH_MS: a write made elsewhere shows within that bound.

import { readAuditHead } from '../db/audit.js';
import type { Services } from './context.js';

/** How long the audit head read from the database is trusted: the delay before another process's write shows. */
export const HEAD_REFRESH_MS = 250;

interface VersionState {
  /** Writes this process has committed. */
  writes: number;
  /** The audit head as last read (`seq:hash`), or null before the first read. */
  head: string | null;
  /** When the head was read (Date.now()). */
  readAt: number;
  /** A read of the head under way, shared by the requests that need it meanwhile. */
  reading: Promise<string> | null;
}

/** Per services instance, so that the services carry no field for it and two apps on one database keep their own. */
const states = new WeakMap<Services, VersionState>();

function stateOf(services: Services): VersionState {
  let state = states.get(services);
  if (state === undefined) {
    state = { writes: 0, head: null, readAt: 0, reading: null };
    states.set(services, state);
  }
  return state;
}

/** Records that this process committed a write: the version changes at once. Call it after the commit. */
export function noteWrite(services: Services): void {
  stateOf(services).writes += 1;
}

/**
 * The data's current version, an opaque string that differs whenever the data may have changed. Data read after
 * this resolves is at least as new as the version says (the counter moves after commits, the head is read from
 * committed data), so an answer computed afterwards may be kept under it.
 */
export async function dataVersion(services: Services): Promise<string> {
  const state = stateOf(services);
  // The counter is read first: a write committed while the head is being read shows in the head, or in the
  // next version.
  const writes = state.writes;
  if (state.head !== null && Date.now() - state.readAt < HEAD_REFRESH_MS) return `${writes}:${state.head}`;
  state.reading ??= refreshHead(services, state);
  return `${writes}:${await state.reading}`;
}

async function refreshHead(services: Services, state: VersionState): Promise<string> {
  const startedAt = Date.now();
  try {
    const head = await readAuditHead(services.db.kysely);
    state.head = `${head.seq}:${head.hash}`;
    state.readAt = startedAt;
    return state.head;
  } finally {
    state.reading = null;
  }
}
