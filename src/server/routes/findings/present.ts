// The API shapes of findings: the full record with its history, the summary shown with an incident, and the
// review queue's items. Who acted (person ids) is shown only to readers of the sealed record.

import { assertNever } from '../../../core/errors.js';
import { publicCopy } from '../../../core/disclosure.js';
import type { Incident } from '../../../core/model.js';
import {
  type AgreementRuling,
  type Attribution,
  type Change,
  type Finding,
  type FindingState,
  publishBlockers,
  type QueueItem,
} from '../../../core/verification.js';
import type { QueueIncident } from '../../../db/findings.js';

type AgreementNames = ReadonlyMap<string, { readonly slug: string; readonly title: string }>;

function agreementRef(id: string, names: AgreementNames) {
  const a = names.get(id);
  return { id, slug: a?.slug ?? null, title: a?.title ?? null };
}

function presentAttribution(a: Attribution) {
  switch (a.status) {
    case 'unknown':
      return { status: a.status, party: null, confidence: null };
    case 'alleged':
      return { status: a.status, party: a.party, confidence: null };
    case 'attributed':
      return { status: a.status, party: a.party, confidence: a.confidence };
    default:
      return assertNever(a);
  }
}

function presentRuling({ agreementId, ruling }: AgreementRuling, names: AgreementNames, sealed: boolean) {
  const person = (id: string) => (sealed ? id : null);
  const base = { agreement: agreementRef(agreementId, names), status: ruling.status };
  switch (ruling.status) {
    case 'pending':
      return {
        ...base,
        proposal:
          ruling.proposal === null
            ? null
            : { by: person(ruling.proposal.by), at: ruling.proposal.at, reason: ruling.proposal.reason },
        proposedBy: null,
        confirmedBy: null,
      };
    case 'violation':
      return {
        ...base,
        proposal: null,
        proposedBy: person(ruling.proposedBy),
        confirmedBy: person(ruling.confirmedBy),
      };
    case 'not-a-violation':
    case 'unable-to-rule':
      return { ...base, proposal: null, proposedBy: null, confirmedBy: null };
    default:
      return assertNever(ruling);
  }
}

function presentState(s: FindingState, names: AgreementNames, sealed: boolean) {
  return {
    occurrence: s.occurrence,
    attribution: presentAttribution(s.attribution),
    grade: s.grade,
    published: s.published,
    rulings: s.rulings.map((r) => presentRuling(r, names, sealed)),
  };
}

function presentChange(c: Change, names: AgreementNames) {
  switch (c.kind) {
    case 'occurrence':
    case 'grade':
      return { kind: c.kind, to: c.to, agreement: null };
    case 'attribution':
      return { kind: c.kind, to: presentAttribution(c.to), agreement: null };
    case 'rule':
      return { kind: c.kind, to: c.to, agreement: agreementRef(c.agreementId, names) };
    case 'propose-violation':
    case 'confirm-violation':
    case 'reject-violation':
    case 'reopen-ruling':
      return { kind: c.kind, to: null, agreement: agreementRef(c.agreementId, names) };
    case 'publish':
      return { kind: c.kind, to: null, agreement: null };
    default:
      return assertNever(c);
  }
}

/**
 * A finding with its history. `sealed`: the reader may see the sealed record (the mission's staff), and so who
 * made each change; others see the history with `by` withheld, and the reporter only where the incident's public
 * copy shows it.
 */
export function presentFinding(finding: Finding, incident: Incident, names: AgreementNames, sealed: boolean) {
  return {
    incidentId: finding.incidentId,
    ...presentState(finding, names, sealed),
    reportedBy: sealed ? finding.reportedBy : publicCopy(incident).reportedBy,
    publishedAt: incident.publishedAt,
    publishBlockers: publishBlockers(finding),
    history: finding.history.map((h) => ({
      at: h.at,
      by: sealed ? h.by : null,
      change: presentChange(h.change, names),
      reason: h.reason,
      previous: presentState(h.previous, names, sealed),
    })),
  };
}

/** The finding as an incident shows it: the three dimensions, the grade and whether it is published. */
export function presentFindingSummary(finding: Finding, names: AgreementNames) {
  return {
    occurrence: finding.occurrence,
    attribution: presentAttribution(finding.attribution),
    grade: finding.grade,
    published: finding.published,
    rulings: finding.rulings.map(({ agreementId, ruling }) => ({
      agreement: agreementRef(agreementId, names),
      status: ruling.status,
    })),
  };
}

export function presentQueueItem(item: QueueItem, incident: QueueIncident, names: AgreementNames) {
  const base = {
    kind: item.kind,
    incident: { id: incident.id, title: incident.title, occurredAt: incident.occurredAt },
  };
  switch (item.kind) {
    case 'confirm-violation':
    case 'rule':
      return { ...base, agreement: agreementRef(item.agreementId, names), occurrence: null };
    case 'review-occurrence':
      return { ...base, agreement: null, occurrence: item.occurrence };
    case 'publish':
      return { ...base, agreement: null, occurrence: null };
    default:
      return assertNever(item);
  }
}
