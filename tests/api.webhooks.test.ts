// Webhooks through the HTTP API on every engine, delivered to a receiver on loopback: administrators only, the
// secret shown once, outbox rows written in the transaction of the change (none for a refused or rolled-back one),
// every event received exactly as signed, retries after a failure, giving up, the delivery log, and no sealed data
// in any payload.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RetrySchedule, verifySignature } from '../src/core/webhooks.js';
import { recordAudit } from '../src/services/audit.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { inTransaction } from '../src/services/context.js';
import { deliverDue, type DeliveryOptions, startWebhookWorker } from '../src/services/webhook-delivery.js';
import { actingAs, TEST_SYSTEM } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, incidentInput, unique } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import { auditEvents, type ErrorReply, request } from './support/requests.js';
import { type Receiver, startReceiver } from './support/webhook-receiver.js';

interface WebhookBody {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  secret?: string;
  deliveries: { pending: number; delivered: number; failed: number };
}

interface DeliveryBody {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  payload: { id: string; type: string; subject: { type: string; id: string; url: string }; data: unknown };
  attemptLog: {
    attempt: number;
    status: number | null;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

const ALL = ['incident.published', 'finding.ruled', 'agreement.changed', 'bulletin.published'];
/** Retries at once, three attempts in all, so a test runs the whole schedule in a few rounds. */
const FAST: RetrySchedule = { firstDelayMs: 0, factor: 1, maxDelayMs: 0, maxAttempts: 3, jitter: 0 };
const OPTIONS: DeliveryOptions = { timeoutMs: 2_000, schedule: FAST, batchSize: 50, random: () => 0.5 };

async function count(h: Harness, table: 'webhooks' | 'webhook_deliveries' | 'webhook_attempts') {
  const row = await h.services.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows and audit events: equal before and after = nothing written. */
async function stored(h: Harness) {
  return {
    webhooks: await count(h, 'webhooks'),
    deliveries: await count(h, 'webhook_deliveries'),
    audit: (await auditEvents(h)).length,
  };
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs delivery rounds until one attempts nothing. */
async function deliverAll(h: Harness, options: DeliveryOptions = OPTIONS): Promise<void> {
  for (let round = 0; round < 20; round++)
    if ((await deliverDue(h.services, options)).attempted === 0) return;
  throw new Error('deliveries did not settle');
}

describeEachEngine('webhooks API', (engine) => {
  const h = useApp(engine, { demo: true });
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  /** Registers a webhook to a fresh path of the receiver; returns it with its path and secret. */
  async function register(events: string[] = ALL, path = `/${unique('hook')}`) {
    const res = await request<WebhookBody>(h, 'POST', '/api/v1/webhooks', {
      url: receiver.url(path),
      events,
    });
    expect(res.status).toBe(201);
    return { ...res.body, path, secret: res.body.secret ?? '' };
  }

  async function deliveries(id: string, query = '') {
    const res = await request<{ items: DeliveryBody[]; total: number }>(
      h,
      'GET',
      `/api/v1/webhooks/${id}/deliveries${query}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  async function remove(id: string) {
    const res = await h.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: h.auth });
    expect(res.statusCode).toBe(204);
  }

  describe('managing webhooks', () => {
    it('is for administrators only: 401 for the public, 403 for an editor; nothing written', async () => {
      const before = await stored(h);
      const body = { url: receiver.url('/x'), events: ALL };
      const { headers: editor } = await actingAs(h, 'editor');
      const after = await stored(h);
      expect((await request<ErrorReply>(h, 'POST', '/api/v1/webhooks', body, null)).status).toBe(401);
      const refused = await request<ErrorReply>(h, 'POST', '/api/v1/webhooks', body, editor);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(refused.body.error.message).toBe('Your role (editor) may not register or manage webhooks.');
      expect((await request(h, 'GET', '/api/v1/webhooks', undefined, null)).status).toBe(401);
      expect((await request(h, 'GET', '/api/v1/webhooks', undefined, editor)).status).toBe(403);
      expect(await stored(h)).toEqual(after);
      // Adding the editor and their token wrote only those.
      expect(after.webhooks).toBe(before.webhooks);
    });

    it('shows the secret once, in the answer to the POST, and never again', async () => {
      const hook = await register(['agreement.changed']);
      expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(hook).toMatchObject({ events: ['agreement.changed'], active: true });
      const one = await h.app.inject({ method: 'GET', url: `/api/v1/webhooks/${hook.id}`, headers: h.auth });
      const list = await h.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: h.auth });
      for (const res of [one, list]) {
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain(hook.secret);
        expect(res.body).not.toContain('"secret"');
      }
      const events = (await auditEvents(h)).filter((e) => e.subjectId === hook.id);
      expect(events.map((e) => e.action)).toEqual(['webhook.create']);
      await remove(hook.id);
    });

    it.each([
      [{ url: 'ftp://files.example/hook', events: ALL }, 'url', 'must be an http:// or https:// URL'],
      [{ url: 'not a url', events: ALL }, 'url', 'is not an absolute URL'],
      [{ url: 'https://u:p@alerts.example/', events: ALL }, 'url', 'must not carry a user name or password'],
      [{ url: 'https://alerts.example/', events: [] }, 'events', ''],
      [{ url: 'https://alerts.example/', events: ['incident.deleted'] }, 'events.0', ''],
      [
        { url: 'https://alerts.example/', events: ALL, secret: 'mine' },
        'secret',
        'Unrecognized key: "secret"',
      ],
    ])('refuses %j with 400 naming %s, writing nothing', async (body, path, message) => {
      const before = await stored(h);
      const res = await request<ErrorReply>(h, 'POST', '/api/v1/webhooks', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const issue = res.body.error.details.issues?.[0];
      expect(issue?.path).toBe(path);
      if (message) expect(issue?.message).toBe(message);
      expect(await stored(h)).toEqual(before);
    });

    it('disables, enables and changes a webhook, each audited; a disabled one gets no new deliveries', async () => {
      const hook = await register(['agreement.changed']);
      const off = await request<WebhookBody>(h, 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
      expect([off.status, off.body.active]).toEqual([200, false]);
      await request(h, 'POST', '/api/v1/agreements', agreementInput());
      expect((await deliveries(hook.id)).total).toBe(0);
      const on = await request<WebhookBody>(h, 'PATCH', `/api/v1/webhooks/${hook.id}`, {
        active: true,
        events: ['bulletin.published', 'agreement.changed'],
      });
      expect(on.body).toMatchObject({ active: true, events: ['agreement.changed', 'bulletin.published'] });
      const actions = (await auditEvents(h)).filter((e) => e.subjectId === hook.id).map((e) => e.action);
      expect(actions).toEqual(['webhook.create', 'webhook.disable', 'webhook.update']);
      await remove(hook.id);
    });

    it('deletes a webhook with its deliveries; then 404; the audit log still verifies', async () => {
      const hook = await register(['agreement.changed']);
      await request(h, 'POST', '/api/v1/agreements', agreementInput());
      expect((await deliveries(hook.id)).total).toBe(1);
      await remove(hook.id);
      const gone = await request<ErrorReply>(h, 'GET', `/api/v1/webhooks/${hook.id}`);
      expect([gone.status, gone.body.error.code]).toEqual([404, 'WEBHOOK_NOT_FOUND']);
      const none = await request<ErrorReply>(h, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
      expect(none.status).toBe(404);
      const verification = await verifyAudit(h.services);
      expect(verification.problems).toEqual([]);
      expect(verification.unchecked).not.toContain('webhook');
    });
  });

  describe('the outbox', () => {
    it('queues one delivery per subscribed webhook in the transaction of the change, none for others', async () => {
      const a = await register(['agreement.changed']);
      const b = await register(['agreement.changed', 'bulletin.published']);
      const c = await register(['bulletin.published']);
      const created = await request<{ id: string }>(h, 'POST', '/api/v1/agreements', agreementInput());
      expect(created.status).toBe(201);
      const [da, db, dc] = [await deliveries(a.id), await deliveries(b.id), await deliveries(c.id)];
      expect([da.total, db.total, dc.total]).toEqual([1, 1, 0]);
      // One event, two deliveries: the same event id and body, each its own delivery id.
      expect(da.items[0]?.payload).toEqual(db.items[0]?.payload);
      expect(da.items[0]?.id).not.toBe(db.items[0]?.id);
      expect(da.items[0]?.payload).toMatchObject({
        type: 'agreement.changed',
        subject: { type: 'agreement', id: created.body.id },
        data: { change: 'agreement.create' },
      });
      for (const hook of [a, b, c]) await remove(hook.id);
    });

    it('writes none for a refused change, and none when the transaction rolls back after the audit event', async () => {
      const hook = await register(ALL);
      const taken = agreementInput();
      await request(h, 'POST', '/api/v1/agreements', taken);
      const before = await stored(h);
      const refused = await request<ErrorReply>(h, 'POST', '/api/v1/agreements', {
        ...taken,
        title: 'Again',
      });
      expect(refused.status).toBe(409);
      expect(await stored(h)).toEqual(before);
      // An audited change whose transaction fails afterwards leaves neither the event nor its deliveries.
      const { id } = (await request<{ id: string }>(h, 'GET', `/api/v1/agreements/${taken.slug}`)).body;
      const rolledBack = inTransaction(h.services, async (trx) => {
        await recordAudit(h.services, trx, {
          actor: TEST_SYSTEM,
          action: 'agreement.update',
          subjectType: 'agreement',
          subjectId: id,
        });
        const queued = await trx.selectFrom('webhook_deliveries').select('id').execute();
        expect(queued.length).toBe(before.deliveries + 1);
        throw new Error('the change failed after its audit event');
      });
      await expect(rolledBack).rejects.toThrow('the change failed');
      expect(await stored(h)).toEqual(before);
      await remove(hook.id);
    });
  });

  describe('delivery', () => {
    it('delivers every event type exactly as signed, with its event and delivery headers', async () => {
      const hook = await register(ALL);
      const agreement = await request<{ id: string; slug: string }>(
        h,
        'POST',
        '/api/v1/agreements',
        agreementInput(),
      );
      const incident = await request<{ id: string }>(h, 'POST', '/api/v1/incidents', incidentInput());
      const change = (body: object) =>
        request(h, 'POST', `/api/v1/incidents/${incident.body.id}/finding/changes`, body);
      const reason = 'Checked.';
      expect(
        (await change({ kind: 'rule', agreement: agreement.body.slug, to: 'not-a-violation', reason }))
          .status,
      ).toBe(200);
      expect((await change({ kind: 'occurrence', to: 'corroborated', reason })).status).toBe(200);
      expect((await change({ kind: 'publish', reason })).status).toBe(200);
      const slug = unique('daily-webhook');
      const draft = await request(h, 'POST', '/api/v1/bulletins/drafts', { date: '2024-06-10', slug });
      expect(draft.status).toBe(201);
      expect((await request(h, 'POST', `/api/v1/bulletins/${slug}/publish`, { version: 1 })).status).toBe(
        200,
      );

      await deliverAll(h);
      const got = receiver.at(hook.path);
      expect(got.map((r) => r.event)).toEqual([
        'agreement.changed',
        'finding.ruled',
        'incident.published',
        'bulletin.published',
      ]);
      const rows = await h.services.db.kysely
        .selectFrom('webhook_deliveries')
        .select(['id', 'payload', 'state'])
        .where('webhook_id', '=', hook.id)
        .execute();
      for (const r of got) {
        const row = rows.find((d) => d.id === r.delivery);
        expect(row?.state).toBe('delivered');
        expect(r.body).toBe(row?.payload);
        expect(r.contentType).toBe('application/json');
        expect(
          verifySignature({ header: r.signature, body: r.body, secret: hook.secret, now: new Date() }).ok,
        ).toBe(true);
        expect(JSON.parse(r.body)).toMatchObject({ type: r.event });
      }
      const published = JSON.parse(got[2]?.body ?? '{}') as { data: { incident: { id: string } } };
      expect(published.data.incident.id).toBe(incident.body.id);
      const bulletin = JSON.parse(got[3]?.body ?? '{}') as { subject: { url: string } };
      expect(bulletin.subject.url).toBe(`/api/v1/bulletins/${slug}`);
      await remove(hook.id);
    });

    it('retries after a 500, then succeeds: same delivery id and body, both attempts logged', async () => {
      const hook = await register(['agreement.changed']);
      receiver.answer(hook.path, (n) =>
        n === 0 ? { status: 500, body: 'database is down' } : { status: 204 },
      );
      const ping = await request<DeliveryBody>(h, 'POST', `/api/v1/webhooks/${hook.id}/ping`);
      expect([ping.status, ping.body.eventType, ping.body.state]).toEqual([202, 'ping', 'pending']);
      expect((await deliverDue(h.services, OPTIONS)).retrying).toBe(1);
      expect((await deliverDue(h.services, OPTIONS)).delivered).toBe(1);
      const got = receiver.at(hook.path);
      expect(got.map((r) => r.delivery)).toEqual([ping.body.id, ping.body.id]);
      expect(got[0]?.body).toBe(got[1]?.body);
      const [delivery] = (await deliveries(hook.id)).items;
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 2 });
      expect(delivery?.attemptLog.map((a) => [a.attempt, a.status, a.responseExcerpt])).toEqual([
        [1, 500, 'database is down'],
        [2, 204, null],
      ]);
      await remove(hook.id);
    });

    it('gives up after the last attempt of the schedule; a manual retry sends it again', async () => {
      const hook = await register(['agreement.changed']);
      receiver.answer(hook.path, () => ({ status: 503, body: 'x'.repeat(5000) }));
      const ping = await request<DeliveryBody>(h, 'POST', `/api/v1/webhooks/${hook.id}/ping`);
      await deliverAll(h);
      expect(receiver.at(hook.path).length).toBe(FAST.maxAttempts);
      const failed = await deliveries(hook.id, '?state=failed');
      expect(failed.items[0]).toMatchObject({ id: ping.body.id, state: 'failed', attempts: 3 });
      expect(failed.items[0]?.attemptLog.map((a) => a.responseExcerpt?.length)).toEqual([2048, 2048, 2048]);
      const list = await request<{ items: WebhookBody[] }>(h, 'GET', '/api/v1/webhooks');
      expect(list.body.items.find((w) => w.id === hook.id)?.deliveries).toMatchObject({
        failed: 1,
        pending: 0,
      });

      receiver.answer(hook.path, () => ({ status: 200 }));
      const retry = await request<DeliveryBody>(
        h,
        'POST',
        `/api/v1/webhooks/${hook.id}/deliveries/${ping.body.id}/retry`,
      );
      expect([retry.status, retry.body.state, retry.body.attempts]).toEqual([202, 'pending', 0]);
      await deliverAll(h);
      const [after] = (await deliveries(hook.id)).items;
      expect(after).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(after?.attemptLog.length).toBe(4);
      expect(receiver.at(hook.path).map((r) => r.delivery)).toEqual(Array(4).fill(ping.body.id));
      const missing = await request<ErrorReply>(
        h,
        'POST',
        `/api/v1/webhooks/${hook.id}/deliveries/nope/retry`,
      );
      expect([missing.status, missing.body.error.code]).toEqual([404, 'WEBHOOK_DELIVERY_NOT_FOUND']);
      await remove(hook.id);
    });

    it('logs a timeout and a refused connection as errors, and tries again', async () => {
      const slow = await register(['agreement.changed']);
      receiver.answer(slow.path, () => 'hold');
      const closed = await request<WebhookBody>(h, 'POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${await closedPort()}/nothing-listens-here`,
        events: ['agreement.changed'],
      });
      await request(h, 'POST', `/api/v1/webhooks/${slow.id}/ping`);
      await request(h, 'POST', `/api/v1/webhooks/${closed.body.id}/ping`);
      await deliverDue(h.services, { ...OPTIONS, timeoutMs: 300 });
      const [timedOut] = (await deliveries(slow.id)).items;
      expect(timedOut?.attemptLog[0]).toMatchObject({ status: null, error: 'no answer within 300 ms' });
      expect(timedOut?.state).toBe('pending');
      const [refused] = (await deliveries(closed.body.id)).items;
      expect(refused?.attemptLog[0]?.error).toMatch(/ECONNREFUSED/);
      await remove(slow.id);
      await remove(closed.body.id);
    });
  });

  it('claims each due delivery once, however many workers poll at the same time', async () => {
    const hook = await register(['agreement.changed']);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await request<DeliveryBody>(h, 'POST', `/api/v1/webhooks/${hook.id}/ping`)).body.id);
    const small = { ...OPTIONS, batchSize: 4 };
    const rounds = await Promise.all([1, 2, 3].map(() => deliverDue(h.services, small)));
    expect(rounds.reduce((n, r) => n + r.delivered, 0)).toBe(12);
    await deliverAll(h);
    expect(
      receiver
        .at(hook.path)
        .map((r) => r.delivery)
        .sort(),
    ).toEqual(ids.sort());
    await remove(hook.id);
  });

  it('runs as a worker that polls; stopping it aborts an attempt in flight and leaves it due at once', async () => {
    const hook = await register(['agreement.changed']);
    receiver.answer(hook.path, () => 'hold');
    const errors: unknown[] = [];
    const worker = startWebhookWorker(h.services, {
      ...OPTIONS,
      timeoutMs: 60_000,
      pollMs: 20,
      onError: (e) => errors.push(e),
    });
    const ping = await request<DeliveryBody>(h, 'POST', `/api/v1/webhooks/${hook.id}/ping`);
    await receiver.waitFor(hook.path, 1);
    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errors).toEqual([]);
    const [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({ id: ping.body.id, state: 'pending', attempts: 1 });
    expect(delivery?.attemptLog[0]?.error).toBe('the server stopped during the attempt');
    expect(Date.parse(delivery?.nextAttemptAt ?? '')).toBeLessThanOrEqual(Date.now());
    await remove(hook.id);
  });

  describe('what payloads carry', () => {
    it('sends published incidents as their public copy and unpublished ones by id only', async () => {
      const hook = await register(['incident.published', 'finding.ruled']);
      const { headers: monitor, email } = await actingAs(h, 'monitor');
      const agreement = await request<{ slug: string }>(h, 'POST', '/api/v1/agreements', agreementInput());
      const exact = { lon: 36.23456, lat: 49.98765 };
      const file = async (title: string, disclosure: object) => {
        const res = await request<{ id: string; reportedBy: string }>(
          h,
          'POST',
          '/api/v1/incidents',
          incidentInput({
            title,
            location: exact,
            locationName: 'Sealed Hamlet',
            admin3: 'Sealed Hromada',
            disclosure,
          }),
          monitor,
        );
        expect(res.status).toBe(201);
        return res.body;
      };
      const rule = (id: string) =>
        request(h, 'POST', `/api/v1/incidents/${id}/finding/changes`, {
          kind: 'rule',
          agreement: agreement.body.slug,
          to: 'not-a-violation',
          reason: 'Outside the terms.',
        });
      const blurred = await file('Blurred strike', { reporter: 'withheld', location: 'blurred' });
      const withheld = await file('Withheld strike', { reporter: 'withheld', location: 'withheld' });
      const unpublished = await file('Sealed unpublished strike', { reporter: 'shown', location: 'exact' });
      for (const incident of [blurred, withheld]) {
        expect((await rule(incident.id)).status).toBe(200);
        for (const body of [
          { kind: 'occurrence', to: 'corroborated', reason: 'Two sources.' },
          { kind: 'publish', reason: 'Ready.' },
        ])
          expect(
            (await request(h, 'POST', `/api/v1/incidents/${incident.id}/finding/changes`, body)).status,
          ).toBe(200);
      }
      expect((await rule(unpublished.id)).status).toBe(200);
      await deliverAll(h);

      const bodies = receiver.at(hook.path).map((r) => r.body);
      expect(bodies.length).toBe(5);
      const all = bodies.join('\n');
      for (const secret of [
        '36.23456',
        '49.98765',
        'Sealed Hamlet',
        'Sealed Hromada',
        blurred.reportedBy,
        email,
      ])
        expect(all).not.toContain(secret);
      expect(all).not.toContain('Sealed unpublished strike');
      const payloads = bodies.map((b) => JSON.parse(b) as { type: string; data: Record<string, unknown> });
      const incidents = payloads
        .filter((p) => p.type === 'incident.published')
        .map((p) => p.data['incident'] as { title: string; location: unknown; reportedBy: unknown });
      expect(incidents).toEqual([
        expect.objectContaining({
          title: 'Blurred strike',
          location: { lon: 36.25, lat: 49.95 },
          reportedBy: null,
        }),
        expect.objectContaining({ title: 'Withheld strike', location: null, reportedBy: null }),
      ]);
      const sealedRuling = payloads.find(
        (p) => p.type === 'finding.ruled' && p.data['incidentId'] === unpublished.id,
      );
      expect(Object.keys(sealedRuling?.data ?? {}).sort()).toEqual([
        'agreementId',
        'incidentId',
        'published',
      ]);
      await remove(hook.id);
    });
  });
});
