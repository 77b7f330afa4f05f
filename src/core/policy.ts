// Who may do what. One declarative table, consulted by every use case through `can(actor, action, subject)`;
// the table test in policy.test.ts checks every role against every action.

export const ROLES = ['admin', 'editor', 'verifier', 'monitor', 'liaison', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ACTIONS = [
  'agreement.write',
  'incident.write',
  'incident.read-unpublished',
  'incident.read-sealed',
  'source.write',
  'party.write',
  'frontline.write',
  'sector.write',
  'import',
  'token.create',
  'user.manage',
  'allegation.file',
  'allegation.reply',
  'finding.review',
  'finding.rule',
  'finding.publish',
  'evidence.upload',
  'evidence.view-sealed',
  'evidence.redact',
  'audit.checkpoint',
  'exchange.write',
  'correction.review',
  'group.write',
  'group.contribute',
  'group.read-private',
  'bulletin.write',
  'bulletin.publish',
  'bulletin.read-drafts',
  'webhook.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What each action is, in words, for refusals: "You may not <phrase>." */
export const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'agreement.write': 'write agreements or their readouts',
  'incident.write': 'file or correct incidents',
  'incident.read-unpublished': 'read unpublished incidents',
  'incident.read-sealed': 'read sealed incident records',
  'source.write': 'write sources',
  'party.write': 'write parties',
  'frontline.write': 'import front-line snapshots',
  'sector.write': 'define sectors',
  import: 'import data',
  'token.create': 'create API tokens',
  'user.manage': 'manage users',
  'allegation.file': 'file allegations',
  'allegation.reply': 'reply to allegations',
  'finding.review': 'review findings',
  'finding.rule': 'rule on findings',
  'finding.publish': 'publish findings',
  'evidence.upload': 'add evidence',
  'evidence.view-sealed': 'view sealed evidence',
  'evidence.redact': 'add redacted copies of evidence',
  'audit.checkpoint': 'sign audit checkpoints',
  'exchange.write': 'record prisoner exchanges, their claims or reconciled figures',
  'correction.review': "review readers' corrections",
  'group.write': 'set up expert groups or record their members, meetings and decisions',
  'group.contribute': 'raise or update the issues of expert groups',
  'group.read-private': 'read private expert groups',
  'bulletin.write': 'draft or edit bulletins',
  'bulletin.publish': 'publish bulletins',
  'bulletin.read-drafts': 'read draft bulletins',
  'webhook.manage': 'register or manage webhooks',
};

/**
 * Why the actor may not take the action on the subject, in words; null when they may. A party-bound grant that
 * does not hold says so, so that a liaison learns it is about whose record it is, not about their role.
 */
export function refusal(actor: Actor | null, action: Action, subject?: Subject): string | null {
  if (can(actor, action, subject)) return null;
  const phrase = ACTION_PHRASES[action];
  // The system may do anything, so only the public reaches the first branch.
  if (actor === null || actor.kind === 'system') return `Sign in to ${phrase}.`;
  const grant = POLICY[action][actor.role];
  if (grant === 'own-party')
    return `You may ${phrase} only on records filed for your own party (${actor.party ?? 'none'}).`;
  if (grant === 'involved')
    return `You may ${phrase} only where your party (${actor.party ?? 'none'}) is concerned.`;
  if (grant === 'member') return `You may ${phrase} only in groups you are a member of.`;
  return `Your role (${actor.role}) may not ${phrase}.`;
}

/**
 * Someone acting: a signed-in user (cookie session), the holder of an API token (which may belong to a user and
 * carries a role no higher than that user's), or the system itself (CLI, demo loader). The anonymous public is
 * `null`.
 */
export type Actor =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly email: string;
      readonly role: Role;
      /** The party a liaison speaks for; null for every other role. */
      readonly party: string | null;
    }
  | {
      readonly kind: 'token';
      readonly id: string;
      readonly name: string;
      readonly role: Role;
      readonly userId: string | null;
      readonly party: string | null;
    }
  | { readonly kind: 'system'; readonly name: string };

/**
 * What a rule may need to know about the record acted on. `parties`: for an `own-party` grant, the parties on
 * whose behalf the record is filed (for an incident, the accusers of its allegations; for a reply, the accused),
 * and the grant holds only when this list is non-empty and every party in it is the liaison's own; for an
 * `involved` grant, every party the record concerns (accusers and accused), and the grant holds when the
 * liaison's party is among them. `members`: for a `member` grant, the person ids (see `personId`) of the users
 * who sit on the group the record belongs to.
 */
export interface Subject {
  readonly parties: readonly string[];
  readonly members?: readonly string[];
}

/**
 * `always`: on any record; `own-party`: only on records filed on behalf of the actor's own party; `involved`: on
 * records that concern the actor's party at all (a liaison reads what their party alleged and what it is
 * accused of); `member`: on records of a group (an expert group) the actor sits on.
 */
export type Grant = 'always' | 'own-party' | 'involved' | 'member';

/**
 * The table. A role not named under an action may not take it. Decisions worth knowing:
 * - a liaison files incidents only as allegations made by their own party, and edits only incidents whose
 *   allegations are all made by their party; they never write agreements, sources, parties or geography;
 * - monitors file and correct incidents and cite sources, but do not change agreements;
 * - analysts read (including unpublished incidents) and write nothing but their own tokens;
 * - a liaison reads unpublished incidents that concern their party, but only as the public copy: the sealed
 *   record (reporter, exact coordinates where withheld) is for the mission's own staff;
 * - prisoner exchanges are public once recorded (announced facts); editors (and admins) record them, their
 *   claims and reconciled figures;
 * - every signed-in role may create tokens for itself (the use case caps the token's role at the user's);
 * - editors (and admins) draft, edit and publish bulletins; the mission's staff read drafts, a liaison does not;
 * - editors set up expert groups and seat their members; a user seated on a group raises and updates its issues,
 *   and a liaison reads a private group only when seated on it (the mission's staff read every group);
 * - only administrators register webhooks and read their delivery logs: a webhook sends events to another
 *   system, and its log holds what that system answered.
 */
export const POLICY: Readonly<Record<Action, Readonly<Partial<Record<Role, Grant>>>>> = {
  'agreement.write': { admin: 'always', editor: 'always' },
  'incident.write': { admin: 'always', editor: 'always', monitor: 'always', liaison: 'own-party' },
  'incident.read-unpublished': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    analyst: 'always',
    liaison: 'involved',
  },
  'incident.read-sealed': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    analyst: 'always',
  },
  'source.write': { admin: 'always', editor: 'always', monitor: 'always' },
  'party.write': { admin: 'always', editor: 'always' },
  'frontline.write': { admin: 'always', editor: 'always' },
  'sector.write': { admin: 'always', editor: 'always' },
  import: { admin: 'always', editor: 'always' },
  'token.create': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    liaison: 'always',
    analyst: 'always',
  },
  'user.manage': { admin: 'always' },
  'allegation.file': { admin: 'always', editor: 'always', monitor: 'always', liaison: 'own-party' },
  'allegation.reply': { admin: 'always', liaison: 'own-party' },
  'finding.review': { admin: 'always', verifier: 'always' },
  'finding.rule': { admin: 'always', verifier: 'always' },
  'finding.publish': { admin: 'always', verifier: 'always' },
  'evidence.upload': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    liaison: 'own-party',
  },
  'evidence.view-sealed': { admin: 'always', verifier: 'always' },
  'evidence.redact': { admin: 'always', editor: 'always', verifier: 'always' },
  'audit.checkpoint': { admin: 'always' },
  'exchange.write': { admin: 'always', editor: 'always' },
  'correction.review': { admin: 'always', editor: 'always' },
  'bulletin.write': { admin: 'always', editor: 'always' },
  'bulletin.publish': { admin: 'always', editor: 'always' },
  'bulletin.read-drafts': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    analyst: 'always',
  },
  'group.write': { admin: 'always', editor: 'always' },
  'group.contribute': {
    admin: 'always',
    editor: 'always',
    verifier: 'member',
    monitor: 'member',
    liaison: 'member',
    analyst: 'member',
  },
  'group.read-private': {
    admin: 'always',
    editor: 'always',
    verifier: 'always',
    monitor: 'always',
    analyst: 'always',
    liaison: 'member',
  },
  'webhook.manage': { admin: 'always' },
};

function ownsAll(party: string | null, subject: Subject | undefined): boolean {
  if (party === null || subject === undefined || subject.parties.length === 0) return false;
  return subject.parties.every((p) => p === party);
}

/**
 * Whether the actor may take the action on the subject. The public (null) may take none; the system any. An
 * `own-party` grant needs the subject: without one, it does not hold.
 */
export function can(actor: Actor | null, action: Action, subject?: Subject): boolean {
  if (actor === null) return false;
  if (actor.kind === 'system') return true;
  const grant = POLICY[action][actor.role];
  if (grant === undefined) return false;
  if (grant === 'always') return true;
  if (grant === 'involved') return actor.party !== null && (subject?.parties.includes(actor.party) ?? false);
  if (grant === 'member') return subject?.members?.includes(personId(actor)) ?? false;
  return ownsAll(actor.party, subject);
}

/**
 * Whether the actor holds any grant for the action, before the record is loaded: the gate a use case passes
 * first, so that the public gets 401 and a role without the action 403 before anything is looked up.
 */
export function mayAttempt(actor: Actor | null, action: Action): boolean {
  if (actor === null) return false;
  if (actor.kind === 'system') return true;
  return POLICY[action][actor.role] !== undefined;
}

/**
 * Whether a token of role `inner` grants nothing that role `outer` does not: every action `inner` may take,
 * `outer` may take at least as broadly. Per-user tokens are capped by this.
 */
export function roleWithin(inner: Role, outer: Role): boolean {
  return ACTIONS.every((action) => {
    const a = POLICY[action][inner];
    const b = POLICY[action][outer];
    if (a === undefined) return true;
    if (b === undefined) return false;
    return b === 'always' || a === b || (a === 'own-party' && b === 'involved');
  });
}

/**
 * The person behind an actor: who reported an incident, who proposed or confirmed a ruling. A token counts as
 * its user, so one person cannot be two reviewers by holding a token besides a session.
 */
export function personId(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.id;
    case 'token':
      return actor.userId ?? `token:${actor.id}`;
    case 'system':
      return `system:${actor.name}`;
  }
}

/** How an actor is named in the audit log; the anonymous public (a reader's correction) is `public`. */
export function actorLabel(actor: Actor | null): string {
  if (actor === null) return 'public';
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'token':
      return `token:${actor.name}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
