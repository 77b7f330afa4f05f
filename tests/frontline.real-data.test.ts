// Front-line files and shipped boundaries on the real data, without a database: all 59 daily snapshots of
// March–April 2025 parse and derive, the raw DeepState exports give a per-feature report, and the shipped
// oblasts find cities in the right oblast.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin1At } from '../src/core/frontline.js';
import { lonLat, type LonLat } from '../src/core/geo.js';
import { polylineLengthKm } from '../src/core/geometry/sphere.js';
import { loadBoundaries } from '../src/io/boundaries.js';
import { prepareSnapshot } from '../src/services/frontline.js';
import { DATA_DIR, readData, realDataAvailable } from './support/real-data.js';

const available = realDataAvailable('the front-line real-data tests');
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;

describe.skipIf(!available)('front-line files on real data', () => {
  it('parses and derives all 59 daily snapshots of March–April 2025, each line 1,000–1,300 km', () => {
    const dir = path.join(DATA_DIR, 'frontline');
    const files = readdirSync(dir).filter((f) => /^deepstatemap_data_2025(03|04)\d\d\.geojson$/.test(f));
    expect(files).toHaveLength(59);
    const started = performance.now();
    for (const file of files) {
      const prepared = prepareSnapshot(readData(path.join(dir, file)));
      expect(prepared.lineFrom).toBe('derived');
      expect(prepared.features.map((f) => f.status)).toEqual(['occupied']);
      const km = prepared.line.reduce((sum, part) => sum + polylineLengthKm(part), 0);
      expect(km).toBeGreaterThan(1000);
      expect(km).toBeLessThan(1300);
    }
    console.info(`59 snapshots parsed and derived in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);

  it.each(readdirSyncSafe(path.join(DATA_DIR, 'frontline_raw_deepstate')))(
    'reads the raw export %s with a report for every feature',
    (file) => {
      const prepared = prepareSnapshot(readData(path.join(DATA_DIR, 'frontline_raw_deepstate', file)));
      const reasons = new Set(prepared.features.map((f) => (f.status === 'skipped' ? f.reason : f.status)));
      expect([...reasons].sort()).toEqual([
        'grey-zone',
        'liberated',
        'not-occupied',
        'occupied',
        'outside-country',
        'point',
      ]);
      const petsamo = prepared.features.find((f) => f.name === 'Occupied Petsamo');
      expect(petsamo).toMatchObject({ status: 'skipped', reason: 'outside-country' });
      const occupied = prepared.features.find((f) => f.status === 'occupied');
      expect(occupied).toMatchObject({ notes: ['3-D coordinates dropped to 2-D'] });
    },
  );

  it.each([
    ['Kharkiv', 36.23, 49.99, 'UA-63'],
    ['Yevpatoria', 33.37, 45.19, 'UA-43'],
    ['Kyiv', 30.52, 50.45, 'UA-30'],
    ['Odesa', 30.73, 46.48, 'UA-51'],
    ['Lviv', 24.03, 49.84, 'UA-46'],
    ['Sevastopol', 33.52, 44.6, 'UA-40'],
  ])('finds %s in its oblast in the shipped boundaries', (_city, lon, lat, code) => {
    expect(admin1At(loadBoundaries().admin, at(lon, lat))).toBe(code);
  });

  it('ships 27 first-level areas, each with an ISO code', () => {
    expect(new Set(loadBoundaries().oblasts.map((o) => o.code)).size).toBe(27);
  });
});

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.geojson'));
  } catch {
    return ['(missing)'];
  }
}
