// The API shapes of expert groups. Who acted (a person id) and which account sits in a seat are shown only to
// those who manage the group; names of members are those publicly reported for officials in public office.

import type {
  ExpertGroup,
  GroupDecision,
  GroupMeeting,
  GroupMember,
  IssueUpdate,
} from '../../../core/expert-groups.js';
import type {
  GroupListItem,
  GroupView,
  IssueDetail,
  IssueView,
  ResolvedLinks,
} from '../../../services/expert-groups.js';

function presentGroupFields(g: ExpertGroup) {
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    kind: g.kind,
    mandate: g.mandate,
    parties: [...g.parties],
    formedOn: g.formedOn,
    source: g.source,
    visibility: g.visibility,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

export function presentMember(m: GroupMember, manager: boolean) {
  return {
    key: m.key,
    party: m.party,
    name: m.name,
    role: m.role,
    account: m.userId !== null,
    userId: manager ? m.userId : null,
    source: m.source,
    note: m.note,
    leftOn: m.leftOn,
  };
}

export function presentMeeting(m: GroupMeeting) {
  return {
    key: m.key,
    heldAt: m.heldAt,
    place: m.place,
    parties: [...m.parties],
    summary: m.summary,
    source: m.source,
  };
}

export function presentDecision(d: GroupDecision, meetings: readonly GroupMeeting[]) {
  return {
    key: d.key,
    text: d.text,
    decidedAt: d.decidedAt,
    meeting: meetings.find((m) => m.id === d.meetingId)?.key ?? null,
    source: d.source,
  };
}

function presentLinks(l: ResolvedLinks) {
  return {
    agreements: l.agreements.map((a) => ({ slug: a.slug, title: a.title })),
    provisions: l.provisions.map((p) => ({
      agreement: p.agreement,
      readout: p.readout,
      provision: p.provision,
      issuer: p.issuer,
      quote: p.quote,
    })),
    conditions: l.conditions.map((c) => ({
      agreement: c.agreement,
      condition: c.condition,
      party: c.party,
      text: c.text,
      status: c.status,
    })),
    incidents: l.incidents.map((i) => ({ id: i.id, ref: i.ref, title: i.title, occurredAt: i.occurredAt })),
  };
}

function memberRef(members: readonly GroupMember[], id: string | null) {
  const m = id === null ? undefined : members.find((x) => x.id === id);
  return m ? { key: m.key, name: m.name, role: m.role } : null;
}

function decisionRef(decisions: readonly GroupDecision[], id: string | null) {
  const d = id === null ? undefined : decisions.find((x) => x.id === id);
  return d ? { key: d.key, text: d.text } : null;
}

function presentIssue(v: IssueView, group: GroupView) {
  const i = v.issue;
  return {
    key: i.key,
    title: i.title,
    description: i.description,
    status: i.status,
    waitingOn: i.waitingOn,
    owner:
      i.ownerParty === null
        ? null
        : { party: i.ownerParty, member: memberRef(group.members, i.ownerMemberId) },
    raisedAt: i.raisedAt,
    lastActivity: v.lastActivity,
    updates: v.updates,
    decision: decisionRef(group.decisions, i.decisionId),
    source: i.source,
    links: presentLinks(v.links),
  };
}

function permissions(group: GroupView) {
  return { write: group.access.mayWrite, contribute: group.access.mayContribute };
}

export function presentGroupList(items: readonly GroupListItem[]) {
  return {
    items: items.map(({ access, board, lastActivity, seat }) => ({
      ...presentGroupFields(access.group),
      counts: { ...board.counts },
      unresolved: board.counts.open + board.counts['in-discussion'] + board.counts.waiting,
      waitingOn: board.waitingOn.map((w) => ({
        party: w.party,
        issues: w.issues.map((s) => ({ key: s.issue.key, title: s.issue.title })),
      })),
      lastActivity,
      seat,
    })),
  };
}

export function presentGroup(group: GroupView) {
  const manager = group.access.mayWrite;
  return {
    ...presentGroupFields(group.access.group),
    members: group.members.map((m) => presentMember(m, manager)),
    meetings: group.meetings.map(presentMeeting),
    decisions: group.decisions.map((d) => presentDecision(d, group.meetings)),
    board: {
      counts: { ...group.board.counts },
      columns: group.board.columns.map((c) => ({
        status: c.status,
        issues: c.issues.map((v) => presentIssue(v, group)),
      })),
      waitingOn: group.board.waitingOn.map((w) => ({
        party: w.party,
        issues: w.issues.map((v) => v.issue.key),
      })),
    },
    related: presentLinks(group.related),
    permissions: permissions(group),
    seat: group.seat,
  };
}

function presentUpdate(u: IssueUpdate, group: GroupView) {
  return {
    seq: u.seq,
    at: u.at,
    postedAt: u.postedAt,
    postedBy: group.access.mayWrite ? u.postedBy : null,
    member: memberRef(group.members, u.memberId),
    party: u.party,
    text: u.text,
    from: { status: u.from.status, waitingOn: u.from.waitingOn },
    to: u.to === null ? null : { status: u.to.status, waitingOn: u.to.waitingOn },
    decision: decisionRef(group.decisions, u.decisionId),
    source: u.source,
  };
}

export function presentIssueDetail(detail: IssueDetail) {
  const { group } = detail;
  return {
    ...presentIssue(detail.issue, group),
    group: { slug: group.access.group.slug, name: group.access.group.name },
    thread: detail.thread.map((u) => presentUpdate(u, group)),
    permissions: permissions(group),
  };
}
