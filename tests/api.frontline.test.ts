// The front-line API on every engine, on real DeepStateMap snapshots: which snapshot a date uses, locating
// points (distance checked against brute force), snapshots listed, re-import replacing, changes between dates.

import { beforeAll, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../src/core/geo.js';
import { geodesicKm } from '../src/core/geometry/ellipsoid.js';
import {
  FRAME_SIZE,
  nearestOnSegment,
  pointToSegmentKm,
  segmentFrame,
  unitVector,
} from '../src/core/geometry/sphere.js';
import { CLI_ACTOR } from '../src/cli/context.js';
import { importSnapshot } from '../src/services/frontline.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';
import { frontlineFile, readData, realDataAvailable } from './support/real-data.js';
import { auditEvents, client, type ErrorReply } from './support/requests.js';

const available = realDataAvailable('the front-line API tests');

/** Five days around the upstream gap of 31 March and 1 April 2025. */
const DAYS = ['20250318', '20250330', '20250402', '20250417', '20250430'];
const iso = (day: string) => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;

interface Located {
  snapshotDate: string;
  distanceKm: number;
  side: string;
  sector: string | null;
  admin1: { code: string; name: string } | null;
}

interface FrontlineCollection {
  type: string;
  snapshotDate: string;
  requestedDate: string | null;
  fallback: boolean;
  features: { properties: { kind: string }; geometry: { type: string; coordinates: number[][][] } }[];
}

const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;

describeEachEngine('front-line API', (engine) => {
  if (!available) return;
  const h = useApp(engine);
  const api = client(h);

  beforeAll(async () => {
    for (const day of DAYS)
      await importSnapshot(h.services, CLI_ACTOR, {
        text: readData(frontlineFile(day)),
        date: iso(day),
        source: 'DeepStateMap',
      });
  });

  it('lists the imported snapshots, oldest first', async () => {
    const { body } = await api.get<{ items: { validFrom: string; lineKm: number }[] }>(
      '/api/v1/frontline/snapshots',
    );
    expect(body.items.map((s) => s.validFrom)).toEqual(DAYS.map(iso));
    for (const s of body.items) expect(s.lineKm).toBeGreaterThan(1000);
  });

  it('answers 2025-03-31, a day with no file upstream, with the snapshot of 2025-03-30', async () => {
    const { status, body, headers } = await api.get<FrontlineCollection>('/api/v1/frontline?date=2025-03-31');
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('application/geo+json');
    expect(body).toMatchObject({
      type: 'FeatureCollection',
      requestedDate: '2025-03-31',
      snapshotDate: '2025-03-30',
      fallback: true,
    });
    expect(body.features.map((f) => [f.properties.kind, f.geometry.type])).toEqual([
      ['line-of-contact', 'MultiLineString'],
      ['occupied-area', 'MultiPolygon'],
    ]);
  });

  it('refuses a date before the first snapshot with SNAPSHOT_NOT_FOUND', async () => {
    const { status, body } = await api.get<ErrorReply>('/api/v1/frontline?date=2025-01-01');
    expect(status).toBe(404);
    expect(body.error.code).toBe('SNAPSHOT_NOT_FOUND');
  });

  it('locates Pokrovsk a few km from the line, on the controlled side, in Donetsk oblast', async () => {
    const { body } = await api.get<Located>('/api/v1/frontline/locate?lon=37.18&lat=48.28&date=2025-03-18');
    expect(body).toMatchObject({ snapshotDate: '2025-03-18', side: 'controlled', sector: 'donetsk-north' });
    expect(body.admin1).toEqual({ code: 'UA-14', name: 'Donetsk' });
    expect(body.distanceKm).toBeLessThan(15);
  });

  it('locates the centre of Donetsk city on the occupied side', async () => {
    const { body } = await api.get<Located>('/api/v1/frontline/locate?lon=37.80&lat=48.00&date=2025-04-20');
    expect(body).toMatchObject({ snapshotDate: '2025-04-17', side: 'occupied' });
  });

  it('finds Odesa in UA-51 and a point in Russia’s Kursk region in no oblast, both with a distance', async () => {
    const odesa = await api.get<Located>('/api/v1/frontline/locate?lon=30.73&lat=46.48&date=2025-04-02');
    expect(odesa.body.admin1).toEqual({ code: 'UA-51', name: 'Odesa' });
    const kursk = await api.get<Located>('/api/v1/frontline/locate?lon=35.19&lat=51.73&date=2025-04-02');
    expect(kursk.body).toMatchObject({ side: 'controlled', admin1: null });
    expect(kursk.body.distanceKm).toBeGreaterThan(100);
  });

  it('gives distances within 0.1 % of brute force over the line it serves, measured on WGS 84', async () => {
    const { body } = await api.get<FrontlineCollection>('/api/v1/frontline?date=2025-04-17');
    const line = body.features[0]?.geometry.coordinates ?? [];
    const segments = line.flatMap((part) =>
      part.slice(1).map((b, i) => [at(part[i]![0]!, part[i]![1]!), at(b[0]!, b[1]!)] as const),
    );
    for (const [lon, lat] of [
      [37.18, 48.28],
      [36.23, 49.99],
      [33.0, 46.9],
      [35.5, 47.2],
      [31.0, 50.5],
    ] as const) {
      // The nearest segment by brute force on the sphere, then the distance to its nearest point on WGS 84.
      const distances = segments.map(([a, b]) => pointToSegmentKm(at(lon, lat), a, b));
      const [a, b] = segments[distances.indexOf(Math.min(...distances))]!;
      const frame = new Float64Array(FRAME_SIZE);
      const degenerate = segmentFrame(a, b, frame, 0);
      const brute = geodesicKm(
        at(lon, lat),
        nearestOnSegment(...unitVector(at(lon, lat)), frame, 0, degenerate),
      );
      const { body: located } = await api.get<Located>(
        `/api/v1/frontline/locate?lon=${lon}&lat=${lat}&date=2025-04-17`,
      );
      expect(Math.abs(located.distanceKm - brute) / brute).toBeLessThan(0.001);
    }
  });

  it('rejects a locate without coordinates naming the field', async () => {
    const { status, body } = await api.get<ErrorReply>('/api/v1/frontline/locate?lon=37.18');
    expect(status).toBe(400);
    expect(JSON.stringify(body.error.details)).toContain('lat');
  });

  it('replaces a snapshot re-imported for the same date, and audits it', async () => {
    await importSnapshot(h.services, CLI_ACTOR, {
      text: readData(frontlineFile('20250417')),
      date: '2025-04-17',
      source: 'again',
    });
    const { body } = await api.get<{ items: { validFrom: string; source: string }[] }>(
      '/api/v1/frontline/snapshots',
    );
    expect(body.items.filter((s) => s.validFrom === '2025-04-17')).toEqual([
      expect.objectContaining({ source: 'again' }),
    ]);
    expect((await auditEvents(h)).at(-1)).toMatchObject({
      action: 'frontline.replace',
      subjectId: '2025-04-17',
    });
  });

  it('measures the area that changed hands between 18 March and 17 April, per direction and sector', async () => {
    const { body } = await api.get<{
      gainedKm2: number;
      regainedKm2: number;
      sectors: { key: string; gainedKm2: number }[];
      geojson: { features: { properties: { change: string } }[] };
    }>('/api/v1/frontline/changes?from=2025-03-18&to=2025-04-17');
    // SOURCES.md: about +183 km² net on the ellipsoid between these dates.
    expect(body.gainedKm2 - body.regainedKm2).toBeGreaterThan(150);
    expect(body.gainedKm2 - body.regainedKm2).toBeLessThan(215);
    const perSector = body.sectors.reduce((sum, s) => sum + s.gainedKm2, 0);
    expect(perSector).toBeCloseTo(body.gainedKm2, 0);
    expect(body.geojson.features.map((f) => f.properties.change)).toEqual(['gained', 'regained']);
  });
});
