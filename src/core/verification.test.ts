// The finding state machine: every occurrence and ruling transition, attribution, grade, history and reasons.
// The two-person rule, publishing and the review queue are in verification-review.test.ts.

import { describe, expect, it } from 'vitest';
import type { AgreementId, IncidentId } from './model.js';
import type { Actor } from './policy.js';
import {
  accepted,
  AGREEMENT,
  apply,
  AT,
  buildFinding,
  refusal,
  user,
  withRuling,
} from './testing/findings.js';
import {
  type Change,
  type ChangeResult,
  type Finding,
  type Occurrence,
  OCCURRENCES,
  RULING_STATUSES,
  type Ruling,
  type RulingStatus,
  newFinding,
} from './verification.js';

const OTHER_AGREEMENT = 'agreement-black-sea' as AgreementId;

function rulingIn(status: RulingStatus): Ruling {
  switch (status) {
    case 'pending':
      return { status, proposal: null };
    case 'violation':
      return { status, proposedBy: 'alice', confirmedBy: 'bob' };
    case 'not-a-violation':
    case 'unable-to-rule':
      return { status };
  }
}

const reason = 'two independent videos, geolocated';

describe('occurrence transitions', () => {
  const LEGAL: Record<Occurrence, readonly Occurrence[]> = {
    alleged: ['corroborated', 'unfounded', 'unable-to-determine'],
    corroborated: ['verified', 'unfounded', 'unable-to-determine', 'alleged'],
    verified: ['alleged', 'corroborated'],
    unfounded: ['alleged', 'corroborated'],
    'unable-to-determine': ['alleged', 'corroborated'],
  };
  const cases = OCCURRENCES.flatMap((from) =>
    OCCURRENCES.map((to) => ({ from, to, legal: LEGAL[from].includes(to) })),
  );

  it.each(cases)('$from -> $to legal: $legal', ({ from, to, legal }) => {
    const result = apply(buildFinding({ occurrence: from }), { kind: 'occurrence', to, reason });
    if (legal) {
      expect(accepted(result).occurrence).toBe(to);
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', status: 409 } });
      expect(result.ok ? null : result.error.details).toEqual({ from, to });
    }
  });
});

describe('ruling transitions', () => {
  const LEGAL: Record<RulingStatus, readonly RulingStatus[]> = {
    pending: ['violation', 'not-a-violation', 'unable-to-rule'],
    violation: ['pending'],
    'not-a-violation': ['pending'],
    'unable-to-rule': ['pending'],
  };
  const cases = RULING_STATUSES.flatMap((from) =>
    RULING_STATUSES.map((to) => ({ from, to, legal: LEGAL[from].includes(to) })),
  );

  /** Moves to `to` the way a client would: reopen for pending, propose + confirm for violation, else rule. */
  function moveTo(finding: Finding, to: RulingStatus): ChangeResult {
    switch (to) {
      case 'pending':
        return apply(finding, { kind: 'reopen-ruling', agreementId: AGREEMENT, reason });
      case 'violation': {
        const proposed = apply(finding, { kind: 'propose-violation', agreementId: AGREEMENT, reason });
        if (!proposed.ok) return proposed;
        const change: Change = { kind: 'confirm-violation', agreementId: AGREEMENT, reason };
        return apply(proposed.finding, change, user('bob'));
      }
      case 'not-a-violation':
      case 'unable-to-rule':
        return apply(finding, { kind: 'rule', agreementId: AGREEMENT, to, reason });
    }
  }

  it.each(cases)('$from -> $to legal: $legal', ({ from, to, legal }) => {
    const result = moveTo(withRuling(rulingIn(from)), to);
    if (legal) {
      expect(accepted(result).rulings[0]?.ruling.status).toBe(to);
    } else {
      expect(refusal(result)).toBe('INVALID_TRANSITION');
    }
  });

  it('refuses a direct ruling of violation with SECOND_REVIEW_REQUIRED', () => {
    const result = apply(buildFinding(), { kind: 'rule', agreementId: AGREEMENT, to: 'violation', reason });
    expect(result).toMatchObject({ ok: false, error: { code: 'SECOND_REVIEW_REQUIRED', status: 409 } });
  });

  it('refuses another ruling while a violation proposal is open', () => {
    const finding = withRuling({ status: 'pending', proposal: { by: 'alice', at: AT, reason } });
    const result = apply(finding, { kind: 'rule', agreementId: AGREEMENT, to: 'not-a-violation', reason });
    expect(refusal(result)).toBe('INVALID_TRANSITION');
  });

  it('refuses a ruling on an agreement the finding was not screened against', () => {
    const result = apply(buildFinding(), {
      kind: 'rule',
      agreementId: OTHER_AGREEMENT,
      to: 'unable-to-rule',
      reason,
    });
    expect(refusal(result)).toBe('REFERENCE_UNKNOWN');
  });

  it('changes only the ruling of the named agreement', () => {
    const finding = newFinding({
      incidentId: 'incident-1' as IncidentId,
      reportedBy: null,
      agreementIds: [AGREEMENT, OTHER_AGREEMENT],
    });
    const next = accepted(
      apply(finding, { kind: 'rule', agreementId: AGREEMENT, to: 'unable-to-rule', reason }),
    );
    expect(next.rulings.map((r) => r.ruling.status)).toEqual(['unable-to-rule', 'pending']);
  });
});

describe('attribution', () => {
  it('moves from unknown to alleged against a party', () => {
    const to = { status: 'alleged', party: 'RU' } as const;
    expect(accepted(apply(buildFinding(), { kind: 'attribution', to, reason })).attribution).toEqual(to);
  });

  it('refuses attributing an incident whose occurrence is only alleged', () => {
    const to = { status: 'attributed', party: 'RU', confidence: 'high' } as const;
    expect(refusal(apply(buildFinding(), { kind: 'attribution', to, reason }))).toBe('INVALID_TRANSITION');
  });

  it('attributes with a confidence once the occurrence is corroborated', () => {
    const to = { status: 'attributed', party: 'RU', confidence: 'medium' } as const;
    const finding = buildFinding({ occurrence: 'corroborated' });
    expect(accepted(apply(finding, { kind: 'attribution', to, reason })).attribution).toEqual(to);
  });

  it('revises the confidence of an attribution', () => {
    const finding = buildFinding({
      occurrence: 'verified',
      attribution: { status: 'attributed', party: 'RU', confidence: 'low' },
    });
    const to = { status: 'attributed', party: 'RU', confidence: 'high' } as const;
    expect(accepted(apply(finding, { kind: 'attribution', to, reason })).attribution).toEqual(to);
  });

  it('refuses a change to the same attribution', () => {
    const finding = buildFinding({ attribution: { status: 'alleged', party: 'UA' } });
    const to = { status: 'alleged', party: 'UA' } as const;
    expect(refusal(apply(finding, { kind: 'attribution', to, reason }))).toBe('INVALID_TRANSITION');
  });
});

describe('grade', () => {
  it('changes to another grade', () => {
    expect(accepted(apply(buildFinding(), { kind: 'grade', to: 'contested', reason })).grade).toBe(
      'contested',
    );
  });

  it('refuses a change to the same grade', () => {
    expect(refusal(apply(buildFinding(), { kind: 'grade', to: 'weak', reason }))).toBe('INVALID_TRANSITION');
  });
});

describe('history and reasons', () => {
  it('keeps the previous state, who changed it, when and why', () => {
    const finding = buildFinding();
    const change: Change = { kind: 'occurrence', to: 'corroborated', reason: '  second source  ' };
    const next = accepted(apply(finding, change, user('alice')));
    expect(next.history).toEqual([
      {
        at: AT,
        by: 'alice',
        change,
        reason: 'second source',
        previous: {
          occurrence: 'alleged',
          attribution: { status: 'unknown' },
          rulings: finding.rulings,
          grade: 'weak',
          published: false,
        },
      },
    ]);
  });

  it('appends to the history and leaves the input finding untouched', () => {
    const first = accepted(apply(buildFinding(), { kind: 'occurrence', to: 'corroborated', reason }));
    const second = accepted(apply(first, { kind: 'occurrence', to: 'verified', reason }));
    expect(second.history.map((h) => h.previous.occurrence)).toEqual(['alleged', 'corroborated']);
    expect(first.occurrence).toBe('corroborated');
    expect(first.history).toHaveLength(1);
  });

  it('refuses a change with a blank reason with REASON_REQUIRED (422)', () => {
    const result = apply(buildFinding(), { kind: 'occurrence', to: 'corroborated', reason: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED', status: 422 } });
  });
});

describe('permissions', () => {
  it('refuses a monitor who tries to rule', () => {
    const change: Change = { kind: 'rule', agreementId: AGREEMENT, to: 'unable-to-rule', reason };
    expect(refusal(apply(buildFinding(), change, user('mona', 'monitor')))).toBe('FORBIDDEN');
  });

  it('refuses an analyst who tries to review the occurrence', () => {
    const change: Change = { kind: 'occurrence', to: 'corroborated', reason };
    expect(refusal(apply(buildFinding(), change, user('ana', 'analyst')))).toBe('FORBIDDEN');
  });

  it('records a token change under the token owner', () => {
    const token: Actor = {
      kind: 'token',
      id: 't1',
      name: 'cli',
      role: 'verifier',
      userId: 'alice',
      party: null,
    };
    const next = accepted(apply(buildFinding(), { kind: 'grade', to: 'fair', reason }, token));
    expect(next.history[0]?.by).toBe('alice');
  });
});
