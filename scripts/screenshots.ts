// Screenshots of the main views for the README: the real server on a loopback port, a fresh SQLite database with
// the demo, Debian's Chromium. `npm run screenshots` writes them into docs/screenshots/.
//
//   npm run screenshots                                  # the demo as shipped
//   npm run screenshots -- --frontline ../shared/data/frontline --out /tmp/shots
//
// The demo ships no front-line snapshots (the daily polygons we test with are not openly licensed), so the map
// shows the line of contact only when snapshots are imported with --frontline; keep such pictures out of the
// repository.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { Actor } from '../src/core/policy.js';
import { frontlineFiles } from '../src/cli/commands/import-frontline.js';
import { dateFromFileName } from '../src/io/frontline.js';
import { importSnapshot } from '../src/services/frontline.js';
import { addUser } from '../src/services/users.js';
import { CHROMIUM, ensureWebBuild, launchBrowser } from './lib/chromium.js';
import { startDemoServer } from './lib/demo-server.js';

const { values: options } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    frontline: { type: 'string' },
  },
});

const SCRIPT: Actor = { kind: 'system', name: 'screenshots' };
const VERIFIER = { email: 'verifier@mission.example', password: 'screenshots only, never deployed' };

interface Shot {
  readonly name: string;
  readonly path: string;
  readonly signedIn?: boolean;
  readonly phone?: boolean;
  /** What must be on the page before the picture is taken. */
  readonly ready: (page: Page) => Promise<unknown>;
}

const mapDrawn = (page: Page) =>
  page.waitForFunction(() => {
    const map = document.querySelector<HTMLElement>('[data-testid=map]');
    const drawn = Number(map?.dataset['renderedPoints'] ?? 0) + Number(map?.dataset['renderedClusters'] ?? 0);
    return map?.dataset['idle'] === 'true' && drawn > 0;
  });

const SHOTS: readonly Shot[] = [
  {
    name: 'overview',
    path: '/',
    ready: (page) => page.getByTestId('agreements-lapsed').waitFor(),
  },
  {
    name: 'agreement-readouts',
    path: '/agreements/energy-moratorium-2025-03',
    ready: (page) => page.getByText('differs').first().waitFor(),
  },
  {
    name: 'map',
    path: '/map?date=2025-04-30&days=all&lon=35.2&lat=48.6&z=5.6',
    ready: mapDrawn,
  },
  {
    name: 'incidents',
    path: '/incidents?sort=-occurredAt',
    ready: (page) => page.locator('table tbody tr').first().waitFor(),
  },
  {
    name: 'incident',
    path: '/incidents?sort=-occurredAt',
    ready: async (page) => {
      await page
        .getByRole('link', { name: /Sudzha/ })
        .first()
        .click();
      await page
        .getByRole('heading', { name: /Screening/i })
        .first()
        .waitFor();
    },
  },
  {
    name: 'exchanges',
    path: '/exchanges',
    ready: (page) => page.getByText(/175/).first().waitFor(),
  },
  {
    name: 'review-queue',
    path: '/review',
    signedIn: true,
    ready: (page) => page.getByRole('heading', { level: 1 }).waitFor(),
  },
  {
    name: 'phone-map',
    path: '/map?date=2025-04-30&days=all&lon=35.5&lat=48.3&z=5',
    phone: true,
    ready: mapDrawn,
  },
];

async function main(): Promise<void> {
  ensureWebBuild();
  const server = await startDemoServer(async (services) => {
    await addUser(services, SCRIPT, { ...VERIFIER, role: 'verifier' });
    if (options.frontline === undefined) return;
    for (const file of frontlineFiles([options.frontline])) {
      const date = dateFromFileName(path.basename(file));
      if (date === null) continue;
      await importSnapshot(services, SCRIPT, {
        text: readFileSync(file, 'utf8'),
        date,
        source: path.basename(file),
      });
    }
  });
  const browser = await launchBrowser();
  const out = path.resolve(options.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        locale: 'en-GB',
        viewport: shot.phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
        deviceScaleFactor: shot.phone ? 2 : 1,
        isMobile: shot.phone === true,
        hasTouch: shot.phone === true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      if (shot.signedIn) {
        await page.goto(`${server.url}/sign-in`);
        await page.getByLabel('Email').fill(VERIFIER.email);
        await page.getByLabel('Password').fill(VERIFIER.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('header').getByText(`Signed in as ${VERIFIER.email}`).waitFor();
      }
      await page.goto(`${server.url}${shot.path}`);
      await shot.ready(page);
      const file = path.join(out, `${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`${shot.name.padEnd(20)} ${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(`(the screenshots need the web build and Chromium at ${CHROMIUM})`);
  process.exitCode = 1;
});
