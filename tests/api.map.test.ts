// GET /api/v1/map/incidents at scale on every engine: a wide view (zoom below 10) of more than 2,000 incidents is
// answered as clusters per grid cell, counted in SQL; the public's clusters count only what the public's points
// show (published, withheld left out) and sit at the mean of the positions shown (blurred ones at the centre of
// their 0.1-degree cell); small answers, a close zoom and no zoom stay points; both answers match their schema.

import { Ajv } from 'ajv';
import featureCollectionSchema from 'geojson-schema/FeatureCollection.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../bench/seed.js';
import { mapClustersShape, mapPointsShape } from '../src/server/routes/map/schema.js';
import { CLUSTER_ABOVE, cellTenthsFor, POINT_ZOOM } from '../src/services/map.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';
import { client, storedCounts, type ErrorReply } from './support/requests.js';

interface Point {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: { date: string; verdict: string; precision: string };
}
interface Cluster {
  id: string;
  geometry: { coordinates: [number, number] };
  bbox: [number, number, number, number];
  properties: {
    cluster: true;
    count: number;
    verdicts: Record<string, number>;
    first: string;
    last: string;
  };
}
interface Answer {
  type: 'FeatureCollection';
  truncated: boolean;
  clustered?: true;
  cellDegrees?: number;
  features: (Point | Cluster)[];
}

// Every demo and seeded incident lies in this box (the demo reaches into Russia and the Black Sea).
const UKRAINE = '20,40,50,60';
const SEEDED = CLUSTER_ABOVE + 500;
const ajv = new Ajv({ strict: false });
const validGeoJson = ajv.compile(featureCollectionSchema);

const clusters = (answer: Answer) => answer.features as Cluster[];
const points = (answer: Answer) => answer.features as Point[];
const total = (answer: Answer) => clusters(answer).reduce((sum, c) => sum + c.properties.count, 0);

/** Points grouped into the answer's cells by their shown position, as a client would: count and mean per cell. */
function groupByCell(shown: readonly Point[], side: number) {
  const cells = new Map<string, { count: number; lon: number; lat: number }>();
  for (const p of shown) {
    const [lon, lat] = p.geometry.coordinates;
    // The same two steps as the server: the 0.1-degree cell, then whole cells of the side.
    const tenths = Math.round(side * 10);
    const key = `cell:${(Math.floor(Math.floor(lon / 0.1) / tenths) * tenths) / 10},${(Math.floor(Math.floor(lat / 0.1) / tenths) * tenths) / 10}`;
    const cell = cells.get(key) ?? { count: 0, lon: 0, lat: 0 };
    cells.set(key, { count: cell.count + 1, lon: cell.lon + lon, lat: cell.lat + lat });
  }
  return new Map(
    [...cells].map(([key, c]) => [key, { count: c.count, lon: c.lon / c.count, lat: c.lat / c.count }]),
  );
}

describeEachEngine('map clusters API', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let located = 0;
  let publicPoints: Point[] = [];

  beforeAll(async () => {
    const db = h.services.db.kysely;
    // Half of the copies blurred for the public; then a few withheld, which the public must never count.
    await seedIncidents(db, { count: SEEDED, blurred: 0.5 });
    await db
      .updateTable('incidents')
      .set({ location_disclosure: 'withheld' })
      .where('id', 'in', ['seed-0000', 'seed-0001', 'seed-0002', 'seed-0003'])
      .execute();
    const row = await db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('lon', 'is not', null)
      .executeTakeFirstOrThrow();
    located = Number(row.n);
    // The public's points, as the public sees them (no zoom: always points).
    const { body } = await api.getPublic<Answer>('/api/v1/map/incidents');
    publicPoints = points(body);
  }, 120_000);

  it('answers the staff a wide view of many incidents as clusters that count every located incident', async () => {
    const { status, body, headers } = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=5`);
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(body.clustered).toBe(true);
    expect(body.truncated).toBe(false);
    expect(body.cellDegrees).toBe(cellTenthsFor(5) / 10);
    expect(total(body)).toBe(located);
    for (const c of clusters(body)) {
      const { count, verdicts } = c.properties;
      expect(Object.values(verdicts).reduce((a, b) => a + b, 0)).toBe(count);
      // The mean of positions inside a cell lies inside it.
      const [west, south, east, north] = c.bbox;
      const [lon, lat] = c.geometry.coordinates;
      expect(lon >= west && lon <= east && lat >= south && lat <= north, c.id).toBe(true);
      expect(east - west).toBeCloseTo(body.cellDegrees ?? 0, 9);
      expect(c.properties.first <= c.properties.last).toBe(true);
    }
  });

  it('matches the documented schema and GeoJSON, clustered or not', async () => {
    const clustered = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=5`);
    expect(mapClustersShape.safeParse(clustered.body).error).toBeUndefined();
    expect(validGeoJson(clustered.body), ajv.errorsText(validGeoJson.errors)).toBe(true);
    const plain = await api.get<Answer>('/api/v1/map/incidents?limit=300');
    expect(mapPointsShape.safeParse(plain.body).error).toBeUndefined();
    expect(validGeoJson(plain.body), ajv.errorsText(validGeoJson.errors)).toBe(true);
    expect(points(plain.body)).toHaveLength(300);
  });

  it("places the public's clusters at the mean of the public's points, counting only those", async () => {
    const { body } = await api.getPublic<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=6`);
    expect(body.clustered).toBe(true);
    // Withheld and unpublished incidents are not in the public's points, nor in its clusters.
    expect(publicPoints.length).toBeLessThan(located - 3);
    expect(publicPoints.some((p) => p.properties.precision === 'blurred')).toBe(true);
    expect(total(body)).toBe(publicPoints.length);
    const expected = groupByCell(publicPoints, body.cellDegrees ?? 0);
    expect(
      clusters(body)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...expected.keys()].sort());
    for (const c of clusters(body)) {
      const cell = expected.get(c.id);
      expect(c.properties.count, c.id).toBe(cell?.count);
      // Rounded to 1e-5 degrees (about a metre) by the server.
      expect(Math.abs(c.geometry.coordinates[0] - (cell?.lon ?? NaN)), c.id).toBeLessThan(1e-5);
      expect(Math.abs(c.geometry.coordinates[1] - (cell?.lat ?? NaN)), c.id).toBeLessThan(1e-5);
    }
  });

  it("never places the public's clusters at exact places: the staff's means differ where incidents are blurred", async () => {
    const staff = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=6&from=2025-03-01`);
    const publicView = await api.getPublic<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=6`);
    const staffById = new Map(clusters(staff.body).map((c) => [c.id, c.geometry.coordinates]));
    const moved = clusters(publicView.body).filter((c) => {
      const exact = staffById.get(c.id);
      return exact !== undefined && Math.abs(exact[0] - c.geometry.coordinates[0]) > 1e-6;
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  it('applies the filters to the clusters', async () => {
    const covered = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=5&verdict=covered`);
    const all = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=5`);
    const coveredInAll = clusters(all.body).reduce(
      (sum, c) => sum + (c.properties.verdicts['covered'] ?? 0),
      0,
    );
    // Fewer than the threshold may be covered: then the answer is points, each covered.
    const count = covered.body.clustered
      ? total(covered.body)
      : points(covered.body).filter((p) => p.properties.verdict === 'covered').length;
    expect(count).toBe(coveredInAll);

    const april = await api.get<Answer>(
      `/api/v1/map/incidents?bbox=${UKRAINE}&zoom=5&from=2025-04-01&to=2025-04-30`,
    );
    for (const c of april.body.clustered ? clusters(april.body) : []) {
      expect(c.properties.first >= '2025-03-31').toBe(true);
      expect(c.properties.last <= '2025-05-01').toBe(true);
    }
    expect(april.body.clustered ? total(april.body) : april.body.features.length).toBeLessThan(located);
  });

  it('answers points at a close zoom, without a zoom, and for a box of few incidents', async () => {
    const close = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}&zoom=${POINT_ZOOM}&limit=50`);
    expect(close.body.clustered).toBeUndefined();
    expect(points(close.body)).toHaveLength(50);
    expect(close.body.truncated).toBe(true);

    const noZoom = await api.get<Answer>(`/api/v1/map/incidents?bbox=${UKRAINE}`);
    expect(noZoom.body.clustered).toBeUndefined();
    expect(noZoom.body.features).toHaveLength(located);

    // Mariupol, a box of a few dozen at most.
    const small = await api.get<Answer>('/api/v1/map/incidents?bbox=37.4,47,37.7,47.2&zoom=5');
    expect(small.body.clustered).toBeUndefined();
    expect(small.body.features.length).toBeLessThanOrEqual(CLUSTER_ABOVE);
  });

  it.each([
    ['zoom=23', 'zoom'],
    ['zoom=-1', 'zoom'],
    ['zoom=far', 'zoom'],
  ])('refuses %s, naming the field, and writes nothing', async (query, field) => {
    const before = await storedCounts(h);
    const { status, body } = await api.get<ErrorReply>(`/api/v1/map/incidents?${query}`);
    expect(status).toBe(400);
    expect(JSON.stringify(body.error)).toContain(field);
    expect(await storedCounts(h)).toEqual(before);
  });
});

describe('cell sizes', () => {
  it('are whole multiples of the 0.1-degree grid, halving or so with each zoom level', () => {
    for (let zoom = 0; zoom < POINT_ZOOM; zoom += 0.5) {
      const tenths = cellTenthsFor(zoom);
      expect(Number.isInteger(tenths), String(zoom)).toBe(true);
      expect(tenths).toBeGreaterThanOrEqual(1);
      expect(cellTenthsFor(zoom + 1)).toBeLessThanOrEqual(tenths);
    }
    expect(cellTenthsFor(9.9)).toBe(1);
  });
});
