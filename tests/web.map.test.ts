// GET /api/v1/map/incidents on every engine, on the demo: the points and their verdicts, what the public may see
// (published only, blurred to the centre of a 0.1-degree cell, withheld left out), filters, and bad queries.

import { beforeAll, expect, it } from 'vitest';
import { blurCoordinate } from '../src/core/disclosure.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';
import { client, type ErrorReply } from './support/requests.js';

interface Points {
  type: 'FeatureCollection';
  truncated: boolean;
  features: {
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { date: string; verdict: string; party: string | null; precision: string };
  }[];
}

const KHERSON_TRANSFORMER = 'demo-2025-04-16-kherson-transformer';
const POLTAVA_POWER_LINE = 'demo-2025-04-16-poltava-power-line';
const KHERSON = [32.6169, 46.6354] as const;

describeEachEngine('map points API', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  const ids = new Map<string, string>();
  let located = 0;

  beforeAll(async () => {
    const db = h.services.db.kysely;
    for (const row of await db.selectFrom('incidents').select(['id', 'ref', 'lon']).execute()) {
      if (row.ref) ids.set(row.ref, row.id);
      if (row.lon !== null) located++;
    }
    // Two published incidents: one exact, one blurred; a third published but withheld; the rest unpublished.
    await db.updateTable('incidents').set({ published_at: null }).execute();
    const publish = (ref: string, disclosure: string) =>
      db
        .updateTable('incidents')
        .set({ published_at: '2025-05-01T00:00:00.000Z', location_disclosure: disclosure })
        .where('ref', '=', ref)
        .execute();
    await publish(KHERSON_TRANSFORMER, 'blurred');
    await publish(POLTAVA_POWER_LINE, 'exact');
    await publish('demo-2025-04-01-kherson-power', 'withheld');
  });

  const feature = (points: Points, ref: string) => points.features.find((f) => f.id === ids.get(ref));

  it('gives the staff every located incident as a GeoJSON point, oldest first', async () => {
    const { status, body, headers } = await api.get<Points>('/api/v1/map/incidents');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(located);
    const dates = body.features.map((f) => f.properties.date);
    expect(dates).toEqual([...dates].sort());
    expect(body.truncated).toBe(false);
  });

  it('colours a point by its most serious verdict, or by the verdict against one agreement', async () => {
    const all = await api.get<Points>('/api/v1/map/incidents');
    // Covered by the moratorium, not covered by the Black Sea arrangement.
    expect(feature(all.body, KHERSON_TRANSFORMER)?.properties.verdict).toBe('covered');
    const blackSea = await api.get<Points>('/api/v1/map/incidents?agreement=black-sea-2025-03');
    expect(feature(blackSea.body, KHERSON_TRANSFORMER)?.properties.verdict).toBe('not-covered');
  });

  it('shows the staff the exact location of a blurred incident', async () => {
    const { body } = await api.get<Points>('/api/v1/map/incidents');
    const point = feature(body, KHERSON_TRANSFORMER);
    expect(point?.geometry.coordinates).toEqual([...KHERSON]);
    expect(point?.properties.precision).toBe('exact');
  });

  it('shows the public only published incidents, blurred ones at the centre of their cell, withheld ones not at all', async () => {
    const { status, body } = await api.getPublic<Points>('/api/v1/map/incidents');
    expect(status).toBe(200);
    expect(body.features.map((f) => f.id).sort()).toEqual(
      [ids.get(KHERSON_TRANSFORMER), ids.get(POLTAVA_POWER_LINE)].sort(),
    );
    const blurred = feature(body, KHERSON_TRANSFORMER);
    expect(blurred?.geometry.coordinates).toEqual([32.65, 46.65]);
    expect(blurred?.properties.precision).toBe('blurred');
    expect(feature(body, POLTAVA_POWER_LINE)?.properties.precision).toBe('exact');
  });

  it('filters by verdict, party, dates and box', async () => {
    const covered = await api.get<Points>('/api/v1/map/incidents?verdict=covered');
    expect(covered.body.features.length).toBeGreaterThan(0);
    for (const f of covered.body.features) expect(f.properties.verdict).toBe('covered');

    const ua = await api.get<Points>('/api/v1/map/incidents?party=UA');
    expect(ua.body.features.length).toBeGreaterThan(0);
    for (const f of ua.body.features) expect(f.properties.party).toBe('UA');

    // Dates filter on UTC days; a point carries the day as stated (Kherson: 16 April 00:00 Kyiv time).
    const april = await api.get<Points>('/api/v1/map/incidents?from=2025-04-15&to=2025-04-15');
    expect(feature(april.body, KHERSON_TRANSFORMER)?.properties.date).toBe('2025-04-16');
    const later = await api.get<Points>('/api/v1/map/incidents?from=2025-04-16');
    expect(feature(later.body, KHERSON_TRANSFORMER)).toBeUndefined();

    const box = await api.get<Points>('/api/v1/map/incidents?bbox=32,46,33.5,47');
    expect(box.body.features.map((f) => f.id)).toContain(ids.get(KHERSON_TRANSFORMER));
    for (const f of box.body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= 32 && lon <= 33.5 && lat >= 46 && lat <= 47).toBe(true);
    }
  });

  it("tests the public's box against a blurred point as shown, never against its exact place", async () => {
    // Kherson's exact place (32.6169, 46.6354) is in the first box, its blurred point (32.65, 46.65) is not.
    const exactOnly = await api.getPublic<Points>('/api/v1/map/incidents?bbox=32.6,46.6,32.64,46.64');
    expect(feature(exactOnly.body, KHERSON_TRANSFORMER)).toBeUndefined();
    const shownOnly = await api.getPublic<Points>('/api/v1/map/incidents?bbox=32.645,46.645,32.66,46.66');
    expect(feature(shownOnly.body, KHERSON_TRANSFORMER)?.geometry.coordinates).toEqual([32.65, 46.65]);
    // The staff's box is tested against the exact place.
    const staff = await api.get<Points>('/api/v1/map/incidents?bbox=32.6,46.6,32.64,46.64');
    expect(feature(staff.body, KHERSON_TRANSFORMER)?.geometry.coordinates).toEqual([...KHERSON]);
  });

  it('says when the limit cut the points short', async () => {
    const { body } = await api.get<Points>('/api/v1/map/incidents?limit=2');
    expect(body.features).toHaveLength(2);
    expect(body.truncated).toBe(true);
  });

  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=10,50,20,40', 'bbox'],
    ['from=2025-02-30', 'from'],
    ['verdict=maybe', 'verdict'],
  ])('refuses %s, naming the field', async (query, field) => {
    const { status, body } = await api.get<ErrorReply>(`/api/v1/map/incidents?${query}`);
    expect(status).toBe(400);
    expect(JSON.stringify(body.error)).toContain(field);
  });

  it('answers an unknown agreement with AGREEMENT_NOT_FOUND', async () => {
    const { status, body } = await api.get<ErrorReply>('/api/v1/map/incidents?agreement=no-such-thing');
    expect(status).toBe(404);
    expect(body.error.code).toBe('AGREEMENT_NOT_FOUND');
  });
});

it('blurs a coordinate to the centre of its 0.1-degree cell', () => {
  expect(blurCoordinate(32.6169)).toBe(32.65);
  expect(blurCoordinate(46.6354)).toBe(46.65);
  expect(blurCoordinate(-0.01)).toBe(-0.05);
});
