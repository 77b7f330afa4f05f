// The map at scale in Chromium: with a few thousand published incidents the map asks the server for its view's
// box and zoom, draws the clusters per grid cell the server counts at a wide zoom, opens a cell on a click and
// draws points at a close zoom, asking again after each move.

// Callbacks of page.evaluate run in the browser, with the DOM's types.
/// <reference lib="dom" />

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../bench/seed.js';
import { CLUSTER_ABOVE } from '../src/services/map.js';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  startServer,
  type LiveServer,
} from './support/browser.js';

const available = browserAvailable('the map browser tests');

interface Cell {
  geometry: { coordinates: [number, number] };
  properties: { count: number };
}

/** Settled: idle, no answer awaited, something drawn. */
function settled(): boolean {
  const map = document.querySelector<HTMLElement>('[data-testid=map]');
  const drawn = Number(map?.dataset['renderedPoints'] ?? 0) + Number(map?.dataset['renderedClusters'] ?? 0);
  return map?.dataset['idle'] === 'true' && map.dataset['loading'] === 'false' && drawn > 0;
}

/** Where a place is drawn on a Web Mercator map of 512-pixel tiles centred on `center` at `zoom`. */
function screenPoint(
  [lon, lat]: readonly [number, number],
  center: readonly [number, number],
  zoom: number,
  size: { width: number; height: number },
): { x: number; y: number } {
  const world = 512 * 2 ** zoom;
  const x = (l: number) => ((l + 180) / 360) * world;
  const y = (φ: number) =>
    ((1 - Math.log(Math.tan(Math.PI / 4 + (φ * Math.PI) / 360)) / Math.PI) / 2) * world;
  return { x: size.width / 2 + x(lon) - x(center[0]), y: size.height / 2 + y(lat) - y(center[1]) };
}

describe.skipIf(!available)('the map at scale in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  const asked: URL[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(async (services) => {
      await seedIncidents(services.db.kysely, { count: CLUSTER_ABOVE + 1_000, blurred: 0.5 });
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/map/incidents') asked.push(url);
    });
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('draws the clusters the server counts for a wide view, asking for the view and its zoom', async () => {
    const cells = page.waitForResponse(
      (r) => r.url().includes('/api/v1/map/incidents?') && r.url().includes('bbox='),
    );
    await page.goto(`${server.url}/map?date=2025-04-30&days=all&lon=34&lat=48.5&z=5`);
    const answer = (await (await cells).json()) as { clustered?: boolean; features: Cell[] };
    await page.waitForFunction(settled, undefined, { timeout: 60_000 });
    expect(answer.clustered).toBe(true);
    const view = asked.find((u) => u.searchParams.has('bbox'));
    expect(view?.searchParams.get('zoom')).toBe('5');
    // The view (about 14° × 6° at zoom 5 in 1280 × 900 pixels) padded by half on each side, holding its centre.
    const [west, south, east, north] = (view?.searchParams.get('bbox') ?? '').split(',').map(Number);
    expect(west !== undefined && east !== undefined && west < 34 && east > 34 && east - west > 20).toBe(true);
    expect(south !== undefined && north !== undefined && south < 48.5 && north > 48.5).toBe(true);

    const map = page.getByTestId('map');
    const data = await map.evaluate((e) => Object.fromEntries(Object.entries(e.dataset)));
    expect(data['clustered']).toBe('true');
    expect(Number(data['renderedCells'])).toBeGreaterThan(0);
    expect(Number(data['renderedPoints'])).toBe(0);
    const total = answer.features.reduce((sum, f) => sum + f.properties.count, 0);
    await expect(page.getByTestId('map-status').innerText()).resolves.toMatch(
      new RegExp(`${total.toLocaleString('en-GB')} incidents shown, counted per grid cell`),
    );
  });

  it('opens a cell on a click and asks again for the closer view', async () => {
    const answer = await page.evaluate<{ features: Cell[] }>(async () => {
      const response = await fetch('/api/v1/map/incidents?bbox=22,40,45,55&zoom=5');
      return (await response.json()) as { features: Cell[] };
    });
    const biggest = [...answer.features].sort((a, b) => b.properties.count - a.properties.count)[0];
    expect(biggest).toBeDefined();
    // What the map asks from here on (the question above was the test's own).
    const before = asked.length;
    const box = await page.getByTestId('map').boundingBox();
    if (box === null || biggest === undefined) throw new Error('no map or no cell');
    const at = screenPoint(biggest.geometry.coordinates, [34, 48.5], 5, box);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect
      .poll(() => Number(new URL(page.url()).searchParams.get('z')), { timeout: 20_000 })
      .toBeGreaterThan(6);
    const closer = () =>
      asked.slice(before).filter((u) => u.searchParams.has('bbox') && Number(u.searchParams.get('zoom')) > 5);
    await expect.poll(() => closer().length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForFunction(settled, undefined, { timeout: 60_000 });
  });

  it('draws points at a close zoom', async () => {
    await page.goto(`${server.url}/map?date=2025-04-30&days=all&lon=35.05&lat=48.46&z=11`);
    await page.waitForFunction(settled, undefined, { timeout: 60_000 });
    const data = await page.getByTestId('map').evaluate((e) => Object.fromEntries(Object.entries(e.dataset)));
    expect(data['clustered']).toBe('false');
    expect(Number(data['renderedCells'])).toBe(0);
    expect(Number(data['renderedPoints']) + Number(data['renderedClusters'])).toBeGreaterThan(0);
  });
});
