// The work views in Chromium against the real server with the demo, as the people who use them: a monitor files
// an incident with the map picker and sees the draft screened; verifier A proposes a violation and is told of
// the two-person rule when trying to confirm it; verifier B confirms it from the review queue and publishes; the
// public then sees it; a liaison replies to an allegation against their party. axe-core checks each view, and
// the form fits a phone's width.

// Callbacks of page.evaluate run in the browser, with the DOM's types.
/// <reference lib="dom" />

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../src/core/policy.js';
import { addUser } from '../src/services/users.js';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  startServer,
  type LiveServer,
} from './support/browser.js';

const available = browserAvailable('the work views browser tests');

const SYSTEM: Actor = { kind: 'system', name: 'web-work-test' };
const PASSWORD = 'correct horse battery staple';
const USERS = {
  monitor: { email: 'monitor@mission.example', role: 'monitor' },
  verifierA: { email: 'a.verifier@mission.example', role: 'verifier' },
  verifierB: { email: 'b.verifier@mission.example', role: 'verifier' },
  liaison: { email: 'liaison@mid.example', role: 'liaison', party: 'RU' },
} as const satisfies Record<string, { email: string; role: Role; party?: string }>;
type Who = keyof typeof USERS;

const TITLE = 'Drone strike on a substation near Kramatorsk (browser test)';

describe.skipIf(!available)('work views in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  /** The incident the monitor files; the later tests rule on it. */
  let incidentPath = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(async (services) => {
      for (const user of Object.values(USERS))
        await addUser(services, SYSTEM, { ...user, password: PASSWORD });
    });
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

  /** A fresh context (no cookies), in English, at a desktop or a phone's size. */
  async function freshPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'en-GB', viewport, timezoneId: 'Europe/Kyiv' });
    page = await context.newPage();
    // Fail on the step that waits, not on the test's own timeout.
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (error) => {
      pageErrors.push(error.message);
    });
    return page;
  }

  const go = (path: string) => page.goto(`${server.url}${path}`);

  async function signInAs(who: Who): Promise<void> {
    await freshPage();
    await go('/sign-in');
    await page.getByLabel('Email').fill(USERS[who].email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header').getByText(`Signed in as ${USERS[who].email}`).waitFor();
  }

  /** axe-core on the page as it is now (each caller first waits for what it shows). */
  async function expectAccessible(): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('lets a monitor file an incident placed with the map picker, screening the draft as it is filled in', async () => {
    await signInAs('monitor');
    await page.getByRole('navigation').getByRole('link', { name: 'File an incident' }).click();
    await page.getByRole('heading', { name: 'File an incident' }).waitFor();

    const screening = page.getByTestId('live-screening');
    await expect(screening.innerText()).resolves.toMatch(/Enter the date and time/);

    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Act').selectOption('drone-strike');
    await page.getByLabel('Search targets').fill('substation');
    await page.getByRole('radio', { name: /Electrical substation/ }).check();
    await expect(page.getByTestId('chosen-target').innerText()).resolves.toMatch(
      /Infrastructure › Energy infrastructure › Electrical substation/,
    );
    await page.getByLabel('Alleged perpetrator').selectOption('RU');
    await page.getByLabel('Date and time').fill('2025-03-28T10:00');

    // A click on the map places the incident and fills in its coordinates.
    const picker = page.getByTestId('location-picker');
    await picker.locator('canvas').waitFor();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid=location-picker]')?.dataset['ready'] === 'true',
    );
    const box = await picker.boundingBox();
    if (!box) throw new Error('the location picker has no box');
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.45);
    const lat = Number(await page.getByLabel('Latitude').inputValue());
    const lon = Number(await page.getByLabel('Longitude').inputValue());
    expect(lat).toBeGreaterThan(44);
    expect(lat).toBeLessThan(53);
    expect(lon).toBeGreaterThan(22);
    expect(lon).toBeLessThan(41);
    await picker.locator('.maplibregl-marker').waitFor();

    // The draft is screened: a drone strike on a substation on 28 March is covered by the moratorium.
    await page.locator('[data-testid=live-screening][data-state=done]').waitFor();
    await expect(page.getByTestId('screening-summary').innerText()).resolves.toMatch(
      /30-day moratorium on strikes on energy infrastructure: covered/,
    );
    await expect(
      screening.locator('[data-agreement=energy-moratorium-2025-03] tbody tr').count(),
    ).resolves.toBeGreaterThan(2);
    await expectAccessible();

    await page.getByRole('button', { name: 'File the incident' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    incidentPath = new URL(page.url()).pathname;
    await expect(page.getByTestId('unpublished').isVisible()).resolves.toBe(true);
    const stored = await page.evaluate(
      (path) =>
        fetch(`/api/v1${path}`).then(
          (r) => r.json() as Promise<{ location: { lat: number } | null; target: string }>,
        ),
      incidentPath,
    );
    expect(stored.location?.lat).toBeCloseTo(lat, 4);
    expect(stored.target).toBe('infrastructure.energy.substation');
  });

  it('explains the two-person rule to verifier A, who proposed the violation and tries to confirm it', async () => {
    expect(incidentPath).not.toBe('');
    await signInAs('verifierA');
    await go(incidentPath);
    const row = page.locator('[data-testid=rulings] tr[data-agreement=energy-moratorium-2025-03]');
    const form = page.getByTestId('change-form');

    await row.getByRole('button', { name: 'Propose a violation' }).click();
    await expect(page.getByLabel('Step', { exact: true }).inputValue()).resolves.toBe('propose-violation');
    await page
      .getByLabel('Reason', { exact: true })
      .fill('A listed facility, inside the window under every readout.');
    await form.getByRole('button', { name: 'Propose a violation' }).click();
    await row.getByText('Violation proposed by you').waitFor();

    await row.getByRole('button', { name: 'Confirm the violation' }).click();
    // Said before trying...
    await form.getByText('You proposed this violation: a second verifier must confirm it.').waitFor();
    await page.getByLabel('Reason', { exact: true }).fill('Confirming my own proposal.');
    await form.getByRole('button', { name: 'Confirm the violation' }).click();
    // ...and explained when the server refuses it.
    const explanation = page.getByTestId('two-person');
    await explanation.waitFor();
    await expect(explanation.innerText()).resolves.toMatch(
      /The two-person rule[\s\S]*You proposed this violation, so you cannot confirm it/,
    );
    await expect(row.getAttribute('data-ruling')).resolves.toBe('pending');
    await expectAccessible();
  });

  it('lets verifier B confirm it from the review queue and publish it', async () => {
    await signInAs('verifierB');
    await go('/review');
    const group = page.locator('[data-queue=confirm-violation]');
    await group.getByRole('link', { name: TITLE }).click();
    await page.waitForURL((url) => url.pathname === incidentPath);

    const row = page.locator('[data-testid=rulings] tr[data-agreement=energy-moratorium-2025-03]');
    const form = page.getByTestId('change-form');
    await row.getByRole('button', { name: 'Confirm the violation' }).click();
    await page
      .getByLabel('Reason', { exact: true })
      .fill('Checked the imagery and the operator’s statement.');
    await form.getByRole('button', { name: 'Confirm the violation' }).click();
    await page.locator('[data-testid=rulings] tr[data-ruling=violation]').waitFor();
    await expect(row.innerText()).resolves.toMatch(/Proposed by another verifier, confirmed by you/);

    // Any ruling left pending blocks publishing: rule the others the way a verifier would, then publish.
    for (const pending of await page.locator('[data-testid=rulings] tr[data-ruling=pending]').all()) {
      await pending.getByRole('button', { name: 'unable to rule' }).click();
      await page.getByLabel('Reason', { exact: true }).fill('Outside what this agreement speaks to.');
      await form.getByRole('button', { name: 'Rule' }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByTestId('publish-blockers').getByRole('button', { name: 'Publish' }).click();
    await page.getByLabel('Reason', { exact: true }).fill('Reviewed by two verifiers and ready.');
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect(
      page
        .locator('[data-field=published]')
        .filter({ hasText: /^published / })
        .innerText(),
    ).resolves.toMatch(/published/);
    await expect(page.getByTestId('unpublished').count()).resolves.toBe(0);
    await expect(page.getByTestId('finding-history').innerText()).resolves.toMatch(
      /Publish[\s\S]*Reviewed by two verifiers/,
    );
  });

  it('shows the public the published incident, its violation ruling and its history', async () => {
    await freshPage();
    await go(incidentPath);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(
      page
        .locator('[data-testid=rulings] tr[data-agreement=energy-moratorium-2025-03]')
        .getAttribute('data-ruling'),
    ).resolves.toBe('violation');
    // The public is not shown who acted, and gets no forms.
    await expect(page.getByTestId('change-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('finding').innerText()).resolves.not.toMatch(/confirmed by you/);
    await go('/incidents?sort=-publishedAt&status=published');
    await expect(page.getByTestId('incidents').locator('tbody tr').first().innerText()).resolves.toContain(
      TITLE,
    );
  });

  it('lets a liaison reply to an allegation against their party, which then no longer awaits a reply', async () => {
    await signInAs('liaison');
    await page.getByRole('navigation').getByRole('link', { name: 'Allegations' }).click();
    const count = page.getByTestId('allegation-count');
    await count.waitFor();
    const before = Number((await count.innerText()).match(/\d+/)?.[0]);
    expect(before).toBeGreaterThan(0);
    const thread = page.locator('li[data-awaiting=true]').first();
    const id = await thread.getAttribute('data-allegation');
    await thread.getByLabel('Kind of reply').selectOption('counter-claim');
    await thread
      .getByRole('textbox', { name: 'Reply', exact: true })
      .fill('The facility was hit by air defence debris.');
    await thread.getByRole('button', { name: 'Send the reply' }).click();
    // The list re-renders once the reply is stored: wait for it rather than read it once.
    await expect.poll(() => count.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`^${before - 1} `));
    await expect.poll(() => page.locator(`li[data-allegation="${id}"]`).count()).toBe(0);

    await page.getByRole('button', { name: 'All' }).click();
    const replied = page.locator(`li[data-allegation="${id}"]`);
    await expect(replied.getByTestId('reply').innerText()).resolves.toMatch(
      /RU · counter-claim[\s\S]*air defence debris/,
    );
    await expectAccessible();
  });

  it('finds no serious accessibility violations on the review queue', async () => {
    await signInAs('verifierA');
    await go('/review');
    await page.getByTestId('queue-window').waitFor();
    await expectAccessible();
  });

  it('fits the incident form to a phone’s width', async () => {
    await signInAs('monitor');
    await page.setViewportSize({ width: 390, height: 844 });
    await go('/incidents/new');
    await page.getByTestId('location-picker').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const submit = await page.getByRole('button', { name: 'File the incident' }).boundingBox();
    expect(submit?.height).toBeGreaterThanOrEqual(44);
  });
});
