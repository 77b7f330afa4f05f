// Bulletins through the HTTP API on every engine, on the demo: the draft of 2 April 2025 names that day's incidents
// with their verdicts, edits keep every version, publishing makes a bulletin public (a draft is a 404 to the
// public), related items, the server-rendered pages search engines read, Markdown never executed as HTML, and bad
// input refused by field with nothing written.

import { describe, expect, it } from 'vitest';
import { demoIncidents } from '../src/demo/incidents.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { type Harness, useApp } from './support/harness.js';
import {
  auditEvents,
  client,
  type ErrorReply,
  type IncidentPage,
  type Reply,
  storedCounts,
} from './support/requests.js';

type Headers = Record<string, string>;
type Reasons = string[];

interface BulletinBody {
  id: string;
  slug: string;
  date: string;
  title: string;
  summary: string;
  status: string;
  version: number;
  publishedVersion: number | null;
  shownVersion: number;
  markdown: string;
  html: string;
  editedBy: string | null;
  unpublishedLeftOut?: number;
  related: {
    agreements: { slug: string; title: string; reasons: Reasons }[];
    incidents: { id: string; title: string; reasons: Reasons }[];
    bulletins: { slug: string; title: string; reasons: Reasons }[];
  };
}

interface ListBody {
  items: { slug: string; status: string; version: number; title: string }[];
  total: number;
}

interface VersionsBody {
  versions: { version: number; markdown: string; note: string | null; editedBy: string }[];
}

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
    draft: (payload: object, headers: Headers = h.auth) =>
      send<BulletinBody>('POST', '/api/v1/bulletins/drafts', headers, payload),
    edit: (slug: string, payload: object, headers: Headers = h.auth) =>
      send<BulletinBody>('PATCH', `/api/v1/bulletins/${slug}`, headers, payload),
    publish: (slug: string, payload: object, headers: Headers = h.auth) =>
      send<BulletinBody>('POST', `/api/v1/bulletins/${slug}/publish`, headers, payload),
    get: (slug: string, headers?: Headers) => send<BulletinBody>('GET', `/api/v1/bulletins/${slug}`, headers),
    list: (headers?: Headers) => send<ListBody>('GET', '/api/v1/bulletins', headers),
    versions: (slug: string, headers?: Headers) =>
      send<VersionsBody>('GET', `/api/v1/bulletins/${slug}/versions`, headers),
    page: (url: string) => h.app.inject({ method: 'GET', url }),
  };
}

/** Stored rows and audit events, bulletins included: equal before and after means nothing was written. */
async function counts(h: Harness) {
  const bulletins = await api(h).list(h.auth);
  return { ...(await storedCounts(h)), bulletins: bulletins.body.total };
}

let slugs = 0;
/** A slug no other test uses. */
function freshSlug(): string {
  slugs += 1;
  return `test-bulletin-${String(slugs)}`;
}

describeEachEngine('bulletins', (engine) => {
  const h = useApp(engine, { demo: true });

  describe('drafting', () => {
    it('drafts 2 April 2025 from the demo, naming each incident of that day with its verdict', async () => {
      const refs = demoIncidents.filter((i) => i.ref?.startsWith('demo-2025-04-02')).map((i) => i.ref);
      expect(refs).toHaveLength(2);
      const day = await client(h).get<IncidentPage>('/api/v1/incidents?from=2025-04-01&to=2025-04-03');
      const incidents = day.body.items.filter((i) => refs.includes(i.ref ?? ''));
      expect(incidents).toHaveLength(2);

      const res = await api(h).draft({ date: '2025-04-02', slug: freshSlug() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        date: '2025-04-02',
        status: 'draft',
        version: 1,
        unpublishedLeftOut: 0,
      });
      for (const incident of incidents) {
        const verdict = incident.screening.find(
          (s) => s.agreement.slug === 'energy-moratorium-2025-03',
        )?.verdict;
        expect(verdict).toBe('covered');
        expect(res.body.markdown).toContain(
          `- **${String(verdict)}** — [${incident.title}](/incidents/${incident.id}):`,
        );
      }
      expect(res.body.markdown).toContain('Under [30-day moratorium on strikes on energy infrastructure]');
      expect(res.body.markdown).toContain('### By sector');
      expect(res.body.html).toContain(`<a href="/incidents/${incidents[0]!.id}">`);
    });

    it('leaves unpublished incidents out of the draft and says how many', async () => {
      // The demo leaves Russia's claim of downing its own drones (18 March) unpublished.
      const res = await api(h).draft({ date: '2025-03-18', slug: freshSlug() });
      expect(res.status).toBe(201);
      expect(res.body.unpublishedLeftOut).toBe(1);
      expect(res.body.markdown).not.toContain('shoots down seven');
      expect(res.body.markdown).toContain('Drone strike on an energy facility in Sloviansk');
      expect(res.body.markdown).toMatch(
        /as The Kremlin reads it \(`kremlin-2025-03-18`\): in force from 2025-03-18/,
      );
    });

    it('takes `daily-YYYY-MM-DD` as the slug by default, and refuses a second one of that slug', async () => {
      const first = await api(h).draft({ date: '2025-04-09' });
      expect(first.status).toBe(201);
      expect(first.body.slug).toBe('daily-2025-04-09');
      const before = await counts(h);
      const second = await api(h).draft({ date: '2025-04-09' });
      expect(second.status).toBe(409);
      expect((second.body as unknown as ErrorReply).error).toMatchObject({
        code: 'BULLETIN_SLUG_TAKEN',
        details: { issues: [{ path: 'slug' }] },
      });
      expect(await counts(h)).toEqual(before);
    });
  });

  describe('editing and publishing', () => {
    it('keeps every version; an edit on an old version is refused and writes nothing', async () => {
      const slug = freshSlug();
      const drafted = await api(h).draft({ date: '2025-04-02', slug });
      const edited = await api(h).edit(slug, {
        version: 1,
        markdown: 'Edited text.',
        title: 'Two strikes on 2 April',
        note: 'tightened',
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, shownVersion: 2, title: 'Two strikes on 2 April' });
      expect(edited.body.markdown).toBe('Edited text.');

      const versions = await api(h).versions(slug, h.auth);
      expect(versions.body.versions.map((v) => [v.version, v.markdown, v.note])).toEqual([
        [1, drafted.body.markdown, 'drafted from the data of the day'],
        [2, 'Edited text.', 'tightened'],
      ]);
      const old = await api(h).get(`${slug}?version=1`, h.auth);
      expect(old.body).toMatchObject({ shownVersion: 1, version: 2, markdown: drafted.body.markdown });

      const before = await counts(h);
      const stale = await api(h).edit(slug, { version: 1, markdown: 'Lost update.' });
      expect(stale.status).toBe(409);
      expect((stale.body as unknown as ErrorReply).error).toMatchObject({
        code: 'BULLETIN_VERSION_STALE',
        details: { issues: [{ path: 'version' }], current: 2 },
      });
      const unchanged = await api(h).edit(slug, { version: 2, markdown: 'Edited text.' });
      expect(unchanged.body.version).toBe(2);
      expect(await counts(h)).toEqual(before);
    });

    it('publishes the reviewed version: a 404 to the public before, the text after, and edits wait for the next', async () => {
      const slug = freshSlug();
      await api(h).draft({ date: '2025-04-02', slug });
      await api(h).edit(slug, { version: 1, markdown: 'Reviewed text.' });
      expect((await api(h).get(slug)).status).toBe(404);
      expect((await api(h).get(slug)).body).toMatchObject({ error: { code: 'BULLETIN_NOT_FOUND' } });
      expect((await api(h).list()).body.items.map((b) => b.slug)).not.toContain(slug);

      const stale = await api(h).publish(slug, { version: 1 });
      expect(stale.status).toBe(409);
      const events = (await auditEvents(h)).length;
      const published = await api(h).publish(slug, { version: 2, note: 'approved' });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'published', publishedVersion: 2 });
      const audit = await auditEvents(h);
      expect(audit.slice(events).map((e) => [e.action, e.subjectType, e.reason])).toEqual([
        ['bulletin.publish', 'bulletin', 'approved'],
      ]);

      const pub = await api(h).get(slug);
      expect(pub.status).toBe(200);
      expect(pub.body).toMatchObject({
        markdown: 'Reviewed text.',
        version: 2,
        status: 'published',
        editedBy: null,
      });
      expect((await api(h).list()).body.items.map((b) => b.slug)).toContain(slug);

      await api(h).edit(slug, { version: 2, markdown: 'Not yet reviewed.' });
      expect((await api(h).get(slug)).body).toMatchObject({ markdown: 'Reviewed text.', version: 2 });
      expect((await api(h).get(slug, h.auth)).body).toMatchObject({
        status: 'published-with-changes',
        version: 3,
        markdown: 'Not yet reviewed.',
      });
      expect((await api(h).get(`${slug}?version=3`)).status).toBe(404);
      expect((await verifyAudit(h.services)).problems).toEqual([]);
    });

    it('lets editors draft and publish, the mission’s staff read drafts, and no one else', async () => {
      const editor = await actingAs(h, 'editor');
      const slug = freshSlug();
      expect((await api(h).draft({ date: '2025-04-04', slug }, editor.headers)).status).toBe(201);
      expect((await api(h).publish(slug, { version: 1 }, editor.headers)).status).toBe(200);

      const draft = freshSlug();
      await api(h).draft({ date: '2025-04-04', slug: draft });
      const monitor = await actingAs(h, 'monitor');
      const liaison = await actingAs(h, 'liaison', 'UA');
      const verifier = await actingAs(h, 'verifier');
      const before = await counts(h);
      expect((await api(h).draft({ date: '2025-04-04' }, monitor.headers)).status).toBe(403);
      expect((await api(h).edit(draft, { version: 1, markdown: 'x' }, verifier.headers)).status).toBe(403);
      expect((await api(h).publish(draft, { version: 1 }, liaison.headers)).status).toBe(403);
      expect((await api(h).draft({ date: '2025-04-04' }, {})).status).toBe(401);
      expect(await counts(h)).toEqual(before);

      expect((await api(h).get(draft, verifier.headers)).status).toBe(200);
      expect((await api(h).get(draft, liaison.headers)).status).toBe(404);
      expect((await api(h).versions(draft)).status).toBe(401);
      expect((await api(h).versions(draft, liaison.headers)).status).toBe(403);
    });
  });

  describe('related items', () => {
    it('joins the links in the text with the day’s data, as far as the reader may see', async () => {
      const hidden = demoIncidents.find((i) => i.ref === 'demo-2025-03-18-russian-drones-downed');
      const all = await client(h).get<IncidentPage>('/api/v1/incidents?from=2025-03-17&to=2025-03-19');
      const unpublished = all.body.items.find((i) => i.ref === hidden?.ref);
      expect(unpublished).toBeDefined();

      const slug = freshSlug();
      await api(h).draft({ date: '2025-04-02', slug });
      const markdown = [
        'See [the first day](/bulletins/daily-2025-03-18), [the Black Sea terms](/agreements/black-sea-2025-03)',
        `and [an unpublished claim](/incidents/${unpublished!.id}).`,
      ].join(' ');
      await api(h).edit(slug, { version: 1, markdown });
      await api(h).publish(slug, { version: 2 });

      const staff = (await api(h).get(slug, h.auth)).body.related;
      expect(staff.agreements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ slug: 'black-sea-2025-03', reasons: ['linked'] }),
          expect.objectContaining({ slug: 'energy-moratorium-2025-03', reasons: ['same-day'] }),
        ]),
      );
      expect(staff.agreements[0]?.slug).toBe('black-sea-2025-03');
      expect(staff.incidents.map((i) => i.id)).toContain(unpublished!.id);
      expect(staff.incidents.filter((i) => i.reasons.includes('same-day'))).toHaveLength(2);
      expect(staff.bulletins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ slug: 'daily-2025-03-18', reasons: ['linked'] }),
          // The demo's bulletin of the same day links the same incidents.
          expect.objectContaining({ slug: 'daily-2025-04-02', reasons: ['same-day', 'shares-incident'] }),
        ]),
      );

      const pub = (await api(h).get(slug)).body.related;
      expect(pub.incidents.map((i) => i.id)).not.toContain(unpublished!.id);
      expect(pub.incidents).toHaveLength(2);
      // The bulletin linked to knows it is linked from here.
      const first = (await api(h).get('daily-2025-03-18')).body.related.bulletins;
      expect(first).toEqual(
        expect.arrayContaining([expect.objectContaining({ slug, reasons: ['links-here'] })]),
      );
    });
  });

  describe('pages search engines read', () => {
    it('renders a published bulletin into the app’s page: title, meta tags, canonical link and the text', async () => {
      const res = await api(h).page('/bulletins/daily-2025-04-02');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.body;
      expect(html).toContain('<title>Daily bulletin: 2 April 2025 · Truceline</title>');
      expect(html).toMatch(/<meta name="description" content="Two Ukrainian claims[^"]*" \/>/);
      expect(html.match(/<meta name="description"/g)).toHaveLength(1);
      expect(html).toContain('<meta property="og:title" content="Daily bulletin: 2 April 2025" />');
      expect(html).toContain('<meta property="og:type" content="article" />');
      expect(html).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/bulletins\/daily-2025-04-02" \/>/);
      expect(html).toMatch(/<div id="root"><article class="server-page bulletin"/);
      expect(html).toContain('Drone strike on a substation in Sumy region');
      expect(html).toContain('<h2 id="related-heading">Related</h2>');
      expect(html).toContain('<style media="print">');
    });

    it('renders an agreement page with its readouts', async () => {
      const res = await api(h).page('/agreements/energy-moratorium-2025-03');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(
        '<title>30-day moratorium on strikes on energy infrastructure · Truceline</title>',
      );
      expect(res.body).toContain('<meta property="og:url"');
      expect(res.body).toContain('The Kremlin');
      expect(res.body).toMatch(/Scope, in its words: “[^”]+”/);
      expect((await api(h).page('/agreements/no-such-agreement')).statusCode).toBe(404);
    });

    it('renders no draft for anyone, and lists only published bulletins', async () => {
      const slug = freshSlug();
      await api(h).draft({ date: '2025-04-02', slug });
      await api(h).edit(slug, { version: 1, title: 'Secret draft title', markdown: 'Secret draft text.' });
      const page = await h.app.inject({ method: 'GET', url: `/bulletins/${slug}`, headers: h.auth });
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('Secret draft');
      expect(page.body).toContain('<meta name="robots" content="noindex" />');
      expect(page.body).toContain('<div id="root">');
      const list = await api(h).page('/bulletins');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('/bulletins/daily-2025-03-18');
      expect(list.body).not.toContain('Secret draft');
    });

    it('escapes a <script> in the Markdown everywhere it is shown', async () => {
      const slug = freshSlug();
      await api(h).draft({ date: '2025-04-02', slug });
      const hostile = 'Hello <script>alert(1)</script> [x](javascript:alert(1)) $& "quoted"';
      const edited = await api(h).edit(slug, {
        version: 1,
        title: '<script>alert(2)</script> $&',
        summary: '"><script>alert(3)</script>',
        markdown: hostile,
      });
      expect(edited.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(edited.body.html).not.toMatch(/<script|href="javascript/);
      await api(h).publish(slug, { version: 2 });
      const page = (await api(h).page(`/bulletins/${slug}`)).body;
      expect(page).not.toMatch(/<script>alert/);
      // `$&` reaches the page as written, not as a replacement pattern.
      expect(page).toContain('<title>&#60;script&#62;alert(2)&#60;/script&#62; $&#38; · Truceline</title>');
      expect(page).toContain('content="&#34;&#62;&#60;script&#62;alert(3)&#60;/script&#62;"');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });

  describe('the audit log', () => {
    it('catches a version edited behind the API', async () => {
      const slug = freshSlug();
      const drafted = await api(h).draft({ date: '2025-04-02', slug });
      expect((await verifyAudit(h.services)).problems).toEqual([]);
      const db = h.services.db.kysely;
      const where = { bulletin_id: drafted.body.id, version: 1 };
      await db
        .updateTable('bulletin_versions')
        .set({ markdown: 'Rewritten behind the API.' })
        .where('bulletin_id', '=', where.bulletin_id)
        .where('version', '=', where.version)
        .execute();
      const report = await verifyAudit(h.services);
      expect(report.problems).toEqual([
        expect.objectContaining({
          kind: 'record',
          subjectType: 'bulletin',
          subjectId: drafted.body.id,
          state: 'altered',
        }),
      ]);
      await db
        .updateTable('bulletin_versions')
        .set({ markdown: drafted.body.markdown })
        .where('bulletin_id', '=', where.bulletin_id)
        .where('version', '=', where.version)
        .execute();
      expect((await verifyAudit(h.services)).problems).toEqual([]);
    });
  });

  describe('bad input', () => {
    const drafts: [string, object, string][] = [
      ['an impossible date', { date: '2025-02-30' }, 'date'],
      ['a date with a time', { date: '2025-04-02T10:00' }, 'date'],
      ['no date', {}, 'date'],
      ['a bad slug', { date: '2025-04-02', slug: 'Not A Slug' }, 'slug'],
      ['an unknown field', { date: '2025-04-02', markdown: 'x' }, 'markdown'],
    ];
    it.each(drafts)(
      'refuses a draft with %s, naming the field and writing nothing',
      async (_, payload, path) => {
        const before = await counts(h);
        const res = await api(h).draft(payload);
        expect(res.status).toBe(400);
        const { error } = res.body as unknown as ErrorReply;
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.details.issues?.map((i) => i.path)).toContain(path);
        expect(await counts(h)).toEqual(before);
      },
    );

    const edits: [string, object, string][] = [
      ['no version', { markdown: 'x' }, 'version'],
      ['a version that is not a number', { version: '1', markdown: 'x' }, 'version'],
      ['blank Markdown', { version: 1, markdown: '   ' }, 'markdown'],
      ['a blank title', { version: 1, title: '' }, 'title'],
      ['Markdown that is too long', { version: 1, markdown: 'x'.repeat(200_001) }, 'markdown'],
    ];
    it.each(edits)(
      'refuses an edit with %s, naming the field and writing nothing',
      async (_, payload, path) => {
        const before = await counts(h);
        const res = await api(h).edit('daily-2025-04-02', payload);
        expect(res.status).toBe(400);
        expect((res.body as unknown as ErrorReply).error.details.issues?.map((i) => i.path)).toContain(path);
        expect(await counts(h)).toEqual(before);
      },
    );

    it('answers an unknown bulletin with 404, for reads and writes alike', async () => {
      const before = await counts(h);
      expect((await api(h).get('no-such-bulletin')).status).toBe(404);
      expect((await api(h).edit('no-such-bulletin', { version: 1, markdown: 'x' })).status).toBe(404);
      expect((await api(h).publish('no-such-bulletin', { version: 1 })).status).toBe(404);
      expect(await counts(h)).toEqual(before);
    });
  });
});
