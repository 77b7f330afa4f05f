// The verification record (a "finding") and its state machine, as data plus one pure `applyChange`.
// Occurrence, attribution and one ruling per screened agreement move separately; every change keeps the previous
// state, who made it, when and why.
//
// Decisions:
// - Occurrence: alleged -> corroborated -> verified; alleged or corroborated -> unfounded | unable-to-determine;
//   corroborated -> alleged (corroboration withdrawn). No skipping (alleged -> verified is refused). The closed
//   states (verified, unfounded, unable-to-determine) can only be reopened, back to alleged or corroborated;
//   moving between closed states goes through a reopen.
// - Attribution: any change except to the same value; `attributed` (with party and confidence) needs an
//   occurrence of corroborated or verified, since one cannot attribute what is not shown to have happened.
// - Ruling: pending -> not-a-violation | unable-to-rule directly. Violation follows the two-person rule: verifier
//   A proposes (the ruling stays pending with A's proposal), a verifier B who is neither A nor the reporter
//   confirms. Any verifier may reject an open proposal with a reason (A rejecting it is a withdrawal), which
//   leaves the ruling pending. A final ruling changes only through an explicit reopen, back to pending.
// - Grade: any other grade, with a reason.
// - Publishing (see `publishBlockers`): not already published, no violation proposal awaiting its second
//   verifier, and either the occurrence is past `alleged` or there is at least one ruling and all are final.
//   A published finding stays published; later changes are corrections, kept in its history.

import { assertNever, TrucelineError } from './errors.js';
import type { AgreementId, IncidentId, PartyCode } from './model.js';
import { type Action, type Actor, can, personId } from './policy.js';

export const OCCURRENCES = [
  'alleged',
  'corroborated',
  'verified',
  'unfounded',
  'unable-to-determine',
] as const;
export type Occurrence = (typeof OCCURRENCES)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type Attribution =
  | { readonly status: 'unknown' }
  | { readonly status: 'alleged'; readonly party: PartyCode }
  | { readonly status: 'attributed'; readonly party: PartyCode; readonly confidence: Confidence };

export const RULING_STATUSES = ['pending', 'violation', 'not-a-violation', 'unable-to-rule'] as const;
export type RulingStatus = (typeof RULING_STATUSES)[number];

export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export type Grade = (typeof GRADES)[number];

/** A verifier's proposal that a ruling be `violation`, awaiting a second verifier. */
export interface Proposal {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
}

export type Ruling =
  | { readonly status: 'pending'; readonly proposal: Proposal | null }
  | { readonly status: 'violation'; readonly proposedBy: string; readonly confirmedBy: string }
  | { readonly status: 'not-a-violation' }
  | { readonly status: 'unable-to-rule' };

export interface AgreementRuling {
  readonly agreementId: AgreementId;
  readonly ruling: Ruling;
}

/** The state a change replaces; kept in the history entry. */
export interface FindingState {
  readonly occurrence: Occurrence;
  readonly attribution: Attribution;
  readonly rulings: readonly AgreementRuling[];
  readonly grade: Grade;
  readonly published: boolean;
}

export interface HistoryEntry {
  readonly at: string;
  readonly by: string;
  readonly change: Change;
  readonly reason: string;
  readonly previous: FindingState;
}

export interface Finding extends FindingState {
  readonly incidentId: IncidentId;
  /** The person who reported the incident (a user id); they may never confirm a violation on it. */
  readonly reportedBy: string | null;
  readonly history: readonly HistoryEntry[];
}

type RulingTarget = 'violation' | 'not-a-violation' | 'unable-to-rule';

export type Change =
  | { readonly kind: 'occurrence'; readonly to: Occurrence; readonly reason: string }
  | { readonly kind: 'attribution'; readonly to: Attribution; readonly reason: string }
  | { readonly kind: 'grade'; readonly to: Grade; readonly reason: string }
  | {
      readonly kind: 'rule';
      readonly agreementId: AgreementId;
      readonly to: RulingTarget;
      readonly reason: string;
    }
  | { readonly kind: 'propose-violation'; readonly agreementId: AgreementId; readonly reason: string }
  | { readonly kind: 'confirm-violation'; readonly agreementId: AgreementId; readonly reason: string }
  | { readonly kind: 'reject-violation'; readonly agreementId: AgreementId; readonly reason: string }
  | { readonly kind: 'reopen-ruling'; readonly agreementId: AgreementId; readonly reason: string }
  | { readonly kind: 'publish'; readonly reason: string };

export interface ChangeContext {
  readonly actor: Actor;
  /** ISO instant of the change. */
  readonly at: string;
}

export type ChangeResult =
  { readonly ok: true; readonly finding: Finding } | { readonly ok: false; readonly error: TrucelineError };

/** Legal occurrence transitions; moves out of a closed state are reopenings. */
export const OCCURRENCE_TRANSITIONS: Readonly<Record<Occurrence, readonly Occurrence[]>> = {
  alleged: ['corroborated', 'unfounded', 'unable-to-determine'],
  corroborated: ['verified', 'unfounded', 'unable-to-determine', 'alleged'],
  verified: ['alleged', 'corroborated'],
  unfounded: ['alleged', 'corroborated'],
  'unable-to-determine': ['alleged', 'corroborated'],
};

/** Ruling moves by change kind: from which statuses each kind may start. `rule` to violation is never direct. */
export const RULING_TRANSITIONS: Readonly<Record<RulingStatus, readonly RulingStatus[]>> = {
  pending: ['violation', 'not-a-violation', 'unable-to-rule'],
  violation: ['pending'],
  'not-a-violation': ['pending'],
  'unable-to-rule': ['pending'],
};

const FINAL_RULINGS: readonly RulingStatus[] = ['violation', 'not-a-violation', 'unable-to-rule'];

/** A new finding for an incident: alleged, unattributed, weak, and a pending ruling per screened agreement. */
export function newFinding(input: {
  readonly incidentId: IncidentId;
  readonly reportedBy: string | null;
  readonly agreementIds: readonly AgreementId[];
}): Finding {
  return {
    incidentId: input.incidentId,
    reportedBy: input.reportedBy,
    occurrence: 'alleged',
    attribution: { status: 'unknown' },
    rulings: input.agreementIds.map((agreementId) => ({
      agreementId,
      ruling: { status: 'pending', proposal: null },
    })),
    grade: 'weak',
    published: false,
    history: [],
  };
}

/** The policy action a change needs: use cases ask it before loading the finding (401/403 before 404). */
export function actionFor(change: Pick<Change, 'kind'>): Action {
  switch (change.kind) {
    case 'occurrence':
    case 'attribution':
    case 'grade':
      return 'finding.review';
    case 'rule':
    case 'propose-violation':
    case 'confirm-violation':
    case 'reject-violation':
    case 'reopen-ruling':
      return 'finding.rule';
    case 'publish':
      return 'finding.publish';
    default:
      return assertNever(change.kind);
  }
}

type Refusal = Extract<ChangeResult, { ok: false }>;

function refuse(
  code: TrucelineError['code'],
  message: string,
  details: Record<string, unknown> = {},
): Refusal {
  return { ok: false, error: new TrucelineError(code, message, details) };
}

function invalid(message: string, from: string, to: string): Refusal {
  return refuse('INVALID_TRANSITION', message, { from, to });
}

function sameAttribution(a: Attribution, b: Attribution): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'unknown' || b.status === 'unknown') return true;
  if (a.party !== b.party) return false;
  if (a.status === 'attributed' && b.status === 'attributed') return a.confidence === b.confidence;
  return true;
}

/** Why a finding may not be published now; empty when it may. */
export function publishBlockers(finding: FindingState): string[] {
  const blockers: string[] = [];
  if (finding.published) blockers.push('already published');
  if (finding.rulings.some((r) => r.ruling.status === 'pending' && r.ruling.proposal !== null)) {
    blockers.push('a violation proposal awaits a second verifier');
  }
  const allFinal =
    finding.rulings.length > 0 && finding.rulings.every((r) => FINAL_RULINGS.includes(r.ruling.status));
  if (finding.occurrence === 'alleged' && !allFinal) {
    blockers.push('occurrence is still alleged and not every ruling is final');
  }
  return blockers;
}

type StateResult = { readonly ok: true; readonly state: FindingState } | Refusal;

function changeRuling(
  finding: Finding,
  agreementId: AgreementId,
  step: (ruling: Ruling) => Ruling | Refusal,
): StateResult {
  const index = finding.rulings.findIndex((r) => r.agreementId === agreementId);
  const current = finding.rulings[index];
  if (current === undefined) {
    return refuse('REFERENCE_UNKNOWN', 'This finding has no ruling for that agreement.', {
      agreementId,
    });
  }
  const next = step(current.ruling);
  if ('ok' in next) return next;
  const rulings = finding.rulings.map((r, i) => (i === index ? { agreementId, ruling: next } : r));
  return { ok: true, state: { ...stateOf(finding), rulings } };
}

function stateOf(finding: Finding): FindingState {
  return {
    occurrence: finding.occurrence,
    attribution: finding.attribution,
    rulings: finding.rulings,
    grade: finding.grade,
    published: finding.published,
  };
}

function nextState(finding: Finding, change: Change, by: string, at: string): StateResult {
  const state = stateOf(finding);
  switch (change.kind) {
    case 'occurrence': {
      if (!OCCURRENCE_TRANSITIONS[finding.occurrence].includes(change.to)) {
        return invalid(
          `Occurrence cannot move from ${finding.occurrence} to ${change.to}.`,
          finding.occurrence,
          change.to,
        );
      }
      return { ok: true, state: { ...state, occurrence: change.to } };
    }
    case 'attribution': {
      if (sameAttribution(finding.attribution, change.to)) {
        return invalid('The attribution is already that.', finding.attribution.status, change.to.status);
      }
      if (change.to.status === 'attributed' && !['corroborated', 'verified'].includes(finding.occurrence)) {
        return invalid(
          'Attribution needs an occurrence of corroborated or verified.',
          finding.attribution.status,
          change.to.status,
        );
      }
      return { ok: true, state: { ...state, attribution: change.to } };
    }
    case 'grade':
      if (finding.grade === change.to) {
        return invalid('The grade is already that.', finding.grade, change.to);
      }
      return { ok: true, state: { ...state, grade: change.to } };
    case 'rule':
      return changeRuling(finding, change.agreementId, (ruling) => {
        if (!RULING_TRANSITIONS[ruling.status].includes(change.to) || ruling.status !== 'pending') {
          return invalid('A final ruling must be reopened before it changes.', ruling.status, change.to);
        }
        if (change.to === 'violation') {
          return refuse('SECOND_REVIEW_REQUIRED', 'Propose a violation; a second verifier confirms it.', {
            agreementId: change.agreementId,
          });
        }
        if (ruling.proposal !== null) {
          return invalid('A violation proposal is open: confirm or reject it first.', 'pending', change.to);
        }
        return { status: change.to };
      });
    case 'propose-violation':
      return changeRuling(finding, change.agreementId, (ruling) => {
        if (ruling.status !== 'pending' || ruling.proposal !== null) {
          return invalid(
            'Only a pending ruling without a proposal can be proposed.',
            ruling.status,
            'proposed',
          );
        }
        return { status: 'pending', proposal: { by, at, reason: change.reason } };
      });
    case 'confirm-violation':
      return changeRuling(finding, change.agreementId, (ruling) => {
        if (ruling.status !== 'pending' || ruling.proposal === null) {
          return invalid('There is no violation proposal to confirm.', ruling.status, 'violation');
        }
        if (ruling.proposal.by === by) {
          return refuse('SAME_REVIEWER', 'The proposer of a violation may not confirm it.', {
            proposedBy: by,
          });
        }
        if (finding.reportedBy !== null && finding.reportedBy === by) {
          return refuse('REPORTER_CANNOT_CONFIRM', "The incident's reporter may not confirm a violation.", {
            reportedBy: by,
          });
        }
        return { status: 'violation', proposedBy: ruling.proposal.by, confirmedBy: by };
      });
    case 'reject-violation':
      return changeRuling(finding, change.agreementId, (ruling) => {
        if (ruling.status !== 'pending' || ruling.proposal === null) {
          return invalid('There is no violation proposal to reject.', ruling.status, 'pending');
        }
        return { status: 'pending', proposal: null };
      });
    case 'reopen-ruling':
      return changeRuling(finding, change.agreementId, (ruling) => {
        if (!RULING_TRANSITIONS[ruling.status].includes('pending')) {
          return invalid('Only a final ruling can be reopened.', ruling.status, 'pending');
        }
        return { status: 'pending', proposal: null };
      });
    case 'publish': {
      const blockers = publishBlockers(finding);
      if (blockers.length > 0) {
        return refuse('FINDING_NOT_PUBLISHABLE', `Cannot publish: ${blockers.join('; ')}.`, {
          blockers,
        });
      }
      return { ok: true, state: { ...state, published: true } };
    }
    default:
      return assertNever(change);
  }
}

/**
 * Applies one change to a finding: checks the actor's permission, the reason and the state machine, and returns
 * the new finding with a history entry holding the previous state, or a typed refusal. Never throws.
 */
export function applyChange(finding: Finding, change: Change, context: ChangeContext): ChangeResult {
  if (!can(context.actor, actionFor(change))) {
    return refuse('FORBIDDEN', 'You may not make that change to a finding.', { action: actionFor(change) });
  }
  const reason = change.reason.trim();
  if (reason === '') return refuse('REASON_REQUIRED', 'Every change to a finding needs a non-empty reason.');
  const by = personId(context.actor);
  const next = nextState(finding, change, by, context.at);
  if (!next.ok) return next;
  const entry: HistoryEntry = { at: context.at, by, change, reason, previous: stateOf(finding) };
  return { ok: true, finding: { ...finding, ...next.state, history: [...finding.history, entry] } };
}

export type QueueItem =
  | { readonly kind: 'confirm-violation'; readonly incidentId: IncidentId; readonly agreementId: AgreementId }
  | { readonly kind: 'rule'; readonly incidentId: IncidentId; readonly agreementId: AgreementId }
  | { readonly kind: 'review-occurrence'; readonly incidentId: IncidentId; readonly occurrence: Occurrence }
  | { readonly kind: 'publish'; readonly incidentId: IncidentId };

/**
 * What awaits this actor: violation proposals they may confirm (not their own, not on incidents they reported),
 * pending rulings with no proposal, occurrences still open (alleged or corroborated), and findings ready to
 * publish, each only when the actor's role may act on it.
 */
export function reviewQueue(findings: readonly Finding[], actor: Actor): QueueItem[] {
  const me = personId(actor);
  const mayRule = can(actor, 'finding.rule');
  const mayReview = can(actor, 'finding.review');
  const mayPublish = can(actor, 'finding.publish');
  const items: QueueItem[] = [];
  for (const finding of findings) {
    const { incidentId } = finding;
    if (mayRule) {
      for (const { agreementId, ruling } of finding.rulings) {
        if (ruling.status !== 'pending') continue;
        if (ruling.proposal === null) items.push({ kind: 'rule', incidentId, agreementId });
        else if (ruling.proposal.by !== me && finding.reportedBy !== me) {
          items.push({ kind: 'confirm-violation', incidentId, agreementId });
        }
      }
    }
    if (mayReview && (finding.occurrence === 'alleged' || finding.occurrence === 'corroborated')) {
      items.push({ kind: 'review-occurrence', incidentId, occurrence: finding.occurrence });
    }
    if (mayPublish && publishBlockers(finding).length === 0) items.push({ kind: 'publish', incidentId });
  }
  return items;
}
