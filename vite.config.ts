// The web app's build: web/ into dist/web, with a .br and a .gz copy of every text file beside it, which the
// server sends to clients that accept them (@fastify/static `preCompressed`).

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist/web';
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|map)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function precompress(): Plugin {
  return {
    name: 'truceline-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of filesUnder(OUT_DIR)) {
        if (!COMPRESSIBLE.test(file) || file.endsWith('.map')) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  // Vite's root is web/; the build goes where the server looks for it.
  build: {
    outDir: `../${OUT_DIR}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // maplibre alone is about 1 MB; it is loaded only with the map view.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
