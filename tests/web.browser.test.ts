// The web app in Chromium against the real server with the demo: the overview, the moratorium's readouts side by
// side, the map drawing the line of contact and incident points, the incidents table filtered through the
// address, signing in and out, the language switch, and an axe-core check of the main views.

// Callbacks of page.evaluate run in the browser, with the DOM's types.
/// <reference lib="dom" />

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/core/policy.js';
import { importSnapshot } from '../src/services/frontline.js';
import { addUser } from '../src/services/users.js';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  startServer,
  type LiveServer,
} from './support/browser.js';

const available = browserAvailable('the web app browser tests');

const SYSTEM: Actor = { kind: 'system', name: 'web-test' };
const ADMIN = { email: 'admin@mission.example', password: 'correct horse battery staple' };
const MORATORIUM = 'energy-moratorium-2025-03';

/** A made-up front line in the east (an occupied box and the line along its west side) from a date. */
function snapshot(westLon: number): string {
  const box = [
    [westLon, 47.1],
    [40.0, 47.1],
    [40.0, 49.6],
    [westLon, 49.6],
    [westLon, 47.1],
  ];
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [box] } },
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: [box[3], [westLon - 0.3, 48.4], box[0]] },
      },
    ],
  });
}

describe.skipIf(!available)('web app in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(async (services) => {
      await importSnapshot(services, SYSTEM, { text: snapshot(37.6), date: '2025-03-18', source: 'test' });
      await importSnapshot(services, SYSTEM, { text: snapshot(37.4), date: '2025-04-01', source: 'test' });
      await addUser(services, SYSTEM, { ...ADMIN, role: 'admin' });
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  /** A fresh page in a fresh context (no cookies, no stored language), in English. */
  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Fail on the step that waits, not on the test's own timeout.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => {
      pageErrors.push(error.message);
    });
    return page;
  }

  // Every test also checks that the app threw nothing.
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  const go = (path: string) => page.goto(`${server.url}${path}`);

  async function signIn(): Promise<void> {
    await go('/sign-in');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header').getByText(`Signed in as ${ADMIN.email}`).waitFor();
  }

  it('lists the demo agreements on the overview: in force today, lapsed, never in force', async () => {
    await freshPage();
    await go('/');
    await page
      .getByTestId('agreements-lapsed')
      .getByRole('link', { name: /30-day moratorium on strikes/ })
      .waitFor();
    // The White House's Black Sea statements give no end: under them the arrangement is still in force.
    await expect(page.getByTestId('agreements-in-force').innerText()).resolves.toMatch(
      /Black Sea arrangement/,
    );
    await expect(page.getByTestId('agreements-never').innerText()).resolves.toMatch(/Jeddah/);
  });

  it('shows the moratorium’s readouts side by side with the 18 against 25 March start flagged', async () => {
    await freshPage();
    await go(`/agreements/${MORATORIUM}`);
    const table = page.getByTestId('readouts');
    await table.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers.join(' ')).toMatch(/The White House[\s\S]*Ministry of Foreign Affairs of Ukraine/);

    const column = (issuer: RegExp) => headers.findIndex((h) => issuer.test(h));
    const wh = column(/^The White House/);
    const ua = column(/Ukraine/);
    const cell = (aspect: string, index: number) => table.locator(`tr[data-aspect=${aspect}] > *`).nth(index);

    const start = table.locator('tr[data-aspect=start]');
    await expect(start.getAttribute('data-differs')).resolves.toBe('true');
    await expect(start.locator('th').innerText()).resolves.toMatch(/differs/i);
    await expect(cell('start', wh).innerText()).resolves.toBe('18 Mar 2025');
    await expect(cell('start', ua).innerText()).resolves.toBe('25 Mar 2025');
    expect(await cell('start', wh).getAttribute('data-group')).not.toBe(
      await cell('start', ua).getAttribute('data-group'),
    );

    await expect(cell('scope', wh).innerText()).resolves.toBe('“energy and infrastructure”');
    await expect(cell('scope', ua).innerText()).resolves.toBe('“energy infrastructure”');
    // At a glance, above the table: who says which start.
    await expect(page.getByTestId('at-a-glance').innerText()).resolves.toMatch(
      /18 Mar 2025 — The White House[\s\S]*25 Mar 2025 — Ministry of Foreign Affairs of Ukraine/,
    );
  });

  it('signs in with the session cookie and out again', async () => {
    await freshPage();
    await signIn();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const session = await page.evaluate(() =>
      fetch('/api/v1/session').then((r) => r.json() as Promise<unknown>),
    );
    expect(session).toMatchObject({ via: null, user: null });
  });

  it('filters the incidents table by verdict through the address, and restores the filter on reload', async () => {
    await freshPage();
    await signIn();
    await go('/incidents?verdict=contested');
    const rows = page.getByTestId('incidents').locator('tbody tr');
    await rows.first().waitFor();
    const expected = await page.evaluate(() =>
      fetch('/api/v1/incidents?verdict=contested&limit=1').then(
        (r) => r.json() as Promise<{ total: number }>,
      ),
    );
    expect(expected.total).toBeGreaterThan(0);
    await expect(rows.count()).resolves.toBe(expected.total);
    for (const verdicts of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdicts'))))
      expect(verdicts).toContain('contested');

    await page.locator('select[name=verdict]').selectOption('covered');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/verdict=covered/);
    await page.reload();
    await expect(page.locator('select[name=verdict]').inputValue()).resolves.toBe('covered');
    await rows.first().waitFor();
    for (const verdicts of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdicts'))))
      expect(verdicts).toContain('covered');
  });

  it('sorts the incidents table by a column header, keeping the order in the address', async () => {
    await freshPage();
    await go('/incidents');
    const rows = page.getByTestId('incidents').locator('tbody tr');
    await rows.first().waitFor();
    const dates = () =>
      rows
        .locator('td:first-child time')
        .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    const dateHeader = page.getByRole('columnheader', { name: /Date/ });
    await expect.poll(() => dateHeader.getAttribute('aria-sort')).toBe('descending');

    await dateHeader.getByRole('button').click();
    await page.waitForURL(/sort=occurredAt/);
    await expect.poll(() => dateHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await dates()).map((d) => Date.parse(d));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page
      .getByRole('columnheader', { name: /Incident/ })
      .getByRole('button')
      .click();
    await page.waitForURL(/sort=title/);
    await page.reload();
    await expect(page.getByLabel('Order').inputValue()).resolves.toBe('title');
    const titles = await rows.locator('td:nth-child(2) a').allInnerTexts();
    expect(titles.map((t) => t.toLowerCase())).toEqual(titles.map((t) => t.toLowerCase()).sort());
  });

  it('counts the incidents on the overview from one statistics request', async () => {
    await freshPage();
    const listRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/incidents?')) listRequests.push(request.url());
    });
    await go('/');
    await page.getByTestId('counts-by-verdict').waitFor();
    const stats = await page.evaluate(() =>
      fetch('/api/v1/stats').then((r) => r.json() as Promise<{ total: number }>),
    );
    await expect(page.getByTestId('incident-total').innerText()).resolves.toContain(String(stats.total));
    // Only the latest findings are listed; the counts no longer page through the incidents.
    expect(listRequests.length, listRequests.join(' ')).toBeLessThanOrEqual(1);
  });

  it('draws the line of contact and the incident points of a date on the map', async () => {
    await freshPage();
    await signIn();
    // 28 March: the snapshot of 18 March is in force; all incidents up to that day are shown.
    await go('/map?date=2025-03-28&days=all&lon=37&lat=49&z=4.5');
    const map = page.getByTestId('map');
    await map.locator('canvas').waitFor();
    await page.waitForFunction(
      () => {
        const element = document.querySelector<HTMLElement>('[data-testid=map]');
        return element?.dataset['idle'] === 'true' && Number(element.dataset['renderedLine']) > 0;
      },
      undefined,
      { timeout: 30_000 },
    );
    const rendered = await map.evaluate((e) => Object.fromEntries(Object.entries(e.dataset)));
    expect(Number(rendered['renderedLine'])).toBeGreaterThan(0);
    expect(Number(rendered['renderedPoints']) + Number(rendered['renderedClusters'])).toBeGreaterThan(0);
    await expect(page.getByTestId('map-status').innerText()).resolves.toMatch(
      /Line of contact of 18 Mar 2025/,
    );
  });

  it('switches the navigation to Ukrainian, and keeps the choice on reload', async () => {
    await freshPage();
    await go('/');
    const nav = page.getByRole('navigation');
    await expect(nav.innerText()).resolves.toMatch(/Overview[\s\S]*Map[\s\S]*Incidents/);
    await page.getByLabel('Language').selectOption('uk');
    // The switch re-renders the app: wait for it rather than read the page once.
    await expect
      .poll(() => page.getByRole('navigation').innerText())
      .toMatch(/Огляд[\s\S]*Мапа[\s\S]*Інциденти/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await page.reload();
    await expect.poll(() => page.getByRole('navigation').innerText()).toMatch(/Огляд/);
  });

  it.each([
    ['the overview', '/', 'agreements-lapsed'],
    ['the agreement page', `/agreements/${MORATORIUM}`, 'readouts'],
    ['the incidents page', '/incidents?verdict=covered', 'incident-count'],
  ])('finds no serious or critical accessibility violations on %s', async (_name, path, ready) => {
    await freshPage();
    await go(path);
    await page.getByTestId(ready).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
