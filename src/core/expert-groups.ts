// Expert groups: the issues a group works on, their statuses and the legal moves between them, and the board that
// answers "what is open, what was decided, what is waiting on whom" at a glance. Pure: plain data in and out.

export const GROUP_KINDS = ['expert-group', 'technical-talks', 'working-group'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** `public`: anyone reads the group; `private`: only its members and the mission's staff (the default). */
export const GROUP_VISIBILITIES = ['public', 'private'] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

/**
 * Where an issue stands: raised and not yet taken up (`open`), being worked on (`in-discussion`), waiting on a
 * named party to act or answer (`waiting`), settled (`decided`) or set aside (`dropped`).
 */
export const ISSUE_STATUSES = ['open', 'in-discussion', 'waiting', 'decided', 'dropped'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** An issue's status with the party it waits on, which is set exactly when the status is `waiting`. */
export interface IssueState {
  readonly status: IssueStatus;
  readonly waitingOn: string | null;
}

export interface ExpertGroup {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly mandate: string;
  readonly parties: readonly string[];
  readonly formedOn: string | null;
  readonly source: string | null;
  readonly visibility: GroupVisibility;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A seat of a party's delegation: a publicly reported name or a role, and the user account acting in it, if any. */
export interface GroupMember {
  readonly id: string;
  readonly groupId: string;
  readonly key: string;
  readonly party: string;
  readonly name: string | null;
  readonly role: string;
  readonly userId: string | null;
  readonly source: string | null;
  readonly note: string | null;
  readonly leftOn: string | null;
  readonly createdAt: string;
}

export interface GroupMeeting {
  readonly id: string;
  readonly groupId: string;
  readonly key: string;
  readonly heldAt: string;
  readonly place: string;
  readonly parties: readonly string[];
  readonly summary: string;
  readonly source: string | null;
  readonly createdAt: string;
}

export interface GroupDecision {
  readonly id: string;
  readonly groupId: string;
  readonly key: string;
  readonly text: string;
  readonly decidedAt: string;
  readonly meetingId: string | null;
  readonly source: string | null;
  readonly createdAt: string;
}

export interface GroupIssue {
  readonly id: string;
  readonly groupId: string;
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly status: IssueStatus;
  readonly waitingOn: string | null;
  readonly ownerParty: string | null;
  readonly ownerMemberId: string | null;
  /** The decision the last update citing one named. */
  readonly decisionId: string | null;
  readonly raisedAt: string;
  readonly raisedBy: string;
  readonly source: string | null;
  readonly links: IssueLinks;
  readonly updatedAt: string;
}

/** One entry of an issue's thread: never changed once posted. `to` is null when the status stayed as it was. */
export interface IssueUpdate {
  readonly id: string;
  readonly issueId: string;
  readonly seq: number;
  readonly at: string;
  readonly postedAt: string;
  /** The person who posted it (a user id, `token:<id>` or `system:<name>`). */
  readonly postedBy: string;
  /** The seat the poster holds on the group, if they hold one. */
  readonly memberId: string | null;
  /** The party whose position it states, if any. */
  readonly party: string | null;
  readonly text: string;
  readonly from: IssueState;
  readonly to: IssueState | null;
  readonly decisionId: string | null;
  readonly source: string | null;
}

/** Whether a seat still holds on a day (YYYY-MM-DD or an instant's ISO text): its holder has not left by then. */
export function seatHolds(member: Pick<GroupMember, 'leftOn'>, on: string): boolean {
  return member.leftOn === null || member.leftOn.slice(0, 10) > on.slice(0, 10);
}

/** Statuses in which an issue still needs work. */
export function isUnresolved(status: IssueStatus): boolean {
  return status === 'open' || status === 'in-discussion' || status === 'waiting';
}

/**
 * The legal moves. An issue is taken up, made to wait on a party, decided or dropped; while waiting it can
 * be passed to another party; a decided issue can only be reopened for discussion, and a dropped one raised
 * again. Nothing goes back to `open` except a dropped issue: once discussed, an issue has a history.
 */
export const ISSUE_TRANSITIONS: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  open: ['in-discussion', 'waiting', 'decided', 'dropped'],
  'in-discussion': ['waiting', 'decided', 'dropped'],
  waiting: ['in-discussion', 'waiting', 'decided', 'dropped'],
  decided: ['in-discussion'],
  dropped: ['open'],
};

/** Why the move from one state to another is illegal, in words; null when it is legal. */
export function transitionRefusal(from: IssueState, to: IssueState): string | null {
  if (from.status === to.status && from.waitingOn === to.waitingOn)
    return from.status === 'waiting'
      ? `The issue is already waiting on ${from.waitingOn ?? 'nobody'}.`
      : `The issue is already ${from.status}.`;
  if (!ISSUE_TRANSITIONS[from.status].includes(to.status)) {
    const legal = ISSUE_TRANSITIONS[from.status].join(', ');
    return `An issue that is ${from.status} can move only to ${legal}, not to ${to.status}.`;
  }
  return null;
}

/** What the board needs of an issue. */
export interface BoardItem {
  readonly status: IssueStatus;
  readonly waitingOn: string | null;
  /** When anything last happened to it (its last update, else when it was raised), as UTC ISO text. */
  readonly lastActivity: string;
  readonly title: string;
}

export interface IssueBoard<T extends BoardItem> {
  /** How many issues are in each status. */
  readonly counts: Readonly<Record<IssueStatus, number>>;
  /** One column per status, in the order of ISSUE_STATUSES, the most recently active issue first. */
  readonly columns: readonly { readonly status: IssueStatus; readonly issues: readonly T[] }[];
  /** The waiting issues by the party they wait on, parties in alphabetical order. */
  readonly waitingOn: readonly { readonly party: string; readonly issues: readonly T[] }[];
}

function byActivity(a: BoardItem, b: BoardItem): number {
  if (a.lastActivity !== b.lastActivity) return a.lastActivity < b.lastActivity ? 1 : -1;
  return a.title.localeCompare(b.title);
}

/** Sorts a group's issues onto the board: by status, and the waiting ones by whom they wait on. */
export function issueBoard<T extends BoardItem>(issues: readonly T[]): IssueBoard<T> {
  const sorted = [...issues].sort(byActivity);
  const columns = ISSUE_STATUSES.map((status) => ({
    status,
    issues: sorted.filter((i) => i.status === status),
  }));
  const counts = Object.fromEntries(columns.map((c) => [c.status, c.issues.length])) as Record<
    IssueStatus,
    number
  >;
  const parties = [
    ...new Set(sorted.flatMap((i) => (i.status === 'waiting' && i.waitingOn ? [i.waitingOn] : []))),
  ].sort();
  const waitingOn = parties.map((party) => ({
    party,
    issues: sorted.filter((i) => i.status === 'waiting' && i.waitingOn === party),
  }));
  return { counts, columns, waitingOn };
}

/** The links as stored: agreements by slug, incidents by id. */
export interface IssueLinks {
  readonly agreements: readonly string[];
  readonly provisions: readonly { agreement: string; readout: string; provision: string }[];
  readonly conditions: readonly { agreement: string; condition: string }[];
  readonly incidents: readonly string[];
}
