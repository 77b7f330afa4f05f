// Readers' corrections through the API on every engine: anyone submits (audited as `public`); hostile input —
// markup, huge text, control characters, floods — is neutralised or refused and writes nothing; only editors
// read the queue and contacts, accept or reject with a reply and mark applied; the public log lists what was
// applied; a stored anchor still finds its quote after the page's text is edited.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anchorQuote, describeQuote, type TextQuoteSelector } from '../src/core/corrections.js';
import { buildApp } from '../src/server/app.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { type Harness, useApp } from './support/harness.js';
import { auditEvents, brokenLink, type ErrorReply } from './support/requests.js';

const MORATORIUM = 'energy-moratorium-2025-03';

interface Receipt {
  id: string;
  status: string;
  submittedAt: string;
  target: { source: string; title: string | null; record: unknown; selector: TextQuoteSelector | null };
  suggestion: string;
  comment: string;
  contactGiven: boolean;
}

interface Stored extends Omit<Receipt, 'contactGiven'> {
  contact: string | null;
  submittedBy: string | null;
  review: { decision: string; reply: string; at: string; by: string } | null;
  applied: { note: string; at: string; by: string } | null;
}

interface LogPage {
  items: { id: string; appliedAt: string; note: string; target: Receipt['target'] }[];
  total: number;
}

let client = 0;
/** A client address of its own per request, so that only the flood test meets the rate limit. */
const nextAddress = () => `198.51.100.${(client++ % 250) + 1}`;

function body(overrides: Record<string, unknown> = {}) {
  return {
    target: {
      source: `/agreements/${MORATORIUM}`,
      title: '30-day moratorium on strikes on energy infrastructure',
      record: { type: 'agreement', id: MORATORIUM },
      selector: {
        exact: 'for 30 days',
        prefix: 'energy infrastructure facilities ',
        suffix: ' from 18 March',
      },
    },
    suggestion: 'for 30 days from 18 March 2025',
    comment: 'The Kremlin readout gives the start date.',
    contact: 'reader@example.org',
    ...overrides,
  };
}

// Each helper names the shape its test reads.
/* eslint-disable @typescript-eslint/no-unnecessary-type-parameters */
function corrections(h: Harness) {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options: { payload?: unknown; headers?: Record<string, string>; address?: string } = {},
  ) => {
    const res = await h.app.inject({
      method,
      url,
      remoteAddress: options.address ?? nextAddress(),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.payload === undefined ? {} : { payload: options.payload as object }),
    });
    return { status: res.statusCode, body: res.json<T>(), headers: res.headers };
  };
  return {
    submit: <T = Receipt>(payload: unknown, address?: string) =>
      send<T>('POST', '/api/v1/corrections', { payload, ...(address ? { address } : {}) }),
    queue: <T = { items: Stored[]; total: number }>(query = '', headers = h.auth) =>
      send<T>('GET', `/api/v1/corrections${query}`, { headers }),
    one: <T = Stored>(id: string, headers = h.auth) =>
      send<T>('GET', `/api/v1/corrections/${id}`, { headers }),
    review: <T = Stored>(id: string, payload: unknown, headers = h.auth) =>
      send<T>('POST', `/api/v1/corrections/${id}/review`, { payload, headers }),
    apply: <T = Stored>(id: string, payload: unknown, headers = h.auth) =>
      send<T>('POST', `/api/v1/corrections/${id}/apply`, { payload, headers }),
    log: (query = '') => send<LogPage>('GET', `/api/v1/corrections/log${query}`),
  };
}
/* eslint-enable @typescript-eslint/no-unnecessary-type-parameters */

/** Corrections stored and audit events: equal before and after a refused request means nothing was written. */
async function counts(h: Harness) {
  const row = await h.services.db.kysely
    .selectFrom('corrections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { corrections: row.n, auditEvents: (await auditEvents(h)).length };
}

describeEachEngine('readers’ corrections', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = () => corrections(h);

  describe('submitting', () => {
    it('takes a submission from the public, stores it in the queue and audits it as `public`', async () => {
      const before = await counts(h);
      const res = await api().submit(body());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'submitted',
        suggestion: 'for 30 days from 18 March 2025',
        contactGiven: true,
        target: {
          source: `/agreements/${MORATORIUM}`,
          record: { type: 'agreement', id: MORATORIUM },
          selector: { type: 'TextQuoteSelector', exact: 'for 30 days', suffix: ' from 18 March' },
        },
      });
      expect(res.body).not.toHaveProperty('contact');
      expect(await counts(h)).toEqual({
        corrections: before.corrections + 1,
        auditEvents: before.auditEvents + 1,
      });
      expect((await auditEvents(h)).at(-1)).toMatchObject({
        actor: 'public',
        action: 'correction.submit',
        subjectType: 'correction',
        subjectId: res.body.id,
      });
      expect(await brokenLink(h)).toBeNull();
    });

    it('takes a comment without a selection (the footer link, a touch screen)', async () => {
      const res = await api().submit({
        target: { source: '/incidents?verdict=covered' },
        comment: 'The table misses the 28 March Kherson strike.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        suggestion: '',
        contactGiven: false,
        target: { title: null, record: null, selector: null },
      });
    });

    it('names a signed-in submitter in the audit log', async () => {
      const { email, headers } = await actingAs(h, 'monitor');
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/corrections',
        headers,
        payload: body(),
        remoteAddress: nextAddress(),
      });
      expect(res.statusCode).toBe(201);
      expect((await auditEvents(h)).at(-1)?.actor).toBe(`token:token-${email}`);
    });
  });

  describe('hostile input', () => {
    it('keeps a script tag as inert text: markup stripped, never returned as HTML', async () => {
      const res = await api().submit(
        body({
          suggestion: '<script>alert("x")</script>for <b>thirty</b> days',
          comment:
            '<img src=x onerror="alert(1)">See the Kremlin readout <a href="javascript:alert(1)">here</a>',
          contact: '<i>reader@example.org</i>',
          target: { ...body().target, title: '<title>Moratorium</title>' },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const stored = (await api().one(res.body.id)).body;
      expect(stored).toMatchObject({
        suggestion: 'alert("x")for thirty days',
        comment: 'See the Kremlin readout here',
        contact: 'reader@example.org',
        target: { title: 'Moratorium' },
      });
      expect(JSON.stringify(stored)).not.toMatch(/<\s*\/?\s*(script|img|a|b|i|title)\b/i);
    });

    it('keeps a quote exactly as selected, angle brackets and spaces included, as text', async () => {
      const exact = '  fewer than 10 < 20  ';
      const res = await api().submit(
        body({ target: { ...body().target, selector: { exact, prefix: '', suffix: '' } } }),
      );
      expect(res.status).toBe(201);
      expect(res.body.target.selector?.exact).toBe(exact);
    });

    it.each([
      ['comment', { comment: 'x'.repeat(4001) }, 'at most 4,000 characters'],
      ['suggestion', { suggestion: 'x'.repeat(2001) }, 'at most 2,000 characters'],
      ['contact', { contact: 'x'.repeat(201) }, 'at most 200 characters'],
      [
        'target.selector.exact',
        { target: { ...body().target, selector: { exact: 'x'.repeat(2001), prefix: '', suffix: '' } } },
        'at most 2,000 characters',
      ],
    ])('refuses a huge %s with 400 naming it, writing nothing', async (path, overrides, message) => {
      const before = await counts(h);
      const res = await api().submit<ErrorReply>(body(overrides));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues).toContainEqual({ path, message });
      expect(await counts(h)).toEqual(before);
    });

    it('refuses a body over 64 KiB with 413 naming the body, writing nothing', async () => {
      const before = await counts(h);
      const res = await api().submit<ErrorReply>(body({ comment: 'x'.repeat(70_000) }));
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        details: { issues: [{ path: 'body' }], limit: 65_536 },
      });
      expect(await counts(h)).toEqual(before);
    });

    it.each([
      ['comment', { comment: 'ring the bell\u0007' }, 'contains a control character (U+0007)'],
      ['suggestion', { suggestion: '\u001b[31mred' }, 'contains a control character (U+001B)'],
      [
        'target.selector.exact',
        { target: { ...body().target, selector: { exact: 'gnirts\u202e', prefix: '', suffix: '' } } },
        'contains a control character (U+202E)',
      ],
      ['contact', { contact: 'reader@example.org\nBcc: all' }, 'must be one line'],
      ['target.source', { target: { source: '/agreements\u0085' } }, 'contains a control character (U+0085)'],
      ['comment', { comment: 'nul\u0000' }, 'contains a NUL character (U+0000)'],
    ])(
      'refuses control characters in %s, naming the field and writing nothing',
      async (path, overrides, message) => {
        const before = await counts(h);
        const res = await api().submit<ErrorReply>(body(overrides));
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues).toContainEqual({ path, message });
        expect(await counts(h)).toEqual(before);
      },
    );

    it.each([
      ['comment', { suggestion: '', comment: '<b></b>' }, 'give a suggested wording or a comment'],
      [
        'target.source',
        { target: { source: 'https://elsewhere.example/' } },
        'a path of this site, starting with one /',
      ],
      [
        'target.source',
        { target: { source: '//elsewhere.example/' } },
        'a path of this site, starting with one /',
      ],
      [
        'target.record.id',
        { target: { source: '/x', record: { type: 'agreement', id: '<x>' } } },
        'letters, digits and . _ : - only',
      ],
      [
        'target.record.type',
        { target: { source: '/x', record: { type: 'user', id: 'u1' } } },
        expect.any(String) as string,
      ],
      ['extra', { extra: 1 }, 'Unrecognized key: "extra"'],
    ])('refuses a submission with a bad %s', async (path, overrides, message) => {
      const before = await counts(h);
      const res = await api().submit<ErrorReply>(body(overrides));
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toContainEqual({ path, message });
      expect(await counts(h)).toEqual(before);
    });

    it('answers a flood with 429 and Retry-After once a client passes the limit, writing nothing more', async () => {
      const app = await buildApp({ services: h.services, correctionRateLimit: { max: 3, windowMs: 60_000 } });
      try {
        const post = (address: string) =>
          app.inject({ method: 'POST', url: '/api/v1/corrections', payload: body(), remoteAddress: address });
        for (let i = 0; i < 3; i++) expect((await post('203.0.113.7')).statusCode).toBe(201);
        const before = await counts(h);
        const refused = await post('203.0.113.7');
        expect(refused.statusCode).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(refused.json<ErrorReply>().error).toMatchObject({
          code: 'RATE_LIMITED',
          details: { retryAfterSeconds: expect.any(Number) as number },
        });
        expect(refused.json<ErrorReply>().error.message).toMatch(
          /^Too many corrections from this address: at most 3 per minute\. Try again in /,
        );
        expect(await counts(h)).toEqual(before);
        // Another client is not held back, and neither are the other routes.
        expect((await post('203.0.113.8')).statusCode).toBe(201);
        for (let i = 0; i < 5; i++)
          expect(
            (await app.inject({ url: '/api/v1/corrections/log', remoteAddress: '203.0.113.7' })).statusCode,
          ).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('the queue and the log', () => {
    it('keeps the queue and contacts from the public (401) and from roles that may not review (403)', async () => {
      const submitted = await api().submit(body());
      expect((await api().queue('', {})).status).toBe(401);
      expect((await api().one(submitted.body.id, {})).status).toBe(401);
      const { headers } = await actingAs(h, 'verifier');
      const refused = await api().queue('', headers);
      expect(refused.status).toBe(403);
      expect((refused.body as unknown as ErrorReply).error.message).toBe(
        "Your role (verifier) may not review readers' corrections.",
      );
      expect((await api().review(submitted.body.id, { decision: 'accept', reply: 'x' }, {})).status).toBe(
        401,
      );
      const log = await api().log();
      expect(JSON.stringify(log.body)).not.toContain('reader@example.org');
      expect(log.body.items.map((i) => i.id)).not.toContain(submitted.body.id);
    });

    it('lets an editor accept with a reply, mark applied with a note, and lists it in the public log', async () => {
      const { email, headers } = await actingAs(h, 'editor');
      const submitted = await api().submit(body({ comment: 'Dates differ between readouts.' }));
      const queue = await api().queue('?view=submitted&limit=200', headers);
      expect(queue.status).toBe(200);
      const inQueue = queue.body.items.find((c) => c.id === submitted.body.id);
      expect(inQueue).toMatchObject({
        status: 'submitted',
        contact: 'reader@example.org',
        submittedBy: null,
      });

      const accepted = await api().review(
        submitted.body.id,
        { decision: 'accept', reply: 'Thank you: fixed.' },
        headers,
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'accepted',
        review: { decision: 'accepted', reply: 'Thank you: fixed.' },
      });
      expect((await auditEvents(h)).at(-1)).toMatchObject({
        actor: `token:token-${email}`,
        action: 'correction.accept',
      });

      const applied = await api().apply(
        submitted.body.id,
        { note: 'Added the start date, 18 March 2025.' },
        headers,
      );
      expect(applied.body).toMatchObject({
        status: 'applied',
        applied: { note: 'Added the start date, 18 March 2025.' },
      });
      expect((await auditEvents(h)).at(-1)).toMatchObject({
        action: 'correction.apply',
        subjectId: submitted.body.id,
      });

      const log = await api().log(`?recordType=agreement&recordId=${MORATORIUM}`);
      expect(log.status).toBe(200);
      const entry = log.body.items.find((i) => i.id === submitted.body.id);
      expect(entry).toEqual({
        id: submitted.body.id,
        appliedAt: applied.body.applied?.at,
        note: 'Added the start date, 18 March 2025.',
        target: submitted.body.target,
      });
      // The reader's words, contact and the editors' names and reply stay out of the log.
      expect(JSON.stringify(log.body)).not.toMatch(/reader@example\.org|Thank you|Dates differ|token-/);
      expect((await api().log('?recordType=agreement&recordId=another')).body.items).toEqual([]);
      expect(await brokenLink(h)).toBeNull();
    });

    it('lets an editor reject with a reply; a rejected correction is never applied or logged', async () => {
      const { headers } = await actingAs(h, 'editor');
      const submitted = await api().submit(body());
      const rejected = await api().review(
        submitted.body.id,
        { decision: 'reject', reply: 'The page is right.' },
        headers,
      );
      expect(rejected.body).toMatchObject({ status: 'rejected', review: { decision: 'rejected' } });
      const before = await counts(h);
      const apply = await api().apply<ErrorReply>(submitted.body.id, { note: 'x' }, headers);
      expect(apply.status).toBe(409);
      expect(apply.body.error).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: `Correction ${submitted.body.id} is rejected: only an accepted correction can be marked applied.`,
      });
      const again = await api().review<ErrorReply>(
        submitted.body.id,
        { decision: 'accept', reply: 'x' },
        headers,
      );
      expect(again.status).toBe(409);
      expect(await counts(h)).toEqual(before);
      expect((await api().log('?limit=200')).body.items.map((i) => i.id)).not.toContain(submitted.body.id);
    });

    it('refuses an empty reply or note and an unknown correction, writing nothing', async () => {
      const submitted = await api().submit(body());
      const before = await counts(h);
      const noReply = await api().review<ErrorReply>(submitted.body.id, {
        decision: 'accept',
        reply: ' <p></p> ',
      });
      expect(noReply.status).toBe(400);
      expect(noReply.body.error.details.issues).toContainEqual({
        path: 'reply',
        message: 'a reply is needed',
      });
      const unknown = await api().review<ErrorReply>('no-such-id', { decision: 'accept', reply: 'ok' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('CORRECTION_NOT_FOUND');
      const notAccepted = await api().apply<ErrorReply>(submitted.body.id, { note: 'done' });
      expect(notAccepted.status).toBe(409);
      const bad = await api().review<ErrorReply>(submitted.body.id, { decision: 'maybe', reply: 'ok' });
      expect(bad.body.error.details.issues?.[0]?.path).toBe('decision');
      expect(await counts(h)).toEqual(before);
    });

    it('lists the open queue oldest first and filters by status', async () => {
      const accepted = await api().submit(body());
      await api().review(accepted.body.id, { decision: 'accept', reply: 'Will fix.' });
      await api().submit(body());
      const open = await api().queue('?limit=200');
      const times = open.body.items.map((c) => c.submittedAt);
      expect(times).toEqual([...times].sort());
      expect(new Set(open.body.items.map((c) => c.status))).toEqual(new Set(['submitted', 'accepted']));
      expect(open.body.total).toBe(open.body.items.length);
      const only = await api().queue('?view=accepted&limit=200');
      expect(only.body.items.map((c) => c.id)).toContain(accepted.body.id);
      expect(only.body.items.every((c) => c.status === 'accepted')).toBe(true);
      const bad = await api().queue<ErrorReply>('?view=everything');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues?.[0]?.path).toBe('query.view');
    });
  });

  describe('anchors and the audit log', () => {
    it('finds the quoted text again after the agreement’s summary is edited', async () => {
      const agreement = await h.app.inject({ url: `/api/v1/agreements/${MORATORIUM}` });
      const summary = agreement.json<{ summary: string }>().summary;
      const words = summary.split(' ');
      const quote = words.slice(2, 8).join(' ');
      const start = summary.indexOf(quote);
      const submitted = await api().submit(
        body({ target: { ...body().target, selector: describeQuote(summary, start, start + quote.length) } }),
      );
      expect(submitted.status).toBe(201);

      const edited = `Corrected on 1 April 2025. ${summary.replace(quote, quote.replace(/\b(\w)(\w+)/, '$1$2s'))}`;
      const patched = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/agreements/${MORATORIUM}`,
        headers: h.auth,
        payload: { summary: edited },
      });
      expect(patched.statusCode).toBe(200);

      const stored = (await api().one(submitted.body.id)).body;
      const now = patched.json<{ summary: string }>().summary;
      const anchor = anchorQuote(now, stored.target.selector!);
      expect(anchor).not.toBeNull();
      expect(anchor?.start).toBe(now.indexOf(quote.replace(/\b(\w)(\w+)/, '$1$2s')));
      expect(anchor?.similarity).toBeGreaterThan(0.8);
    });

    it('lets `audit verify` see a correction edited behind the API', async () => {
      const submitted = await api().submit(body());
      expect((await verifyAudit(h.services)).problems).toEqual([]);
      await sql`update corrections set comment = ${'Quietly rewritten'} where id = ${submitted.body.id}`.execute(
        h.services.db.kysely,
      );
      const report = await verifyAudit(h.services);
      expect(report.unchecked).not.toContain('correction');
      expect(report.problems).toEqual([
        expect.objectContaining({
          kind: 'record',
          subjectType: 'correction',
          subjectId: submitted.body.id,
          state: 'altered',
        }),
      ]);
      await sql`update corrections set comment = ${'The Kremlin readout gives the start date.'} where id = ${submitted.body.id}`.execute(
        h.services.db.kysely,
      );
    });
  });
});
