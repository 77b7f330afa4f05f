// Debian's Chromium for the browser tests, the web benchmark and the screenshots: where it is, how it is
// launched, and the web build it is pointed at. No test framework here, so scripts can use it too.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findWebRoot } from '../../src/server/web.js';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);

const isFresh = (root: string | null): root is string => {
  if (root === null) return false;
  const sources = Math.max(newestMtime('web'), statSync('vite.config.ts').mtimeMs);
  return statSync(path.join(root, 'index.html')).mtimeMs >= sources;
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the web app when there is no build or it is older than its sources (`npm run build` normally made it:
 * `npm ci` runs it). Returns the build's directory. Test files run in parallel workers, so one build at a time:
 * the others wait on a lock directory and then find the build fresh.
 */
export function ensureWebBuild(): string {
  const root = findWebRoot();
  if (isFresh(root)) return root;
  const lock = path.resolve('dist/.web-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left over from a killed run.
      if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another web build holds ${lock} for too long`);
      sleep(250);
    }
  }
  try {
    const current = findWebRoot();
    if (isFresh(current)) return current;
    execFileSync(
      process.execPath,
      [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      // Vitest sets NODE_ENV=test, under which Vite would bundle React's development build (which, among other
      // things, runs every effect twice): build what `npm run build` builds.
      { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    const built = findWebRoot();
    if (built === null) throw new Error('vite build produced no dist/web/index.html');
    return built;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
