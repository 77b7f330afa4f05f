// Allegations and the right of reply through the HTTP API on every engine, with real users: a liaison files for
// their own party only, the accused party's liaison answers, neither side can touch the other's record, versions
// supersede without erasing, visibility follows the incident, and a tampered reply is caught by the audit.

import { beforeAll, describe, expect, it } from 'vitest';
import { isSecondSuccessor } from '../src/db/allegations.js';
import { findIncident, markIncidentPublished } from '../src/db/incidents.js';
import { auditedIncident, recordAudit } from '../src/services/audit.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { inTransaction } from '../src/services/context.js';
import { actingAs, TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { allegationInput, incidentInput } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import {
  auditEvents,
  type ErrorReply,
  type IncidentDetail,
  type Method,
  request,
} from './support/requests.js';

interface AllegationView {
  id: string;
  incidentId: string;
  accuser: string;
  accused: string;
  summary: string;
  source: string | null;
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
  filedBy: string | null;
}

interface ReplyView {
  id: string;
  allegationId: string;
  party: string;
  kind: string;
  text: string;
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
}

interface Thread {
  incidentId: string;
  allegation: AllegationView;
  reply: ReplyView | null;
  awaitingReply: boolean;
  versions: AllegationView[];
  replies: ReplyView[];
}

interface ThreadPage {
  items: Thread[];
  total: number;
}

type Headers = Record<string, string>;

const KREMLIN = 'kremlin-readout-2025-03-18';

function replyInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'denial',
    text: 'No strike took place; the damage was caused by an air-defence interceptor.',
    madeAt: '2024-06-11T09:00:00+03:00',
    ...overrides,
  };
}

describeEachEngine('allegations API', (engine) => {
  const h: Harness = useApp(engine, { demo: true });
  let ua: Headers = {};
  let ru: Headers = {};
  let monitor: Headers = {};

  beforeAll(async () => {
    ua = (await actingAs(h, 'liaison', 'UA')).headers;
    ru = (await actingAs(h, 'liaison', 'RU')).headers;
    monitor = (await actingAs(h, 'monitor')).headers;
  });

  /** A request as someone (`null`: the public); the admin token when `as` is left out. */
  function call<T = unknown>(method: Method, url: string, payload?: unknown, as: Headers | null = h.auth) {
    return request<T>(h, method, `/api/v1${url}`, payload, as);
  }

  /** Publishes an incident, audited as the publishing use case does, so that the audit log still verifies. */
  async function publish(id: string) {
    await inTransaction(h.services, async (trx) => {
      await markIncidentPublished(trx, id, new Date().toISOString());
      await recordAudit(h.services, trx, {
        actor: TEST_SYSTEM,
        action: 'incident.publish',
        subjectType: 'incident',
        subjectId: id,
        after: auditedIncident(await findIncident(trx, id)),
      });
    });
  }

  /** An incident filed by the mission (admin), optionally with allegations, and optionally published. */
  async function incident(allegations: ReturnType<typeof allegationInput>[] = [], published = false) {
    const res = await call<IncidentDetail>('POST', '/incidents', incidentInput({ allegations }));
    expect(res.status).toBe(201);
    if (published) await publish(res.body.id);
    return res.body;
  }

  /** An incident on which UA accuses RU, seen by both liaisons; returns it and UA's allegation. */
  async function uaAccusesRu() {
    const filed = await incident([allegationInput()]);
    const allegation = filed.allegations[0];
    if (!allegation) throw new Error('no allegation');
    return { incidentId: filed.id, allegationId: allegation.id };
  }

  /** Rows of both tables and audit events: equal before and after means nothing was written. */
  async function stored() {
    const db = h.services.db.kysely;
    const count = async (table: 'allegations' | 'allegation_replies') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      allegations: await count('allegations'),
      replies: await count('allegation_replies'),
      auditEvents: (await auditEvents(h)).length,
    };
  }

  const lastEvent = async () => (await auditEvents(h)).at(-1);

  describe('filing', () => {
    it('a liaison files an allegation for their own party, audited as allegation.file', async () => {
      const mission = await incident([], true);
      const res = await call<AllegationView>(
        'POST',
        `/incidents/${mission.id}/allegations`,
        allegationInput({ source: KREMLIN }),
        ua,
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ incidentId: mission.id, accuser: 'UA', accused: 'RU', version: 1 });
      expect(res.body).toMatchObject({ supersedes: null, source: KREMLIN, filedBy: null });
      expect(await lastEvent()).toMatchObject({
        action: 'allegation.file',
        subjectType: 'allegation',
        subjectId: res.body.id,
      });
      const shown = await call<IncidentDetail>('GET', `/incidents/${mission.id}`, undefined, null);
      expect(shown.body.allegations.map((a) => a.id)).toEqual([res.body.id]);
    });

    it('a monitor files for any party', async () => {
      const mission = await incident();
      const res = await call<AllegationView>(
        'POST',
        `/incidents/${mission.id}/allegations`,
        allegationInput({ accuser: 'RU', accused: 'UA' }),
        monitor,
      );
      expect(res.status).toBe(201);
      expect(res.body.filedBy).not.toBeNull();
    });

    it('refuses a liaison filing as another party (403) and the public (401); nothing written', async () => {
      const { incidentId } = await uaAccusesRu();
      const before = await stored();
      const asRu = await call<ErrorReply>(
        'POST',
        `/incidents/${incidentId}/allegations`,
        allegationInput({ accuser: 'RU', accused: 'UA' }),
        ua,
      );
      expect(asRu.status).toBe(403);
      expect(asRu.body.error.code).toBe('FORBIDDEN');
      const anonymous = await call('POST', `/incidents/${incidentId}/allegations`, allegationInput(), null);
      expect(anonymous.status).toBe(401);
      expect(await stored()).toEqual(before);
    });

    it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
      const { incidentId, allegationId } = await uaAccusesRu();
      const before = await stored();
      const cases: [string, unknown, number, string, string][] = [
        [
          `/incidents/${incidentId}/allegations`,
          allegationInput({ accused: 'XX' }),
          422,
          'PARTY_UNKNOWN',
          'accused',
        ],
        [
          `/incidents/${incidentId}/allegations`,
          allegationInput({ source: 'no-such' }),
          422,
          'REFERENCE_UNKNOWN',
          'source',
        ],
        [
          `/incidents/${incidentId}/allegations`,
          allegationInput({ accused: 'UA' }),
          422,
          'SELF_ACCUSATION',
          'accused',
        ],
        [
          `/incidents/${incidentId}/allegations`,
          allegationInput({ summary: '  ' }),
          400,
          'VALIDATION_FAILED',
          'summary',
        ],
        [`/allegations/${allegationId}/replies`, replyInput({ text: '' }), 400, 'VALIDATION_FAILED', 'text'],
        [
          `/allegations/${allegationId}/replies`,
          replyInput({ kind: 'apology' }),
          400,
          'VALIDATION_FAILED',
          'kind',
        ],
        [
          `/allegations/${allegationId}/replies`,
          replyInput({ source: 'no-such' }),
          422,
          'REFERENCE_UNKNOWN',
          'source',
        ],
        [
          `/allegations/${allegationId}/versions`,
          { madeAt: 'yesterday', summary: 'x' },
          400,
          'VALIDATION_FAILED',
          'madeAt',
        ],
      ];
      for (const [url, payload, status, code, path] of cases) {
        const res = await call<ErrorReply>('POST', url, payload);
        expect({ url, status: res.status, code: res.body.error.code }).toEqual({ url, status, code });
        expect(res.body.error.details.issues?.map((i) => i.path)).toContain(path);
      }
      const unknown: [string, unknown, string][] = [
        ['/allegations/nope/replies', replyInput(), 'ALLEGATION_NOT_FOUND'],
        ['/allegations/nope/versions', { madeAt: '2024-06-12', summary: 'x' }, 'ALLEGATION_NOT_FOUND'],
        ['/replies/nope/versions', replyInput(), 'REPLY_NOT_FOUND'],
        ['/incidents/nope/allegations', allegationInput(), 'INCIDENT_NOT_FOUND'],
      ];
      for (const [url, payload, code] of unknown) {
        const res = await call<ErrorReply>('POST', url, payload);
        expect({ url, status: res.status, code: res.body.error.code }).toEqual({ url, status: 404, code });
      }
      expect(await stored()).toEqual(before);
    });
  });

  describe('the right of reply', () => {
    it("the accused party's liaison replies; it is shown beside the allegation", async () => {
      const { incidentId, allegationId } = await uaAccusesRu();
      const res = await call<ReplyView>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ allegationId, party: 'RU', kind: 'denial', version: 1 });
      expect(await lastEvent()).toMatchObject({
        action: 'allegation.reply',
        subjectType: 'allegation-reply',
        subjectId: res.body.id,
      });
      const side = await call<{ items: Thread[] }>(
        'GET',
        `/incidents/${incidentId}/allegations`,
        undefined,
        ua,
      );
      expect(side.body.items).toHaveLength(1);
      expect(side.body.items[0]).toMatchObject({
        allegation: { id: allegationId, accuser: 'UA' },
        reply: { id: res.body.id, party: 'RU' },
        awaitingReply: false,
      });
      const detail = await call<{ allegations: { id: string; reply: ReplyView | null }[] }>(
        'GET',
        `/incidents/${incidentId}`,
      );
      expect(detail.body.allegations[0]?.reply?.id).toBe(res.body.id);
    });

    it("refuses the accuser's liaison and a monitor (403), and a second reply (409); nothing written", async () => {
      const { allegationId } = await uaAccusesRu();
      const before = await stored();
      const byAccuser = await call<ErrorReply>(
        'POST',
        `/allegations/${allegationId}/replies`,
        replyInput(),
        ua,
      );
      const byMonitor = await call<ErrorReply>(
        'POST',
        `/allegations/${allegationId}/replies`,
        replyInput(),
        monitor,
      );
      expect([byAccuser.status, byMonitor.status]).toEqual([403, 403]);
      expect(await stored()).toEqual(before);
      expect((await call('POST', `/allegations/${allegationId}/replies`, replyInput(), ru)).status).toBe(201);
      const again = await call<ErrorReply>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('REPLY_EXISTS');
    });
  });

  describe('versions', () => {
    it('superseding keeps the old version; the incident shows the new one, awaiting a new reply', async () => {
      const { incidentId, allegationId } = await uaAccusesRu();
      const replied = await call<ReplyView>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      const next = await call<AllegationView>(
        'POST',
        `/allegations/${allegationId}/versions`,
        { madeAt: '2024-06-12T10:00:00+03:00', summary: 'Ukraine now says two substations were hit.' },
        ua,
      );
      expect(next.status).toBe(201);
      expect(next.body).toMatchObject({ accuser: 'UA', accused: 'RU', version: 2, supersedes: allegationId });
      expect(await lastEvent()).toMatchObject({ action: 'allegation.supersede', subjectId: next.body.id });

      const detail = await call<IncidentDetail>('GET', `/incidents/${incidentId}`);
      expect(detail.body.allegations.map((a) => a.summary)).toEqual([
        'Ukraine now says two substations were hit.',
      ]);
      const old = await call<Thread>('GET', `/allegations/${allegationId}`, undefined, ru);
      expect(old.status).toBe(200);
      expect(old.body.allegation.id).toBe(next.body.id);
      expect(old.body.versions.map((v) => [v.id, v.supersededBy])).toEqual([
        [allegationId, next.body.id],
        [next.body.id, null],
      ]);
      // RU's reply stays beside it, answering the version it was made to, and the new version awaits an answer.
      expect(old.body).toMatchObject({ reply: { id: replied.body.id, allegationId }, awaitingReply: true });

      const revised = await call<ReplyView>(
        'POST',
        `/replies/${replied.body.id}/versions`,
        replyInput({ kind: 'counter-claim', text: 'Ukraine shelled the substation itself.' }),
        ru,
      );
      expect(revised.status).toBe(201);
      expect(revised.body).toMatchObject({
        allegationId: next.body.id,
        version: 2,
        supersedes: replied.body.id,
      });
      expect(await lastEvent()).toMatchObject({
        action: 'allegation-reply.supersede',
        subjectType: 'allegation-reply',
      });
      const now = await call<Thread>('GET', `/allegations/${next.body.id}`, undefined, null);
      expect(now.status).toBe(404); // unpublished: the public sees nothing
      const staff = await call<Thread>('GET', `/allegations/${next.body.id}`);
      expect(staff.body).toMatchObject({
        reply: { id: revised.body.id, kind: 'counter-claim' },
        awaitingReply: false,
      });
      expect(staff.body.replies.map((r) => r.supersededBy)).toEqual([revised.body.id, null]);
    });

    it('refuses superseding or replying to a superseded version: 409 VERSION_SUPERSEDED, nothing written', async () => {
      const { allegationId } = await uaAccusesRu();
      const body = { madeAt: '2024-06-12T10:00:00+03:00', summary: 'A correction.' };
      const next = await call<AllegationView>('POST', `/allegations/${allegationId}/versions`, body, ua);
      const before = await stored();
      const again = await call<ErrorReply>('POST', `/allegations/${allegationId}/versions`, body, ua);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'VERSION_SUPERSEDED',
        details: { current: next.body.id },
      });
      const reply = await call<ErrorReply>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('VERSION_SUPERSEDED');
      expect(await stored()).toEqual(before);
    });

    it('lets one of two simultaneous supersessions win; the other is VERSION_SUPERSEDED', async () => {
      const { allegationId } = await uaAccusesRu();
      const body = (summary: string) => ({ madeAt: '2024-06-12T10:00:00+03:00', summary });
      const results = await Promise.all([
        call<ErrorReply>('POST', `/allegations/${allegationId}/versions`, body('first'), ua),
        call<ErrorReply>('POST', `/allegations/${allegationId}/versions`, body('second'), ua),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)?.body.error.code).toBe('VERSION_SUPERSEDED');
    });

    it('has a unique index on supersedes that this engine reports as a second successor', async () => {
      const { allegationId } = await uaAccusesRu();
      await call(
        'POST',
        `/allegations/${allegationId}/versions`,
        { madeAt: '2024-06-12', summary: 'v2' },
        ua,
      );
      const row = await h.services.db.kysely
        .selectFrom('allegations')
        .selectAll()
        .where('id', '=', allegationId)
        .executeTakeFirstOrThrow();
      const error = await h.services.db.kysely
        .insertInto('allegations')
        .values({ ...row, id: 'second-successor', version: 2, supersedes: allegationId })
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isSecondSuccessor(error)).toBe(true);
    });

    it("refuses a liaison superseding another party's allegation or reply (403); nothing written", async () => {
      const { allegationId } = await uaAccusesRu();
      const replied = await call<ReplyView>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      const before = await stored();
      const body = { madeAt: '2024-06-12T10:00:00+03:00', summary: 'Nothing happened.' };
      const onAllegation = await call<ErrorReply>('POST', `/allegations/${allegationId}/versions`, body, ru);
      const onReply = await call<ErrorReply>(
        'POST',
        `/replies/${replied.body.id}/versions`,
        replyInput(),
        ua,
      );
      expect([onAllegation.status, onReply.status]).toEqual([403, 403]);
      expect(await stored()).toEqual(before);
    });

    it('has no route to edit or delete an allegation or a reply', async () => {
      const { allegationId } = await uaAccusesRu();
      const replied = await call<ReplyView>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
      const before = await stored();
      for (const url of [`/allegations/${allegationId}`, `/replies/${replied.body.id}`]) {
        for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
          const res = await call<ErrorReply>(method, url, method === 'DELETE' ? undefined : { summary: 'x' });
          expect([404, 405]).toContain(res.status);
        }
      }
      expect(await stored()).toEqual(before);
    });
  });

  describe('reading', () => {
    it('hides an unpublished incident not concerning a liaison, its allegations and filing on it: 404', async () => {
      const other = await incident([allegationInput({ accuser: 'US', accused: 'RU' })]);
      const allegationId = other.allegations[0]?.id ?? '';
      const before = await stored();
      const reads = [
        `/incidents/${other.id}`,
        `/incidents/${other.id}/allegations`,
        `/allegations/${allegationId}`,
      ];
      for (const url of reads) {
        expect((await call('GET', url, undefined, ua)).status).toBe(404);
        expect((await call('GET', url, undefined, null)).status).toBe(404);
        expect((await call('GET', url, undefined, ru)).status).toBe(200);
      }
      const filed = await call<ErrorReply>(
        'POST',
        `/incidents/${other.id}/allegations`,
        allegationInput(),
        ua,
      );
      expect(filed.body.error.code).toBe('INCIDENT_NOT_FOUND');
      const listed = await call<ThreadPage>('GET', '/allegations?party=US', undefined, ua);
      expect(listed.body.items.map((t) => t.allegation.id)).not.toContain(allegationId);
      expect(await stored()).toEqual(before);
      await publish(other.id);
      const shown = await call<{ items: Thread[] }>(
        'GET',
        `/incidents/${other.id}/allegations`,
        undefined,
        null,
      );
      expect(shown.status).toBe(200);
      expect(shown.body.items[0]?.allegation).toMatchObject({
        id: allegationId,
        accuser: 'US',
        filedBy: null,
      });
    });

    it('lists what awaits a liaison’s reply, and what their party filed', async () => {
      const waiting = await uaAccusesRu();
      const answered = await uaAccusesRu();
      await call('POST', `/allegations/${answered.allegationId}/replies`, replyInput(), ru);
      const byRu = await incident([allegationInput({ accuser: 'RU', accused: 'UA' })]);
      const ruFiled = byRu.allegations[0]?.id ?? '';

      const queue = await call<ThreadPage>('GET', '/allegations?awaiting=reply&limit=500', undefined, ru);
      expect(queue.status).toBe(200);
      const queued = queue.body.items.map((t) => t.allegation.id);
      expect(queued).toContain(waiting.allegationId);
      expect(queued).not.toContain(answered.allegationId);
      expect(queued).not.toContain(ruFiled);
      expect(queue.body.items.every((t) => t.allegation.accused === 'RU' && t.awaitingReply)).toBe(true);

      const filed = await call<ThreadPage>('GET', '/allegations?side=accuser&limit=500', undefined, ru);
      expect(filed.body.items.map((t) => t.allegation.id)).toContain(ruFiled);
      expect(filed.body.items.every((t) => t.allegation.accuser === 'RU')).toBe(true);

      const all = await call<ThreadPage>('GET', '/allegations?party=RU&limit=500', undefined, monitor);
      const ids = all.body.items.map((t) => t.allegation.id);
      expect(ids).toEqual(expect.arrayContaining([waiting.allegationId, answered.allegationId, ruFiled]));
      expect(all.body.total).toBe(ids.length);
    });

    it('shows the public only allegations on published incidents', async () => {
      const hidden = await uaAccusesRu();
      const shown = await incident([allegationInput()], true);
      const res = await call<ThreadPage>('GET', '/allegations?limit=500', undefined, null);
      const ids = res.body.items.map((t) => t.allegation.id);
      expect(ids).toContain(shown.allegations[0]?.id);
      expect(ids).not.toContain(hidden.allegationId);
      expect(res.body.items.every((t) => t.allegation.filedBy === null)).toBe(true);
    });

    it('refuses a side without a party: 400 naming query.side', async () => {
      const res = await call<ErrorReply>('GET', '/allegations?side=accused', undefined, monitor);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.[0]?.path).toBe('query.side');
    });
  });

  it('names a reply row edited behind the API in verifyAudit', async () => {
    const { allegationId } = await uaAccusesRu();
    const replied = await call<ReplyView>('POST', `/allegations/${allegationId}/replies`, replyInput(), ru);
    expect((await verifyAudit(h.services)).problems).toEqual([]);
    const db = h.services.db.kysely;
    const original = replied.body.text;
    await db
      .updateTable('allegation_replies')
      .set({ text: 'We did it.' })
      .where('id', '=', replied.body.id)
      .execute();
    const report = await verifyAudit(h.services);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'record',
        subjectType: 'allegation-reply',
        subjectId: replied.body.id,
        state: 'altered',
      }),
    ]);
    await db
      .updateTable('allegation_replies')
      .set({ text: original })
      .where('id', '=', replied.body.id)
      .execute();
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });
});
