// Open-data exports on every engine: what each file holds and how it is sent (media type, attachment name, ETag),
// that GeoJSON is valid RFC 7946 and KML well-formed (and that GDAL reads both), that filters narrow exactly as
// GET /incidents does, that nothing unpublished or redacted is in any byte, and that a large export streams whole.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import featureCollectionSchema from 'geojson-schema/FeatureCollection.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../src/cli/context.js';
import { lonLat } from '../src/core/geo.js';
import type { Incident, IncidentId } from '../src/core/model.js';
import { insertIncident, markIncidentPublished } from '../src/db/incidents.js';
import { importSnapshot } from '../src/services/frontline.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type IncidentPage, storedCounts } from './support/requests.js';

/** Every file of /api/v1/exports. */
const FILES = [
  'incidents.csv',
  'incidents.acled.csv',
  'incidents.geojson',
  'incidents.kml',
  'agreements.json',
  'agreements.csv',
  'findings.csv',
  'exchanges.csv',
  'frontline.geojson',
  'frontline.kml',
];

// June 2024: outside every demo incident, so that a date filter isolates this file's incidents.
const JUNE = 'from=2024-06-01&to=2024-06-30';
/** Exact coordinates with digits no blurred point or demo incident has. */
const SECRET_SPOT = { lon: 36.2304, lat: 49.9935 };

/** A small occupied area in Donetsk oblast, from which the line of contact is derived. */
const SNAPSHOT = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [37.6, 47.6],
            [37.6, 48.2],
            [38.4, 48.2],
            [38.4, 47.6],
            [37.6, 47.6],
          ],
        ],
      },
    },
  ],
});

interface Feature {
  id: string;
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

/** A published incident of the bulk test; each copy gets its own id, time and place. */
const BASE_INCIDENT: Incident = {
  id: '' as IncidentId,
  ref: null,
  occurredAt: '',
  timePrecision: 'hour',
  title: '',
  eventType: null,
  subEventType: null,
  actor1: null,
  actor2: null,
  country: 'Ukraine',
  admin1: null,
  admin2: null,
  admin3: null,
  locationName: null,
  location: null,
  geoPrecision: 1,
  sourceText: 'Bulk test',
  sourceScale: null,
  notes: null,
  fatalities: null,
  act: 'shelling',
  domain: null,
  target: null,
  weapon: null,
  perpetrator: null,
  counts: [],
  effects: [],
  observation: null,
  casualties: { killed: null, injured: null },
  allegations: [],
  geography: null,
  reportedBy: null,
  publishedAt: null,
  disclosure: { reporter: 'withheld', location: 'exact' },
  createdAt: '',
  updatedAt: '',
};

const rows = (csv: string) => parse<Record<string, string>>(csv, { columns: true, bom: true });

const gdal = await new Promise<boolean>((resolve) => {
  execFile('ogrinfo', ['--version'], (error) => {
    resolve(error === null);
  });
});
if (!gdal && process.env['CI'] === 'true') throw new Error('CI=true but GDAL (ogrinfo) is not installed.');

describeEachEngine('exports', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  const secrets: string[] = [];
  let reporterShown = '';
  let shownId = '';
  let blurredId = '';
  let withheldId = '';

  async function download(url: string, headers: Record<string, string> = {}) {
    return h.app.inject({ method: 'GET', url, headers });
  }

  beforeAll(async () => {
    const monitor = await actingAs(h, 'monitor');
    const file = async (overrides: Parameters<typeof incidentInput>[0], headers = h.auth) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers,
        payload: incidentInput({ occurredAt: '2024-06-10T03:00:00+03:00', ...overrides }),
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; reportedBy: string }>();
    };
    const shown = await file({
      title: 'Exact and open',
      disclosure: { reporter: 'shown', location: 'exact' },
    });
    reporterShown = shown.reportedBy;
    shownId = shown.id;
    const blurred = await file(
      {
        title: 'Blurred strike',
        location: SECRET_SPOT,
        locationName: 'Secret Blurred Village',
        admin3: 'Secret Hromada',
        disclosure: { reporter: 'withheld', location: 'blurred' },
      },
      monitor.headers,
    );
    const withheld = await file(
      {
        title: 'Withheld strike',
        location: SECRET_SPOT,
        locationName: 'Secret Withheld Village',
        admin2: 'Secret Raion',
        disclosure: { reporter: 'withheld', location: 'withheld' },
      },
      monitor.headers,
    );
    const unpublished = await file({ title: 'Unpublished secret strike' });
    blurredId = blurred.id;
    withheldId = withheld.id;
    for (const id of [shown.id, blurred.id, withheld.id])
      await markIncidentPublished(h.services.db.kysely, id, '2024-06-12T00:00:00.000Z');
    // What no export may hold: the exact spot, the places, the reporter withheld, anything unpublished.
    const hidden = await api.get<IncidentPage>('/api/v1/incidents?status=unpublished&limit=500');
    expect(hidden.body.total).toBe(4);
    secrets.push(
      String(SECRET_SPOT.lon),
      String(SECRET_SPOT.lat),
      'Secret Blurred Village',
      'Secret Hromada',
      'Secret Withheld Village',
      'Secret Raion',
      blurred.reportedBy,
      unpublished.id,
      'Unpublished secret strike',
      ...hidden.body.items.flatMap((i) => [i.id, i.title]),
    );
    expect(blurred.reportedBy).not.toBe(reporterShown);
    await importSnapshot(h.services, CLI_ACTOR, { text: SNAPSHOT, date: '2025-03-18', source: 'test' });
    await importSnapshot(h.services, CLI_ACTOR, { text: SNAPSHOT, date: '2025-03-30', source: 'test' });
  });

  it('lists every export with its link, media type and filters', async () => {
    const res = await api.getPublic<{ items: { name: string; href: string; contentType: string }[] }>(
      '/api/v1/exports',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.name)).toEqual(FILES);
    for (const item of res.body.items) {
      const file = await download(item.href);
      expect(file.statusCode, item.name).toBe(200);
      expect(file.headers['content-type'], item.name).toBe(item.contentType);
    }
  });

  it('sends each file as an attachment named with its kind and the date, with an ETag, and 304 for the same version', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await download('/api/v1/exports/incidents.acled.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="truceline-incidents-acled-${today}.csv"`,
    );
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(res.headers['etag']);
    expect(etag).toMatch(/^W\/"exports-\d+"$/);
    const again = await download('/api/v1/exports/incidents.acled.csv', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await api.post('/api/v1/incidents', incidentInput({ title: 'A later write' }));
    const changed = await download('/api/v1/exports/incidents.acled.csv', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('writes GeoJSON that validates against the GeoJSON schema: [lon, lat] points, none where withheld', async () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(featureCollectionSchema);
    for (const url of ['/api/v1/exports/incidents.geojson', '/api/v1/exports/frontline.geojson']) {
      const body = JSON.parse((await download(url)).body) as { features: Feature[]; crs?: unknown };
      expect(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(body.crs).toBeUndefined();
    }
    const { features } = JSON.parse((await download(`/api/v1/exports/incidents.geojson?${JUNE}`)).body) as {
      features: Feature[];
    };
    const byId = new Map(features.map((f) => [f.id, f]));
    expect(byId.get(blurredId)?.geometry).toEqual({ type: 'Point', coordinates: [36.25, 49.95] });
    expect(byId.get(withheldId)?.geometry).toBeNull();
    expect(byId.get(withheldId)?.properties['location_disclosure']).toBe('withheld');
    const sloviansk = JSON.parse((await download('/api/v1/exports/incidents.geojson')).body) as {
      features: Feature[];
    };
    const demo = sloviansk.features.find((f) => f.properties['ref'] === 'demo-2025-03-18-sloviansk');
    expect(demo?.geometry?.coordinates).toEqual([37.6167, 48.8667]);
  });

  it('writes the front line per snapshot date: a line and an area each, valid until the next', async () => {
    const all = JSON.parse((await download('/api/v1/exports/frontline.geojson')).body) as {
      features: Feature[];
    };
    expect(all.features.map((f) => [f.id, f.geometry?.type, f.properties['valid_until']])).toEqual([
      ['line-2025-03-18', 'MultiLineString', '2025-03-30'],
      ['occupied-2025-03-18', 'MultiPolygon', '2025-03-30'],
      ['line-2025-03-30', 'MultiLineString', null],
      ['occupied-2025-03-30', 'MultiPolygon', null],
    ]);
    const one = JSON.parse((await download('/api/v1/exports/frontline.geojson?date=2025-03-25')).body) as {
      features: Feature[];
    };
    expect(one.features.map((f) => f.id)).toEqual(['line-2025-03-18', 'occupied-2025-03-18']);
    const range = JSON.parse(
      (await download('/api/v1/exports/frontline.geojson?from=2025-03-31&to=2025-04-30')).body,
    ) as { features: Feature[] };
    expect(range.features.map((f) => f.id)).toEqual(['line-2025-03-30', 'occupied-2025-03-30']);
  });

  it('writes KML that is well-formed XML, one placemark per feature, with its data', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'Placemark' });
    for (const [kml, geojson] of [
      ['incidents.kml', 'incidents.geojson'],
      ['frontline.kml', 'frontline.geojson'],
    ] as const) {
      const text = (await download(`/api/v1/exports/${kml}`)).body;
      // Well-formed, or the validator throws naming the line; then parsed.
      expect(SyntaxValidator.validate(text)).toBe(true);
      const doc = parser.parse(text) as { kml: { Document: { Placemark: { '@_id': string }[] } } };
      const features = (
        JSON.parse((await download(`/api/v1/exports/${geojson}`)).body) as { features: Feature[] }
      ).features;
      expect(doc.kml.Document.Placemark.map((p) => p['@_id'])).toEqual(features.map((f) => f.id));
    }
  });

  it.runIf(gdal)('is read by GDAL: the GeoJSON and the KML with every feature', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-exports-'));
    try {
      const count = (await api.getPublic<IncidentPage>('/api/v1/incidents?limit=1')).body.total;
      for (const name of ['incidents.geojson', 'incidents.kml']) {
        const path = join(dir, name);
        writeFileSync(path, (await download(`/api/v1/exports/${name}`)).body);
        const out = await new Promise<string>((resolve, reject) => {
          execFile('ogrinfo', ['-ro', '-so', '-al', path], { timeout: 20_000 }, (error, stdout) => {
            if (error) reject(new Error(`ogrinfo ${name}: ${error.message}`));
            else resolve(stdout);
          });
        });
        expect(out, name).toContain(`Feature Count: ${count}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('narrows incidents with the filters of GET /incidents, to the same count', async () => {
    const filters = [
      '',
      'agreement=energy-moratorium-2025-03',
      'verdict=contested',
      'agreement=energy-moratorium-2025-03&verdict=covered',
      'party=RU',
      'from=2025-03-25&to=2025-04-01',
      'target=infrastructure.energy',
      'oblast=UA-14',
      JUNE,
    ];
    for (const filter of filters) {
      const listed = await api.getPublic<IncidentPage>(`/api/v1/incidents?${filter}&limit=1`);
      const csv = rows((await download(`/api/v1/exports/incidents.csv?${filter}`)).body);
      const acled = rows((await download(`/api/v1/exports/incidents.acled.csv?${filter}`)).body);
      expect(csv.length, filter).toBe(listed.body.total);
      expect(acled.length, filter).toBe(listed.body.total);
    }
  });

  it('finds a blurred incident by its public point only, and a withheld one in no box', async () => {
    const ids = async (bbox: string) =>
      rows((await download(`/api/v1/exports/incidents.csv?${JUNE}&bbox=${bbox}`)).body).map((r) => r['id']);
    // Around the blurred incident's exact spot (and the exact incident) but not its public point (36.25, 49.95).
    expect(await ids('36.22,49.98,36.24,50.0')).toEqual([shownId]);
    expect(await ids('36.24,49.94,36.26,49.96')).toEqual([blurredId]);
    expect(await ids('-180,-90,180,90')).not.toContain(withheldId);
  });

  it('never writes a byte of what is unpublished, redacted or withheld, in any file or variant', async () => {
    const urls = [
      ...FILES.map((f) => `/api/v1/exports/${f}`),
      `/api/v1/exports/incidents.csv?${JUNE}&spreadsheet=true`,
      `/api/v1/exports/incidents.kml?${JUNE}`,
    ];
    for (const url of urls) {
      const body = (await download(url, h.auth)).body;
      for (const secret of secrets) expect(body.includes(secret), `${url} holds ${secret}`).toBe(false);
    }
    const shown = (await download(`/api/v1/exports/incidents.csv?${JUNE}`)).body;
    expect(shown).toContain(reporterShown);
  });

  it('refuses a bad filter with 400 or 404 naming it, and writes nothing', async () => {
    const before = await storedCounts(h);
    const cases = [
      ['incidents.geojson?bbox=36,50,37', 400, 'query.bbox'],
      ['incidents.csv?bbox=36,51,37,50', 400, 'query.bbox'],
      ['incidents.csv?verdict=maybe', 400, 'query.verdict'],
      ['incidents.kml?status=unpublished', 400, 'query.status'],
      ['findings.csv?spreadsheet=yes', 400, 'query.spreadsheet'],
      ['frontline.kml?date=2025-03-18&from=2025-03-01', 400, 'query.date'],
      ['frontline.geojson?date=2025-03-01', 404, 'date'],
      ['incidents.csv?agreement=no-such-agreement', 404, null],
      ['incidents.csv?sector=no-such-sector', 404, 'sector'],
    ] as const;
    for (const [url, status, path] of cases) {
      const res = await download(`/api/v1/exports/${url}`);
      expect(res.statusCode, url).toBe(status);
      const body = res.json<{ error: { details: { issues?: { path: string }[] } } }>();
      if (path !== null) expect(body.error.details.issues?.[0]?.path, url).toBe(path);
    }
    expect(await storedCounts(h)).toEqual(before);
  });
});

describe('exports for spreadsheets', () => {
  const h = useApp('sqlite');

  it('starts with a BOM and defuses formula-like text, which the plain CSV keeps as written', async () => {
    const api = client(h);
    const created = await api.post<{ id: string }>(
      '/api/v1/incidents',
      incidentInput({
        title: '=HYPERLINK("http://evil.example","x")',
        notes: '@SUM(1+1)',
        perpetrator: null,
        allegations: [],
      }),
    );
    await markIncidentPublished(h.services.db.kysely, created.body.id, '2024-06-12T00:00:00.000Z');
    const plain = await h.app.inject({ method: 'GET', url: '/api/v1/exports/incidents.csv' });
    const sheet = await h.app.inject({
      method: 'GET',
      url: '/api/v1/exports/incidents.csv?spreadsheet=true',
    });
    expect(rows(plain.body)[0]).toMatchObject({
      title: '=HYPERLINK("http://evil.example","x")',
      notes: '@SUM(1+1)',
    });
    expect(sheet.body.startsWith('\ufeffid,ref,title')).toBe(true);
    expect(rows(sheet.body)[0]).toMatchObject({
      title: `'=HYPERLINK("http://evil.example","x")`,
      notes: "'@SUM(1+1)",
    });
  });
});

describeEachEngine('a large export', (engine) => {
  const h = useApp(engine);
  const COUNT = 5000;

  beforeAll(async () => {
    // Straight through the repository, in one transaction: the export is under test, not filing.
    await h.services.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < COUNT; i++) {
        const at = new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString();
        const incident: Incident = {
          ...BASE_INCIDENT,
          id: `bulk-${String(i).padStart(5, '0')}` as IncidentId,
          ref: `bulk-${i}`,
          title: `Bulk incident ${i}`,
          occurredAt: at,
          location: lonLat(30 + (i % 100) / 10, 45 + Math.floor(i / 100) / 10),
          publishedAt: at,
          createdAt: at,
          updatedAt: at,
        };
        await insertIncident(trx, incident, at);
      }
    });
  });

  it('streams every incident once, in time order, in batches', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/exports/incidents.csv' });
    expect(res.statusCode).toBe(200);
    const ids = rows(res.body).map((r) => r['id']);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids).toEqual([...ids].sort());
    const geojson = JSON.parse(
      (await h.app.inject({ method: 'GET', url: '/api/v1/exports/incidents.geojson?bbox=30,45,30.45,45.05' }))
        .body,
    ) as { features: Feature[] };
    expect(geojson.features).toHaveLength(5);
  });
});
