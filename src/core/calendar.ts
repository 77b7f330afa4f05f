// Readout windows as calendar events: one event per readout that states a start, so that a calendar shows the
// readouts' differences side by side (the moratorium from 18 March under three readouts, from 25 March under
// Ukraine's). When a window binds is `readoutSpan`'s answer; this module only says how to put it on a calendar.

import type { Agreement, Readout } from './model.js';
import { agreementEnd, readoutSpan, windowInterval } from './terms.js';
import { DAY_MS, formatOffset, localDate, parseInstant, toUtcIso } from './time.js';

/**
 * How an event stands: `confirmed`, the window binds (perhaps cut short by the agreement's end, which the note
 * says); `tentative`, stated but held back by a precondition not yet met; `cancelled`, the agreement ended before
 * the window began, so it never bound.
 */
export type WindowStatus = 'confirmed' | 'tentative' | 'cancelled';

/** When an event is: whole days (a window stated in days) or instants in UTC (one stated to the hour or minute). */
export type EventTime =
  | {
      readonly allDay: true;
      /** The first day, in the offset the readout states its start in. */
      readonly startDate: string;
      /** The day after the last day; null for a window with no end (the event is its first day alone). */
      readonly endDate: string | null;
    }
  | {
      readonly allDay: false;
      readonly startUtc: string;
      /** Null for a window with no end (the event is its start alone). */
      readonly endUtc: string | null;
    };

export interface WindowEvent {
  /** Stable while the readout's window starts where it does: the agreement, the readout and the stated start. */
  readonly uid: string;
  readonly agreementId: string;
  readonly agreementSlug: string;
  readonly readoutId: string;
  readonly readoutKey: string;
  readonly summary: string;
  readonly status: WindowStatus;
  /** When the agreement last changed, and its version: the event's DTSTAMP and SEQUENCE. */
  readonly updatedAt: string;
  readonly version: number;
  readonly time: EventTime;
  /** Lines for the event's description: the readout, its window as stated, when it binds and why. */
  readonly description: readonly string[];
}

function compactUtc(epochMs: number): string {
  return toUtcIso(epochMs)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** "from 2025-03-18 (UTC+03:00) for 30 days", as the readout states its window. */
export function statedWindow(readout: Readout): string {
  const { start, end, durationDays } = readout.window;
  if (start === null) return 'no start stated';
  const bound = (b: { at: string; precision: string }) => {
    const instant = parseInstant(b.at);
    const offset = instant ? ` (UTC${formatOffset(instant.offsetMinutes)})` : '';
    return b.precision === 'day' ? `${b.at.slice(0, 10)}${offset}` : `${b.at.slice(0, 16)}${offset}`;
  };
  const until =
    end !== null
      ? ` until ${bound(end)}`
      : durationDays !== null
        ? ` for ${String(durationDays)} days`
        : ', no end stated';
  return `from ${bound(start)}${until}`;
}

function statusOf(agreement: Agreement, readout: Readout): WindowStatus {
  if (readoutSpan(agreement, readout).inForce) return 'confirmed';
  const stated = windowInterval(readout.window);
  const end = agreementEnd(agreement);
  return stated !== null && end !== null && end.atMs <= stated.startMs ? 'cancelled' : 'tentative';
}

/**
 * The calendar events of an agreement's readout windows, in the order of its readouts. A readout that states no
 * start has none. A window stated in days becomes an all-day event in the offset the readout states (its last
 * day is the one on which it lapses, rounded up to a whole day when a lifecycle step in another offset cuts it
 * short); one stated to the hour or minute becomes a timed event in UTC. The exact span is in the description.
 */
export function windowEvents(agreement: Agreement): WindowEvent[] {
  const events: WindowEvent[] = [];
  const starts = agreement.readouts.flatMap((r) =>
    r.window.start === null ? [] : [{ issuer: r.issuer, key: r.key, day: r.window.start.at.slice(0, 10) }],
  );
  for (const readout of agreement.readouts) {
    const { start, end } = readout.window;
    const stated = windowInterval(readout.window);
    const startInstant = start === null ? null : parseInstant(start.at);
    if (start === null || stated === null || startInstant === null) continue;
    const span = readoutSpan(agreement, readout);
    const status = statusOf(agreement, readout);
    const interval = span.inForce ? span.interval : stated;
    const open = !Number.isFinite(interval.endMs);
    const offsetMinutes = startInstant.offsetMinutes;
    const allDay = start.precision === 'day' && (end === null || end.precision === 'day');
    const time: EventTime = allDay
      ? {
          allDay,
          startDate: localDate({ epochMs: interval.startMs, offsetMinutes }),
          endDate: open ? null : nextDay(localDate({ epochMs: interval.endMs - 1, offsetMinutes })),
        }
      : {
          allDay,
          startUtc: toUtcIso(interval.startMs),
          endUtc: open ? null : toUtcIso(interval.endMs),
        };
    const binds = span.inForce
      ? `In force (UTC): from ${toUtcIso(span.interval.startMs)}${open ? ', with no end' : ` until ${toUtcIso(span.interval.endMs)}`}${span.cappedBy ? `; cut short: ${span.cappedBy}` : ''}.`
      : `Not in force: ${span.reason}.`;
    const others = starts.filter((s) => s.key !== readout.key);
    events.push({
      uid: `${agreement.id}.${readout.id}.${compactUtc(stated.startMs)}@truceline`,
      agreementId: agreement.id,
      agreementSlug: agreement.slug,
      readoutId: readout.id,
      readoutKey: readout.key,
      summary: `${agreement.title} — ${readout.issuer}, ${readout.issuedAt.slice(0, 10)}${status === 'confirmed' ? '' : status === 'tentative' ? ' (not in force)' : ' (never in force)'}`,
      status,
      updatedAt: agreement.updatedAt,
      version: agreement.version,
      time,
      description: [
        `Readout of ${readout.issuer} (${readout.issuedBy}), issued ${readout.issuedAt}: “${readout.scope}”.`,
        `Window as stated: ${statedWindow(readout)}.`,
        binds,
        ...(readout.window.extension ? [`Extension: ${readout.window.extension}`] : []),
        ...(readout.window.escapeClause ? [`Escape clause: ${readout.window.escapeClause}`] : []),
        ...(others.length > 0
          ? [`Other readouts start: ${others.map((o) => `${o.day} (${o.issuer})`).join('; ')}.`]
          : []),
        'Readouts are compared, never merged: each has its own event.',
      ],
    });
  }
  return events;
}
