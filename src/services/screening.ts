// Keeping stored screenings true: screen an incident when it is written, and re-screen the incidents an
// agreement's change can touch, in the same transaction as the change.

import type { Agreement, Incident, IncidentGeography } from '../core/model.js';
import type { ScreenDraft } from '../core/schemas.js';
import { type AgreementScreening, screenIncident, type ScreenableIncident } from '../core/screening.js';
import { windowInterval } from '../core/terms.js';
import { DAY_MS, parseInstant, toUtcIso } from '../core/time.js';
import { listAgreements } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import { findIncident, incidentIdsBetween, replaceScreenings } from '../db/incidents.js';

/** The widest precision an incident time can have (a month), so re-screening also reaches imprecise incidents. */
const SLACK_MS = 31 * DAY_MS;

export function screenable(
  incident: Pick<
    Incident,
    'occurredAt' | 'timePrecision' | 'act' | 'domain' | 'target' | 'perpetrator' | 'location' | 'geography'
  >,
): ScreenableIncident {
  const occurredAt = parseInstant(incident.occurredAt);
  if (!occurredAt) throw new Error(`Stored incident time is unreadable: ${incident.occurredAt}`);
  return {
    occurredAt,
    timePrecision: incident.timePrecision,
    act: incident.act,
    domain: incident.domain,
    target: incident.target,
    perpetrator: incident.perpetrator,
    location: incident.location,
    geography: incident.geography,
  };
}

/** A draft from `POST /screen`: a time alone is read at day precision, a time of day at minute precision. */
export function screenableDraft(
  draft: ScreenDraft,
  geography: IncidentGeography | null = null,
): ScreenableIncident {
  return screenable({
    occurredAt: draft.occurredAt,
    timePrecision: draft.timePrecision ?? (draft.occurredAt.length <= 10 ? 'day' : 'minute'),
    act: draft.act ?? null,
    domain: draft.domain ?? null,
    target: draft.target ?? null,
    perpetrator: draft.perpetrator ?? null,
    location: draft.location ?? null,
    geography,
  });
}

/** Screens one stored incident against all agreements and stores the result. */
export async function screenAndStore(
  trx: Handle,
  incident: Incident,
  agreements: readonly Agreement[],
  computedAt: string,
): Promise<AgreementScreening[]> {
  const results = screenIncident(screenable(incident), agreements);
  await replaceScreenings(trx, incident.id, results, computedAt);
  return results;
}

/** The UTC range an agreement's readouts can reach, widened by the slack for imprecise incident times. */
function reach(agreement: Agreement): { from: number; to: number } | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const readout of agreement.readouts) {
    const interval = windowInterval(readout.window);
    if (!interval) continue;
    from = Math.min(from, interval.startMs);
    to = Math.max(to, interval.endMs);
  }
  return Number.isFinite(from) ? { from: from - SLACK_MS, to: to + SLACK_MS } : null;
}

/**
 * Re-screens every incident the change from `before` to `after` can touch: those inside either version's
 * reach. Returns how many incidents were re-screened.
 */
export async function rescreenForAgreement(
  trx: Handle,
  before: Agreement | null,
  after: Agreement,
  computedAt: string,
): Promise<number> {
  const ids = new Set<string>();
  for (const version of before ? [before, after] : [after]) {
    const range = reach(version);
    if (!range) continue;
    const to = Number.isFinite(range.to) ? toUtcIso(range.to) : null;
    for (const id of await incidentIdsBetween(trx, toUtcIso(range.from), to)) ids.add(id);
  }
  if (ids.size === 0) return 0;
  const agreements = await listAgreements(trx);
  for (const id of ids) {
    const incident = await findIncident(trx, id);
    if (incident) await screenAndStore(trx, incident, agreements, computedAt);
  }
  return ids.size;
}
