// The exchange ledger page in Chromium against the real server with the demo: reached from the navigation, it
// shows parity per exchange, a discrepancy badge on 19 March with the claims side by side (23 against 22), the
// running totals with their chart, the UAE's own count as claimed, Ukrainian strings, and no serious axe finding.

// Callbacks of page.evaluate run in the browser, with the DOM's types.
/// <reference lib="dom" />

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  startServer,
  type LiveServer,
} from './support/browser.js';

const available = browserAvailable('the exchange ledger browser test');

describe.skipIf(!available)('the exchange ledger in Chromium', () => {
  let server: LiveServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB' });
    url = server.url;
  }, 180_000);

  afterAll(async () => {
    // Either may be missing when the build or the launch failed.
    await browser?.close();
    await server?.close();
  });

  it('is reached from the navigation and shows parity, the 19 March discrepancy and the running totals', async () => {
    await page.goto(url);
    await page.getByRole('navigation').getByRole('link', { name: 'Exchanges' }).click();
    await page.getByTestId('exchange-ru-ua-2025-03-19').waitFor();
    expect(await page.title()).toBe('Prisoner exchanges · Truceline');
    const march = page.getByTestId('exchange-ru-ua-2025-03-19');
    await expect(march.getByTestId('parity').innerText()).resolves.toBe(
      'RU 197 for UA 175 (prisoners of war 175 for 175; seriously wounded 22 for none)',
    );
    await expect(march.getByTestId('discrepancy-badge').innerText()).resolves.toMatch(
      /discrepancy: reconciled/,
    );
    const flagged = march.locator('tr.differs');
    await expect(flagged.count()).resolves.toBe(1);
    await expect(flagged.innerText()).resolves.toMatch(
      /seriously wounded handed over by RU to UA.*\b23\b.*\b22\b/s,
    );
    await expect(
      page.getByTestId('exchange-ru-ua-2025-04-19').getByTestId('discrepancy-badge').count(),
    ).resolves.toBe(0);
    await expect(page.getByTestId('exchange-totals').innerText()).resolves.toMatch(/RU\s+474\s+436/);
    await expect(page.getByTestId('mediator-counts').innerText()).resolves.toContain(
      'AE: no. 14, 3,771 in all',
    );
    await page.locator('.plot canvas').first().waitFor();
  });

  it('speaks Ukrainian when asked', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('uk');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Обміни полоненими');
    await expect(page.getByTestId('discrepancy-badge').first().innerText()).resolves.toMatch(/розбіжність/);
    await page.getByRole('combobox', { name: 'Мова' }).selectOption('en');
  });

  it('has no serious or critical accessibility violation', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
