// Expert groups: editors set a group up and record its members, meetings and decisions; anyone seated on it (and
// the mission's editors) raises issues and posts updates to their threads. A private group is, to everyone else,
// a group that does not exist. Every write is audited in its own transaction.

import { digest } from '../core/audit.js';
import { fieldError, TrucelineError } from '../core/errors.js';
import type {
  DecisionInput,
  GroupInput,
  GroupPatch,
  GroupSeedInput,
  IssueInput,
  IssueLinksInput,
  IssuePatch,
  IssueUpdateInput,
  MeetingInput,
  MemberInput,
  MemberPatch,
} from '../core/expert-group-inputs.js';
import {
  type ExpertGroup,
  type GroupDecision,
  type GroupIssue,
  type GroupMeeting,
  type GroupMember,
  type IssueBoard,
  issueBoard,
  type IssueLinks,
  type IssueState,
  type IssueStatus,
  type IssueUpdate,
  seatHolds,
  transitionRefusal,
} from '../core/expert-groups.js';
import type { Agreement, Incident } from '../core/model.js';
import { type Actor, can, personId, type Subject } from '../core/policy.js';
import { parseInstant, toUtcIso } from '../core/time.js';
import { findAgreement, listAgreements } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import {
  decisionsOf,
  findDecision,
  findGroup,
  findIssue,
  findIssueByKey,
  findMeeting,
  findMember,
  findMemberByKey,
  findUpdate,
  groupSlugExists,
  insertDecision,
  insertGroup,
  insertIssue,
  insertMeeting,
  insertMember,
  insertUpdate,
  issuesOf,
  keyInUse,
  listGroups,
  meetingsOf,
  membersOf,
  nextUpdateSeq,
  seatedUsers,
  threadSummaries,
  updateGroup as storeGroup,
  updateIssue as storeIssue,
  updateMember as storeMember,
  updatesOf,
} from '../db/expert-groups.js';
import { findIncident, findIncidentIdByRef } from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import { sourceKeys } from '../db/sources.js';
import { findUser, findUserByEmail } from '../db/users.js';
import { recordAudit } from './audit.js';
import { authorise, authoriseAttempt, inTransaction, type Services } from './context.js';
import { maySee } from './incidents.js';

// Reading

/** A group as one reader may see it: what the policy needs to know about it, and what the reader may do. */
export interface GroupAccess {
  readonly group: ExpertGroup;
  /** The policy subject: the group's parties and the person ids of the users seated on it today. */
  readonly subject: Subject;
  /** May set the group up, seat members, record meetings and decisions, edit issues. */
  readonly mayWrite: boolean;
  /** May raise issues and post updates. */
  readonly mayContribute: boolean;
}

function groupNotFound(slug: string): TrucelineError {
  return new TrucelineError('GROUP_NOT_FOUND', `No expert group has the slug or id "${slug}".`);
}

function issueNotFound(group: ExpertGroup, key: string): TrucelineError {
  return new TrucelineError('GROUP_ISSUE_NOT_FOUND', `Group ${group.slug} has no issue "${key}".`);
}

/** UTC ISO text of an instant as stored (already checked when written). */
function utcOf(instant: string): string {
  const parsed = parseInstant(instant);
  return parsed ? toUtcIso(parsed.epochMs) : instant;
}

function today(services: Services): string {
  return services.now().toISOString().slice(0, 10);
}

function accessTo(actor: Actor | null, group: ExpertGroup, seated: readonly string[]): GroupAccess {
  const subject: Subject = { parties: group.parties, members: seated };
  return {
    group,
    subject,
    mayWrite: can(actor, 'group.write', subject),
    mayContribute: can(actor, 'group.contribute', subject),
  };
}

/** Whether the reader may see the group at all: every public group, and private ones to members and staff. */
function mayRead(actor: Actor | null, access: GroupAccess): boolean {
  return access.group.visibility === 'public' || can(actor, 'group.read-private', access.subject);
}

/** The group, if the actor may see it; GROUP_NOT_FOUND otherwise, exactly as for a group that does not exist. */
async function visibleGroup(
  services: Services,
  db: Handle,
  actor: Actor | null,
  slug: string,
): Promise<GroupAccess> {
  const group = await findGroup(db, slug);
  if (!group) throw groupNotFound(slug);
  const seated = (await seatedUsers(db, [group.id], today(services))).get(group.id) ?? [];
  const access = accessTo(actor, group, seated);
  if (!mayRead(actor, access)) throw groupNotFound(slug);
  return access;
}

/** The seat the actor holds on the group today, if any. */
function seatOf(actor: Actor | null, members: readonly GroupMember[], on: string): GroupMember | null {
  if (actor === null || actor.kind === 'system') return null;
  const person = personId(actor);
  return members.find((m) => m.userId === person && seatHolds(m, on)) ?? null;
}

/** An issue with what the board shows of it: how many updates its thread has and when it last moved. */
export interface IssueSummary {
  readonly issue: GroupIssue;
  readonly updates: number;
  /** UTC ISO text: the latest update's time, else when it was raised. */
  readonly lastActivity: string;
  readonly status: IssueStatus;
  readonly waitingOn: string | null;
  readonly title: string;
}

async function summarise(db: Handle, issues: readonly GroupIssue[]): Promise<IssueSummary[]> {
  const threads = await threadSummaries(
    db,
    issues.map((i) => i.id),
  );
  return issues.map((issue) => {
    const thread = threads.get(issue.id);
    const raised = utcOf(issue.raisedAt);
    const latest = thread?.latest ?? null;
    return {
      issue,
      updates: thread?.count ?? 0,
      lastActivity: latest !== null && latest > raised ? latest : raised,
      status: issue.status,
      waitingOn: issue.waitingOn,
      title: issue.title,
    };
  });
}

export interface GroupListItem {
  readonly access: GroupAccess;
  readonly board: IssueBoard<IssueSummary>;
  readonly lastActivity: string | null;
  /** The key of the seat the reader holds on it, if any. */
  readonly seat: string | null;
}

/** Every group the actor may see, each with its issue board. */
export async function listVisibleGroups(services: Services, actor: Actor | null): Promise<GroupListItem[]> {
  const db = services.db.kysely;
  const on = today(services);
  const groups = await listGroups(db);
  const seated = await seatedUsers(
    db,
    groups.map((g) => g.id),
    on,
  );
  const visible = groups
    .map((g) => accessTo(actor, g, seated.get(g.id) ?? []))
    .filter((a) => mayRead(actor, a));
  const summaries = await summarise(
    db,
    await issuesOf(
      db,
      visible.map((a) => a.group.id),
    ),
  );
  const items: GroupListItem[] = [];
  for (const access of visible) {
    const own = summaries.filter((s) => s.issue.groupId === access.group.id);
    const members = access.subject.members?.length ? await membersOf(db, access.group.id) : [];
    items.push({
      access,
      board: issueBoard(own),
      lastActivity: own.reduce<string | null>(
        (m, s) => (m === null || s.lastActivity > m ? s.lastActivity : m),
        null,
      ),
      seat: seatOf(actor, members, on)?.key ?? null,
    });
  }
  return items;
}

/** An issue's links, resolved for one reader: incidents the reader may not see are left out. */
export interface ResolvedLinks {
  readonly agreements: readonly { slug: string; title: string | null }[];
  readonly provisions: readonly {
    agreement: string;
    readout: string;
    provision: string;
    issuer: string | null;
    quote: string | null;
  }[];
  readonly conditions: readonly {
    agreement: string;
    condition: string;
    party: string | null;
    text: string | null;
    status: string | null;
  }[];
  readonly incidents: readonly {
    id: string;
    ref: string | null;
    title: string;
    occurredAt: string;
  }[];
}

/** Resolves links for display. A reference that no longer resolves (a condition since removed) keeps its key. */
class LinkResolver {
  private agreements: Map<string, Agreement> | null = null;
  private readonly incidents = new Map<string, Incident | null>();

  constructor(
    private readonly db: Handle,
    private readonly actor: Actor | null,
  ) {}

  private async agreement(slug: string): Promise<Agreement | null> {
    this.agreements ??= new Map((await listAgreements(this.db)).map((a) => [a.slug, a]));
    return this.agreements.get(slug) ?? null;
  }

  private async incident(id: string): Promise<Incident | null> {
    if (!this.incidents.has(id)) this.incidents.set(id, await findIncident(this.db, id));
    return this.incidents.get(id) ?? null;
  }

  async resolve(links: IssueLinks): Promise<ResolvedLinks> {
    const agreements = [];
    for (const slug of links.agreements)
      agreements.push({ slug, title: (await this.agreement(slug))?.title ?? null });
    const provisions = [];
    for (const ref of links.provisions) {
      const readout = (await this.agreement(ref.agreement))?.readouts.find((r) => r.key === ref.readout);
      const provision = readout?.provisions.find((p) => p.key === ref.provision);
      provisions.push({ ...ref, issuer: readout?.issuer ?? null, quote: provision?.quote ?? null });
    }
    const conditions = [];
    for (const ref of links.conditions) {
      const condition = (await this.agreement(ref.agreement))?.conditions.find(
        (c) => c.key === ref.condition,
      );
      conditions.push({
        ...ref,
        party: condition?.party ?? null,
        text: condition?.text ?? null,
        status: condition?.status ?? null,
      });
    }
    const incidents = [];
    for (const id of links.incidents) {
      const incident = await this.incident(id);
      if (incident && maySee(this.actor, incident))
        incidents.push({ id, ref: incident.ref, title: incident.title, occurredAt: incident.occurredAt });
    }
    return { agreements, provisions, conditions, incidents };
  }
}

export interface IssueView extends IssueSummary {
  readonly links: ResolvedLinks;
}

export interface GroupView {
  readonly access: GroupAccess;
  readonly members: readonly GroupMember[];
  readonly meetings: readonly GroupMeeting[];
  readonly decisions: readonly GroupDecision[];
  readonly issues: readonly IssueView[];
  readonly board: IssueBoard<IssueView>;
  /** Everything the group's issues link to, once each, as this reader may see it. */
  readonly related: ResolvedLinks;
  readonly seat: string | null;
}

function union(all: readonly IssueLinks[]): IssueLinks {
  const uniq = <T>(items: T[]): T[] => [...new Map(items.map((i) => [JSON.stringify(i), i])).values()];
  return {
    agreements: uniq(all.flatMap((l) => l.agreements)),
    provisions: uniq(all.flatMap((l) => l.provisions)),
    conditions: uniq(all.flatMap((l) => l.conditions)),
    incidents: uniq(all.flatMap((l) => l.incidents)),
  };
}

/** One group with its members, meetings, decisions and the issue board, if the actor may see it. */
export async function getGroup(services: Services, actor: Actor | null, slug: string): Promise<GroupView> {
  const db = services.db.kysely;
  const access = await visibleGroup(services, db, actor, slug);
  const { group } = access;
  const members = await membersOf(db, group.id);
  const resolver = new LinkResolver(db, actor);
  const issues: IssueView[] = [];
  for (const summary of await summarise(db, await issuesOf(db, [group.id])))
    issues.push({ ...summary, links: await resolver.resolve(summary.issue.links) });
  return {
    access,
    members,
    meetings: await meetingsOf(db, group.id),
    decisions: await decisionsOf(db, group.id),
    issues,
    board: issueBoard(issues),
    related: await resolver.resolve(union(issues.map((i) => i.issue.links))),
    seat: seatOf(actor, members, today(services))?.key ?? null,
  };
}

export interface IssueDetail {
  readonly group: GroupView;
  readonly issue: IssueView;
  /** Oldest first. */
  readonly thread: readonly IssueUpdate[];
}

/** One issue of a group the actor may see, with its whole thread. */
export async function getIssue(
  services: Services,
  actor: Actor | null,
  slug: string,
  key: string,
): Promise<IssueDetail> {
  const group = await getGroup(services, actor, slug);
  const issue = group.issues.find((i) => i.issue.key === key);
  if (!issue) throw issueNotFound(group.access.group, key);
  const thread = (await updatesOf(services.db.kysely, [issue.issue.id])).get(issue.issue.id) ?? [];
  return { group, issue, thread };
}

// Checks shared by the writes

async function checkParties(trx: Handle, codes: readonly { path: string; code: string }[]): Promise<void> {
  const known = await partyCodes(trx);
  for (const { path, code } of codes)
    if (!known.has(code)) throw fieldError('PARTY_UNKNOWN', path, `unknown party "${code}"`);
}

function checkInGroup(group: ExpertGroup, path: string, party: string): void {
  if (!group.parties.includes(party))
    throw fieldError(
      'PARTY_UNKNOWN',
      path,
      `${party} does not take part in this group (${group.parties.join(', ')})`,
    );
}

async function checkSource(trx: Handle, path: string, source: string | null | undefined): Promise<void> {
  if (source !== null && source !== undefined && !(await sourceKeys(trx)).has(source))
    throw fieldError('REFERENCE_UNKNOWN', path, `no source "${source}"`);
}

async function checkKeyFree(
  trx: Handle,
  group: ExpertGroup,
  kind: 'member' | 'meeting' | 'decision' | 'issue',
  key: string,
): Promise<void> {
  if (await keyInUse(trx, group.id, kind, key))
    throw new TrucelineError('GROUP_KEY_TAKEN', `key: group ${group.slug} already has a ${kind} "${key}"`, {
      issues: [{ path: 'key', message: `already has a ${kind} "${key}"` }],
    });
}

/**
 * Checks every link and returns them as stored: agreements by slug, incidents by id. An incident the actor may
 * not see is reported as unknown, so that a link cannot be used to learn that it exists.
 */
async function resolveLinks(trx: Handle, actor: Actor, input: IssueLinksInput): Promise<IssueLinks> {
  const cache = new Map<string, Agreement | null>();
  const agreement = async (path: string, ref: string): Promise<Agreement> => {
    if (!cache.has(ref)) cache.set(ref, await findAgreement(trx, ref));
    const found = cache.get(ref);
    if (!found) throw fieldError('REFERENCE_UNKNOWN', path, `no agreement "${ref}"`);
    return found;
  };
  const agreements: string[] = [];
  for (const [i, ref] of input.agreements.entries())
    agreements.push((await agreement(`links.agreements.${i}`, ref)).slug);
  const provisions = [];
  for (const [i, ref] of input.provisions.entries()) {
    const path = `links.provisions.${i}`;
    const found = await agreement(`${path}.agreement`, ref.agreement);
    const readout = found.readouts.find((r) => r.key === ref.readout);
    if (!readout)
      throw fieldError(
        'REFERENCE_UNKNOWN',
        `${path}.readout`,
        `${found.slug} has no readout "${ref.readout}"`,
      );
    if (!readout.provisions.some((p) => p.key === ref.provision))
      throw fieldError(
        'REFERENCE_UNKNOWN',
        `${path}.provision`,
        `readout ${readout.key} of ${found.slug} has no provision "${ref.provision}"`,
      );
    provisions.push({ agreement: found.slug, readout: readout.key, provision: ref.provision });
  }
  const conditions = [];
  for (const [i, ref] of input.conditions.entries()) {
    const path = `links.conditions.${i}`;
    const found = await agreement(`${path}.agreement`, ref.agreement);
    if (!found.conditions.some((c) => c.key === ref.condition))
      throw fieldError(
        'REFERENCE_UNKNOWN',
        `${path}.condition`,
        `${found.slug} has no condition "${ref.condition}"`,
      );
    conditions.push({ agreement: found.slug, condition: ref.condition });
  }
  const incidents: string[] = [];
  for (const [i, ref] of input.incidents.entries()) {
    const incident =
      (await findIncident(trx, ref)) ??
      (await findIncident(trx, (await findIncidentIdByRef(trx, ref)) ?? ''));
    if (!incident || !maySee(actor, incident))
      throw fieldError('REFERENCE_UNKNOWN', `links.incidents.${i}`, `no incident "${ref}"`);
    incidents.push(incident.id);
  }
  const uniq = <T>(items: T[]): T[] => [...new Map(items.map((x) => [JSON.stringify(x), x])).values()];
  return {
    agreements: uniq(agreements),
    provisions: uniq(provisions),
    conditions: uniq(conditions),
    incidents: uniq(incidents),
  };
}

/** The owner as stored: a member's party is the owner party; if both are given they must agree. */
async function resolveOwner(
  trx: Handle,
  group: ExpertGroup,
  ownerParty: string | null,
  ownerMember: string | null,
): Promise<{ ownerParty: string | null; ownerMemberId: string | null }> {
  if (ownerMember !== null) {
    const member = await findMemberByKey(trx, group.id, ownerMember);
    if (!member)
      throw fieldError(
        'REFERENCE_UNKNOWN',
        'ownerMember',
        `group ${group.slug} has no member "${ownerMember}"`,
      );
    if (ownerParty !== null && ownerParty !== member.party)
      throw fieldError(
        'VALIDATION_FAILED',
        'ownerParty',
        `member ${member.key} sits for ${member.party}, not ${ownerParty}`,
      );
    return { ownerParty: member.party, ownerMemberId: member.id };
  }
  if (ownerParty !== null) checkInGroup(group, 'ownerParty', ownerParty);
  return { ownerParty, ownerMemberId: null };
}

async function resolveUser(trx: Handle, idOrEmail: string) {
  const user =
    (await findUser(trx, idOrEmail)) ?? (await findUserByEmail(trx, idOrEmail.toLowerCase()))?.user;
  if (!user) throw fieldError('REFERENCE_UNKNOWN', 'user', `no user "${idOrEmail}"`);
  return user;
}

/** A group for a write by its manager: found whatever its visibility (managers see every group). */
async function groupForWrite(trx: Handle, slug: string): Promise<ExpertGroup> {
  const group = await findGroup(trx, slug);
  if (!group) throw groupNotFound(slug);
  return group;
}

// Writing: groups, members, meetings, decisions

/** The fields a patch sets: a field left out (undefined) stays as stored. */
function given<T extends object>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Sets up a group. Parties and the source must be known; the slug must be free. */
export async function createGroup(
  services: Services,
  actor: Actor | null,
  input: GroupInput,
): Promise<ExpertGroup> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    if (await groupSlugExists(trx, input.slug))
      throw new TrucelineError('GROUP_SLUG_TAKEN', `slug: another expert group is "${input.slug}"`, {
        issues: [{ path: 'slug', message: `"${input.slug}" is taken` }],
      });
    await checkParties(
      trx,
      input.parties.map((code, i) => ({ path: `parties.${i}`, code })),
    );
    await checkSource(trx, 'source', input.source);
    const now = services.now().toISOString();
    const group: ExpertGroup = {
      id: services.newId(),
      ...input,
      parties: [...new Set(input.parties)],
      createdAt: now,
      updatedAt: now,
    };
    await insertGroup(trx, group);
    const stored = (await findGroup(trx, group.id)) ?? group;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.create',
      subjectType: 'expert-group',
      subjectId: group.id,
      after: stored,
    });
    return stored;
  });
}

/** Changes a group's own fields; a patch that changes nothing writes nothing. */
export async function updateGroup(
  services: Services,
  actor: Actor | null,
  slug: string,
  patch: GroupPatch,
): Promise<ExpertGroup> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const old = await groupForWrite(trx, slug);
    if (patch.parties)
      await checkParties(
        trx,
        patch.parties.map((code, i) => ({ path: `parties.${i}`, code })),
      );
    await checkSource(trx, 'source', patch.source);
    const draft: ExpertGroup = {
      ...old,
      ...given(patch),
      ...(patch.parties ? { parties: [...new Set(patch.parties)] } : {}),
    };
    if (digest({ ...draft, updatedAt: old.updatedAt }) === digest(old)) return old;
    const next: ExpertGroup = { ...draft, updatedAt: services.now().toISOString() };
    await storeGroup(trx, next);
    const stored = (await findGroup(trx, old.id)) ?? next;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.update',
      subjectType: 'expert-group',
      subjectId: old.id,
      before: old,
      after: stored,
    });
    return stored;
  });
}

async function checkSeatUser(
  trx: Handle,
  group: ExpertGroup,
  party: string,
  idOrEmail: string | null,
  except: string | null,
): Promise<string | null> {
  if (idOrEmail === null) return null;
  const user = await resolveUser(trx, idOrEmail);
  if (user.role === 'liaison' && user.party !== party)
    throw fieldError(
      'MEMBER_PARTY_MISMATCH',
      'user',
      `${user.email} is the liaison of ${user.party ?? 'no party'} and cannot sit for ${party}`,
    );
  const seated = (await membersOf(trx, group.id)).find((m) => m.userId === user.id && m.id !== except);
  if (seated)
    throw fieldError('CONFLICT', 'user', `${user.email} already sits on this group as ${seated.key}`);
  return user.id;
}

/** Seats a member of a party taking part in the group, optionally with the user account acting in the seat. */
export async function addMember(
  services: Services,
  actor: Actor | null,
  slug: string,
  input: MemberInput,
): Promise<GroupMember> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const group = await groupForWrite(trx, slug);
    await checkKeyFree(trx, group, 'member', input.key);
    checkInGroup(group, 'party', input.party);
    await checkSource(trx, 'source', input.source);
    const member: GroupMember = {
      id: services.newId(),
      groupId: group.id,
      key: input.key,
      party: input.party,
      name: input.name,
      role: input.role,
      userId: await checkSeatUser(trx, group, input.party, input.user, null),
      source: input.source,
      note: input.note,
      leftOn: null,
      createdAt: services.now().toISOString(),
    };
    await insertMember(trx, member);
    const stored = (await findMember(trx, member.id)) ?? member;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.member.add',
      subjectType: 'expert-group-member',
      subjectId: member.id,
      after: stored,
    });
    return stored;
  });
}

/** Changes a seat: its name, role, account or source, or records that its holder left. */
export async function updateMember(
  services: Services,
  actor: Actor | null,
  slug: string,
  key: string,
  patch: MemberPatch,
): Promise<GroupMember> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const group = await groupForWrite(trx, slug);
    const old = await findMemberByKey(trx, group.id, key);
    if (!old)
      throw new TrucelineError('GROUP_MEMBER_NOT_FOUND', `Group ${group.slug} has no member "${key}".`);
    await checkSource(trx, 'source', patch.source);
    const { user, ...own } = patch;
    const userId = user === undefined ? old.userId : await checkSeatUser(trx, group, old.party, user, old.id);
    const next: GroupMember = { ...old, ...given(own), userId };
    if (digest(next) === digest(old)) return old;
    await storeMember(trx, next);
    const stored = (await findMember(trx, old.id)) ?? next;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.member.update',
      subjectType: 'expert-group-member',
      subjectId: old.id,
      before: old,
      after: stored,
    });
    return stored;
  });
}

/** Records a meeting of the group; the parties present must take part in the group. */
export async function addMeeting(
  services: Services,
  actor: Actor | null,
  slug: string,
  input: MeetingInput,
): Promise<GroupMeeting> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const group = await groupForWrite(trx, slug);
    await checkKeyFree(trx, group, 'meeting', input.key);
    input.parties.forEach((party, i) => {
      checkInGroup(group, `parties.${i}`, party);
    });
    await checkSource(trx, 'source', input.source);
    const meeting: GroupMeeting = {
      id: services.newId(),
      groupId: group.id,
      ...input,
      parties: [...new Set(input.parties)],
      createdAt: services.now().toISOString(),
    };
    await insertMeeting(trx, meeting);
    const stored = (await findMeeting(trx, meeting.id)) ?? meeting;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.meeting.add',
      subjectType: 'expert-group-meeting',
      subjectId: meeting.id,
      after: stored,
    });
    return stored;
  });
}

/** Records a decision of the group, optionally taken at one of its meetings (returned beside it). */
export async function addDecision(
  services: Services,
  actor: Actor | null,
  slug: string,
  input: DecisionInput,
): Promise<{ readonly decision: GroupDecision; readonly meeting: GroupMeeting | null }> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const group = await groupForWrite(trx, slug);
    await checkKeyFree(trx, group, 'decision', input.key);
    const meeting =
      input.meeting === null
        ? null
        : ((await meetingsOf(trx, group.id)).find((m) => m.key === input.meeting) ?? null);
    if (input.meeting !== null && meeting === null)
      throw fieldError(
        'REFERENCE_UNKNOWN',
        'meeting',
        `group ${group.slug} has no meeting "${input.meeting}"`,
      );
    await checkSource(trx, 'source', input.source);
    const decision: GroupDecision = {
      id: services.newId(),
      groupId: group.id,
      key: input.key,
      text: input.text,
      decidedAt: input.decidedAt,
      meetingId: meeting?.id ?? null,
      source: input.source,
      createdAt: services.now().toISOString(),
    };
    await insertDecision(trx, decision);
    const stored = (await findDecision(trx, decision.id)) ?? decision;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.decision.add',
      subjectType: 'expert-group-decision',
      subjectId: decision.id,
      after: stored,
    });
    return { decision: stored, meeting };
  });
}

// Writing: issues and their threads

/**
 * The group for a contribution: the public and roles that may never contribute are refused first (401, 403); a
 * group the actor may not see is not found (404); a group they see but do not sit on is refused (403).
 */
async function groupForContribution(
  services: Services,
  trx: Handle,
  actor: Actor | null,
  slug: string,
): Promise<{ who: Actor; access: GroupAccess }> {
  const attempt = authoriseAttempt(actor, 'group.contribute');
  const access = await visibleGroup(services, trx, attempt, slug);
  const who = authorise(attempt, 'group.contribute', access.subject);
  return { who, access };
}

/** Raises an issue on a group: by one of its members, or by the mission's editors. */
export async function raiseIssue(
  services: Services,
  actor: Actor | null,
  slug: string,
  input: IssueInput,
): Promise<GroupIssue> {
  return inTransaction(services, async (trx) => {
    const { who, access } = await groupForContribution(services, trx, actor, slug);
    const { group } = access;
    await checkKeyFree(trx, group, 'issue', input.key);
    if (input.waitingOn !== null) await checkParties(trx, [{ path: 'waitingOn', code: input.waitingOn }]);
    const owner = await resolveOwner(trx, group, input.ownerParty, input.ownerMember);
    await checkSource(trx, 'source', input.source);
    const links = await resolveLinks(trx, who, input.links);
    const now = services.now().toISOString();
    const issue: GroupIssue = {
      id: services.newId(),
      groupId: group.id,
      key: input.key,
      title: input.title,
      description: input.description,
      status: input.status,
      waitingOn: input.waitingOn,
      ...owner,
      decisionId: null,
      raisedAt: input.raisedAt ?? now,
      raisedBy: personId(who),
      source: input.source,
      links,
      updatedAt: now,
    };
    await insertIssue(trx, issue);
    const stored = (await findIssue(trx, issue.id)) ?? issue;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.issue.raise',
      subjectType: 'expert-group-issue',
      subjectId: issue.id,
      after: stored,
    });
    return stored;
  });
}

/** Changes an issue's title, description, owner or links (its status changes only through its thread). */
export async function updateIssue(
  services: Services,
  actor: Actor | null,
  slug: string,
  key: string,
  patch: IssuePatch,
): Promise<GroupIssue> {
  const who = authorise(actor, 'group.write');
  return inTransaction(services, async (trx) => {
    const group = await groupForWrite(trx, slug);
    const old = await findIssueByKey(trx, group.id, key);
    if (!old) throw issueNotFound(group, key);
    // A new owner replaces the old one whole: a party alone clears the member, a member brings their party.
    const owner =
      patch.ownerParty === undefined && patch.ownerMember === undefined
        ? { ownerParty: old.ownerParty, ownerMemberId: old.ownerMemberId }
        : await resolveOwner(trx, group, patch.ownerParty ?? null, patch.ownerMember ?? null);
    const links = patch.links === undefined ? old.links : await resolveLinks(trx, who, patch.links);
    const draft: GroupIssue = {
      ...old,
      title: patch.title ?? old.title,
      description: patch.description ?? old.description,
      ...owner,
      links,
    };
    if (digest(draft) === digest(old)) return old;
    const next: GroupIssue = { ...draft, updatedAt: services.now().toISOString() };
    await storeIssue(trx, next);
    const stored = (await findIssue(trx, old.id)) ?? next;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.issue.update',
      subjectType: 'expert-group-issue',
      subjectId: old.id,
      before: old,
      after: stored,
    });
    return stored;
  });
}

/**
 * Posts an update to an issue's thread, optionally moving its status (the text is the reason). A member speaks
 * for their own party only; the mission's editors may record any party's position. The update is never changed
 * afterwards and keeps the status it found, so the thread alone tells how the issue got where it is.
 */
export async function postUpdate(
  services: Services,
  actor: Actor | null,
  slug: string,
  key: string,
  input: IssueUpdateInput,
): Promise<{ readonly issue: GroupIssue; readonly update: IssueUpdate }> {
  return inTransaction(services, async (trx) => {
    const { who, access } = await groupForContribution(services, trx, actor, slug);
    const { group } = access;
    const old = await findIssueByKey(trx, group.id, key);
    if (!old) throw issueNotFound(group, key);
    const seat = seatOf(who, await membersOf(trx, group.id), today(services));
    const party = input.party ?? seat?.party ?? null;
    if (party !== null) await checkParties(trx, [{ path: 'party', code: party }]);
    if (party !== null && !access.mayWrite && party !== seat?.party)
      throw new TrucelineError(
        'FORBIDDEN',
        `You sit on this group for ${seat?.party ?? 'no party'} and may post only for it, not for ${party}.`,
        { action: 'group.contribute' },
      );
    const from: IssueState = { status: old.status, waitingOn: old.waitingOn };
    let to: IssueState | null = null;
    if (input.status !== undefined) {
      to = { status: input.status, waitingOn: input.waitingOn ?? null };
      if (to.waitingOn !== null) await checkParties(trx, [{ path: 'waitingOn', code: to.waitingOn }]);
      const why = transitionRefusal(from, to);
      if (why !== null) throw new TrucelineError('INVALID_TRANSITION', why, { from, to });
    }
    let decisionId: string | null = null;
    if (input.decision !== undefined) {
      const decision = (await decisionsOf(trx, group.id)).find((d) => d.key === input.decision);
      if (!decision)
        throw fieldError(
          'REFERENCE_UNKNOWN',
          'decision',
          `group ${group.slug} has no decision "${input.decision}"`,
        );
      decisionId = decision.id;
    }
    await checkSource(trx, 'source', input.source);
    const now = services.now().toISOString();
    const update: IssueUpdate = {
      id: services.newId(),
      issueId: old.id,
      seq: await nextUpdateSeq(trx, old.id),
      at: input.at ?? now,
      postedAt: now,
      postedBy: personId(who),
      memberId: seat?.id ?? null,
      party,
      text: input.text,
      from,
      to,
      decisionId,
      source: input.source ?? null,
    };
    await insertUpdate(trx, update);
    const storedUpdate = (await findUpdate(trx, update.id)) ?? update;
    await recordAudit(services, trx, {
      actor: who,
      action: 'expert-group.issue.post',
      subjectType: 'expert-group-issue-update',
      subjectId: update.id,
      after: storedUpdate,
    });
    let issue = old;
    if (to !== null || decisionId !== null) {
      issue = { ...old, ...(to ?? {}), decisionId: decisionId ?? old.decisionId, updatedAt: now };
      await storeIssue(trx, issue);
      issue = (await findIssue(trx, old.id)) ?? issue;
      await recordAudit(services, trx, {
        actor: who,
        action: to === null ? 'expert-group.issue.cite-decision' : 'expert-group.issue.status',
        subjectType: 'expert-group-issue',
        subjectId: old.id,
        before: old,
        after: issue,
        reason: input.text,
      });
    }
    return { issue, update: storedUpdate };
  });
}

// Seeding (the demo)

/**
 * Adds what is missing of a seeded group through the same use cases as any other writer, and returns how many
 * records it wrote. What is there is left alone: a group, member, meeting, decision or issue with the seed's key
 * is not rewritten, and an issue's thread is seeded only when the issue is created, so loading again writes
 * nothing and never touches what people have posted since.
 */
export async function seedGroup(services: Services, actor: Actor, seed: GroupSeedInput): Promise<number> {
  const db = services.db.kysely;
  let written = 0;
  let group = await findGroup(db, seed.group.slug);
  if (!group) {
    group = await createGroup(services, actor, seed.group);
    written++;
  }
  const slug = group.slug;
  for (const member of seed.members) {
    if (await keyInUse(db, group.id, 'member', member.key)) continue;
    await addMember(services, actor, slug, member);
    written++;
  }
  for (const meeting of seed.meetings) {
    if (await keyInUse(db, group.id, 'meeting', meeting.key)) continue;
    await addMeeting(services, actor, slug, meeting);
    written++;
  }
  for (const decision of seed.decisions) {
    if (await keyInUse(db, group.id, 'decision', decision.key)) continue;
    await addDecision(services, actor, slug, decision);
    written++;
  }
  for (const { issue, updates } of seed.issues) {
    if (await keyInUse(db, group.id, 'issue', issue.key)) continue;
    await raiseIssue(services, actor, slug, issue);
    for (const update of updates) await postUpdate(services, actor, slug, issue.key, update);
    written += 1 + updates.length;
  }
  return written;
}
