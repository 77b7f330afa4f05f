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
  /** The write count when that read began: a read begun before a write may miss it. */
  readingAfter: number;
}

/** Per services instance, so that the services carry no field for it and two apps on one database keep their own. */
const states = new WeakMap<Services, VersionState>();

function stateOf(services: Services): VersionState {
  let state = states.get(services);
  if (state === undefined) {
    state = { writes: 0, head: null, readAt: 0, reading: null, readingAfter: 0 };
    states.set(services, state);
  }
  return state;
}

/**
 * Records that this process committed a write: the version changes at once. Call it after the commit. The head is
 * read again on the next call, so that the write's move of the head shows in the same new version rather than in a
 * second one a moment later (which would throw away what was cached in between).
 */
export function noteWrite(services: Services): void {
  const state = stateOf(services);
  state.writes += 1;
  state.readAt = 0;
}

/**
 * The data's current version, `writes:seq:hash` (this process's commits, then the audit head), which differs
 * whenever the data may have changed; both numbers only grow, so the response cache can tell newer from older. Data read after
 * this resolves is at least as new as the version says (the counter moves after commits, the head is read from
 * committed data), so an answer computed afterwards may be kept under it.
 */
export async function dataVersion(services: Services): Promise<string> {
  const state = stateOf(services);
  // The counter is read first: a write committed while the head is being read shows in the head, or in the
  // next version.
  const writes = state.writes;
  if (state.head !== null && Date.now() - state.readAt < HEAD_REFRESH_MS) return `${writes}:${state.head}`;
  if (state.reading === null || state.readingAfter !== writes) {
    const reading: Promise<string> = refreshHead(services, state, writes).finally(() => {
      if (state.reading === reading) state.reading = null;
    });
    state.reading = reading;
    state.readingAfter = writes;
  }
  return `${writes}:${await state.reading}`;
}

async function refreshHead(services: Services, state: VersionState, writes: number): Promise<string> {
  const startedAt = Date.now();
  const { seq, hash } = await readAuditHead(services.db.kysely);
  const head = `${seq}:${hash}`;
  // Trusted for the next HEAD_REFRESH_MS only if no write was committed here while it was read.
  if (state.writes === writes) {
    state.head = head;
    state.readAt = startedAt;
  }
  return head;
}
