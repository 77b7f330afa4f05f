// Turning stated windows and lifecycles into intervals: when a readout's terms bind, if at all.

import type { Agreement, Condition, Readout, TermWindow, WindowBound } from './model.js';
import { TERMINAL_STATUSES } from './model.js';
import { DAY_MS, type Interval, parseInstant, precisionInterval } from './time.js';

/** When a readout's terms bind, or why they never do. */
export type ReadoutSpan =
  | { readonly inForce: true; readonly interval: Interval; readonly cappedBy: string | null }
  | { readonly inForce: false; readonly reason: string };

function boundInterval(bound: WindowBound): Interval {
  const instant = parseInstant(bound.at);
  if (!instant) throw new Error(`Unparseable window bound ${bound.at}`);
  return precisionInterval(instant, bound.precision);
}

/** The interval a window covers, before any lifecycle cap; null when it has no start. */
export function windowInterval(window: TermWindow): Interval | null {
  if (!window.start) return null;
  const startMs = boundInterval(window.start).startMs;
  let endMs = Number.POSITIVE_INFINITY;
  if (window.end) endMs = boundInterval(window.end).endMs;
  else if (window.durationDays !== null) endMs = startMs + window.durationDays * DAY_MS;
  return { startMs, endMs };
}

/** Problems with a window, each with the field it concerns; empty when the window is sound. */
export function windowProblems(window: TermWindow): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (window.end && window.durationDays !== null) {
    problems.push({ path: 'durationDays', message: 'give an end or a duration in days, not both' });
  }
  if (!window.start && (window.end || window.durationDays !== null)) {
    problems.push({ path: 'start', message: 'a window with an end or a duration needs a start' });
  }
  for (const key of ['start', 'end'] as const) {
    const bound = window[key];
    if (bound && !parseInstant(bound.at)) {
      problems.push({ path: `${key}.at`, message: `"${bound.at}" is not an ISO 8601 date or time` });
    }
  }
  if (problems.length > 0) return problems;
  const interval = windowInterval(window);
  if (interval && interval.endMs <= interval.startMs) {
    problems.push({ path: 'end', message: 'the window ends before it starts' });
  }
  return problems;
}

/** The earliest terminal lifecycle step (expired, collapsed) for the agreement as a whole. */
export function agreementEnd(agreement: Agreement): { atMs: number; label: string } | null {
  let best: { atMs: number; label: string } | null = null;
  for (const step of agreement.lifecycle) {
    if (step.party !== null || !TERMINAL_STATUSES.includes(step.status)) continue;
    const instant = parseInstant(step.at);
    if (!instant) continue;
    const atMs = precisionInterval(instant, step.precision).startMs;
    if (!best || atMs < best.atMs) best = { atMs, label: `${step.status} ${step.at.slice(0, 10)}` };
  }
  return best;
}

function unmetPreconditions(agreement: Agreement, readout: Readout): Condition[] {
  return agreement.conditions.filter(
    (c) => c.kind === 'precondition' && c.readout === readout.key && c.status !== 'met',
  );
}

/** When a readout's terms bind: its window, cut short by the agreement's end and held back by unmet preconditions. */
export function readoutSpan(agreement: Agreement, readout: Readout): ReadoutSpan {
  const interval = windowInterval(readout.window);
  if (!interval) return { inForce: false, reason: 'this readout puts the terms in force at no date' };
  const unmet = unmetPreconditions(agreement, readout);
  if (unmet.length > 0) {
    return {
      inForce: false,
      reason: `not in force until a precondition is met: ${unmet.map((c) => c.text).join('; ')}`,
    };
  }
  const end = agreementEnd(agreement);
  if (end && end.atMs < interval.endMs) {
    if (end.atMs <= interval.startMs)
      return { inForce: false, reason: `the agreement ${end.label} before this window` };
    return { inForce: true, interval: { startMs: interval.startMs, endMs: end.atMs }, cappedBy: end.label };
  }
  return { inForce: true, interval, cappedBy: null };
}
