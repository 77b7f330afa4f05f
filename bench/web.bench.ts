// The web app's weight and the map's speed: the JavaScript and CSS a first visit loads (gzip bytes, as index.html
// names them: the entry and its preloaded chunks), and the map's first render with the demo data in Chromium
// (navigation to the idle map with its points drawn), the median of a few fresh pages. Run with `npm run bench`.

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

async function mapFirstRender(): Promise<number[] | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`map first render: skipped (no Chromium at ${CHROMIUM})`);
    return null;
  }
  const server = await startDemoServer();
  const url = server.url;
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${url}/map?date=2025-04-30&days=all&lon=34&lat=48.5&z=5`);
      await page.waitForFunction(
        () => {
          const map = document.querySelector<HTMLElement>('[data-testid=map]');
          const drawn =
            Number(map?.dataset['renderedPoints'] ?? 0) + Number(map?.dataset['renderedClusters'] ?? 0);
          return map?.dataset['idle'] === 'true' && drawn > 0;
        },
        undefined,
        { timeout: 60_000 },
      );
      times.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return times;
}

ensureWebBuild();
const { js, css } = initialFiles();
const jsBytes = js.reduce((sum, f) => sum + gzipBytes(f), 0);
const cssBytes = css.reduce((sum, f) => sum + gzipBytes(f), 0);
console.log(`initial JavaScript: ${kib(jsBytes)} gzip in ${js.length} files (${js.join(', ')})`);
console.log(`initial CSS: ${kib(cssBytes)} gzip in ${css.length} files`);

const times = await mapFirstRender();
if (times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `map first render with the demo (navigation to idle, points drawn): median ${median.toFixed(0)} ms over ${times.length} fresh pages (${sorted.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
}
