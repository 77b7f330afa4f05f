// Browser tests: Debian's Chromium driven by playwright-core against the real server (listening on a loopback
// port) on a fresh database with the demo, serving the built web app. Without Chromium a suite is skipped with a
// printed reason, except under CI=true, where a missing browser fails.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../../scripts/lib/chromium.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/context.js';
import { loadDemo } from '../../src/services/demo.js';
import { freshDatabase, type TestDatabase } from './engines.js';

export { CHROMIUM, ensureWebBuild, launchBrowser } from '../../scripts/lib/chromium.js';

/** True when Chromium is installed; otherwise warns (or throws under CI=true) naming what needs it. */
export function browserAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${what} needs Chromium at ${CHROMIUM} (apt-get install chromium), which is missing`;
  if (process.env['CI'] === 'true') throw new Error(`${reason} (CI=true: not skipping)`);
  console.warn(`skipping: ${reason}`);
  return false;
}

export interface LiveServer {
  readonly url: string;
  readonly services: Services;
  readonly app: App;
  close(): Promise<void>;
}

/** The real server on a loopback port, on a fresh SQLite database with the demo loaded. */
export async function startServer(prepare?: (services: Services) => Promise<void>): Promise<LiveServer> {
  const database: TestDatabase = await freshDatabase('sqlite');
  const services = createServices(database.db);
  await loadDemo(services);
  if (prepare) await prepare(services);
  const app = await buildApp({ services });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    services,
    app,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules and best practice). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
