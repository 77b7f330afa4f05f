// Expert groups through the HTTP API on every engine, with real users: the board sorts issues by status and by
// whom they wait on, a status change keeps the thread and the state it found, only a group's own members post
// to it, private groups do not exist for anyone else, links are checked and bad input writes nothing.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoGroups } from '../src/demo/expert-groups.js';
import { groupSeedSchema } from '../src/core/expert-group-inputs.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { seedGroup } from '../src/services/expert-groups.js';
import { actingAs, TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import { auditEvents, type ErrorReply, type Method, request } from './support/requests.js';

type Headers = Record<string, string>;

interface IssueView {
  key: string;
  title: string;
  status: string;
  waitingOn: string | null;
  owner: { party: string; member: { key: string } | null } | null;
  decision: { key: string } | null;
  links: {
    agreements: { slug: string; title: string | null }[];
    conditions: { condition: string; status: string | null }[];
    incidents: { id: string; ref: string | null }[];
  };
}

interface GroupView {
  slug: string;
  visibility: string;
  members: { key: string; name: string | null; account: boolean; userId: string | null }[];
  meetings: { key: string }[];
  decisions: { key: string; meeting: string | null }[];
  board: {
    counts: Record<string, number>;
    columns: { status: string; issues: IssueView[] }[];
    waitingOn: { party: string; issues: string[] }[];
  };
  permissions: { write: boolean; contribute: boolean };
  seat: string | null;
}

interface GroupList {
  items: { slug: string; counts: Record<string, number>; unresolved: number; seat: string | null }[];
}

interface IssueDetail extends IssueView {
  thread: {
    seq: number;
    text: string;
    party: string | null;
    member: { key: string } | null;
    postedBy: string | null;
    from: { status: string; waitingOn: string | null };
    to: { status: string; waitingOn: string | null } | null;
  }[];
}

const RU_US = 'ru-us-expert-groups-2025-03';
const TABLES = [
  'expert_groups',
  'expert_group_members',
  'expert_group_meetings',
  'expert_group_decisions',
  'expert_group_issues',
  'expert_group_issue_updates',
] as const;

function issueInput(key: string, overrides: Record<string, unknown> = {}) {
  return { key, title: `Issue ${key}`, ...overrides };
}

describeEachEngine('expert groups API', (engine) => {
  const h: Harness = useApp(engine, { demo: true });
  let ua: { email: string; headers: Headers };
  let ru: { email: string; headers: Headers };
  let monitor: { email: string; headers: Headers };

  /** A request as someone (`null`: the public); the admin token when `as` is left out. */
  function call<T = unknown>(method: Method, url: string, payload?: unknown, as: Headers | null = h.auth) {
    return request<T>(h, method, `/api/v1${url}`, payload, as);
  }

  /** Rows in every group table, and audit events: equal before and after means nothing was written. */
  async function counts() {
    const db = h.services.db.kysely;
    const rows: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      rows[table] = row.n;
    }
    return { rows, auditEvents: (await auditEvents(h)).length };
  }

  /** A private group of UA and RU, with UA's liaison seated for UA and the monitor seated on another group. */
  async function privateGroup(slug: string) {
    expect(
      (await call('POST', '/groups', { slug, name: `Group ${slug}`, parties: ['UA', 'RU'] })).status,
    ).toBe(201);
    const seat = await call('POST', `/groups/${slug}/members`, {
      key: 'ua-liaison',
      party: 'UA',
      role: 'Liaison officer',
      user: ua.email,
    });
    expect(seat.status).toBe(201);
    expect((await call('POST', `/groups/${slug}/issues`, issueInput('first'))).status).toBe(201);
    return slug;
  }

  beforeAll(async () => {
    ua = await actingAs(h, 'liaison', 'UA');
    ru = await actingAs(h, 'liaison', 'RU');
    monitor = await actingAs(h, 'monitor');
    // The monitor and RU's liaison sit on a group of their own, which gives them nothing elsewhere.
    await call('POST', '/groups', { slug: 'other-group', name: 'Another group', parties: ['RU', 'US'] });
    await call('POST', '/groups/other-group/members', {
      key: 'm',
      party: 'US',
      role: 'Adviser',
      user: monitor.email,
    });
    await call('POST', '/groups/other-group/members', {
      key: 'r',
      party: 'RU',
      role: 'Liaison',
      user: ru.email,
    });
  });

  describe('the board', () => {
    it('lists the demo groups to the public with their issues counted by status', async () => {
      const list = await call<GroupList>('GET', '/groups', undefined, null);
      expect(list.status).toBe(200);
      expect(list.body.items.map((g) => g.slug).sort()).toEqual([RU_US, 'us-ua-expert-groups-2025-03']);
      const ruUs = list.body.items.find((g) => g.slug === RU_US);
      expect(ruUs?.counts).toEqual({ open: 0, 'in-discussion': 1, waiting: 2, decided: 1, dropped: 1 });
      expect(ruUs?.unresolved).toBe(3);
    });

    it('puts each issue in its status column and the waiting ones under the party they wait on', async () => {
      const group = (await call<GroupView>('GET', `/groups/${RU_US}`, undefined, null)).body;
      const column = (status: string) => group.board.columns.find((c) => c.status === status)?.issues ?? [];
      expect(group.board.columns.map((c) => c.status)).toEqual([
        'open',
        'in-discussion',
        'waiting',
        'decided',
        'dropped',
      ]);
      expect(column('decided').map((i) => i.key)).toEqual(['energy-facility-list']);
      expect(column('dropped').map((i) => i.key)).toEqual(['moratorium-extension']);
      expect(column('in-discussion').map((i) => i.key)).toEqual(['black-sea-navigation']);
      // Most recently active first: the violations were last updated on 17 April, the sanctions on 25 March.
      expect(column('waiting').map((i) => i.key)).toEqual(['moratorium-violations', 'sanctions-conditions']);
      expect(group.board.waitingOn).toEqual([
        { party: 'US', issues: ['moratorium-violations', 'sanctions-conditions'] },
      ]);
      expect(column('decided')[0]?.decision?.key).toBe('facility-list');
      expect(group.decisions.map((d) => d.meeting)).toEqual([
        'riyadh-2025-03-24',
        'riyadh-2025-03-24',
        'riyadh-2025-03-24',
      ]);
    });

    it('resolves links, showing each reader only the incidents they may see', async () => {
      const linked = async (as: Headers | null) => {
        const group = (await call<GroupView>('GET', `/groups/${RU_US}`, undefined, as)).body;
        const issue = group.board.columns
          .flatMap((c) => c.issues)
          .find((i) => i.key === 'moratorium-violations');
        return issue?.links.incidents.map((i) => i.ref) ?? [];
      };
      const publicRefs = await linked(null);
      expect(publicRefs).toContain('demo-2025-03-19-kavkazskaya');
      // The two interceptions are unpublished: the public does not learn they are linked; the staff see them.
      expect(publicRefs).not.toContain('demo-2025-03-28-saratov-refinery-drones');
      expect(await linked(h.auth)).toContain('demo-2025-03-28-saratov-refinery-drones');
      const sanctions = (await call<IssueDetail>('GET', `/groups/${RU_US}/issues/sanctions-conditions`)).body;
      expect(sanctions.links.conditions).toContainEqual({
        agreement: 'black-sea-2025-03',
        condition: 'sanctions-relief',
        party: 'RU',
        text: expect.stringContaining('Rosselkhozbank') as string,
        status: 'unmet',
      });
    });
  });

  describe('threads', () => {
    it('keeps every update and the state it found when a member changes the status', async () => {
      const slug = await privateGroup('thread-group');
      const before = await counts();
      const first = await call<IssueDetail>(
        'POST',
        `/groups/${slug}/issues/first/updates`,
        { text: 'Russia has to answer first.', status: 'waiting', waitingOn: 'RU' },
        ua.headers,
      );
      expect(first.status).toBe(201);
      const second = await call<IssueDetail>(
        'POST',
        `/groups/${slug}/issues/first/updates`,
        { text: 'Answer received; back to the table.', status: 'in-discussion' },
        ua.headers,
      );
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ status: 'in-discussion', waitingOn: null });
      expect(second.body.thread.map((u) => [u.seq, u.from, u.to, u.party, u.member?.key])).toEqual([
        [1, { status: 'open', waitingOn: null }, { status: 'waiting', waitingOn: 'RU' }, 'UA', 'ua-liaison'],
        [
          2,
          { status: 'waiting', waitingOn: 'RU' },
          { status: 'in-discussion', waitingOn: null },
          'UA',
          'ua-liaison',
        ],
      ]);
      expect(second.body.thread[0]?.text).toBe('Russia has to answer first.');
      // Who posted is for the group's managers only.
      expect(second.body.thread[0]?.postedBy).toBeNull();
      const asAdmin = (await call<IssueDetail>('GET', `/groups/${slug}/issues/first`)).body;
      expect(asAdmin.thread[0]?.postedBy).toEqual(expect.any(String));
      const after = await counts();
      expect(
        (after.rows['expert_group_issue_updates'] ?? 0) - (before.rows['expert_group_issue_updates'] ?? 0),
      ).toBe(2);
      // Each status change: the update and the issue's new state, in the same transaction.
      const actions = (await auditEvents(h)).slice(-4).map((e) => [e.action, e.reason]);
      expect(actions).toEqual([
        ['expert-group.issue.post', null],
        ['expert-group.issue.status', 'Russia has to answer first.'],
        ['expert-group.issue.post', null],
        ['expert-group.issue.status', 'Answer received; back to the table.'],
      ]);
    });

    it('refuses an illegal move, and a member speaking for another party, writing nothing', async () => {
      const slug = await privateGroup('refusal-group');
      const url = `/groups/${slug}/issues/first/updates`;
      await call('POST', url, { text: 'Settled.', status: 'decided' }, ua.headers);
      const before = await counts();
      const illegal = await call<ErrorReply>(
        'POST',
        url,
        { text: 'x', status: 'waiting', waitingOn: 'RU' },
        ua.headers,
      );
      expect(illegal.status).toBe(409);
      expect(illegal.body.error.code).toBe('INVALID_TRANSITION');
      expect(illegal.body.error.message).toContain('can move only to in-discussion');
      const again = await call<ErrorReply>('POST', url, { text: 'x', status: 'decided' }, ua.headers);
      expect([again.status, again.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
      const ventriloquy = await call<ErrorReply>(
        'POST',
        url,
        { text: 'Russia agrees.', party: 'RU' },
        ua.headers,
      );
      expect(ventriloquy.status).toBe(403);
      expect(ventriloquy.body.error.message).toContain('may post only for it');
      expect(await counts()).toEqual(before);
    });
  });

  describe('who may see and post', () => {
    it('hides a private group from a liaison not on it, and from the public, exactly like no group', async () => {
      const slug = await privateGroup('hidden-group');
      for (const as of [ru.headers, null]) {
        const read = await call<ErrorReply>('GET', `/groups/${slug}`, undefined, as);
        expect([read.status, read.body.error.code]).toEqual([404, 'GROUP_NOT_FOUND']);
        const issue = await call<ErrorReply>('GET', `/groups/${slug}/issues/first`, undefined, as);
        expect(issue.status).toBe(404);
        const list = await call<GroupList>('GET', '/groups', undefined, as);
        expect(list.body.items.map((g) => g.slug)).not.toContain(slug);
      }
      // Its member and the mission's staff see it.
      const seated = await call<GroupView>('GET', `/groups/${slug}`, undefined, ua.headers);
      expect(seated.status).toBe(200);
      expect(seated.body).toMatchObject({
        seat: 'ua-liaison',
        permissions: { write: false, contribute: true },
      });
      expect(seated.body.members[0]).toMatchObject({ account: true, userId: null });
      expect((await call('GET', `/groups/${slug}`, undefined, monitor.headers)).status).toBe(200);
    });

    it('refuses a post from a liaison or a member of another group (403 where they see it, 404 where not)', async () => {
      const slug = await privateGroup('closed-group');
      const before = await counts();
      const body = { text: 'Let me in.' };
      const hidden = await call<ErrorReply>('POST', `/groups/${slug}/issues/first/updates`, body, ru.headers);
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'GROUP_NOT_FOUND']);
      // The monitor reads every group but posts only to the one they sit on.
      const staff = await call<ErrorReply>(
        'POST',
        `/groups/${slug}/issues/first/updates`,
        body,
        monitor.headers,
      );
      expect([staff.status, staff.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(staff.body.error.message).toContain('only in groups you are a member of');
      // On a public group a liaison sees everything but may not post or raise issues.
      const open = await call<ErrorReply>(
        'POST',
        `/groups/${RU_US}/issues/sanctions-conditions/updates`,
        body,
        ru.headers,
      );
      expect(open.status).toBe(403);
      const raise = await call<ErrorReply>('POST', `/groups/${RU_US}/issues`, issueInput('mine'), ua.headers);
      expect(raise.status).toBe(403);
      expect(
        (await call<ErrorReply>('POST', `/groups/${slug}/issues/first/updates`, body, null)).status,
      ).toBe(401);
      // Only editors set groups up.
      expect(
        (
          await call(
            'POST',
            `/groups/${slug}/meetings`,
            { key: 'm', heldAt: '2025-03-24', place: 'X', parties: ['UA'] },
            ua.headers,
          )
        ).status,
      ).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it("seats a liaison's account only for the liaison's own party", async () => {
      const before = await counts();
      const res = await call<ErrorReply>('POST', '/groups/other-group/members', {
        key: 'ua-in-ru-seat',
        party: 'RU',
        role: 'Observer',
        user: ua.email,
      });
      expect([res.status, res.body.error.code]).toEqual([422, 'MEMBER_PARTY_MISMATCH']);
      expect(res.body.error.details.issues?.[0]?.path).toBe('user');
      expect(await counts()).toEqual(before);
    });
  });

  describe('validation', () => {
    it('names the link that does not resolve (422) and writes nothing', async () => {
      const before = await counts();
      const cases: [Record<string, unknown>, string][] = [
        [{ agreements: ['no-such-agreement'] }, 'links.agreements.0'],
        [{ incidents: ['no-such-incident'] }, 'links.incidents.0'],
        [
          { provisions: [{ agreement: 'black-sea-2025-03', readout: 'nope', provision: 'P1' }] },
          'links.provisions.0.readout',
        ],
        [
          { provisions: [{ agreement: 'black-sea-2025-03', readout: 'wh-ru-2025-03-25', provision: 'P9' }] },
          'links.provisions.0.provision',
        ],
        [
          { conditions: [{ agreement: 'black-sea-2025-03', condition: 'nope' }] },
          'links.conditions.0.condition',
        ],
      ];
      for (const [links, path] of cases) {
        const res = await call<ErrorReply>(
          'POST',
          `/groups/${RU_US}/issues`,
          issueInput('linked', { links }),
        );
        expect([res.status, res.body.error.code], path).toEqual([422, 'REFERENCE_UNKNOWN']);
        expect(res.body.error.details.issues?.[0]?.path).toBe(path);
      }
      expect(await counts()).toEqual(before);
    });

    it('does not let a member link an incident they may not see, and says it does not exist', async () => {
      const slug = await privateGroup('link-group');
      // The mission's own unpublished record: no liaison sees it.
      const filed = await call<{ id: string }>('POST', '/incidents', incidentInput({ allegations: [] }));
      expect(filed.status).toBe(201);
      const before = await counts();
      const links = { incidents: [filed.body.id] };
      const res = await call<ErrorReply>(
        'POST',
        `/groups/${slug}/issues`,
        issueInput('hidden', { links }),
        ua.headers,
      );
      expect([res.status, res.body.error.message]).toEqual([
        422,
        `links.incidents.0: no incident "${filed.body.id}"`,
      ]);
      expect(await counts()).toEqual(before);
      // The mission's editor may link it.
      expect((await call('POST', `/groups/${slug}/issues`, issueInput('hidden', { links }))).status).toBe(
        201,
      );
    });

    it('refuses bad input with a 4xx naming the field, writing nothing', async () => {
      const before = await counts();
      const bad: [string, string, unknown, number, string][] = [
        ['POST', `/groups/${RU_US}/issues`, { key: 'no-title' }, 400, 'title'],
        ['POST', `/groups/${RU_US}/issues`, issueInput('w', { status: 'waiting' }), 400, 'waitingOn'],
        ['POST', `/groups/${RU_US}/issues`, issueInput('Bad Key'), 400, 'key'],
        ['POST', `/groups/${RU_US}/issues`, issueInput('black-sea-navigation'), 409, 'key'],
        ['POST', `/groups/${RU_US}/issues`, issueInput('o', { ownerParty: 'UA' }), 422, 'ownerParty'],
        ['POST', `/groups/${RU_US}/issues`, issueInput('m', { ownerMember: 'nobody' }), 422, 'ownerMember'],
        ['POST', `/groups/${RU_US}/issues/black-sea-navigation/updates`, { text: '' }, 400, 'text'],
        [
          'POST',
          `/groups/${RU_US}/issues/black-sea-navigation/updates`,
          { text: 'x'.repeat(4001) },
          400,
          'text',
        ],
        [
          'POST',
          `/groups/${RU_US}/issues/black-sea-navigation/updates`,
          { text: 'x', status: 'waiting', waitingOn: 'ZZ' },
          422,
          'waitingOn',
        ],
        [
          'POST',
          `/groups/${RU_US}/issues/black-sea-navigation/updates`,
          { text: 'x', decision: 'nope' },
          422,
          'decision',
        ],
        ['POST', '/groups', { slug: 'g', name: 'G', parties: ['XX'] }, 422, 'parties.0'],
        ['POST', '/groups', { slug: RU_US, name: 'G', parties: ['RU'] }, 409, 'slug'],
        ['POST', `/groups/${RU_US}/members`, { key: 'x', party: 'UA', role: 'Adviser' }, 422, 'party'],
        [
          'POST',
          `/groups/${RU_US}/decisions`,
          { key: 'd', text: 'T', decidedAt: '2025-03-25', meeting: 'nope' },
          422,
          'meeting',
        ],
        ['PATCH', `/groups/${RU_US}`, { visibility: 'secret' }, 400, 'visibility'],
      ];
      for (const [method, url, payload, status, path] of bad) {
        const res = await call<ErrorReply>(method as Method, url, payload);
        expect(res.status, `${url} ${path}`).toBe(status);
        expect(
          res.body.error.details.issues?.map((i) => i.path),
          `${url} ${path}`,
        ).toContain(path);
      }
      const missing = await call<ErrorReply>('POST', `/groups/${RU_US}/issues/nope/updates`, { text: 'x' });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'GROUP_ISSUE_NOT_FOUND']);
      expect(await counts()).toEqual(before);
    });
  });

  describe('audit', () => {
    it('verifies the groups, and names an issue row edited behind the API', async () => {
      const clean = await verifyAudit(h.services);
      expect(clean.unchecked.filter((t) => t.startsWith('expert-group'))).toEqual([]);
      expect(
        clean.problems.filter((p) => p.kind === 'record' && p.subjectType.startsWith('expert-group')),
      ).toEqual([]);
      const row = await h.services.db.kysely
        .selectFrom('expert_group_issues')
        .select('id')
        .where('key', '=', 'sanctions-conditions')
        .executeTakeFirstOrThrow();
      await sql`update expert_group_issues set status = ${'decided'}, waiting_on = ${null} where id = ${row.id}`.execute(
        h.services.db.kysely,
      );
      const report = await verifyAudit(h.services);
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          kind: 'record',
          subjectType: 'expert-group-issue',
          subjectId: row.id,
          state: 'altered',
        }),
      );
    });

    it('writes nothing when the demo groups are seeded again', async () => {
      const before = await counts();
      for (const seed of demoGroups)
        expect(await seedGroup(h.services, TEST_SYSTEM, groupSeedSchema.parse(seed))).toBe(0);
      expect(await counts()).toEqual(before);
    });
  });
});
