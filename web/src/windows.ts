// Where an agreement stands on a given day, from its readouts' windows as they bind (`inForce`, computed by the
// server: UTC, cut short by the lifecycle, or never with a reason). Pure, so the tests need no browser.

import type { InForce } from './types.js';

export type Standing = 'in-force' | 'not-yet' | 'lapsed' | 'never';

const DAY_MS = 86_400_000;

/** One readout's window on the day `nowMs` falls in. */
export function readoutStanding(inForce: InForce, nowMs: number): Standing {
  if (inForce.from === null) return 'never';
  if (Date.parse(inForce.from) > nowMs) return 'not-yet';
  if (inForce.until !== null && Date.parse(inForce.until) <= nowMs) return 'lapsed';
  return 'in-force';
}

/**
 * An agreement is in force while any readout says so (readouts are compared, never merged: one party's version
 * in force is enough to show it); otherwise it is yet to start, lapsed, or was never in force.
 */
export function agreementStanding(windows: readonly InForce[], nowMs: number): Standing {
  const standings = windows.map((w) => readoutStanding(w, nowMs));
  for (const s of ['in-force', 'not-yet', 'lapsed'] as const) if (standings.includes(s)) return s;
  return 'never';
}

/** Whole days left in a window (rounded up), or null when it has no end. */
export function daysLeft(inForce: InForce, nowMs: number): number | null {
  if (inForce.until === null) return null;
  return Math.max(0, Math.ceil((Date.parse(inForce.until) - nowMs) / DAY_MS));
}
