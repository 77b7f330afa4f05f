// Factories and helpers for the finding state machine's tests: a finding on one agreement, people acting on
// it, and `applyChange` read as accepted or refused.

import type { AgreementId, IncidentId } from '../model.js';
import type { Actor, Role } from '../policy.js';
import {
  applyChange,
  type Change,
  type ChangeResult,
  type Finding,
  newFinding,
  type Ruling,
} from '../verification.js';

export const AGREEMENT = 'agreement-energy-moratorium' as AgreementId;
export const AT = '2025-03-20T10:00:00Z';
/** The person who reported every incident these tests build. */
export const REPORTER = 'rita';

export function user(id: string, role: Role = 'verifier'): Actor {
  return { kind: 'user', id, email: `${id}@example.org`, role, party: null };
}

/** A new finding on incident-1 (or `incident`), screened against AGREEMENT, with overrides. */
export function buildFinding(overrides: Partial<Finding> = {}, incident = 'incident-1'): Finding {
  const base = newFinding({
    incidentId: incident as IncidentId,
    reportedBy: REPORTER,
    agreementIds: [AGREEMENT],
  });
  return { ...base, ...overrides };
}

/** A finding whose ruling on AGREEMENT is `ruling`. */
export function withRuling(
  ruling: Ruling,
  overrides: Partial<Finding> = {},
  incident = 'incident-1',
): Finding {
  return buildFinding({ rulings: [{ agreementId: AGREEMENT, ruling }], ...overrides }, incident);
}

export function apply(finding: Finding, change: Change, actor: Actor = user('alice')): ChangeResult {
  return applyChange(finding, change, { actor, at: AT });
}

/** The new finding; fails the test, naming the refusal, when the change was refused. */
export function accepted(result: ChangeResult): Finding {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`);
  return result.finding;
}

/** The refusal's code, or null when the change was accepted. */
export function refusal(result: ChangeResult): string | null {
  return result.ok ? null : result.error.code;
}
