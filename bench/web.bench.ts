// The web app's weight and the map's speed: the JavaScript and CSS a first visit loads (gzip bytes, as index.html
// names them: the entry and its preloaded chunks), and the map's first render with the demo data in Chromium
// (navigation to the idle map with its points drawn), the median of a few fresh pages, as a ratio to the overview's
// first content measured in the same run (these machines are noisy). Run with `npm run bench`.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, ensureWebBuild, launchBrowser } from '../scripts/lib/chromium.js';
import { startDemoServer } from '../scripts/lib/demo-server.js';

const WEB = 'dist/web';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

/** The files index.html makes a first visit load: its script, the chunks it preloads, its stylesheets. */
function initialFiles(): { js: string[]; css: string[] } {
  const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] ?? '');
  return {
    js: [
      ...refs(/<script[^>]+src="([^"]+\.js)"/g),
      ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ],
    css: refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g),
  };
}

const gzipBytes = (file: string) => gzipSync(readFileSync(path.join(WEB, file)), { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const MAP_DRAWN = () => {
  const map = document.querySelector<HTMLElement>('[data-testid=map]');
  const drawn = Number(map?.dataset['renderedPoints'] ?? 0) + Number(map?.dataset['renderedClusters'] ?? 0);
  return map?.dataset['idle'] === 'true' && drawn > 0;
};
const OVERVIEW_SHOWN = () => document.querySelector('[data-testid=agreements-lapsed] a') !== null;

interface Renders {
  readonly map: number[];
  /** The baseline: the overview's first content (its agreements, from the API) in the same browser and run. */
  readonly overview: number[];
}

/** Fresh pages, alternating between the map and the baseline so that both see the same machine. */
async function firstRenders(): Promise<Renders | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`map first render: skipped (no Chromium at ${CHROMIUM})`);
    return null;
  }
  const server = await startDemoServer();
  const browser = await launchBrowser();
  const renders = { map: [] as number[], overview: [] as number[] };
  const time = async (path: string, ready: () => boolean): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(ready, undefined, { timeout: 60_000 });
    const elapsed = performance.now() - started;
    await context.close();
    return elapsed;
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      renders.overview.push(await time('/', OVERVIEW_SHOWN));
      renders.map.push(await time('/map?date=2025-04-30&days=all&lon=34&lat=48.5&z=5', MAP_DRAWN));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return renders;
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const list = (values: readonly number[]) => values.map((t) => t.toFixed(0)).join(', ');

ensureWebBuild();
const { js, css } = initialFiles();
const jsBytes = js.reduce((sum, f) => sum + gzipBytes(f), 0);
const cssBytes = css.reduce((sum, f) => sum + gzipBytes(f), 0);
console.log(`initial JavaScript: ${kib(jsBytes)} gzip in ${js.length} files (${js.join(', ')})`);
console.log(`initial CSS: ${kib(cssBytes)} gzip in ${css.length} files`);

const renders = await firstRenders();
if (renders) {
  const map = median(renders.map);
  const overview = median(renders.overview);
  console.log(`first render over ${ROUNDS} fresh pages each, median (navigation to drawn):`);
  console.log(
    `  baseline, overview with its agreements: ${overview.toFixed(0)} ms (${list(renders.overview)})`,
  );
  console.log(`  map with the demo, idle, points drawn:  ${map.toFixed(0)} ms (${list(renders.map)})`);
  console.log(`  ratio map/overview: ${(map / overview).toFixed(2)}x`);
}
