// What the OGC API gives away, on every engine: only published incidents, each as its public copy. A blurred
// location is served and boxed by the centre of its cell, never by where it is; a withheld one has no geometry and
// no box finds it; place names, reporters and unpublished incidents appear nowhere in any response.

import { beforeAll, expect, it } from 'vitest';
import { blurCoordinate } from '../src/core/disclosure.js';
import { markIncidentPublished } from '../src/db/incidents.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

interface Sealed {
  id: string;
  title: string;
  reportedBy: string | null;
}

interface Feature {
  id: string;
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

interface FeatureCollection {
  features: Feature[];
  links: { rel: string; href: string }[];
  numberMatched: number;
}

/** Exact positions that no box of the public may reveal; 36.2347 blurs to 36.25, 49.9871 to 49.95. */
const BLURRED_AT = { lon: 36.2347, lat: 49.9871 };
const WITHHELD_AT = { lon: 36.3111, lat: 50.0222 };
const SECRETS = [
  '36.2347',
  '49.9871',
  '36.3111',
  '50.0222',
  'Saltivka depot',
  'Pisochyn yard',
  'Kharkivskyi raion',
];

describeEachEngine('OGC API privacy', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let blurred: Sealed;
  let withheld: Sealed;
  let unpublished: Sealed;

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the reply's shape
  async function get<T>(url: string): Promise<{ body: T; text: string }> {
    const res = await h.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return { body: res.json<T>(), text: res.body };
  }

  const items = (query: string) => get<FeatureCollection>(`/ogc/collections/incidents/items?${query}`);
  const ids = async (query: string) => (await items(query)).body.features.map((f) => f.id);

  beforeAll(async () => {
    const { headers } = await actingAs(h, 'monitor');
    const file = async (overrides: Parameters<typeof incidentInput>[0]) => {
      const filed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers,
        payload: incidentInput({ occurredAt: '2024-06-10T03:00:00+03:00', ...overrides }),
      });
      expect(filed.statusCode).toBe(201);
      // The sealed record, as the mission sees it, to know what must not leak.
      return (await api.get<Sealed>(`/api/v1/incidents/${filed.json<Sealed>().id}`)).body;
    };
    blurred = await file({
      title: 'Blurred strike',
      location: BLURRED_AT,
      locationName: 'Saltivka depot',
      admin3: 'Kharkivskyi raion',
      disclosure: { reporter: 'withheld', location: 'blurred' },
    });
    withheld = await file({
      title: 'Withheld strike',
      location: WITHHELD_AT,
      locationName: 'Pisochyn yard',
      admin2: 'Kharkivskyi raion',
      disclosure: { reporter: 'withheld', location: 'withheld' },
    });
    unpublished = await file({ title: 'Unpublished strike QX7' });
    for (const incident of [blurred, withheld])
      await markIncidentPublished(h.services.db.kysely, incident.id, '2024-06-12T00:00:00.000Z');
    expect(blurred.reportedBy).toMatch(/\S/);
  });

  it('serves a blurred location at the centre of its cell, and a withheld one without geometry', async () => {
    const b = await get<Feature>(`/ogc/collections/incidents/items/${blurred.id}`);
    expect(b.body.geometry?.coordinates).toEqual([
      blurCoordinate(BLURRED_AT.lon),
      blurCoordinate(BLURRED_AT.lat),
    ]);
    expect(b.body.geometry?.coordinates).toEqual([36.25, 49.95]);
    expect(b.body.properties['locationPrecision']).toBe('blurred');
    const w = await get<Feature>(`/ogc/collections/incidents/items/${withheld.id}`);
    expect(w.body.geometry).toBeNull();
    expect(w.body.properties).toMatchObject({ sector: null, oblast: null, locationPrecision: 'withheld' });
  });

  it('finds a blurred incident by a box around its blurred point, never by one around its exact point', async () => {
    // A box around the exact point that leaves out the centre of its cell.
    expect(await ids('bbox=36.23,49.98,36.24,49.99')).not.toContain(blurred.id);
    expect(await ids('bbox=36.2,49.96,36.245,50')).not.toContain(blurred.id);
    // A box around the centre that leaves out the exact point.
    expect(await ids('bbox=36.249,49.949,36.251,49.951')).toContain(blurred.id);
    expect(await ids('bbox=36.25,49.95,36.25,49.95')).toContain(blurred.id);
  });

  it('finds a withheld incident by no box at all, but lists it without one', async () => {
    for (const box of ['36.3,50,36.32,50.03', '-180,-90,180,90', '36,49,37,51'])
      expect(await ids(`bbox=${box}&limit=1000`), box).not.toContain(withheld.id);
    expect(await ids('datetime=2024-06-10')).toEqual(expect.arrayContaining([blurred.id, withheld.id]));
  });

  it('never serves an unpublished incident, by listing, count, id or filter', async () => {
    const listed = await items('datetime=2024-06-10&resultType=results');
    expect(listed.body.numberMatched).toBe(2);
    expect(listed.body.features.map((f) => f.id)).not.toContain(unpublished.id);
    const res = await h.app.inject({
      method: 'GET',
      url: `/ogc/collections/incidents/items/${unpublished.id}`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('leaves exact coordinates, place names, reporters and unpublished incidents out of every response', async () => {
    const texts: string[] = [];
    for (const url of ['/ogc', '/ogc/api', '/ogc/collections', '/ogc/collections/incidents'])
      texts.push((await get(url)).text);
    let next: string | undefined = '/ogc/collections/incidents/items?limit=5';
    while (next) {
      const page: { body: FeatureCollection; text: string } = await get<FeatureCollection>(
        next.replace(/^http:\/\/[^/]+/, ''),
      );
      texts.push(page.text);
      for (const f of page.body.features)
        texts.push((await get(`/ogc/collections/incidents/items/${f.id}`)).text);
      next = page.body.links.find((l) => l.rel === 'next')?.href;
    }
    for (const query of [
      'bbox=36,49,37,51',
      'datetime=2024-06-10',
      'verdict=none',
      'perpetrator=RU&limit=100',
    ])
      texts.push((await items(query)).text);
    const all = texts.join('\n');
    expect(all).toContain(blurred.id);
    expect(all).toContain(withheld.id);
    for (const secret of [
      ...SECRETS,
      unpublished.id,
      unpublished.title,
      blurred.reportedBy ?? '',
      withheld.reportedBy ?? '',
    ])
      expect(all, secret).not.toContain(secret);
  });
});
