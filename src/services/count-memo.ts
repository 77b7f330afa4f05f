// Counts remembered while the data stays the same. An exact count over a large table (a listing's total, the OGC
// API's numberMatched, the compliance summary) costs a scan of every matching row, while paging through a result
// or reading it again asks the same question: the answer is kept per question and data version (`dataVersion`,
// which moves with every committed write), for any reader, so a page after the first costs its own rows only.
// Unlike the response cache this serves authenticated readers too: the key is the whole database filter, which
// already says what the reader may see.

import type { Services } from './context.js';
import { dataVersion } from './data-version.js';

/** How many answers are kept for the current version at most; the least recently used go first. */
export const COUNT_MEMO_ENTRIES = 1000;

interface Memo {
  readonly version: string;
  /** Keyed by kind and question; a pending count is shared by the requests that ask meanwhile. */
  readonly answers: Map<string, Promise<unknown>>;
}

/** Per services instance: two apps on one database keep their own, and a closed one leaves nothing behind. */
const memos = new WeakMap<Services, Memo>();

/**
 * The answer to `question` (any JSON-serialisable value; equal questions must serialise equally) of this `kind`,
 * computed by `compute` unless it was computed since the data last changed. A failed count is not kept.
 */
export async function rememberedCount<T>(
  services: Services,
  kind: string,
  question: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  // The version is read before the count, so an answer is never kept under a version newer than its data.
  const version = await dataVersion(services);
  let memo = memos.get(services);
  if (memo === undefined || memo.version !== version) {
    memo = { version, answers: new Map() };
    memos.set(services, memo);
  }
  const { answers } = memo;
  const key = `${kind} ${JSON.stringify(question)}`;
  const kept = answers.get(key) as Promise<T> | undefined;
  if (kept !== undefined) {
    // Most recently used last.
    answers.delete(key);
    answers.set(key, kept);
    return kept;
  }
  const pending = compute();
  answers.set(key, pending);
  pending.catch(() => {
    if (answers.get(key) === pending) answers.delete(key);
  });
  for (const oldest of answers.keys()) {
    if (answers.size <= COUNT_MEMO_ENTRIES) break;
    answers.delete(oldest);
  }
  return pending;
}
