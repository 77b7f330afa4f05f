// Builds src/data/boundaries/ukraine-admin1.json from Minregion's 2020 oblast file (run by hand, see the README
// there): oblasts keyed by ISO 3166-2 code, simplified by Douglas–Peucker along shared arcs so that neighbours
// keep identical borders, and rounded to 5 decimals (about 1 m).
//
//   npx tsx scripts/build-boundaries.ts [../shared/data/boundaries/minregion_2020_oblast.geojson] [tolerance m]

/* eslint-disable @typescript-eslint/no-non-null-assertion -- ring indices here are in range by construction */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { adminAreaByCode, adminCodeByName } from '../src/core/admin-areas.js';

type Pos = [number, number];
type Ring = Pos[];

const input = process.argv[2] ?? path.resolve('../shared/data/boundaries/minregion_2020_oblast.geojson');
const toleranceM = Number(process.argv[3] ?? 100);
const output = 'src/data/boundaries/ukraine-admin1.json';

/** Metres per degree of latitude; longitude is scaled by cos(48.5°), Ukraine's middle parallel. */
const M_PER_DEG = 111_195;
const LON_SCALE = Math.cos((48.5 * Math.PI) / 180);

interface Source {
  features: { properties: { ADMIN_1: string }; geometry: { type: string; coordinates: unknown } }[];
}

const source = JSON.parse(readFileSync(input, 'utf8')) as Source;
const key = (p: Pos): string => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;

const oblasts = source.features.map((f) => {
  const code = adminCodeByName(f.properties.ADMIN_1);
  if (code === null) throw new Error(`no ISO code for "${f.properties.ADMIN_1}"`);
  const polygons =
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]);
  // Drop a repeated closing position; it is added back at the end.
  const open = polygons.map((polygon) => polygon.map((ring) => ring.slice(0, -1)));
  return { code, nameUk: f.properties.ADMIN_1, polygons: open };
});

// Which oblasts use each vertex: a vertex where that set changes (or that three oblasts share) is a node, and
// the stretches between nodes are simplified on their own, the same way from whichever side they are seen.
const users = new Map<string, Set<number>>();
oblasts.forEach((o, i) => {
  for (const ring of o.polygons.flat())
    for (const p of ring) {
      const k = key(p);
      const set = users.get(k) ?? new Set<number>();
      set.add(i);
      users.set(k, set);
    }
});
const sig = (p: Pos): string => [...(users.get(key(p)) ?? [])].sort().join(',');

function perpendicularM(p: Pos, a: Pos, b: Pos): number {
  const [px, py] = [p[0] * LON_SCALE, p[1]];
  const [ax, ay] = [a[0] * LON_SCALE, a[1]];
  const [bx, by] = [b[0] * LON_SCALE, b[1]];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) * M_PER_DEG;
}

function douglasPeucker(arc: Pos[]): Pos[] {
  if (arc.length <= 2) return arc;
  const keep = new Uint8Array(arc.length);
  keep[0] = 1;
  keep[arc.length - 1] = 1;
  const stack: [number, number][] = [[0, arc.length - 1]];
  while (stack.length > 0) {
    const [s, e] = stack.pop()!;
    let worst = -1;
    let at = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpendicularM(arc[i]!, arc[s]!, arc[e]!);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > toleranceM) {
      keep[at] = 1;
      stack.push([s, at], [at, e]);
    }
  }
  return arc.filter((_, i) => keep[i] === 1);
}

/** Simplifies an arc in a canonical direction, so both oblasts along a border get the same vertices. */
function simplifyArc(arc: Pos[]): Pos[] {
  const first = arc[0]!;
  const last = arc[arc.length - 1]!;
  const reversed = key(first) > key(last);
  const result = douglasPeucker(reversed ? [...arc].reverse() : arc);
  return reversed ? result.reverse() : result;
}

function simplifyRing(ring: Ring): Ring {
  const n = ring.length;
  const isNode = ring.map((p, i) => {
    const s = sig(p);
    return s.split(',').length >= 3 || sig(ring[(i + n - 1) % n]!) !== s || sig(ring[(i + 1) % n]!) !== s;
  });
  let start = isNode.indexOf(true);
  if (start === -1) {
    // No node: start at the smallest vertex so that an enclave and its hole are cut the same way.
    start = ring.reduce((best, p, i) => (key(p) < key(ring[best]!) ? i : best), 0);
    isNode[start] = true;
    // And cut it again at the vertex farthest from there, so that a closed ring is not a single point.
    const from = ring[start]!;
    const far = ring.reduce(
      (best, p, i) => (perpendicularM(p, from, from) > perpendicularM(ring[best]!, from, from) ? i : best),
      start,
    );
    isNode[far] = true;
  }
  const out: Pos[] = [];
  let arc: Pos[] = [ring[start]!];
  for (let step = 1; step <= n; step++) {
    const i = (start + step) % n;
    arc.push(ring[i]!);
    if (isNode[i]) {
      out.push(...simplifyArc(arc).slice(0, -1));
      arc = [ring[i]!];
    }
  }
  const round = (v: number): number => Math.round(v * 1e5) / 1e5;
  const rounded = out.map(([lon, lat]): Pos => [round(lon), round(lat)]);
  const deduped = rounded.filter((p, i) => i === 0 || key(p) !== key(rounded[i - 1]!));
  return [...deduped, deduped[0]!];
}

let before = 0;
let after = 0;
const features = oblasts
  .map((o) => {
    const coordinates = o.polygons
      .map((polygon) => polygon.map(simplifyRing).filter((ring) => ring.length >= 4))
      .filter((polygon) => polygon.length > 0);
    before += o.polygons.flat(2).length;
    after += coordinates.flat(2).length;
    return {
      type: 'Feature',
      properties: { code: o.code, name: adminAreaByCode(o.code)?.name ?? o.code, nameUk: o.nameUk },
      geometry: { type: 'MultiPolygon', coordinates },
    };
  })
  .sort((a, b) => a.properties.code.localeCompare(b.properties.code));

const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
writeFileSync(output, text);
console.log(
  `${features.length} oblasts, ${before} -> ${after} vertices at ${toleranceM} m, ${(text.length / 1024).toFixed(0)} KiB -> ${output}`,
);
