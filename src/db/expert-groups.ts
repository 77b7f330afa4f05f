// Expert groups, their members, meetings, decisions and issues, and the append-only thread of each issue.
// Rows become the domain records of core/expert-groups.ts here; nothing else sees a row.

import type {
  ExpertGroup,
  GroupDecision,
  GroupIssue,
  GroupKind,
  GroupMeeting,
  GroupMember,
  GroupVisibility,
  IssueLinks,
  IssueStatus,
  IssueUpdate,
} from '../core/expert-groups.js';
import { parseInstant, toUtcIso } from '../core/time.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type {
  ExpertGroupDecisionsTable,
  ExpertGroupIssuesTable,
  ExpertGroupIssueUpdatesTable,
  ExpertGroupMeetingsTable,
  ExpertGroupMembersTable,
  ExpertGroupsTable,
} from './schema.js';

/** UTC ISO text of an instant the schemas have already checked, for sorting on both engines. */
function utc(instant: string): string {
  const parsed = parseInstant(instant);
  if (!parsed) throw new Error(`Not an instant: ${instant}`);
  return toUtcIso(parsed.epochMs);
}

function groupFromRow(row: ExpertGroupsTable): ExpertGroup {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind as GroupKind,
    mandate: row.mandate,
    parties: fromJson<string[]>(row.parties_json),
    formedOn: row.formed_on,
    source: row.source_key,
    visibility: row.visibility as GroupVisibility,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function memberFromRow(row: ExpertGroupMembersTable): GroupMember {
  return {
    id: row.id,
    groupId: row.group_id,
    key: row.key,
    party: row.party,
    name: row.name,
    role: row.role,
    userId: row.user_id,
    source: row.source_key,
    note: row.note,
    leftOn: row.left_on,
    createdAt: row.created_at,
  };
}

function meetingFromRow(row: ExpertGroupMeetingsTable): GroupMeeting {
  return {
    id: row.id,
    groupId: row.group_id,
    key: row.key,
    heldAt: row.held_at,
    place: row.place,
    parties: fromJson<string[]>(row.parties_json),
    summary: row.summary,
    source: row.source_key,
    createdAt: row.created_at,
  };
}

function decisionFromRow(row: ExpertGroupDecisionsTable): GroupDecision {
  return {
    id: row.id,
    groupId: row.group_id,
    key: row.key,
    text: row.text,
    decidedAt: row.decided_at,
    meetingId: row.meeting_id,
    source: row.source_key,
    createdAt: row.created_at,
  };
}

function issueFromRow(row: ExpertGroupIssuesTable): GroupIssue {
  return {
    id: row.id,
    groupId: row.group_id,
    key: row.key,
    title: row.title,
    description: row.description,
    status: row.status as IssueStatus,
    waitingOn: row.waiting_on,
    ownerParty: row.owner_party,
    ownerMemberId: row.owner_member_id,
    decisionId: row.decision_id,
    raisedAt: row.raised_at,
    raisedBy: row.raised_by,
    source: row.source_key,
    links: fromJson<IssueLinks>(row.links_json),
    updatedAt: row.updated_at,
  };
}

function updateFromRow(row: ExpertGroupIssueUpdatesTable): IssueUpdate {
  return {
    id: row.id,
    issueId: row.issue_id,
    seq: row.seq,
    at: row.at,
    postedAt: row.posted_at,
    postedBy: row.posted_by,
    memberId: row.member_id,
    party: row.party,
    text: row.text,
    from: { status: row.status_from as IssueStatus, waitingOn: row.waiting_on_from },
    to:
      row.status_to === null ? null : { status: row.status_to as IssueStatus, waitingOn: row.waiting_on_to },
    decisionId: row.decision_id,
    source: row.source_key,
  };
}

// Groups

export async function findGroup(db: Handle, slugOrId: string): Promise<ExpertGroup | null> {
  const row = await db
    .selectFrom('expert_groups')
    .selectAll()
    .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
    .executeTakeFirst();
  return row ? groupFromRow(row) : null;
}

/** Every group, by name. */
export async function listGroups(db: Handle): Promise<ExpertGroup[]> {
  const rows = await db.selectFrom('expert_groups').selectAll().orderBy('name').orderBy('slug').execute();
  return rows.map(groupFromRow);
}

export async function groupSlugExists(db: Handle, slug: string): Promise<boolean> {
  const row = await db.selectFrom('expert_groups').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

function groupValues(group: ExpertGroup) {
  return {
    name: group.name,
    kind: group.kind,
    mandate: group.mandate,
    parties_json: toJson(group.parties),
    formed_on: group.formedOn,
    source_key: group.source,
    visibility: group.visibility,
    updated_at: group.updatedAt,
  };
}

export async function insertGroup(trx: Handle, group: ExpertGroup): Promise<void> {
  await trx
    .insertInto('expert_groups')
    .values({ id: group.id, slug: group.slug, created_at: group.createdAt, ...groupValues(group) })
    .execute();
}

export async function updateGroup(trx: Handle, group: ExpertGroup): Promise<void> {
  await trx.updateTable('expert_groups').set(groupValues(group)).where('id', '=', group.id).execute();
}

/**
 * The ids of the users who hold a seat on each group on a day (YYYY-MM-DD): what the `member` grant of the policy
 * checks. A seat whose holder left on or before that day no longer counts.
 */
export async function seatedUsers(
  db: Handle,
  groupIds: readonly string[],
  on: string,
): Promise<Map<string, string[]>> {
  const seated = new Map<string, string[]>();
  if (groupIds.length === 0) return seated;
  const rows = await db
    .selectFrom('expert_group_members')
    .select(['group_id', 'user_id', 'left_on'])
    .where('group_id', 'in', groupIds)
    .where('user_id', 'is not', null)
    .execute();
  for (const row of rows) {
    if (row.user_id === null || (row.left_on !== null && row.left_on.slice(0, 10) <= on)) continue;
    seated.set(row.group_id, [...(seated.get(row.group_id) ?? []), row.user_id]);
  }
  return seated;
}

// Members

export async function membersOf(db: Handle, groupId: string): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom('expert_group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('party')
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map(memberFromRow);
}

export async function findMember(db: Handle, id: string): Promise<GroupMember | null> {
  const row = await db.selectFrom('expert_group_members').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

export async function findMemberByKey(db: Handle, groupId: string, key: string): Promise<GroupMember | null> {
  const row = await db
    .selectFrom('expert_group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

export async function insertMember(trx: Handle, member: GroupMember): Promise<void> {
  await trx
    .insertInto('expert_group_members')
    .values({
      id: member.id,
      group_id: member.groupId,
      key: member.key,
      party: member.party,
      name: member.name,
      role: member.role,
      user_id: member.userId,
      source_key: member.source,
      note: member.note,
      left_on: member.leftOn,
      created_at: member.createdAt,
    })
    .execute();
}

export async function updateMember(trx: Handle, member: GroupMember): Promise<void> {
  await trx
    .updateTable('expert_group_members')
    .set({
      name: member.name,
      role: member.role,
      user_id: member.userId,
      source_key: member.source,
      note: member.note,
      left_on: member.leftOn,
    })
    .where('id', '=', member.id)
    .execute();
}

// Meetings and decisions

export async function meetingsOf(db: Handle, groupId: string): Promise<GroupMeeting[]> {
  const rows = await db
    .selectFrom('expert_group_meetings')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('held_utc')
    .orderBy('key')
    .execute();
  return rows.map(meetingFromRow);
}

export async function findMeeting(db: Handle, id: string): Promise<GroupMeeting | null> {
  const row = await db
    .selectFrom('expert_group_meetings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? meetingFromRow(row) : null;
}

export async function insertMeeting(trx: Handle, meeting: GroupMeeting): Promise<void> {
  await trx
    .insertInto('expert_group_meetings')
    .values({
      id: meeting.id,
      group_id: meeting.groupId,
      key: meeting.key,
      held_at: meeting.heldAt,
      held_utc: utc(meeting.heldAt),
      place: meeting.place,
      parties_json: toJson(meeting.parties),
      summary: meeting.summary,
      source_key: meeting.source,
      created_at: meeting.createdAt,
    })
    .execute();
}

export async function decisionsOf(db: Handle, groupId: string): Promise<GroupDecision[]> {
  const rows = await db
    .selectFrom('expert_group_decisions')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('decided_utc')
    .orderBy('key')
    .execute();
  return rows.map(decisionFromRow);
}

export async function findDecision(db: Handle, id: string): Promise<GroupDecision | null> {
  const row = await db
    .selectFrom('expert_group_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decisionFromRow(row) : null;
}

export async function insertDecision(trx: Handle, decision: GroupDecision): Promise<void> {
  await trx
    .insertInto('expert_group_decisions')
    .values({
      id: decision.id,
      group_id: decision.groupId,
      key: decision.key,
      text: decision.text,
      decided_at: decision.decidedAt,
      decided_utc: utc(decision.decidedAt),
      meeting_id: decision.meetingId,
      source_key: decision.source,
      created_at: decision.createdAt,
    })
    .execute();
}

/** Whether the group already has a member, meeting, decision or issue with this key, and which. */
export async function keyInUse(
  db: Handle,
  groupId: string,
  kind: 'member' | 'meeting' | 'decision' | 'issue',
  key: string,
): Promise<boolean> {
  const table = {
    member: 'expert_group_members',
    meeting: 'expert_group_meetings',
    decision: 'expert_group_decisions',
    issue: 'expert_group_issues',
  } as const;
  const row = await db
    .selectFrom(table[kind])
    .select('id')
    .where('group_id', '=', groupId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

// Issues

export async function issuesOf(db: Handle, groupIds: readonly string[]): Promise<GroupIssue[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .selectFrom('expert_group_issues')
    .selectAll()
    .where('group_id', 'in', groupIds)
    .orderBy('raised_utc')
    .orderBy('key')
    .execute();
  return rows.map(issueFromRow);
}

export async function findIssue(db: Handle, id: string): Promise<GroupIssue | null> {
  const row = await db.selectFrom('expert_group_issues').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? issueFromRow(row) : null;
}

export async function findIssueByKey(db: Handle, groupId: string, key: string): Promise<GroupIssue | null> {
  const row = await db
    .selectFrom('expert_group_issues')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? issueFromRow(row) : null;
}

function issueValues(issue: GroupIssue) {
  return {
    title: issue.title,
    description: issue.description,
    status: issue.status,
    waiting_on: issue.waitingOn,
    owner_party: issue.ownerParty,
    owner_member_id: issue.ownerMemberId,
    decision_id: issue.decisionId,
    source_key: issue.source,
    links_json: toJson(issue.links),
    updated_at: issue.updatedAt,
  };
}

export async function insertIssue(trx: Handle, issue: GroupIssue): Promise<void> {
  await trx
    .insertInto('expert_group_issues')
    .values({
      id: issue.id,
      group_id: issue.groupId,
      key: issue.key,
      raised_at: issue.raisedAt,
      raised_utc: utc(issue.raisedAt),
      raised_by: issue.raisedBy,
      ...issueValues(issue),
    })
    .execute();
}

export async function updateIssue(trx: Handle, issue: GroupIssue): Promise<void> {
  await trx.updateTable('expert_group_issues').set(issueValues(issue)).where('id', '=', issue.id).execute();
}

// The thread

/** Every update of each issue, in the order posted. */
export async function updatesOf(
  db: Handle,
  issueIds: readonly string[],
): Promise<Map<string, IssueUpdate[]>> {
  const byIssue = new Map<string, IssueUpdate[]>();
  if (issueIds.length === 0) return byIssue;
  const rows = await db
    .selectFrom('expert_group_issue_updates')
    .selectAll()
    .where('issue_id', 'in', issueIds)
    .orderBy('issue_id')
    .orderBy('seq')
    .execute();
  for (const row of rows)
    byIssue.set(row.issue_id, [...(byIssue.get(row.issue_id) ?? []), updateFromRow(row)]);
  return byIssue;
}

/** For each issue, how many updates it has and when the latest happened (UTC ISO text). */
export async function threadSummaries(
  db: Handle,
  issueIds: readonly string[],
): Promise<Map<string, { count: number; latest: string | null }>> {
  const summaries = new Map<string, { count: number; latest: string | null }>();
  if (issueIds.length === 0) return summaries;
  const rows = await db
    .selectFrom('expert_group_issue_updates')
    .select((eb) => ['issue_id', eb.fn.countAll<number>().as('count'), eb.fn.max('at_utc').as('latest')])
    .where('issue_id', 'in', issueIds)
    .groupBy('issue_id')
    .execute();
  for (const row of rows) summaries.set(row.issue_id, { count: row.count, latest: row.latest });
  return summaries;
}

export async function findUpdate(db: Handle, id: string): Promise<IssueUpdate | null> {
  const row = await db
    .selectFrom('expert_group_issue_updates')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? updateFromRow(row) : null;
}

/** The next number in an issue's thread (1 for the first update). */
export async function nextUpdateSeq(trx: Handle, issueId: string): Promise<number> {
  const row = await trx
    .selectFrom('expert_group_issue_updates')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return (row?.seq ?? 0) + 1;
}

export async function insertUpdate(trx: Handle, update: IssueUpdate): Promise<void> {
  await trx
    .insertInto('expert_group_issue_updates')
    .values({
      id: update.id,
      issue_id: update.issueId,
      seq: update.seq,
      at: update.at,
      at_utc: utc(update.at),
      posted_at: update.postedAt,
      posted_by: update.postedBy,
      member_id: update.memberId,
      party: update.party,
      text: update.text,
      status_from: update.from.status,
      waiting_on_from: update.from.waitingOn,
      status_to: update.to?.status ?? null,
      waiting_on_to: update.to?.waitingOn ?? null,
      decision_id: update.decisionId,
      source_key: update.source,
    })
    .execute();
}
