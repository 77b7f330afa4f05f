// The web app's weight and the map's speed: the JavaScript and CSS a first visit loads (gzip bytes, as index.html
// names them: the entry and its preloaded chunks), and the map's first render in Chromium with the demo and
// BENCH_INCIDENTS more published incidents (default 100,000; seeded as bench/seed.ts does) (navigation to the idle
// map with its incidents drawn), the median of a few fresh pages, as a ratio to the overview's first content
// measured in the same run (these machines are noisy); then the map's API on the same server, one request each
// (the country at zoom 6, clustered; a city at zoom 11; the country without a zoom, as points, as before).
// Run with `npm run bench`.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, ensureWebBuild, launchBrowser } from '../scripts/lib/chromium.js';
import { startDemoServer, type DemoServer } from '../scripts/lib/demo-server.js';
import { seedIncidents } from './seed.js';

const WEB = 'dist/web';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const INCIDENTS = Number(process.env['BENCH_INCIDENTS'] ?? 100_000);

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
async function firstRenders(server: DemoServer): Promise<Renders | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`map first render: skipped (no Chromium at ${CHROMIUM})`);
    return null;
  }
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
  // One page first, untimed: it builds SQLite's page cache, which a server in use has.
  await time('/map?date=2025-04-30&days=all&lon=34&lat=48.5&z=5', MAP_DRAWN);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      renders.overview.push(await time('/', OVERVIEW_SHOWN));
      renders.map.push(await time('/map?date=2025-04-30&days=all&lon=34&lat=48.5&z=5', MAP_DRAWN));
    }
  } finally {
    await browser.close();
  }
  return renders;
}

/** The map's API, one request after another on the idle server: the median of a few, and the answer's size. */
async function mapRequests(server: DemoServer): Promise<void> {
  const paths: [string, string][] = [
    ['country, zoom 6 (clusters)', '/api/v1/map/incidents?bbox=22,44,41,53&zoom=6'],
    ['Mariupol, zoom 11 (points)', '/api/v1/map/incidents?bbox=37.4,47,37.7,47.2&zoom=11'],
    ['country, no zoom (points, as before)', '/api/v1/map/incidents?bbox=22,44,41,53'],
  ];
  console.log(
    'map API, one request at a time on the idle server (median of 5, each box a little different):',
  );
  for (const [label, path] of paths) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      // Each box a little different, so that no response cache answers.
      const response = await fetch(
        `${server.url}${path.replace(',53', `,${53 + i / 1000}`).replace(',47.2', `,${47.2 + i / 1000}`)}`,
      );
      bytes = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - started);
    }
    console.log(`  ${label}: ${median(times).toFixed(0)} ms, ${kib(bytes)} (${list(times)})`);
  }
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

const seedStarted = performance.now();
const server = await startDemoServer(async (services) => {
  await seedIncidents(services.db.kysely, { count: INCIDENTS, blurred: 0.2 });
});
console.log(
  `seeded ${INCIDENTS.toLocaleString('en')} incidents in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
);
let renders: Renders | null;
try {
  renders = await firstRenders(server);
  await mapRequests(server);
} finally {
  await server.close();
}
if (renders) {
  const map = median(renders.map);
  const overview = median(renders.overview);
  console.log(`first render over ${ROUNDS} fresh pages each, median (navigation to drawn):`);
  console.log(
    `  baseline, overview with its agreements: ${overview.toFixed(0)} ms (${list(renders.overview)})`,
  );
  console.log(
    `  map with ${INCIDENTS.toLocaleString('en')} more incidents, idle, drawn: ${map.toFixed(0)} ms (${list(renders.map)})`,
  );
  console.log(`  ratio map/overview: ${(map / overview).toFixed(2)}x`);
}
