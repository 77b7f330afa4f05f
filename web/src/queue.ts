// The review queue's items grouped by kind, most urgent first. Pure.

import { QUEUE_KINDS, type QueueItem, type QueueKind } from './types.js';

/** The items by kind, in the order of QUEUE_KINDS; kinds with nothing waiting are left out. */
export function groupQueue(items: readonly QueueItem[]): { kind: QueueKind; items: QueueItem[] }[] {
  return QUEUE_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
}
