// OGC API - Features at /ogc on every engine: the landing page, conformance and the API definition GIS clients
// read, collections with extents computed from the data, items paged through their `next` links, the standard's
// parameters (bbox, datetime, limit) and the incident filters, and 400s and 404s that name what is wrong.

import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../src/cli/context.js';
import { markIncidentPublished } from '../src/db/incidents.js';
import { importSnapshot } from '../src/services/frontline.js';
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

const require = createRequire(import.meta.url);
const validateFeatureCollection = new Ajv({ strict: false }).compile(
  require('geojson-schema/FeatureCollection.json') as object,
);

interface Link {
  href: string;
  rel: string;
  type?: string;
}

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
  links?: Link[];
}

interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  links: Link[];
  timeStamp: string;
  numberMatched: number;
  numberReturned: number;
}

interface Collection {
  id: string;
  links: Link[];
  extent: { spatial?: { bbox: number[][]; crs: string }; temporal?: { interval: (string | null)[][] } };
  crs: string[];
}

const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
const KHARKIV = { lon: 36.2304, lat: 49.9935 };
const KHERSON = { lon: 32.6169, lat: 46.6354 };
/** June 2024: outside every demo incident, so a datetime isolates this file's incidents. */
const JUNE = 'datetime=2024-06-01/2024-06-30';

/** A small front-line file: a line of contact across Donetsk oblast. */
function frontlineFile(shiftLon: number): string {
  const line = [
    [37.4 + shiftLon, 47.6],
    [37.7 + shiftLon, 48.1],
    [37.9 + shiftLon, 48.6],
  ];
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }],
  });
}

describeEachEngine('OGC API - Features', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let kharkiv: IncidentDetail;
  let kherson: IncidentDetail;
  let unpublished: IncidentDetail;

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the reply's shape
  async function get<T>(url: string) {
    const res = await h.app.inject({ method: 'GET', url });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json<T>() };
  }

  /** Every feature of an items URL, following `next` links to the end. */
  async function walk(url: string): Promise<{ features: Feature[]; pages: FeatureCollection[] }> {
    const pages: FeatureCollection[] = [];
    let next: string | undefined = url;
    while (next !== undefined) {
      const res: { status: number; body: FeatureCollection } = await get<FeatureCollection>(
        next.replace(/^http:\/\/[^/]+/, ''),
      );
      expect(res.status, next).toBe(200);
      pages.push(res.body);
      next = res.body.links.find((l) => l.rel === 'next')?.href;
      expect(pages.length).toBeLessThan(100);
    }
    return { features: pages.flatMap((p) => p.features), pages };
  }

  beforeAll(async () => {
    const file = async (overrides: Parameters<typeof incidentInput>[0]) => {
      const res = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput(overrides));
      expect(res.status).toBe(201);
      return res.body;
    };
    kharkiv = await file({
      title: 'Kharkiv substation',
      location: KHARKIV,
      occurredAt: '2024-06-10T03:00:00+03:00',
    });
    kherson = await file({
      title: 'Kherson substation',
      location: KHERSON,
      occurredAt: '2024-06-20T22:30:00+03:00',
      perpetrator: 'UA',
      allegations: [
        { accuser: 'RU', accused: 'UA', madeAt: '2024-06-21T12:00:00+03:00', summary: 'A claim.' },
      ],
    });
    unpublished = await file({ title: 'Not yet published', occurredAt: '2024-06-15T12:00:00+03:00' });
    for (const incident of [kharkiv, kherson])
      await markIncidentPublished(h.services.db.kysely, incident.id, '2024-06-25T00:00:00.000Z');
    for (const [date, shift] of [
      ['2024-06-01', 0],
      ['2024-06-15', 0.05],
    ] as const)
      await importSnapshot(h.services, CLI_ACTOR, { text: frontlineFile(shift), date, source: 'test' });
  });

  describe('capabilities', () => {
    it('serves a landing page linking the API definition (unquoted media type), docs, conformance and data', async () => {
      for (const url of ['/ogc', '/ogc/', '/ogc?f=json']) {
        const res = await get<{ title: string; links: Link[] }>(url);
        expect(res.status, url).toBe(200);
        expect(res.type).toMatch(/^application\/json/);
        const rels = Object.fromEntries(res.body.links.map((l) => [l.rel, l]));
        expect(Object.keys(rels)).toEqual(
          expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']),
        );
        expect(rels['service-desc']).toMatchObject({
          href: 'http://localhost:80/ogc/api',
          type: OPENAPI_TYPE,
        });
        expect(rels['data']?.href).toBe('http://localhost:80/ogc/collections');
      }
    });

    it('links a readable documentation page that loads the API definition', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/ogc/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain("url: '/ogc/api'");
      const bundle = await h.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
    });

    it('declares Core, GeoJSON and OpenAPI 3.0 conformance, and no filtering class it does not implement', async () => {
      const res = await get<{ conformsTo: string[] }>('/ogc/conformance');
      expect(res.body.conformsTo.sort()).toEqual(
        ['core', 'geojson', 'oas30'].map(
          (c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`,
        ),
      );
    });

    it('serves its OpenAPI 3.0 definition with the media type as GDAL compares it', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/ogc/api' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(`${OPENAPI_TYPE}; charset=utf-8`);
      const doc = res.json<{
        openapi: string;
        servers: { url: string }[];
        paths: Record<
          string,
          { get: { parameters?: { name: string; schema: { enum?: string[]; maximum?: number } }[] } }
        >;
      }>();
      expect(doc.openapi).toMatch(/^3\.0\.\d$/);
      expect(doc.servers).toEqual([{ url: 'http://localhost:80/ogc' }]);
      const params = (path: string) =>
        Object.fromEntries((doc.paths[path]?.get.parameters ?? []).map((p) => [p.name, p.schema]));
      const incidents = params('/collections/incidents/items');
      expect(Object.keys(incidents)).toEqual(
        expect.arrayContaining(['bbox', 'datetime', 'limit', 'verdict', 'perpetrator', 'party', 'agreement']),
      );
      expect(incidents['verdict']?.enum).toEqual(expect.arrayContaining(['covered', 'contested', 'none']));
      expect(incidents['perpetrator']?.enum).toEqual(expect.arrayContaining(['RU', 'UA']));
      expect(incidents['limit']?.maximum).toBe(10_000);
      expect(Object.keys(params('/collections/frontline/items'))).toContain('datetime');
      expect(Object.keys(params('/collections/sectors/items'))).not.toContain('datetime');
      expect(doc.paths['/collections/admin-areas/items/{featureId}']).toBeDefined();
    });

    it('lists five collections with extents computed from the data, in CRS84', async () => {
      const res = await get<{ collections: Collection[] }>('/ogc/collections');
      const byId = Object.fromEntries(res.body.collections.map((c) => [c.id, c]));
      expect(Object.keys(byId)).toEqual(['incidents', 'frontline', 'occupied', 'sectors', 'admin-areas']);
      for (const c of res.body.collections) {
        expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
        expect(c.links.find((l) => l.rel === 'items')).toMatchObject({
          href: `http://localhost:80/ogc/collections/${c.id}/items`,
          type: 'application/geo+json',
        });
      }
      const incidents = byId['incidents'];
      // From this file's first incident (10 June 2024, 00:00 UTC) to the demo's last (16 April 2025, Kyiv).
      expect(incidents?.extent.temporal?.interval).toEqual([
        ['2024-06-10T00:00:00.000Z', '2025-04-15T21:00:00.000Z'],
      ]);
      const [west, south, east, north] = incidents?.extent.spatial?.bbox[0] ?? [];
      expect(west).toBeLessThanOrEqual(KHERSON.lon);
      expect(south).toBeLessThanOrEqual(KHERSON.lat);
      expect(east).toBeGreaterThanOrEqual(KHARKIV.lon);
      expect(north).toBeGreaterThanOrEqual(KHARKIV.lat);
      const frontline = byId['frontline']?.extent;
      expect(frontline?.spatial?.bbox[0]?.map((n) => Number(n.toFixed(6)))).toEqual([
        37.4, 47.6, 37.95, 48.6,
      ]);
      expect(frontline?.temporal?.interval).toEqual([['2024-06-01T00:00:00Z', null]]);
      expect(byId['admin-areas']?.extent.spatial?.bbox[0]?.map(Math.round)).toEqual([22, 44, 40, 52]);
      expect(byId['sectors']?.extent.temporal).toBeUndefined();
      const one = await get<Collection>('/ogc/collections/incidents');
      expect(one.body).toEqual(incidents);
    });
  });

  describe('incident items', () => {
    it('pages through every published incident exactly once by the next links, as valid GeoJSON', async () => {
      const published = await api.getPublic<IncidentPage>('/api/v1/incidents?limit=1');
      const first = await get<FeatureCollection>('/ogc/collections/incidents/items?limit=4');
      expect(first.type).toMatch(/^application\/geo\+json/);
      expect(first.body.numberMatched).toBe(published.body.total);
      expect(first.body.numberReturned).toBe(4);
      expect(Date.parse(first.body.timeStamp)).not.toBeNaN();
      const { features, pages } = await walk('/ogc/collections/incidents/items?limit=4');
      expect(pages).toHaveLength(Math.ceil(published.body.total / 4));
      const ids = features.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(published.body.total);
      expect(ids).toEqual(expect.arrayContaining([kharkiv.id, kherson.id]));
      expect(ids).not.toContain(unpublished.id);
      for (const page of pages) {
        expect(validateFeatureCollection(page), JSON.stringify(validateFeatureCollection.errors)).toBe(true);
        expect(page.numberReturned).toBe(page.features.length);
      }
      expect(pages[1]?.links.find((l) => l.rel === 'prev')?.href).toBe(
        'http://localhost:80/ogc/collections/incidents/items?limit=4',
      );
      expect(pages[0]?.links.find((l) => l.rel === 'prev')).toBeUndefined();
    });

    it('keeps the other parameters in the paging links', async () => {
      const res = await get<FeatureCollection>(`/ogc/collections/incidents/items?${JUNE}&limit=1`);
      expect(res.body.numberMatched).toBe(2);
      const next = res.body.links.find((l) => l.rel === 'next')?.href ?? '';
      expect(new URL(next).searchParams.get('datetime')).toBe('2024-06-01/2024-06-30');
      expect(new URL(next).searchParams.get('offset')).toBe('1');
    });

    it('shows each incident with its properties and a page address; one by id, with its links', async () => {
      const res = await get<Feature & { links: Link[] }>(`/ogc/collections/incidents/items/${kharkiv.id}`);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/geo\+json/);
      expect(res.body.geometry).toEqual({ type: 'Point', coordinates: [KHARKIV.lon, KHARKIV.lat] });
      expect(res.body.properties).toMatchObject({
        id: kharkiv.id,
        title: 'Kharkiv substation',
        occurredAt: '2024-06-10T03:00:00+03:00',
        perpetrator: 'RU',
        target: 'infrastructure.energy.substation',
        verdict: 'none',
        verdicts: {},
        occurrence: null,
        locationPrecision: 'exact',
        url: `http://localhost:80/incidents/${kharkiv.id}`,
      });
      expect(res.body.links.map((l) => l.rel)).toEqual(['self', 'collection']);
    });

    it('gives the most serious verdict and the verdict per agreement, and the published occurrence', async () => {
      const { features } = await walk('/ogc/collections/incidents/items?limit=100');
      const sudzha = features.find((f) =>
        String(f.properties['title']).startsWith('HIMARS strike on the Sudzha'),
      );
      expect(sudzha?.properties).toMatchObject({
        verdict: 'covered',
        verdicts: { 'energy-moratorium-2025-03': 'covered', 'black-sea-2025-03': 'not-covered' },
        occurrence: 'corroborated',
      });
    });

    it('finds by bbox only what lies inside, with four numbers or six', async () => {
      for (const box of ['36,49.5,36.5,50.5', '36,49.5,0,36.5,50.5,100']) {
        const res = await get<FeatureCollection>(`/ogc/collections/incidents/items?${JUNE}&bbox=${box}`);
        expect(res.body.features.map((f) => f.id)).toEqual([kharkiv.id]);
      }
      const across = await get<FeatureCollection>('/ogc/collections/incidents/items?bbox=170,-10,-170,10');
      expect(across.body.numberMatched).toBe(0);
    });

    it('finds by datetime: a date, an instant, closed and open intervals', async () => {
      const ids = async (datetime: string) =>
        (
          await walk(`/ogc/collections/incidents/items?datetime=${encodeURIComponent(datetime)}`)
        ).features.map((f) => f.id);
      expect(await ids('2024-06-10')).toEqual([kharkiv.id]); // 03:00 Kyiv time: 00:00 UTC
      expect(await ids('2024-06-09')).toEqual([]);
      expect(await ids('2024-06-10T00:00:00Z')).toEqual([kharkiv.id]);
      expect(await ids('2024-06-01/2024-06-20')).toEqual([kharkiv.id, kherson.id]);
      expect(await ids('../2024-06-15')).toEqual([kharkiv.id]);
      expect(await ids('2024-06-15/2024-07-01')).toEqual([kherson.id]);
      expect((await ids('2024-06-15/..')).length).toBeGreaterThan(10);
    });

    it('filters by verdict, perpetrator (or party) and agreement, as the properties say', async () => {
      const all = (await walk('/ogc/collections/incidents/items?limit=100')).features;
      for (const verdict of ['covered', 'contested', 'unknown', 'not-covered', 'none']) {
        const got = await walk(`/ogc/collections/incidents/items?verdict=${verdict}`);
        expect(got.features.map((f) => f.id).sort(), verdict).toEqual(
          all
            .filter((f) => f.properties['verdict'] === verdict)
            .map((f) => f.id)
            .sort(),
        );
      }
      const ua = (await walk('/ogc/collections/incidents/items?perpetrator=UA')).features;
      expect(ua.length).toBeGreaterThan(0);
      expect(ua.every((f) => f.properties['perpetrator'] === 'UA')).toBe(true);
      const party = (await walk('/ogc/collections/incidents/items?party=UA')).features;
      expect(party.map((f) => f.id)).toEqual(ua.map((f) => f.id));
      expect(
        (await get<FeatureCollection>('/ogc/collections/incidents/items?party=UA&perpetrator=RU')).body
          .numberMatched,
      ).toBe(0);
      const moratorium = (
        await walk('/ogc/collections/incidents/items?agreement=energy-moratorium-2025-03&verdict=covered')
      ).features;
      expect(moratorium.length).toBeGreaterThan(0);
      for (const f of moratorium)
        expect((f.properties['verdicts'] as Record<string, string>)['energy-moratorium-2025-03']).toBe(
          'covered',
        );
    });

    it('counts without features for resultType=hits', async () => {
      const res = await get<FeatureCollection>(`/ogc/collections/incidents/items?${JUNE}&resultType=hits`);
      expect(res.body).toMatchObject({ numberMatched: 2, numberReturned: 0, features: [] });
    });

    it('reads a limit above 10,000 as 10,000', async () => {
      const res = await get<FeatureCollection>('/ogc/collections/incidents/items?limit=50000&offset=2');
      expect(res.status).toBe(200);
      expect(
        new URL(res.body.links.find((l) => l.rel === 'prev')?.href ?? '').searchParams.get('limit'),
      ).toBe('10000');
    });
  });

  describe('refusals', () => {
    it.each([
      ['/ogc/collections/incidents/items?bbox=36,49,37', 'query.bbox', 'four numbers'],
      ['/ogc/collections/incidents/items?bbox=36,49,37,x', 'query.bbox', 'number'],
      ['/ogc/collections/incidents/items?bbox=36,51,37,49', 'query.bbox', 'southern edge'],
      ['/ogc/collections/incidents/items?bbox=36,49,190,50', 'query.bbox', 'longitudes'],
      ['/ogc/collections/incidents/items?datetime=last-week', 'query.datetime', 'RFC 3339'],
      ['/ogc/collections/incidents/items?datetime=2024-06-30/2024-06-01', 'query.datetime', 'ends before'],
      ['/ogc/collections/incidents/items?datetime=2024-06-10T10:00:00', 'query.datetime', 'RFC 3339'],
      ['/ogc/collections/incidents/items?limit=0', 'query.limit', '>=1'],
      ['/ogc/collections/incidents/items?limit=ten', 'query.limit', 'number'],
      ['/ogc/collections/incidents/items?verdict=violation', 'query.verdict', 'expected one of'],
      [
        '/ogc/collections/incidents/items?agreement=no-such-agreement',
        'query.agreement',
        'no-such-agreement',
      ],
      ['/ogc/collections/incidents/items?filter=verdict%3D%27covered%27', 'query.filter', 'Unrecognized key'],
      ['/ogc/collections/sectors/items?datetime=2024-06-01', 'query.datetime', 'Unrecognized key'],
      ['/ogc?f=html', 'query.f', 'expected "json"'],
    ])('answers %s with 400 naming %s', async (url, path, message) => {
      const before = await storedCounts(h);
      const res = await get<ErrorReply>(url);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues?.[0]?.path).toBe(path);
      expect(res.body.error.message).toContain(message);
      expect(await storedCounts(h)).toEqual(before);
    });

    it.each([
      ['/ogc/collections/nope', 'COLLECTION_NOT_FOUND'],
      ['/ogc/collections/nope/items', 'COLLECTION_NOT_FOUND'],
      ['/ogc/collections/nope/items/1', 'COLLECTION_NOT_FOUND'],
      ['/ogc/collections/incidents/items/00000000-0000-4000-8000-000000000000', 'INCIDENT_NOT_FOUND'],
      ['/ogc/collections/frontline/items/2024-06-02', 'FEATURE_NOT_FOUND'],
      ['/ogc/collections/sectors/items/nowhere', 'FEATURE_NOT_FOUND'],
      ['/ogc/collections/admin-areas/items/UA-99', 'FEATURE_NOT_FOUND'],
      ['/ogc/nothing-here', 'NOT_FOUND'],
    ])('answers %s with a JSON 404 (%s)', async (url, code) => {
      const res = await get<ErrorReply>(url);
      expect(res.status).toBe(404);
      expect(res.type).toMatch(/^application\/json/);
      expect(res.body.error.code).toBe(code);
    });

    it('answers an unpublished incident with 404, even to a signed-in reader', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: `/ogc/collections/incidents/items/${unpublished.id}`,
        headers: h.auth,
      });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Not yet published');
    });
  });

  describe('front line, sectors and oblasts', () => {
    it('gives one line per snapshot, and datetime picks the snapshot in force', async () => {
      const dates = async (query: string) =>
        (await get<FeatureCollection>(`/ogc/collections/frontline/items?${query}`)).body.features.map(
          (f) => f.id,
        );
      expect(await dates('')).toEqual(['2024-06-01', '2024-06-15']);
      expect(await dates('datetime=2024-06-10')).toEqual(['2024-06-01']);
      expect(await dates('datetime=2025-01-01T12:00:00Z')).toEqual(['2024-06-15']);
      expect(await dates('datetime=2024-06-10/2024-06-20')).toEqual(['2024-06-01', '2024-06-15']);
      expect(await dates('datetime=../2024-05-31')).toEqual([]);
      expect(await dates('bbox=37.42,47,37.44,49')).toEqual(['2024-06-01']);
      const one = await get<Feature>('/ogc/collections/frontline/items/2024-06-01');
      expect(one.body.geometry?.type).toBe('MultiLineString');
      expect(one.body.properties).toMatchObject({
        validFrom: '2024-06-01',
        validUntil: '2024-06-15',
        source: 'test',
      });
    });

    it('serves the sectors and the oblasts, found by bbox', async () => {
      const sectors = await get<FeatureCollection>('/ogc/collections/sectors/items');
      expect(sectors.body.features[0]).toMatchObject({
        id: 'kharkiv',
        properties: { key: 'kharkiv', name: 'Kharkiv' },
      });
      const near = await get<FeatureCollection>(
        `/ogc/collections/admin-areas/items?bbox=${KHARKIV.lon},${KHARKIV.lat},${KHARKIV.lon},${KHARKIV.lat}`,
      );
      expect(near.body.features.map((f) => f.id)).toEqual(['UA-63']);
      const all = await walk('/ogc/collections/admin-areas/items?limit=5');
      expect(all.features).toHaveLength(27);
      const one = await get<Feature>('/ogc/collections/admin-areas/items/UA-63');
      expect(one.body.properties).toEqual({ code: 'UA-63', name: 'Kharkiv' });
    });
  });
});
