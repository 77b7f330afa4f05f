// The Atom feeds on every engine, on the demo, each parsed by a real feed parser (@rowanmanning/feed-parser):
// published findings, bulletins and agreement changes; per agreement and per party; ids that never change; ETag
// and 304; and only public data, shown byte by byte with published incidents whose location is blurred and
// withheld and whose reporter is withheld, beside unpublished ones.

import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import {
  client,
  type ErrorReply,
  type IncidentDetail,
  type IncidentPage,
  storedCounts,
} from './support/requests.js';

const ORIGIN = 'http://feeds.test';
const MORATORIUM = 'energy-moratorium-2025-03';

/** What the test's own incidents must never give away. */
const EXACT = { lon: 36.23456, lat: 49.98765 };
const SECRETS = ['36.23456', '49.98765', 'Bezruky farmstead', 'Vilshany depot', 'Derhachi district'];
/** The reporter of every incident the tests file: the harness's system token. */
const REPORTER = 'system:test';

type Parsed = ReturnType<ReturnType<typeof parseFeed>['toJSON']>;

/** The feed's own `<id>`, the first in the document (the parser does not give it). */
const feedId = (body: string) => /<id>([^<]+)<\/id>/.exec(body)?.[1];

describeEachEngine('Atom feeds', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let blurred: IncidentDetail;
  let withheld: IncidentDetail;
  let unpublished: IncidentDetail;

  async function get(url: string, headers: Record<string, string> = {}) {
    return h.app.inject({ method: 'GET', url, headers: { host: 'feeds.test', ...headers } });
  }

  /** A feed as a feed reader gets it: 200, Atom's media type, parsed as Atom 1.0. */
  async function feed(url: string): Promise<{ body: string; parsed: Parsed; etag: string }> {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = parseFeed(res.body).toJSON();
    expect(parsed.meta).toEqual({ type: 'atom', version: '1.0' });
    return { body: res.body, parsed, etag: String(res.headers.etag) };
  }

  const incidentIdOf = (url: string | null) => url?.replace(`${ORIGIN}/incidents/`, '') ?? '';

  async function publicIncidentIds(query = ''): Promise<string[]> {
    const page = await api.getPublic<IncidentPage>(`/api/v1/incidents?limit=500${query}`);
    return page.body.items.map((i) => i.id);
  }

  async function file(overrides: Parameters<typeof incidentInput>[0]): Promise<IncidentDetail> {
    const res = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function publish(incident: IncidentDetail): Promise<void> {
    for (const change of [
      { kind: 'occurrence', to: 'corroborated', reason: 'Two independent sources.' },
      { kind: 'publish', reason: 'Ready for the public.' },
    ]) {
      const res = await api.post(`/api/v1/incidents/${incident.id}/finding/changes`, change);
      expect(res.status).toBe(200);
    }
  }

  beforeAll(async () => {
    blurred = await file({
      title: 'Drone strike on a farm substation',
      location: EXACT,
      locationName: 'Bezruky farmstead',
      perpetrator: 'RU',
      disclosure: { reporter: 'withheld', location: 'blurred' },
    });
    withheld = await file({
      title: 'Shelling of a fuel depot',
      location: EXACT,
      locationName: 'Vilshany depot',
      admin1: 'Kharkiv',
      admin2: 'Derhachi district',
      perpetrator: 'UA',
      allegations: [
        {
          accuser: 'RU',
          accused: 'UA',
          madeAt: '2024-06-10T12:00:00+03:00',
          summary: 'Russia says Ukraine shelled a depot.',
        },
      ],
      disclosure: { reporter: 'withheld', location: 'withheld' },
    });
    unpublished = await file({ title: 'Unpublished strike on the Lozova junction', location: EXACT });
    await publish(blurred);
    await publish(withheld);
  });

  describe('published findings', () => {
    it('has one entry per published incident, most recently published first, linked to its page', async () => {
      const { parsed } = await feed('/api/v1/feeds/findings.atom');
      expect(parsed.title).toBe('Truceline: published findings');
      expect(parsed.self).toBe(`${ORIGIN}/api/v1/feeds/findings.atom`);
      expect(parsed.url).toBe(`${ORIGIN}/incidents`);
      const ids = parsed.items.map((i) => incidentIdOf(i.url));
      expect([...ids].sort()).toEqual((await publicIncidentIds()).sort());
      expect(ids).toContain(blurred.id);
      expect(ids).not.toContain(unpublished.id);
      const published = parsed.items.map((i) => i.published ?? '');
      expect(published).toEqual([...published].sort().reverse());
      for (const item of parsed.items) {
        expect(item.id).toMatch(
          /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(item.url).toMatch(new RegExp(`^${ORIGIN}/incidents/[0-9a-f-]{36}$`));
      }
      expect(new Set(parsed.items.map((i) => i.id)).size).toBe(parsed.items.length);
    });

    it('gives each finding and its verdict and ruling under each agreement', async () => {
      const { parsed } = await feed('/api/v1/feeds/findings.atom');
      const sloviansk = parsed.items.find(
        (i) => i.title === 'Drone strike on an energy facility in Sloviansk',
      );
      expect(sloviansk?.description).toContain(
        '30-day moratorium on strikes on energy infrastructure: contested, unable to rule',
      );
      expect(sloviansk?.content).toContain('<dt>Occurrence</dt><dd>alleged</dd>');
      expect(sloviansk?.content).toContain(`href="${ORIGIN}/agreements/${MORATORIUM}"`);
      expect(sloviansk?.categories.map((c) => c.term)).toEqual(
        expect.arrayContaining(['verdict:contested', 'occurrence:alleged', 'party:RU']),
      );
      const ours = parsed.items.find((i) => incidentIdOf(i.url) === blurred.id);
      expect(ours?.title).toBe('Drone strike on a farm substation');
      expect(ours?.description).toMatch(/^Occurrence corroborated, attribution unknown, grade weak\./);
    });

    it('narrows to an agreement, by slug or id, to what the incident list shows', async () => {
      const bySlug = await feed(`/api/v1/feeds/findings.atom?agreement=${MORATORIUM}`);
      const expected = await publicIncidentIds(`&agreement=${MORATORIUM}`);
      expect(bySlug.parsed.items.map((i) => incidentIdOf(i.url)).sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(0);
      expect(bySlug.parsed.title).toBe(
        'Truceline: published findings — 30-day moratorium on strikes on energy infrastructure',
      );
      expect(bySlug.parsed.self).toBe(`${ORIGIN}/api/v1/feeds/findings.atom?agreement=${MORATORIUM}`);
      const agreement = await api.getPublic<{ id: string }>(`/api/v1/agreements/${MORATORIUM}`);
      const byId = await feed(`/api/v1/feeds/findings.atom?agreement=${agreement.body.id}`);
      expect(byId.body).toBe(bySlug.body);
    });

    it('narrows to an alleged perpetrator', async () => {
      const { parsed } = await feed('/api/v1/feeds/findings.atom?party=UA');
      const ids = parsed.items.map((i) => incidentIdOf(i.url));
      expect(ids.sort()).toEqual((await publicIncidentIds('&party=UA')).sort());
      expect(ids).toContain(withheld.id);
      expect(ids).not.toContain(blurred.id);
      for (const item of parsed.items) expect(item.categories.map((c) => c.term)).toContain('party:UA');
    });

    it('refuses an unknown agreement, an unknown or malformed party and other parameters, writing nothing', async () => {
      const before = await storedCounts(h);
      const cases = [
        [
          '/api/v1/feeds/findings.atom?agreement=no-such-thing',
          404,
          'AGREEMENT_NOT_FOUND',
          'query.agreement',
        ],
        ['/api/v1/feeds/findings.atom?party=ZZ', 400, 'VALIDATION_FAILED', 'query.party'],
        ['/api/v1/feeds/agreements.atom?party=ua', 400, 'VALIDATION_FAILED', 'query.party'],
        ['/api/v1/feeds/bulletins.atom?party=UA', 400, 'VALIDATION_FAILED', 'query.party'],
        ['/api/v1/feeds/findings.atom?verdict=covered', 400, 'VALIDATION_FAILED', 'query.verdict'],
      ] as const;
      for (const [url, status, code, path] of cases) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.json<ErrorReply>();
        expect(body.error.code, url).toBe(code);
        expect(
          body.error.details.issues?.map((i) => i.path),
          url,
        ).toContain(path);
      }
      expect(await storedCounts(h)).toEqual(before);
    });
  });

  describe('only public data', () => {
    it('never carries an unpublished incident, a coordinate, a withheld place name or the reporter', async () => {
      const hidden = await api.get<IncidentPage>('/api/v1/incidents?status=unpublished&limit=100');
      expect(hidden.body.items.map((i) => i.id)).toContain(unpublished.id);
      expect(hidden.body.total).toBeGreaterThanOrEqual(4); // the demo's three and ours
      const urls = [
        '/api/v1/feeds/findings.atom',
        '/api/v1/feeds/findings.atom?party=RU',
        `/api/v1/feeds/findings.atom?agreement=${MORATORIUM}`,
        '/api/v1/feeds/bulletins.atom',
        '/api/v1/feeds/agreements.atom',
        '/api/v1/calendars/agreements.ics',
      ];
      for (const url of urls) {
        const { body } = await get(url);
        for (const secret of [...SECRETS, REPORTER]) expect(body, `${url}: ${secret}`).not.toContain(secret);
        for (const incident of hidden.body.items) {
          expect(body, `${url}: ${incident.title}`).not.toContain(incident.id);
          expect(body, `${url}: ${incident.title}`).not.toContain(incident.title);
        }
      }
    });

    it('shows the public copy: the oblast of a withheld location and nothing finer', async () => {
      const { parsed } = await feed('/api/v1/feeds/findings.atom');
      const entry = parsed.items.find((i) => incidentIdOf(i.url) === withheld.id);
      expect(entry?.title).toBe('Shelling of a fuel depot');
      expect(entry?.content).toContain('<dt>Where</dt><dd>Kharkiv</dd>');
    });
  });

  describe('ids and caching', () => {
    it('sends the same bytes and ETag twice, and 304 to a client that holds them', async () => {
      const first = await get('/api/v1/feeds/findings.atom');
      const second = await get('/api/v1/feeds/findings.atom');
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(first.headers['last-modified']).toBeDefined();
      expect(first.headers['cache-control']).toBe('public, max-age=300');
      const etag = String(first.headers.etag);
      const cached = await get('/api/v1/feeds/findings.atom', { 'if-none-match': `W/${etag}, "other"` });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');
      expect(cached.headers.etag).toBe(etag);
      const stale = await get('/api/v1/feeds/findings.atom', { 'if-none-match': '"something-else"' });
      expect(stale.statusCode).toBe(200);
    });

    it('makes ids from the records, not from the address the feed was fetched at', async () => {
      const here = await feed('/api/v1/feeds/findings.atom');
      const elsewhere = await get('/api/v1/feeds/findings.atom', { host: 'mirror.example:8443' });
      const there = parseFeed(elsewhere.body).toJSON();
      expect(there.self).toBe('http://mirror.example:8443/api/v1/feeds/findings.atom');
      expect(feedId(elsewhere.body)).toBe(feedId(here.body));
      expect(feedId(here.body)).toMatch(/^urn:uuid:/);
      expect(there.items.map((i) => i.id)).toEqual(here.parsed.items.map((i) => i.id));
      const other = await feed(`/api/v1/feeds/findings.atom?agreement=${MORATORIUM}`);
      expect(feedId(other.body)).not.toBe(feedId(here.body));
    });

    it('keeps the bytes while nothing public changes, and every id when something does', async () => {
      const before = await feed('/api/v1/feeds/findings.atom');
      await file({ title: 'Another unpublished strike', occurredAt: '2024-06-11T03:00:00+03:00' });
      const unchanged = await feed('/api/v1/feeds/findings.atom');
      expect(unchanged.body).toBe(before.body);
      expect(unchanged.etag).toBe(before.etag);

      const later = await file({
        title: 'A strike published later',
        occurredAt: '2024-06-12T03:00:00+03:00',
      });
      await publish(later);
      const after = await feed('/api/v1/feeds/findings.atom');
      expect(after.etag).not.toBe(before.etag);
      expect(after.parsed.items).toHaveLength(before.parsed.items.length + 1);
      expect(incidentIdOf(after.parsed.items[0]?.url ?? null)).toBe(later.id);
      const ids = new Map(after.parsed.items.map((i) => [i.url, i.id]));
      for (const item of before.parsed.items) expect(ids.get(item.url), item.title ?? '').toBe(item.id);
      expect(feedId(after.body)).toBe(feedId(before.body));
    });
  });

  describe('bulletins', () => {
    it('lists the published bulletins, newest first, with their summary and server-rendered page', async () => {
      const { parsed } = await feed('/api/v1/feeds/bulletins.atom');
      expect(parsed.url).toBe(`${ORIGIN}/bulletins`);
      expect(parsed.items.map((i) => i.url)).toEqual([
        `${ORIGIN}/bulletins/daily-2025-04-02`,
        `${ORIGIN}/bulletins/daily-2025-03-18`,
      ]);
      const first = parsed.items[0];
      expect(first?.description).toMatch(/^Two Ukrainian claims of Russian strikes/);
      expect(first?.content).toContain('<h2>Incidents</h2>');
      // Links inside the text are made absolute, as a feed reader resolves them against nothing.
      expect(first?.content).toContain(`href="${ORIGIN}/agreements/${MORATORIUM}"`);
      expect(first?.content).not.toMatch(/href="\/(?!\/)/);
      const page = await get('/bulletins/daily-2025-04-02');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(
        `<link rel="alternate" type="application/atom+xml" title="Truceline: bulletins" href="${ORIGIN}/api/v1/feeds/bulletins.atom" />`,
      );
    });

    it('leaves drafts out', async () => {
      const draft = await api.post<{ slug: string; title: string }>('/api/v1/bulletins/drafts', {
        date: '2025-03-25',
      });
      expect(draft.status).toBe(201);
      const { body, parsed } = await feed('/api/v1/feeds/bulletins.atom');
      expect(parsed.items).toHaveLength(2);
      expect(body).not.toContain(draft.body.slug);
    });

    it('narrows to the bulletins whose text links to an agreement', async () => {
      const moratorium = await feed(`/api/v1/feeds/bulletins.atom?agreement=${MORATORIUM}`);
      expect(moratorium.parsed.items).toHaveLength(2);
      const easter = await feed('/api/v1/feeds/bulletins.atom?agreement=easter-truce-2025-04');
      expect(easter.parsed.items).toEqual([]);
      expect(easter.parsed.updated).toBe('1970-01-01T00:00:00.000Z');
    });
  });

  describe('agreement changes', () => {
    it('has an entry for each agreement recorded and each lifecycle step, dated when it happened', async () => {
      const { parsed } = await feed(`/api/v1/feeds/agreements.atom?agreement=${MORATORIUM}`);
      const titles = parsed.items.map((i) => i.title);
      expect(titles).toContain('30-day moratorium on strikes on energy infrastructure: recorded');
      const inForceUa = parsed.items.find(
        (i) => i.title === '30-day moratorium on strikes on energy infrastructure: in force (UA)',
      );
      expect(inForceUa?.updated).toBe('2025-03-24T22:00:00.000Z');
      expect(inForceUa?.description).toBe(
        'Ukraine dates the moratorium from 25 March, after the Riyadh talks.',
      );
      const expired = parsed.items.find((i) => i.title?.endsWith(': expired'));
      expect(expired?.updated).toBe('2025-04-16T21:00:00.000Z');
      // Six lifecycle steps and the record of it; every entry links to the agreement's page.
      expect(parsed.items).toHaveLength(7);
      for (const item of parsed.items) expect(item.url).toBe(`${ORIGIN}/agreements/${MORATORIUM}`);
      const updated = parsed.items.map((i) => i.updated ?? '');
      expect(updated).toEqual([...updated].sort().reverse());
    });

    it('adds an entry for an amendment and keeps every other id', async () => {
      const before = await feed('/api/v1/feeds/agreements.atom');
      const patched = await api.patch(`/api/v1/agreements/${MORATORIUM}`, {
        summary: 'Agreed in the Trump–Putin call of 18 March 2025; it lapsed in mid-April.',
      });
      expect(patched.status).toBe(200);
      const after = await feed('/api/v1/feeds/agreements.atom');
      const added = after.parsed.items.filter((i) => !before.parsed.items.some((b) => b.id === i.id));
      expect(added.map((i) => i.title)).toEqual([
        '30-day moratorium on strikes on energy infrastructure: amended',
      ]);
      const ids = after.parsed.items.map((i) => i.id);
      for (const item of before.parsed.items) expect(ids).toContain(item.id);
    });

    it('narrows to the agreements a party is a party to or mediates', async () => {
      const { parsed } = await feed('/api/v1/feeds/agreements.atom?party=SA');
      const slugs = new Set(parsed.items.map((i) => i.url?.replace(`${ORIGIN}/agreements/`, '')));
      expect([...slugs].sort()).toEqual(['black-sea-2025-03', 'jeddah-ceasefire-proposal-2025-03']);
      expect(parsed.title).toBe('Truceline: agreement changes — party SA');
    });

    it('is pointed to from the agreement page the server renders', async () => {
      const page = await get(`/agreements/${MORATORIUM}`);
      expect(page.statusCode).toBe(200);
      for (const href of [
        `/api/v1/feeds/agreements.atom?agreement=${MORATORIUM}`,
        `/api/v1/feeds/findings.atom?agreement=${MORATORIUM}`,
        `/api/v1/calendars/agreements/${MORATORIUM}.ics`,
      ]) {
        const url = `${ORIGIN}${href}`.replace(/[.?]/g, '\\$&');
        const link = new RegExp(`<link rel="alternate" type="[^"]+" title="[^"]+" href="${url}" />`);
        expect(page.body).toMatch(link);
      }
    });
  });
});
