// Findings through the HTTP API on every engine: each legal step of the verification workflow, refusals that
// write nothing, the two-person rule with real users, who may see a finding and its history, publishing, the
// review queue, and a tampered findings row caught by `audit verify`. The demo's findings: demo.findings.test.ts.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/services/audit-verify.js';
import { actingAs, tokenHeaders } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, type IncidentBody } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import { auditEvents, type ErrorReply, type Reply, storedCounts } from './support/requests.js';

type Headers = Record<string, string>;

interface RulingView {
  agreement: { id: string; slug: string | null; title: string | null };
  status: string;
  proposal: { by: string | null; at: string; reason: string } | null;
  proposedBy: string | null;
  confirmedBy: string | null;
}

interface FindingView {
  incidentId: string;
  occurrence: string;
  attribution: { status: string; party: string | null; confidence: string | null };
  grade: string;
  published: boolean;
  rulings: RulingView[];
  reportedBy: string | null;
  publishedAt: string | null;
  publishBlockers: string[];
  history: {
    at: string;
    by: string | null;
    change: { kind: string; to: unknown; agreement: { slug: string | null } | null };
    reason: string;
    previous: { occurrence: string; rulings: RulingView[] };
  }[];
}

interface QueueView {
  items: {
    kind: string;
    incident: { id: string; title: string; occurredAt: string };
    agreement: { id: string; slug: string | null; title: string | null } | null;
    occurrence: string | null;
  }[];
  window: { offset: number; limit: number; examined: number; unpublished: number };
}

const reason = 'Tested.';

function api(h: Harness) {
  const send = async <T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers?: Headers,
    payload?: object,
  ): Promise<Reply<T>> => {
    const res = await h.app.inject({
      method,
      url,
      ...(headers ? { headers } : {}),
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json<T>(), headers: res.headers };
  };
  return {
    /** Files an incident (as the admin token, or `headers`); returns its id. */
    async file(overrides: Partial<IncidentBody> = {}, headers: Headers = h.auth): Promise<string> {
      const res = await send<{ id: string }>('POST', '/api/v1/incidents', headers, incidentInput(overrides));
      expect(res.status).toBe(201);
      return res.body.id;
    },
    change: <T = FindingView>(id: string, body: object, headers: Headers = h.auth): Promise<Reply<T>> =>
      send<T>('POST', `/api/v1/incidents/${id}/finding/changes`, headers, body),
    /** The finding as `headers` see it; the public without them. */
    finding: <T = FindingView>(id: string, headers?: Headers): Promise<Reply<T>> =>
      send<T>('GET', `/api/v1/incidents/${id}/finding`, headers),
    queue: <T = QueueView>(headers?: Headers, query = ''): Promise<Reply<T>> =>
      send<T>('GET', `/api/v1/review-queue${query}`, headers),
    get: <T>(url: string, headers?: Headers): Promise<Reply<T>> => send<T>('GET', url, headers),
    patch: (url: string, payload: object) => send<unknown>('PATCH', url, h.auth, payload),
  };
}

async function findingRows(h: Harness): Promise<number> {
  const row = await h.services.db.kysely
    .selectFrom('findings')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a refused request must leave as it was: agreements, incidents, audit events and findings rows. */
async function everything(h: Harness) {
  return { ...(await storedCounts(h)), findings: await findingRows(h) };
}

async function userId(h: Harness, email: string): Promise<string> {
  const row = await h.services.db.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachEngine('findings API', (engine) => {
  // The demo brings the parties the factories use; the tests' own incidents fall in 2024, outside its agreements.
  const h = useApp(engine, { demo: true });
  const call = api(h);
  let slug = '';
  let agreementId = '';

  beforeAll(async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/agreements',
      headers: h.auth,
      payload: agreementInput(),
    });
    expect(res.statusCode).toBe(201);
    ({ slug, id: agreementId } = res.json<{ slug: string; id: string }>());
  });

  describe('reading', () => {
    it('starts alleged, unattributed, weak and unpublished, pending on each screened agreement; nothing stored', async () => {
      const id = await call.file();
      const before = await findingRows(h);
      const res = await call.finding(id, h.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        incidentId: id,
        occurrence: 'alleged',
        attribution: { status: 'unknown', party: null, confidence: null },
        grade: 'weak',
        published: false,
        publishedAt: null,
        history: [],
      });
      expect(res.body.rulings).toEqual([
        {
          agreement: { id: agreementId, slug, title: expect.any(String) as string },
          status: 'pending',
          proposal: null,
          proposedBy: null,
          confirmedBy: null,
        },
      ]);
      expect(await findingRows(h)).toBe(before);
    });

    it('is 404 for an incident that does not exist', async () => {
      const res = await call.finding<ErrorReply>('no-such-incident', h.auth);
      expect([res.status, res.body.error.code]).toEqual([404, 'INCIDENT_NOT_FOUND']);
    });
  });

  describe('legal steps', () => {
    it('moves the occurrence along the state machine, reopening closed states, keeping each previous state', async () => {
      const id = await call.file();
      const path = [
        'corroborated',
        'verified',
        'corroborated',
        'unfounded',
        'alleged',
        'unable-to-determine',
        'corroborated',
      ];
      for (const to of path) {
        const res = await call.change(id, { kind: 'occurrence', to, reason: `to ${to}` });
        expect([res.status, res.body.occurrence], to).toEqual([200, to]);
      }
      const { body } = await call.finding(id, h.auth);
      expect(body.history.map((e) => e.previous.occurrence)).toEqual(['alleged', ...path.slice(0, -1)]);
      expect(body.history.map((e) => e.reason)).toEqual(path.map((to) => `to ${to}`));
      expect(body.history.every((e) => e.by !== null)).toBe(true);
      const events = await auditEvents(h);
      const mine = events.filter((e) => e.subjectType === 'finding' && e.subjectId === id);
      expect(mine.map((e) => [e.action, e.reason])).toEqual(
        path.map((to) => ['finding.occurrence', `to ${to}`]),
      );
    });

    it('changes attribution (alleged, then attributed once corroborated) and grade', async () => {
      const id = await call.file();
      let res = await call.change(id, {
        kind: 'attribution',
        to: { status: 'alleged', party: 'RU' },
        reason,
      });
      expect(res.body.attribution).toEqual({ status: 'alleged', party: 'RU', confidence: null });
      await call.change(id, { kind: 'occurrence', to: 'corroborated', reason });
      res = await call.change(id, {
        kind: 'attribution',
        to: { status: 'attributed', party: 'RU', confidence: 'medium' },
        reason,
      });
      expect(res.body.attribution).toEqual({ status: 'attributed', party: 'RU', confidence: 'medium' });
      res = await call.change(id, { kind: 'grade', to: 'fair', reason });
      expect([res.status, res.body.grade]).toEqual([200, 'fair']);
    });

    it('rules not-a-violation or unable-to-rule directly (agreement by slug or id) and reopens to pending', async () => {
      const id = await call.file();
      let res = await call.change(id, { kind: 'rule', agreement: slug, to: 'not-a-violation', reason });
      expect(res.body.rulings[0]?.status).toBe('not-a-violation');
      res = await call.change(id, { kind: 'reopen-ruling', agreement: agreementId, reason });
      expect(res.body.rulings[0]?.status).toBe('pending');
      res = await call.change(id, { kind: 'rule', agreement: agreementId, to: 'unable-to-rule', reason });
      expect([res.status, res.body.rulings[0]?.status]).toEqual([200, 'unable-to-rule']);
      expect(res.body.history.map((e) => e.change.kind)).toEqual(['rule', 'reopen-ruling', 'rule']);
      expect(res.body.history[0]?.change.agreement?.slug).toBe(slug);
    });

    it('keeps a final ruling when a correction takes the incident out of the agreement, drops an untouched one', async () => {
      const ruled = await call.file();
      await call.change(ruled, { kind: 'rule', agreement: slug, to: 'unable-to-rule', reason });
      const graded = await call.file();
      await call.change(graded, { kind: 'grade', to: 'fair', reason });
      for (const id of [ruled, graded]) {
        expect((await call.patch(`/api/v1/incidents/${id}`, { occurredAt: '2023-01-01' })).status).toBe(200);
      }
      expect((await call.finding(ruled, h.auth)).body.rulings.map((r) => r.status)).toEqual([
        'unable-to-rule',
      ]);
      expect((await call.finding(graded, h.auth)).body.rulings).toEqual([]);
      await call.patch(`/api/v1/incidents/${graded}`, { occurredAt: '2024-06-10T03:00:00+03:00' });
      expect((await call.finding(graded, h.auth)).body.rulings.map((r) => r.status)).toEqual(['pending']);
    });
  });

  describe('refusals write nothing', () => {
    async function refused(id: string, body: object, headers: Headers = h.auth) {
      const before = await everything(h);
      const res = await call.change<ErrorReply>(id, body, headers);
      expect(await everything(h)).toEqual(before);
      return { status: res.status, code: res.body.error.code, body: res.body };
    }

    it('an illegal transition is 409 INVALID_TRANSITION', async () => {
      const id = await call.file();
      const res = await refused(id, { kind: 'occurrence', to: 'verified', reason });
      expect([res.status, res.code]).toEqual([409, 'INVALID_TRANSITION']);
      expect(res.body.error.details).toMatchObject({ from: 'alleged', to: 'verified' });
      expect((await call.finding(id, h.auth)).body.occurrence).toBe('alleged');
    });

    it('a direct violation ruling is 409 SECOND_REVIEW_REQUIRED; publishing too early 409 FINDING_NOT_PUBLISHABLE', async () => {
      const id = await call.file();
      const direct = await refused(id, { kind: 'rule', agreement: slug, to: 'violation', reason });
      expect([direct.status, direct.code]).toEqual([409, 'SECOND_REVIEW_REQUIRED']);
      const early = await refused(id, { kind: 'publish', reason });
      expect([early.status, early.code]).toEqual([409, 'FINDING_NOT_PUBLISHABLE']);
    });

    it('a blank reason is 422 REASON_REQUIRED; a missing one 400 naming the field', async () => {
      const id = await call.file();
      const blank = await refused(id, { kind: 'grade', to: 'fair', reason: '   ' });
      expect([blank.status, blank.code]).toEqual([422, 'REASON_REQUIRED']);
      const missing = await refused(id, { kind: 'grade', to: 'fair' });
      expect([missing.status, missing.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(missing.body.error.details.issues?.map((i) => i.path)).toEqual(['reason']);
    });

    it('bad bodies and references name the field', async () => {
      const id = await call.file();
      const kind = await refused(id, { kind: 'approve', reason });
      expect([kind.status, kind.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(kind.body.error.details.issues?.[0]?.path).toBe('kind');
      const agreement = await refused(id, {
        kind: 'rule',
        agreement: 'no-such-agreement',
        to: 'unable-to-rule',
        reason,
      });
      expect([agreement.status, agreement.code, agreement.body.error.details.issues?.[0]?.path]).toEqual([
        422,
        'REFERENCE_UNKNOWN',
        'agreement',
      ]);
      const party = await refused(id, {
        kind: 'attribution',
        to: { status: 'alleged', party: 'XX' },
        reason,
      });
      expect([party.status, party.code, party.body.error.details.issues?.[0]?.path]).toEqual([
        422,
        'PARTY_UNKNOWN',
        'to.party',
      ]);
      const other = await h.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: h.auth,
        payload: agreementInput({ readouts: [] }),
      });
      const unruled = await refused(id, {
        kind: 'rule',
        agreement: other.json<{ slug: string }>().slug,
        to: 'unable-to-rule',
        reason,
      });
      expect([unruled.status, unruled.code]).toEqual([422, 'REFERENCE_UNKNOWN']);
      const missing = await refused('no-such-incident', { kind: 'grade', to: 'fair', reason });
      expect([missing.status, missing.code]).toEqual([404, 'INCIDENT_NOT_FOUND']);
    });

    it('the public is 401; a monitor, analyst, editor or liaison trying to rule is 403 FORBIDDEN', async () => {
      const id = await call.file();
      const publicly = await refused(id, { kind: 'grade', to: 'fair', reason }, {});
      expect([publicly.status, publicly.code]).toEqual([401, 'UNAUTHENTICATED']);
      for (const [role, party] of [['monitor'], ['analyst'], ['editor'], ['liaison', 'UA']] as const) {
        const { headers } = await actingAs(h, role, party);
        const res = await refused(
          id,
          { kind: 'rule', agreement: slug, to: 'unable-to-rule', reason },
          headers,
        );
        expect([res.status, res.code], role).toEqual([403, 'FORBIDDEN']);
      }
    });
  });

  describe('the two-person rule, with real users', () => {
    const people = {} as Record<
      'a' | 'b' | 'reporter' | 'admin',
      { email: string; headers: Headers; id: string }
    >;
    let incident = '';
    let asMonitor: Headers = {};

    beforeAll(async () => {
      for (const [key, role] of [
        ['a', 'verifier'],
        ['b', 'verifier'],
        ['reporter', 'monitor'],
        ['admin', 'admin'],
      ] as const) {
        const who = await actingAs(h, role);
        people[key] = { ...who, id: await userId(h, who.email) };
      }
      asMonitor = people.reporter.headers;
      incident = await call.file({}, asMonitor);
      // An administrator later makes the monitor a verifier (there is no use case for it yet).
      await h.services.db.kysely
        .updateTable('users')
        .set({ role: 'verifier' })
        .where('email', '=', people.reporter.email)
        .execute();
      people.reporter.headers = await tokenHeaders(h, people.reporter.email);
    });

    it('verifier A proposes; A may not confirm (409 SAME_REVIEWER), nor the reporter made verifier (409 REPORTER_CANNOT_CONFIRM)', async () => {
      const proposed = await call.change(
        incident,
        { kind: 'propose-violation', agreement: slug, reason: 'A sees a violation.' },
        people.a.headers,
      );
      expect(proposed.status).toBe(200);
      expect(proposed.body.rulings[0]).toMatchObject({
        status: 'pending',
        proposal: { by: people.a.id, reason: 'A sees a violation.' },
      });
      const before = await everything(h);
      const self = await call.change<ErrorReply>(
        incident,
        { kind: 'confirm-violation', agreement: slug, reason },
        people.a.headers,
      );
      expect([self.status, self.body.error.code]).toEqual([409, 'SAME_REVIEWER']);
      const reporter = await call.change<ErrorReply>(
        incident,
        { kind: 'confirm-violation', agreement: slug, reason },
        people.reporter.headers,
      );
      expect([reporter.status, reporter.body.error.code]).toEqual([409, 'REPORTER_CANNOT_CONFIRM']);
      expect(await everything(h)).toEqual(before);
    });

    it('verifier B confirms: a violation with proposedBy and confirmedBy, each step audited under its person', async () => {
      const res = await call.change(
        incident,
        { kind: 'confirm-violation', agreement: slug, reason: 'B agrees.' },
        people.b.headers,
      );
      expect(res.status).toBe(200);
      expect(res.body.rulings[0]).toMatchObject({
        status: 'violation',
        proposedBy: people.a.id,
        confirmedBy: people.b.id,
      });
      const events = (await auditEvents(h)).filter(
        (e) => e.subjectType === 'finding' && e.subjectId === incident,
      );
      expect(events.map((e) => [e.action, e.actor])).toEqual([
        ['finding.propose-violation', `token:token-${people.a.email}`],
        ['finding.confirm-violation', `token:token-${people.b.email}`],
      ]);
    });

    it('an administrator who reported an incident may not confirm a violation on it', async () => {
      const id = await call.file({}, people.admin.headers);
      await call.change(id, { kind: 'propose-violation', agreement: slug, reason }, people.a.headers);
      const res = await call.change<ErrorReply>(
        id,
        { kind: 'confirm-violation', agreement: slug, reason },
        people.admin.headers,
      );
      expect([res.status, res.body.error.code]).toEqual([409, 'REPORTER_CANNOT_CONFIRM']);
    });

    it('a rejected proposal leaves the ruling pending with no proposal', async () => {
      const id = await call.file();
      await call.change(id, { kind: 'propose-violation', agreement: slug, reason }, people.a.headers);
      const res = await call.change(
        id,
        { kind: 'reject-violation', agreement: slug, reason: 'Not shown.' },
        people.b.headers,
      );
      expect(res.body.rulings[0]).toMatchObject({ status: 'pending', proposal: null });
    });

    it('the review queue: B is asked to confirm what A proposed; neither A nor the reporter is', async () => {
      const id = await call.file({}, asMonitor);
      await call.change(id, { kind: 'propose-violation', agreement: slug, reason }, people.a.headers);
      const untouched = await call.file();
      const confirmations = (q: QueueView, incidentId: string) =>
        q.items.filter((i) => i.incident.id === incidentId && i.kind === 'confirm-violation');
      const forB = (await call.queue(people.b.headers)).body;
      expect(confirmations(forB, id)).toEqual([
        {
          kind: 'confirm-violation',
          incident: { id, title: 'Drone strike on a substation', occurredAt: '2024-06-10T03:00:00+03:00' },
          agreement: { id: agreementId, slug, title: expect.any(String) as string },
          occurrence: null,
        },
      ]);
      const forA = (await call.queue(people.a.headers)).body;
      expect(forA.items.filter((i) => i.incident.id === id).map((i) => i.kind)).toEqual([
        'review-occurrence',
      ]);
      expect(forB.items.filter((i) => i.incident.id === untouched).map((i) => i.kind)).toEqual([
        'rule',
        'review-occurrence',
      ]);
      const reporterQueue = (await call.queue(people.reporter.headers)).body;
      expect(confirmations(reporterQueue, id)).toEqual([]);
      expect(forB.window).toMatchObject({ offset: 0, limit: 200 });
      expect(forB.window.examined).toBe(forB.window.unpublished);
    });
  });

  describe('the review queue', () => {
    it('is 401 for the public and 403 for roles with no part in findings', async () => {
      expect((await call.queue<ErrorReply>()).status).toBe(401);
      for (const [role, party] of [['monitor'], ['analyst'], ['editor'], ['liaison', 'UA']] as const) {
        const { headers } = await actingAs(h, role, party);
        const res = await call.queue<ErrorReply>(headers);
        expect([res.status, res.body.error.code], role).toEqual([403, 'FORBIDDEN']);
      }
    });

    it('examines a bounded window of unpublished incidents, earliest first', async () => {
      const early = await call.file({ occurredAt: '2001-01-01', allegations: [] });
      const res = await call.queue(h.auth, '?limit=1');
      expect(res.body.window).toMatchObject({ offset: 0, limit: 1, examined: 1 });
      expect(res.body.window.unpublished).toBeGreaterThan(1);
      expect(new Set(res.body.items.map((i) => i.incident.id))).toEqual(new Set([early]));
      const bad = await call.queue<ErrorReply>(h.auth, '?limit=5000');
      expect([bad.status, bad.body.error.details.issues?.[0]?.path]).toEqual([400, 'query.limit']);
    });
  });

  describe('visibility and publishing', () => {
    it('an unpublished incident and its finding are 404 to the public and to an uninvolved liaison', async () => {
      const id = await call.file();
      expect((await call.get(`/api/v1/incidents/${id}`)).status).toBe(404);
      expect((await call.finding(id)).status).toBe(404);
      const { headers: us } = await actingAs(h, 'liaison', 'US');
      expect((await call.finding(id, us)).status).toBe(404);
      const { headers: ua } = await actingAs(h, 'liaison', 'UA');
      const seen = await call.finding(id, ua);
      expect([seen.status, seen.body.reportedBy]).toEqual([200, null]);
    });

    it('publishing makes the incident and its finding public, with who acted withheld', async () => {
      const id = await call.file();
      await call.change(id, { kind: 'occurrence', to: 'corroborated', reason: 'Two sources.' });
      const res = await call.change(id, { kind: 'publish', reason: 'Ready.' });
      expect([res.status, res.body.published]).toEqual([200, true]);
      expect(res.body.publishedAt).not.toBeNull();

      const publicly = await call.finding(id);
      expect(publicly.status).toBe(200);
      expect(publicly.body.history.map((e) => [e.change.kind, e.by, e.reason])).toEqual([
        ['occurrence', null, 'Two sources.'],
        ['publish', null, 'Ready.'],
      ]);
      expect(publicly.body.reportedBy).toBeNull();
      expect((await call.finding(id, h.auth)).body.history.every((e) => e.by !== null)).toBe(true);

      const list = await call.get<{ items: { id: string; finding: unknown }[]; total: number }>(
        '/api/v1/incidents?limit=500',
      );
      expect(list.body.items.find((i) => i.id === id)?.finding).toMatchObject({
        published: true,
        occurrence: 'corroborated',
      });
      expect(list.body.total).toBe(list.body.items.length);
      const actions = (await auditEvents(h)).filter((e) => e.subjectId === id).map((e) => e.action);
      expect(actions).toEqual([
        'incident.create',
        'finding.occurrence',
        'finding.publish',
        'incident.publish',
      ]);
    });

    it('a published incident shows its finding in brief in the public list', async () => {
      const list = await call.get<{ items: { id: string; finding: unknown }[] }>('/api/v1/incidents');
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(item.finding).toMatchObject({ published: true });
    });
  });

  it('audit verify names a findings row edited behind the API', async () => {
    const id = await call.file();
    await call.change(id, { kind: 'grade', to: 'fair', reason });
    expect((await verifyAudit(h.services)).problems).toEqual([]);
    await sql`update findings set grade = ${'confirmed'} where incident_id = ${id}`.execute(
      h.services.db.kysely,
    );
    const report = await verifyAudit(h.services);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'record', subjectType: 'finding', subjectId: id, state: 'altered' }),
    ]);
  });
});
