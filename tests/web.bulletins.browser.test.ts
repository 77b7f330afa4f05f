// Bulletins in Chromium: a reader opens a published bulletin (the app replaces the server-rendered article with its
// own view, Related included, and axe finds nothing serious), and an editor drafts a day, revises it with a preview,
// saves a version and publishes it, after which the public reads it.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/core/policy.js';
import { addUser } from '../src/services/users.js';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  type LiveServer,
  seriousViolations,
  startServer,
} from './support/browser.js';

const available = browserAvailable('the bulletin browser tests');
const SYSTEM: Actor = { kind: 'system', name: 'web-test' };
const EDITOR = { email: 'editor@mission.example', password: 'correct horse battery staple' };

describe.skipIf(!available)('bulletins in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(async (services) => {
      await addUser(services, SYSTEM, { ...EDITOR, role: 'editor' });
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

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

  it('shows a published bulletin with its rendered text and Related items, in the app', async () => {
    await freshPage();
    await go('/bulletins');
    await page.getByRole('link', { name: 'Daily bulletin: 2 April 2025' }).click();
    await page.getByRole('heading', { level: 1, name: 'Daily bulletin: 2 April 2025' }).waitFor();
    // The app's view, not the server's article: it has the app's header around it.
    expect(await page.locator('article.server-page').count()).toBe(0);
    await expect(
      page
        .locator('.markdown')
        .getByRole('link', { name: 'Drone strike on a substation in Sumy region' })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const related = page.getByRole('region', { name: 'Related' });
    await related
      .getByRole('link', { name: '30-day moratorium on strikes on energy infrastructure' })
      .waitFor();
    expect(await related.getByText('of the same day').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets an editor draft a day, preview and save a version, and publish it for the public', async () => {
    await freshPage();
    await go('/sign-in');
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header').getByText(`Signed in as ${EDITOR.email}`).waitFor();

    await page.locator('header').getByRole('link', { name: 'Bulletins' }).click();
    await page.getByLabel('Day').fill('2025-04-04');
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Editing: Daily bulletin: 4 April 2025/ }).waitFor();
    const text = page.getByRole('textbox', { name: /^Text/ });
    expect(await text.inputValue()).toContain('FPV drone strike on the Kherson thermal power plant');

    await text.fill(
      `**Editor’s note.** One claim.\n\n<script>alert(1)</script>\n\n${await text.inputValue()}`,
    );
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.preview');
    await preview.getByText('<script>alert(1)</script>').waitFor();
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByLabel(/^What you changed/).fill('added a note');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as a new version.').waitFor();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByText('Published: the public now reads this version.').waitFor();

    const res = await fetch(`${server.url}/api/v1/bulletins/daily-2025-04-04`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; markdown: string };
    expect(body.version).toBe(2);
    expect(body.markdown).toMatch(/^\*\*Editor’s note\.\*\* One claim\./);
  });
});
