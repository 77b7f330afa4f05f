// Evidence through the HTTP API on every engine: files stored by SHA-256 and refused past the size limit or when
// their type is wrong, URLs registered, the custody log, sealed originals, redacted public copies and what the
// public sees once an incident is published.

import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../src/core/policy.js';
import { markIncidentPublished } from '../src/db/incidents.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { createToken } from '../src/services/tokens.js';
import { addUser } from '../src/services/users.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { type Harness, useApp } from './support/harness.js';
import {
  auditEvents,
  client,
  type ErrorReply,
  type IncidentDetail,
  storedCounts,
} from './support/requests.js';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const LIMIT = 64 * 1024;

/** A 1×1 PNG; bytes after its end keep it a PNG and make each copy's hash its own. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const png = () => Buffer.concat([PNG, randomBytes(16)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface EvidenceItem {
  id: string;
  incidentId: string;
  kind: 'file' | 'url';
  sha256: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  description: string;
  collectedBy: string | null;
  filename: string | null;
  url: string | null;
  original: string | null;
  publicCopy: { sha256: string; mediaType: string; redactionNote: string; href: string } | null;
}

interface CustodyItem {
  seq: number;
  actor: string;
  action: string;
}

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body, built by hand as a browser or curl would send it. */
function multipart(parts: readonly Part[]) {
  const boundary = `----truceline-${randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p) => {
    const filename = p.filename === undefined ? '' : `; filename="${p.filename}"`;
    const type = p.type === undefined ? '' : `Content-Type: ${p.type}\r\n`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${filename}\r\n${type}\r\n`;
    return [Buffer.from(head), Buffer.from(p.value), Buffer.from('\r\n')];
  });
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Every file under the store's root, temporary ones included. */
function storedFiles(h: Harness): string[] {
  const root = h.services.files.root;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath}/${e.name}`);
}

async function evidenceRows(h: Harness): Promise<number> {
  const row = await h.services.db.kysely
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a refused request must leave as it was: rows, audit events and files. */
async function snapshot(h: Harness) {
  return { counts: await storedCounts(h), evidence: await evidenceRows(h), files: storedFiles(h).sort() };
}

describeEachEngine('evidence API', (engine) => {
  const h = useApp(engine, { demo: true, maxUploadBytes: LIMIT });
  const api = client(h);
  /** Bearer headers of users of each role, filled in beforeAll. */
  const headers = {} as Record<
    'monitor' | 'verifier' | 'editor' | 'liaison-UA' | 'liaison-RU' | 'liaison-US',
    Record<string, string>
  >;
  const ids: Record<string, string> = {};
  let incident = '';

  async function as(role: Role, party?: string) {
    const email = `${role}${party ? `-${party}` : ''}@evidence.example`;
    const user = await addUser(h.services, SYSTEM, { email, password: 'correct horse battery', role, party });
    const { secret } = await createToken(h.services, SYSTEM, `token-${email}`, { user: email });
    ids[party ? `${role}-${party}` : role] = user.id;
    return { authorization: `Bearer ${secret}` };
  }

  beforeAll(async () => {
    headers.monitor = await as('monitor');
    headers.verifier = await as('verifier');
    headers.editor = await as('editor');
    headers['liaison-UA'] = await as('liaison', 'UA');
    headers['liaison-RU'] = await as('liaison', 'RU');
    headers['liaison-US'] = await as('liaison', 'US');
    // Alleged by Ukraine against Russia, unpublished.
    incident = (await api.post<IncidentDetail>('/api/v1/incidents', incidentInput())).body.id;
  });

  function upload(
    file: { bytes: Buffer; type: string; filename?: string },
    options: { fields?: Record<string, string>; auth?: Record<string, string> | null; to?: string } = {},
  ) {
    const fields = options.fields ?? { description: 'Photo of the damaged transformer' };
    const body = multipart([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: 'file', value: file.bytes, filename: file.filename ?? 'photo.png', type: file.type },
    ]);
    return h.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${options.to ?? incident}/evidence`,
      headers: {
        'content-type': body.contentType,
        ...(options.auth === null ? {} : (options.auth ?? h.auth)),
      },
      payload: body.payload,
    });
  }

  async function custody(id: string): Promise<CustodyItem[]> {
    return (await api.get<{ items: CustodyItem[] }>(`/api/v1/evidence/${id}/custody`)).body.items;
  }

  describe('uploading files', () => {
    it('stores a PNG by its SHA-256, as computed from the same bytes, with a custody event and an audit event', async () => {
      const bytes = png();
      const res = await upload({ bytes, type: 'image/png' }, { auth: headers.monitor });
      expect(res.statusCode).toBe(201);
      const item = res.json<EvidenceItem>();
      expect(item).toMatchObject({
        kind: 'file',
        sha256: sha256(bytes),
        mediaType: 'image/png',
        sizeBytes: bytes.length,
        collectedBy: ids['monitor'],
        filename: 'photo.png',
      });
      expect(readFileSync(h.services.files.pathOf(sha256(bytes)))).toEqual(bytes);
      const last = (await auditEvents(h)).at(-1);
      expect(last).toMatchObject({ action: 'evidence.add', subjectType: 'evidence', subjectId: item.id });
      expect((await custody(item.id)).map((c) => [c.action, c.actor])).toEqual([
        ['collected', ids['monitor']],
      ]);
    });

    it('keeps one file for the same bytes uploaded twice', async () => {
      const bytes = png();
      const before = storedFiles(h).length;
      const first = (await upload({ bytes, type: 'image/png' })).json<EvidenceItem>();
      const second = (await upload({ bytes, type: 'image/png' })).json<EvidenceItem>();
      expect(second.id).not.toBe(first.id);
      expect(second.sha256).toBe(first.sha256);
      expect(storedFiles(h)).toHaveLength(before + 1);
    });

    it('refuses a file over the limit: 413 FILE_TOO_LARGE, no row, no audit event, no file left behind', async () => {
      const before = await snapshot(h);
      const big = Buffer.concat([PNG, Buffer.alloc(LIMIT)]);
      const res = await upload({ bytes: big, type: 'image/png' });
      expect(res.statusCode).toBe(413);
      expect(res.json<ErrorReply>().error).toMatchObject({
        code: 'FILE_TOO_LARGE',
        details: { limitBytes: LIMIT },
      });
      expect(await snapshot(h)).toEqual(before);
    });

    it('refuses a file declared image/png whose content is not a PNG: 415, nothing written', async () => {
      const before = await snapshot(h);
      const res = await upload({ bytes: Buffer.from('not a picture at all'), type: 'image/png' });
      expect(res.statusCode).toBe(415);
      expect(res.json<ErrorReply>().error).toMatchObject({
        code: 'FILE_TYPE_NOT_ALLOWED',
        details: { declaredType: 'image/png', issues: [{ path: 'file' }] },
      });
      expect(await snapshot(h)).toEqual(before);
    });

    it('refuses an HTML file (415), and a PDF declared as plain text', async () => {
      const before = await snapshot(h);
      const html = await upload({
        bytes: Buffer.from('<html><script>alert(1)</script></html>'),
        type: 'text/html',
        filename: 'page.html',
      });
      expect(html.statusCode).toBe(415);
      expect(html.json<ErrorReply>().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
      const pdf = await upload({ bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), type: 'text/plain' });
      expect(pdf.statusCode).toBe(415);
      expect(pdf.json<ErrorReply>().error.details).toMatchObject({
        declaredType: 'text/plain',
        detectedType: 'application/pdf',
      });
      expect(await snapshot(h)).toEqual(before);
    });

    it('takes plain text and CSV declared as such', async () => {
      const csv = await upload({ bytes: Buffer.from('time,place\n03:00,Kharkiv\n'), type: 'text/csv' });
      expect(csv.statusCode).toBe(201);
      expect(csv.json<EvidenceItem>().mediaType).toBe('text/csv');
    });

    it('names each bad or missing form field (400) and writes nothing', async () => {
      const before = await snapshot(h);
      const res = await upload(
        { bytes: png(), type: 'image/png' },
        { fields: { capturedAt: 'yesterday', colour: 'red' } },
      );
      expect(res.statusCode).toBe(400);
      const paths = res.json<ErrorReply>().error.details.issues?.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['description', 'capturedAt', 'colour']));
      const noFile = await h.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${incident}/evidence`,
        headers: { ...h.auth, 'content-type': multipart([{ name: 'description', value: 'x' }]).contentType },
        payload: multipart([{ name: 'description', value: 'x' }]).payload,
      });
      expect(noFile.statusCode).toBe(400);
      expect(await snapshot(h)).toEqual(before);
    });

    it('lets a liaison add evidence to their own party’s incident, not to one their party did not file', async () => {
      const own = await upload({ bytes: png(), type: 'image/png' }, { auth: headers['liaison-UA'] });
      expect(own.statusCode).toBe(201);
      const before = await snapshot(h);
      const accused = await upload({ bytes: png(), type: 'image/png' }, { auth: headers['liaison-RU'] });
      expect(accused.statusCode).toBe(403);
      // An unpublished incident that does not concern the liaison's party is not even there for them.
      const stranger = await upload({ bytes: png(), type: 'image/png' }, { auth: headers['liaison-US'] });
      expect(stranger.statusCode).toBe(404);
      const anonymous = await upload({ bytes: png(), type: 'image/png' }, { auth: null });
      expect(anonymous.statusCode).toBe(401);
      expect(await snapshot(h)).toEqual(before);
    });
  });

  describe('registering URLs', () => {
    it('registers an https URL with the SHA-256 of its archived copy', async () => {
      const archived = 'AB'.repeat(32);
      const res = await api.post<EvidenceItem>(`/api/v1/incidents/${incident}/evidence`, {
        url: 'https://t.me/example/123',
        description: 'Video of the strike, posted at 03:10',
        sha256: archived,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'url',
        url: 'https://t.me/example/123',
        sha256: archived.toLowerCase(),
      });
      expect(res.body.original).toBeNull();
    });

    it('refuses a URL that is not http or https and a hash that is not 64 hex digits, naming each', async () => {
      const before = await snapshot(h);
      const res = await api.post<ErrorReply>(`/api/v1/incidents/${incident}/evidence`, {
        url: 'javascript:alert(1)',
        description: 'x',
        sha256: 'abc',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues?.map((i) => i.path).sort()).toEqual(['sha256', 'url']);
      expect(await snapshot(h)).toEqual(before);
    });
  });

  describe('the sealed original and its custody', () => {
    let item: EvidenceItem;
    let bytes: Buffer;
    beforeAll(async () => {
      bytes = png();
      item = (await upload({ bytes, type: 'image/png' }, { auth: headers.monitor })).json<EvidenceItem>();
    });

    it('refuses the original to a monitor (403) and the public (401), and logs nothing', async () => {
      expect(item.original).toBeNull();
      const before = await custody(item.id);
      const monitor = await h.app.inject({
        url: `/api/v1/evidence/${item.id}/original`,
        headers: headers.monitor,
      });
      expect(monitor.statusCode).toBe(403);
      const anonymous = await h.app.inject({ url: `/api/v1/evidence/${item.id}/original` });
      expect(anonymous.statusCode).toBe(401);
      expect(await custody(item.id)).toEqual(before);
    });

    it('sends it to a verifier as an attachment that is never sniffed, and logs the view', async () => {
      const res = await h.app.inject({
        url: `/api/v1/evidence/${item.id}/original`,
        headers: headers.verifier,
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(bytes);
      expect(res.headers).toMatchObject({
        'content-type': 'image/png',
        'content-disposition': `attachment; filename="evidence-${item.id}.png"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      expect((await auditEvents(h)).at(-1)).toMatchObject({ action: 'evidence.view', subjectId: item.id });
    });

    it('lists collected then viewed, with who did each, in order', async () => {
      expect((await custody(item.id)).map((c) => [c.seq, c.action, c.actor])).toEqual([
        [1, 'collected', ids['monitor']],
        [2, 'viewed', ids['verifier']],
      ]);
      const refused = await h.app.inject({
        url: `/api/v1/evidence/${item.id}/custody`,
        headers: headers.monitor,
      });
      expect(refused.statusCode).toBe(403);
    });

    it('answers 404 for evidence that does not exist', async () => {
      const res = await api.get<ErrorReply>('/api/v1/evidence/no-such-item/original');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('EVIDENCE_NOT_FOUND');
    });
  });

  describe('public copies and what the public sees', () => {
    let item: EvidenceItem;
    let original: Buffer;
    const redacted = png();

    function addCopy(auth: Record<string, string> | undefined) {
      const body = multipart([
        { name: 'redactionNote', value: 'Faces and the street sign blurred' },
        { name: 'file', value: redacted, filename: 'blurred.png', type: 'image/png' },
      ]);
      return h.app.inject({
        method: 'POST',
        url: `/api/v1/evidence/${item.id}/public-copy`,
        headers: { 'content-type': body.contentType, ...auth },
        payload: body.payload,
      });
    }

    beforeAll(async () => {
      original = png();
      item = (await upload({ bytes: original, type: 'image/png' })).json<EvidenceItem>();
    });

    it('hides the evidence of an unpublished incident from the public (404)', async () => {
      expect((await api.getPublic(`/api/v1/incidents/${incident}/evidence`)).status).toBe(404);
    });

    it('refuses a public copy from a monitor, and takes one from an editor without touching the original', async () => {
      expect((await addCopy(headers.monitor)).statusCode).toBe(403);
      const res = await addCopy(headers.editor);
      expect(res.statusCode).toBe(201);
      expect(res.json<EvidenceItem>()).toMatchObject({
        sha256: sha256(original),
        publicCopy: { sha256: sha256(redacted), redactionNote: 'Faces and the street sign blurred' },
      });
      expect(readFileSync(h.services.files.pathOf(sha256(original)))).toEqual(original);
      expect((await custody(item.id)).map((c) => [c.action, c.actor])).toEqual([
        ['collected', expect.stringMatching(/^token:/)],
        ['redacted-copy-added', ids['editor']],
      ]);
    });

    it('does not serve the public copy of an unpublished incident to the public (404)', async () => {
      expect((await api.getPublic(`/api/v1/evidence/${item.id}/public`)).status).toBe(404);
    });

    it('once the incident is published, lists the public copy for the public, never the original', async () => {
      await markIncidentPublished(h.services.db.kysely, incident, '2024-06-12T10:00:00.000Z');
      const list = await api.getPublic<{ items: EvidenceItem[] }>(`/api/v1/incidents/${incident}/evidence`);
      expect(list.status).toBe(200);
      const listed = list.body.items.find((e) => e.id === item.id);
      expect(listed).toMatchObject({
        sha256: sha256(original),
        collectedBy: null,
        filename: null,
        original: null,
        publicCopy: { sha256: sha256(redacted), href: `/api/v1/evidence/${item.id}/public` },
      });
      expect(list.body.items.every((e) => e.original === null && e.url === null)).toBe(true);
      const copy = await h.app.inject({ url: listed?.publicCopy?.href ?? '' });
      expect(copy.statusCode).toBe(200);
      expect(copy.rawPayload).toEqual(redacted);
      expect(copy.headers['content-disposition']).toMatch(/^attachment;/);
      expect((await h.app.inject({ url: `/api/v1/evidence/${item.id}/original` })).statusCode).toBe(401);
    });

    it('answers 404 for the public copy of an item that has none', async () => {
      const bare = (await upload({ bytes: png(), type: 'image/png' })).json<EvidenceItem>();
      expect((await api.getPublic(`/api/v1/evidence/${bare.id}/public`)).status).toBe(404);
    });
  });

  describe('verification', () => {
    /** Problems with evidence (publishing by hand above, as a test must for now, alters the incident unaudited). */
    async function evidenceProblems() {
      return (await verifyAudit(h.services)).problems.filter(
        (p) => p.kind === 'record' && p.subjectType === 'evidence',
      );
    }

    it('passes with every stored file intact, and reports one whose bytes were changed on disk', async () => {
      expect(await evidenceProblems()).toEqual([]);
      const bytes = png();
      const item = (await upload({ bytes, type: 'image/png' })).json<EvidenceItem>();
      const path = h.services.files.pathOf(sha256(bytes));
      chmodSync(path, 0o644);
      writeFileSync(path, Buffer.concat([bytes, Buffer.from('tampered')]));
      expect(await evidenceProblems()).toEqual([
        expect.objectContaining({
          kind: 'record',
          subjectType: 'evidence',
          subjectId: item.id,
          state: 'altered',
        }),
      ]);
      writeFileSync(path, bytes);
    });

    it('reports a deleted custody event', async () => {
      const item = (await upload({ bytes: png(), type: 'image/png' })).json<EvidenceItem>();
      await h.services.db.kysely.deleteFrom('custody_events').where('evidence_id', '=', item.id).execute();
      expect(await evidenceProblems()).toEqual([
        expect.objectContaining({
          kind: 'record',
          subjectType: 'evidence',
          subjectId: item.id,
          state: 'altered',
        }),
      ]);
    });
  });
});
