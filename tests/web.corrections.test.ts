// Readers' corrections in Chromium against the real server with the demo: a reader selects text on an agreement
// page and presses Ctrl+Enter, fills the form and sends it; another uses the footer link with no selection (as on
// a touch screen) and tries markup; an editor finds both in the queue, accepts one and marks it applied, and
// follows "Show on the page" to the quote found again after the page was edited; the public log then lists it.

// Callbacks of page.evaluate run in the browser, with the DOM's types.
/// <reference lib="dom" />

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/core/policy.js';
import { findCorrection } from '../src/db/corrections.js';
import { getAgreement, updateAgreement } from '../src/services/agreements.js';
import { addUser } from '../src/services/users.js';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  startServer,
  type LiveServer,
} from './support/browser.js';

const available = browserAvailable('the corrections browser tests');

const SYSTEM: Actor = { kind: 'system', name: 'web-test' };
const EDITOR = { email: 'editor@mission.example', password: 'correct horse battery staple' };
const MORATORIUM = 'energy-moratorium-2025-03';

describe.skipIf(!available)('readers’ corrections in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  /** The words of the moratorium's summary the reader selects. */
  let phrase = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(async (services) => {
      await addUser(services, SYSTEM, { ...EDITOR, role: 'editor' });
    });
    const summary = (await getAgreement(server.services, MORATORIUM)).summary;
    phrase = summary.split(' ').slice(3, 9).join(' ');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** A fresh page in a fresh context (no cookies), in English. */
  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      pageErrors.push(error.message);
    });
    return page;
  }

  const go = (path: string) => page.goto(`${server.url}${path}`);
  const dialog = () => page.getByRole('dialog', { name: 'Suggest a correction' });

  /** Selects the first occurrence of `text` inside the element matched by `selector`. */
  async function select(selector: string, text: string): Promise<void> {
    await page.evaluate(
      ([css, wanted]) => {
        const element = document.querySelector(css ?? '');
        const walker = document.createTreeWalker(element ?? document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node as Text).data.indexOf(wanted ?? '');
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + (wanted ?? '').length);
          const selection = window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range);
          return;
        }
        throw new Error(`"${wanted ?? ''}" is not in ${css ?? ''}`);
      },
      [selector, text],
    );
  }

  async function correctionIds(): Promise<string[]> {
    const rows = await server.services.db.kysely
      .selectFrom('corrections')
      .select('id')
      .orderBy('submitted_at')
      .execute();
    return rows.map((r) => r.id);
  }

  it('sends a correction of selected text on an agreement page with Ctrl+Enter, anchored to the agreement', async () => {
    await freshPage();
    await go(`/agreements/${MORATORIUM}`);
    await page.locator('article.agreement p.lead').waitFor();
    await select('article.agreement p.lead', phrase);
    await page.keyboard.press('Control+Enter');

    await dialog().waitFor();
    await expect(dialog().locator('mark').innerText()).resolves.toBe(phrase);
    await expect(dialog().getByLabel('Suggested wording').inputValue()).resolves.toBe(phrase);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog().getByLabel('Suggested wording').fill(`${phrase} (Kremlin readout)`);
    await dialog().getByLabel('Comment').fill('Say whose readout this is.');
    await dialog().getByLabel('Contact (optional)').fill('reader@example.org');
    await dialog().getByRole('button', { name: 'Send' }).click();
    await dialog().getByRole('status').getByText('Thank you').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });

    const [id] = await correctionIds();
    const stored = await findCorrection(server.services.db.kysely, id ?? '');
    expect(stored).toMatchObject({
      status: 'submitted',
      suggestion: `${phrase} (Kremlin readout)`,
      contact: 'reader@example.org',
      target: {
        source: `/agreements/${MORATORIUM}`,
        record: { type: 'agreement', id: MORATORIUM },
        selector: { type: 'TextQuoteSelector', exact: phrase },
      },
    });
    // The context is the page's text around the selection (here running back into the title above it).
    const selector = stored?.target.selector;
    expect(selector?.prefix).toHaveLength(32);
    const pageText = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(pageText).toContain(`${selector?.prefix ?? ''}${phrase}${selector?.suffix ?? ''}`);
  });

  it('opens the form from the footer link without a selection, and keeps markup inert', async () => {
    await freshPage();
    await go('/incidents');
    await page.getByRole('button', { name: 'Suggest a correction' }).click();
    await dialog().getByText('No text is selected').waitFor();
    await dialog()
      .getByLabel('Comment')
      .fill(
        '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>A strike is missing.',
      );
    // Ctrl+Enter in the form sends it.
    await dialog().getByLabel('Comment').press('Control+Enter');
    await dialog().getByRole('status').getByText('Thank you').waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const stored = await findCorrection(server.services.db.kysely, (await correctionIds())[1] ?? '');
    expect(stored).toMatchObject({
      comment: 'window.__pwned = 2A strike is missing.',
      target: { source: '/incidents', record: null, selector: null },
    });
    // Not on the sign-in page: Ctrl+Enter there is no suggestion.
    await go('/sign-in');
    await page.getByLabel('Email').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
  });

  it('lets an editor accept it, mark it applied and find the quote again on the edited page', async () => {
    await freshPage();
    await go('/sign-in?next=/review/corrections');
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const queue = page.getByTestId('corrections-queue');
    await queue.waitFor();
    const [first, second] = await correctionIds();
    const item = queue.locator(`[data-correction="${first ?? ''}"]`);
    await expect(item.locator('mark').innerText()).resolves.toBe(phrase);
    await expect(item.innerText()).resolves.toContain('reader@example.org');
    // The hostile comment is shown as the text it became, and nothing ran.
    const other = queue.locator(`[data-correction="${second ?? ''}"]`);
    await expect(other.innerText()).resolves.toContain('window.__pwned = 2A strike is missing.');
    await expect(other.locator('script, img').count()).resolves.toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByLabel('Reply to the reader').fill('Thank you: we name the Kremlin now.');
    await item.getByRole('button', { name: 'Accept' }).click();
    await item.getByLabel('What changed on the page').waitFor();
    await expect(item.locator('.badge').innerText()).resolves.toBe('accepted');
    await item.getByLabel('What changed on the page').fill('The summary says the readout is the Kremlin’s.');
    await item.getByRole('button', { name: 'Mark applied' }).click();
    await item.waitFor({ state: 'detached' });

    // The page is edited after the reader quoted it; the quote is found again, shifted.
    const before = await getAgreement(server.services, MORATORIUM);
    await updateAgreement(server.services, SYSTEM, MORATORIUM, {
      summary: `Per the Kremlin readout: ${before.summary}`,
    });
    await page.getByRole('link', { name: 'Applied', exact: true }).click();
    await queue
      .locator(`[data-correction="${first ?? ''}"]`)
      .getByRole('link', { name: 'Show on the page' })
      .click();
    await page.getByText('The selected text is highlighted.').waitFor();
    await expect(page.evaluate(() => window.getSelection()?.toString())).resolves.toBe(phrase);
  });

  it('lists the applied correction in the public log, with its date, and nothing private', async () => {
    await freshPage();
    await go('/corrections');
    const log = page.getByTestId('corrections-log');
    await log.waitFor();
    const text = await log.innerText();
    expect(text).toContain('The summary says the readout is the Kremlin’s.');
    expect(text).toContain(phrase);
    expect(text).toMatch(/Corrected on \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(text).not.toMatch(/reader@example\.org|Thank you: we name|Say whose readout|A strike is missing/);
    await expect(log.getByRole('link').first().getAttribute('href')).resolves.toBe(
      `/agreements/${MORATORIUM}`,
    );
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    // The public cannot open the queue.
    await go('/review/corrections');
    await page.getByRole('link', { name: 'Sign in as an editor to work the corrections queue.' }).waitFor();
  });
});
