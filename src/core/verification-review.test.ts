// The two-person rule for violations, the publishing rule and the review queue.

import { describe, expect, it } from 'vitest';
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
import { type Change, type Ruling, publishBlockers, reviewQueue } from './verification.js';

const reason = 'strike on a substation inside the moratorium window';

const propose: Change = { kind: 'propose-violation', agreementId: AGREEMENT, reason };
const confirm: Change = { kind: 'confirm-violation', agreementId: AGREEMENT, reason: 'checked the imagery' };
const proposedByAlice: Ruling = { status: 'pending', proposal: { by: 'alice', at: AT, reason } };

describe('the two-person rule', () => {
  it('keeps a proposed violation pending, with the proposer named', () => {
    const next = accepted(apply(buildFinding(), propose, user('alice')));
    expect(next.rulings[0]?.ruling).toEqual(proposedByAlice);
  });

  it('refuses the proposer confirming their own proposal with SAME_REVIEWER', () => {
    const result = apply(withRuling(proposedByAlice), confirm, user('alice'));
    expect(result).toMatchObject({ ok: false, error: { code: 'SAME_REVIEWER', status: 409 } });
  });

  it('refuses the proposer confirming through their own API token', () => {
    const token: Actor = {
      kind: 'token',
      id: 't1',
      name: 'cli',
      role: 'verifier',
      userId: 'alice',
      party: null,
    };
    expect(refusal(apply(withRuling(proposedByAlice), confirm, token))).toBe('SAME_REVIEWER');
  });

  it("refuses the incident's reporter confirming with REPORTER_CANNOT_CONFIRM", () => {
    const result = apply(withRuling(proposedByAlice), confirm, user('rita'));
    expect(result).toMatchObject({ ok: false, error: { code: 'REPORTER_CANNOT_CONFIRM', status: 409 } });
  });

  it('makes the violation final when a second verifier confirms', () => {
    const next = accepted(apply(withRuling(proposedByAlice), confirm, user('bob')));
    expect(next.rulings[0]?.ruling).toEqual({ status: 'violation', proposedBy: 'alice', confirmedBy: 'bob' });
  });

  it('refuses a confirmation when nothing was proposed', () => {
    expect(refusal(apply(buildFinding(), confirm, user('bob')))).toBe('INVALID_TRANSITION');
  });

  it('lets a second verifier reject the proposal with a reason, back to pending', () => {
    const change: Change = {
      kind: 'reject-violation',
      agreementId: AGREEMENT,
      reason: 'the site is military',
    };
    const next = accepted(apply(withRuling(proposedByAlice), change, user('bob')));
    expect(next.rulings[0]?.ruling).toEqual({ status: 'pending', proposal: null });
    expect(next.history[0]).toMatchObject({ by: 'bob', reason: 'the site is military' });
    expect(next.history[0]?.previous.rulings[0]?.ruling).toEqual(proposedByAlice);
  });

  it('refuses a rejection without a reason', () => {
    const change: Change = { kind: 'reject-violation', agreementId: AGREEMENT, reason: '' };
    expect(refusal(apply(withRuling(proposedByAlice), change, user('bob')))).toBe('REASON_REQUIRED');
  });

  it('refuses a second proposal while one is open', () => {
    expect(refusal(apply(withRuling(proposedByAlice), propose, user('bob')))).toBe('INVALID_TRANSITION');
  });
});

describe('publishing', () => {
  const publish: Change = { kind: 'publish', reason: 'daily bulletin' };

  it('refuses an alleged finding with a pending ruling', () => {
    const result = apply(buildFinding(), publish, user('alice'));
    expect(result).toMatchObject({ ok: false, error: { code: 'FINDING_NOT_PUBLISHABLE', status: 409 } });
  });

  it('publishes an alleged finding whose rulings are all final', () => {
    const finding = withRuling({ status: 'not-a-violation' });
    expect(accepted(apply(finding, publish, user('alice'))).published).toBe(true);
  });

  it('refuses an alleged finding with no rulings at all', () => {
    expect(publishBlockers(buildFinding({ rulings: [] }))).toHaveLength(1);
  });

  it('publishes a corroborated finding while a ruling is still pending', () => {
    const finding = buildFinding({ occurrence: 'corroborated' });
    expect(accepted(apply(finding, publish, user('alice'))).published).toBe(true);
  });

  it('refuses a finding with a violation proposal awaiting its second verifier', () => {
    const finding = withRuling(proposedByAlice, { occurrence: 'verified' });
    expect(refusal(apply(finding, publish, user('alice')))).toBe('FINDING_NOT_PUBLISHABLE');
  });

  it('refuses publishing twice', () => {
    const finding = buildFinding({ occurrence: 'verified', published: true });
    expect(refusal(apply(finding, publish, user('alice')))).toBe('FINDING_NOT_PUBLISHABLE');
  });

  it('refuses a monitor, who may not publish', () => {
    const finding = buildFinding({ occurrence: 'verified' });
    expect(refusal(apply(finding, publish, user('mona', 'monitor')))).toBe('FORBIDDEN');
  });
});

describe('the review queue', () => {
  const proposed = withRuling(proposedByAlice, { occurrence: 'verified' }, 'incident-proposed');
  const pending = buildFinding({}, 'incident-pending');
  const ready = withRuling({ status: 'unable-to-rule' }, { occurrence: 'unfounded' }, 'incident-ready');
  const findings = [proposed, pending, ready];

  it('offers a proposal to a verifier who is neither its proposer nor the reporter', () => {
    expect(reviewQueue(findings, user('bob'))).toContainEqual({
      kind: 'confirm-violation',
      incidentId: 'incident-proposed',
      agreementId: AGREEMENT,
    });
  });

  it('does not offer a proposal to its proposer', () => {
    expect(reviewQueue(findings, user('alice')).map((i) => i.kind)).not.toContain('confirm-violation');
  });

  it("does not offer a proposal to the incident's reporter", () => {
    expect(reviewQueue(findings, user('rita')).map((i) => i.kind)).not.toContain('confirm-violation');
  });

  it('lists pending rulings, open occurrences and findings ready to publish', () => {
    expect(reviewQueue([pending, ready], user('bob'))).toEqual([
      { kind: 'rule', incidentId: 'incident-pending', agreementId: AGREEMENT },
      { kind: 'review-occurrence', incidentId: 'incident-pending', occurrence: 'alleged' },
      { kind: 'publish', incidentId: 'incident-ready' },
    ]);
  });

  it('is empty for a role that may not review, rule or publish', () => {
    expect(reviewQueue(findings, user('ana', 'analyst'))).toEqual([]);
  });
});
