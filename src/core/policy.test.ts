import { describe, expect, it } from 'vitest';
import {
  ACTION_PHRASES,
  ACTIONS,
  type Action,
  type Actor,
  actorLabel,
  can,
  mayAttempt,
  refusal,
  type Role,
  ROLES,
  roleWithin,
} from './policy.js';

// Written out by hand, not derived from the table: a change to POLICY must change this too.
// Columns: admin, editor, verifier, monitor, liaison, analyst, public. Y = yes, - = no, own = own party only,
// inv = records that concern the actor's party, mem = records of a group the actor sits on.
type Cell = 'Y' | '-' | 'own' | 'inv' | 'mem';
const COLUMNS = [...ROLES, 'public'] as const;
const EXPECTED: Readonly<Record<Action, readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell]>> = {
  'agreement.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'incident.write': ['Y', 'Y', '-', 'Y', 'own', '-', '-'],
  'incident.read-unpublished': ['Y', 'Y', 'Y', 'Y', 'inv', 'Y', '-'],
  'incident.read-sealed': ['Y', 'Y', 'Y', 'Y', '-', 'Y', '-'],
  'source.write': ['Y', 'Y', '-', 'Y', '-', '-', '-'],
  'party.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'frontline.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'sector.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  import: ['Y', 'Y', '-', '-', '-', '-', '-'],
  'token.create': ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', '-'],
  'user.manage': ['Y', '-', '-', '-', '-', '-', '-'],
  'allegation.file': ['Y', 'Y', '-', 'Y', 'own', '-', '-'],
  'allegation.reply': ['Y', '-', '-', '-', 'own', '-', '-'],
  'finding.review': ['Y', '-', 'Y', '-', '-', '-', '-'],
  'finding.rule': ['Y', '-', 'Y', '-', '-', '-', '-'],
  'finding.publish': ['Y', '-', 'Y', '-', '-', '-', '-'],
  'evidence.upload': ['Y', 'Y', 'Y', 'Y', 'own', '-', '-'],
  'evidence.view-sealed': ['Y', '-', 'Y', '-', '-', '-', '-'],
  'evidence.redact': ['Y', 'Y', 'Y', '-', '-', '-', '-'],
  'audit.checkpoint': ['Y', '-', '-', '-', '-', '-', '-'],
  'exchange.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'correction.review': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'group.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'group.contribute': ['Y', 'Y', 'mem', 'mem', 'mem', 'mem', '-'],
  'group.read-private': ['Y', 'Y', 'Y', 'Y', 'mem', 'Y', '-'],
  'bulletin.write': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'bulletin.publish': ['Y', 'Y', '-', '-', '-', '-', '-'],
  'bulletin.read-drafts': ['Y', 'Y', 'Y', 'Y', '-', 'Y', '-'],
  'webhook.manage': ['Y', '-', '-', '-', '-', '-', '-'],
};

function userActor(role: Role): Actor {
  return {
    kind: 'user',
    id: 'u1',
    email: `${role}@example.org`,
    role,
    party: role === 'liaison' ? 'UA' : null,
  };
}

function tokenActor(role: Role): Actor {
  return { kind: 'token', id: 't1', name: 'x', role, userId: 'u1', party: role === 'liaison' ? 'UA' : null };
}

const OWN = { parties: ['UA'] };
const OTHER = { parties: ['RU'] };
const MIXED = { parties: ['UA', 'RU'] };
const NONE = { parties: [] };
/** A group's record: the actors of these tests are person u1; another person sits on the second group. */
const SEATED = { parties: [], members: ['u2', 'u1'] };
const NOT_SEATED = { parties: [], members: ['u2'] };

const cases = ACTIONS.flatMap((action) =>
  COLUMNS.map((who, i) => ({ action, who, cell: EXPECTED[action][i] as Cell })),
);

describe('the policy table', () => {
  it('has a row for every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cases)('$who may $action: $cell', ({ action, who, cell }) => {
    const actors: (Actor | null)[] = who === 'public' ? [null] : [userActor(who), tokenActor(who)];
    for (const actor of actors) {
      // On a record of the actor's own party, on another party's, on one shared with another, on none.
      expect(can(actor, action, OWN)).toBe(cell === 'Y' || cell === 'own' || cell === 'inv');
      expect(can(actor, action, OTHER)).toBe(cell === 'Y');
      expect(can(actor, action, MIXED)).toBe(cell === 'Y' || cell === 'inv');
      expect(can(actor, action, NONE)).toBe(cell === 'Y');
      // On a record of a group the actor sits on, and of one they do not.
      expect(can(actor, action, SEATED)).toBe(cell === 'Y' || cell === 'mem');
      expect(can(actor, action, NOT_SEATED)).toBe(cell === 'Y');
      // Without a subject, a party-bound grant does not hold; the first gate lets the actor try.
      expect(can(actor, action)).toBe(cell === 'Y');
      expect(mayAttempt(actor, action)).toBe(cell !== '-');
    }
  });

  it('lets the system do anything', () => {
    for (const action of ACTIONS) expect(can({ kind: 'system', name: 'cli' }, action)).toBe(true);
  });

  it('seats people, not tokens: a machine token is no member because its id matches a seated user', () => {
    const machine: Actor = { kind: 'token', id: 'u1', name: 'm', role: 'monitor', userId: null, party: null };
    expect(can(machine, 'group.contribute', SEATED)).toBe(false);
  });

  it('refuses a liaison bound to no party even on a party subject', () => {
    const unbound: Actor = { kind: 'user', id: 'u', email: 'l@x', role: 'liaison', party: null };
    expect(can(unbound, 'incident.write', OWN)).toBe(false);
  });
});

describe('refusal', () => {
  it('is null when the actor may, and names the action in words when not', () => {
    expect(refusal(userActor('admin'), 'user.manage')).toBeNull();
    expect(refusal(null, 'incident.write')).toBe('Sign in to file or correct incidents.');
    expect(refusal(userActor('analyst'), 'finding.rule')).toBe(
      'Your role (analyst) may not rule on findings.',
    );
  });

  it("tells a liaison that the record is another party's, not that the role lacks the action", () => {
    expect(refusal(userActor('liaison'), 'allegation.reply', OTHER)).toBe(
      'You may reply to allegations only on records filed for your own party (UA).',
    );
    expect(refusal(userActor('liaison'), 'incident.read-unpublished', OTHER)).toBe(
      'You may read unpublished incidents only where your party (UA) is concerned.',
    );
    expect(refusal(userActor('liaison'), 'group.contribute', NOT_SEATED)).toBe(
      'You may raise or update the issues of expert groups only in groups you are a member of.',
    );
  });

  it('has words for every action', () => {
    for (const action of ACTIONS) expect(ACTION_PHRASES[action].length).toBeGreaterThan(5);
  });
});

describe('roleWithin', () => {
  it('holds for every role within itself and within admin', () => {
    for (const role of ROLES) {
      expect(roleWithin(role, role)).toBe(true);
      expect(roleWithin(role, 'admin')).toBe(true);
    }
  });

  it('refuses a role wider than the holder', () => {
    expect(roleWithin('admin', 'editor')).toBe(false);
    expect(roleWithin('editor', 'monitor')).toBe(false);
    expect(roleWithin('verifier', 'analyst')).toBe(false);
    expect(roleWithin('monitor', 'liaison')).toBe(false);
  });

  it('allows a narrower role', () => {
    expect(roleWithin('analyst', 'monitor')).toBe(true);
    expect(roleWithin('monitor', 'editor')).toBe(true);
  });
});

describe('actorLabel', () => {
  it('names users, tokens, the system and the public', () => {
    expect(actorLabel(userActor('editor'))).toBe('user:editor@example.org');
    expect(actorLabel(tokenActor('editor'))).toBe('token:x');
    expect(actorLabel({ kind: 'system', name: 'cli' })).toBe('system:cli');
    expect(actorLabel(null)).toBe('public');
  });
});
