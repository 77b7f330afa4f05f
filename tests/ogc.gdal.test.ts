// GDAL itself as the OGC API client: `ogrinfo` and `ogr2ogr` (OAPIF driver) against the real server listening on
// a loopback port with the demo loaded. The counts must match the API's, and the bbox and attribute filters must
// reach the server (GDAL's debug log shows the URLs it fetched) rather than be applied by GDAL alone. Without GDAL
// the suite is skipped with a printed reason, except under CI=true, where a missing GDAL fails.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/server/app.js';
import { createServices } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { freshDatabase, type TestDatabase } from './support/engines.js';

const run = promisify(execFile);

async function gdalAvailable(): Promise<boolean> {
  try {
    await run('ogrinfo', ['--version'], { timeout: 10_000 });
    return true;
  } catch {
    const reason =
      'the GDAL client tests need ogrinfo and ogr2ogr (apt-get install gdal-bin), which are missing';
    if (process.env['CI'] === 'true') throw new Error(`${reason} (CI=true: not skipping)`);
    console.warn(`skipping: ${reason}`);
    return false;
  }
}

const available = await gdalAvailable();

interface Page {
  features: { id: string }[];
  links: { rel: string; href: string }[];
  numberMatched: number;
}

/** GDAL's output and debug log; every HTTP fetch it makes is logged as `HTTP: Fetch(url)`. */
async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: readonly string[]) {
  const { stdout, stderr } = await run(tool, args, {
    timeout: 60_000,
    env: { ...process.env, CPL_DEBUG: 'ON', GDAL_HTTP_TIMEOUT: '30' },
  });
  const fetched = [...stderr.matchAll(/HTTP: Fetch\((\S+)\)/g)].map((m) => m[1] ?? '');
  return { stdout, fetched };
}

describe.skipIf(!available)('GDAL reads the OGC API', () => {
  let database: TestDatabase;
  let app: App;
  let root: string;
  let dir: string;

  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    const services = createServices(database.db);
    await loadDemo(services);
    app = await buildApp({ services });
    root = `${await app.listen({ port: 0, host: '127.0.0.1' })}/ogc`;
    dir = mkdtempSync(join(tmpdir(), 'truceline-gdal-'));
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function json<T>(path: string): Promise<T> {
    const res = await fetch(`${root.replace(/\/ogc$/, '')}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  /** Every feature id of an items query of our own, following the next links. */
  async function ownIds(query: string): Promise<string[]> {
    const ids: string[] = [];
    let next: string | undefined = `${root}/collections/incidents/items?${query}`;
    while (next) {
      const res = await fetch(next);
      const page = (await res.json()) as Page;
      ids.push(...page.features.map((f) => f.id));
      next = page.links.find((l) => l.rel === 'next')?.href;
    }
    return ids;
  }

  function exportedIds(file: string): string[] {
    const collection = JSON.parse(readFileSync(file, 'utf8')) as {
      features: { properties: { id: string } }[];
    };
    return collection.features.map((f) => f.properties.id);
  }

  it('ogrinfo opens the service, lists the collections and counts the published incidents', async () => {
    const { total } = await json<{ total: number }>('/api/v1/incidents?limit=1');
    const { stdout } = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${root}`, 'incidents']);
    expect(stdout).toContain('Layer name: incidents');
    expect(stdout).toMatch(/Geometry: Point/);
    expect(stdout).toMatch(/verdict: String/);
    expect(stdout).toMatch(/occurredAt: DateTime/);
    expect(Number(/Feature Count: (\d+)/.exec(stdout)?.[1])).toBe(total);
    const layers = await gdal('ogrinfo', ['-ro', '-q', `OAPIF:${root}`]);
    for (const layer of ['incidents', 'frontline', 'occupied', 'sectors', 'admin-areas'])
      expect(layers.stdout).toContain(layer);
  });

  it('ogr2ogr pages through every incident with small pages', async () => {
    const { total } = await json<{ total: number }>('/api/v1/incidents?limit=1');
    const out = join(dir, 'all.geojson');
    const { fetched } = await gdal('ogr2ogr', [
      '-f',
      'GeoJSON',
      out,
      `OAPIF:${root}`,
      'incidents',
      '-oo',
      'PAGE_SIZE=4',
    ]);
    const ids = exportedIds(out);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(fetched.filter((url) => url.includes('offset=')).length).toBe(Math.ceil(total / 4) - 1);
  });

  it('ogr2ogr sends a bbox and an attribute filter to the server, and gets what the API counts', async () => {
    const out = join(dir, 'covered.geojson');
    const { fetched } = await gdal('ogr2ogr', [
      '-f',
      'GeoJSON',
      out,
      `OAPIF:${root}`,
      'incidents',
      '-spat',
      '30',
      '44',
      '41',
      '53',
      '-where',
      "verdict = 'covered' AND perpetrator = 'RU'",
    ]);
    const itemRequests = fetched.filter((url) => url.includes('/collections/incidents/items?'));
    const filtered = itemRequests.filter((url) => url.includes('verdict=covered'));
    expect(filtered.length, itemRequests.join('\n')).toBeGreaterThan(0);
    for (const url of filtered) {
      const params = new URL(url).searchParams;
      expect(params.get('perpetrator')).toBe('RU');
      expect(params.get('bbox')?.split(',').map(Number)).toEqual([30, 44, 41, 53]);
    }
    const ids = exportedIds(out).sort();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual((await ownIds('bbox=30,44,41,53&verdict=covered&perpetrator=RU')).sort());
    // Every published incident the API finds covered and alleged against Russia lies in that box.
    const api = await json<{ total: number }>('/api/v1/incidents?verdict=covered&party=RU&limit=1');
    expect(ids).toHaveLength(api.total);
  });

  it('ogr2ogr sends a date filter as datetime', async () => {
    const out = join(dir, 'april.geojson');
    const { fetched } = await gdal('ogr2ogr', [
      '-f',
      'GeoJSON',
      out,
      `OAPIF:${root}`,
      'incidents',
      '-where',
      "occurredAt >= '2025-04-01'",
    ]);
    expect(fetched.some((url) => decodeURIComponent(url).includes('datetime=2025-04-01T/..'))).toBe(true);
    expect(exportedIds(out).sort()).toEqual((await ownIds('datetime=2025-04-01/..')).sort());
  });
});
