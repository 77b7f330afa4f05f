// The shipped Black Sea outline: well-known waters inside, well-known land outside, and a sound ring.

import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import { pointInMultiPolygon } from '../geometry/polygon.js';
import { BLACK_SEA, BLACK_SEA_OUTLINE } from './black-sea.js';

function at(lon: number, lat: number): LonLat {
  const p = lonLat(lon, lat);
  if (!p) throw new Error(`bad test position ${lon}, ${lat}`);
  return p;
}

/** True when segments ab and cd cross at a point inside both (planar, as containment reads the ring). */
function cross(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]) {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const [cx = 0, cy = 0] = c;
  const [dx = 0, dy = 0] = d;
  const side = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) =>
    Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  return (
    side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 &&
    side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0
  );
}

describe('the Black Sea outline', () => {
  // Points a few km offshore: the outline is hand-drawn and only trusted beyond about 10 km of the coast,
  // except in the bays it traces on purpose (Sevastopol, Novorossiysk).
  it.each([
    ['Odesa port waters', 30.8, 46.48],
    ['Sevastopol bay', 33.55, 44.622],
    ['Novorossiysk, the Tsemes bay', 37.8, 44.69],
    ['Novorossiysk roadstead', 37.84, 44.64],
    ['the middle of the sea', 34.0, 43.5],
    ['the Sea of Azov', 36.5, 46.0],
    ['the Kerch Strait', 36.55, 45.2],
    ['off Constanța', 29.0, 44.1],
    ['off Batumi', 41.5, 41.7],
  ])('contains %s', (_name, lon, lat) => {
    expect(pointInMultiPolygon(at(lon, lat), BLACK_SEA)).toBe(true);
  });

  it.each([
    ['Kyiv', 30.52, 50.45],
    ['Kherson city centre', 32.61, 46.64],
    ['Mykolaiv, on the Buh estuary (left out)', 31.99, 46.97],
    ["Istanbul's European side, inland", 28.95, 41.05],
    ["Sochi's hinterland", 39.9, 43.7],
    ['Simferopol', 34.1, 44.95],
    ['Sevastopol city centre', 33.525, 44.6],
    ['Sivash (left out)', 34.5, 45.8],
    ['the Sea of Marmara', 28.5, 40.8],
  ])('leaves out %s', (_name, lon, lat) => {
    expect(pointInMultiPolygon(at(lon, lat), BLACK_SEA)).toBe(false);
  });

  it('is a closed ring of a few dozen vertices that never crosses itself', () => {
    const ring = BLACK_SEA[0]?.[0] ?? [];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(BLACK_SEA_OUTLINE.length).toBeGreaterThan(50);
    const n = BLACK_SEA_OUTLINE.length;
    const crossings: string[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 2; j < n; j++) {
        if (i === 0 && j === n - 1) continue;
        const a = BLACK_SEA_OUTLINE[i]!;
        const b = BLACK_SEA_OUTLINE[(i + 1) % n]!;
        const c = BLACK_SEA_OUTLINE[j]!;
        const d = BLACK_SEA_OUTLINE[(j + 1) % n]!;
        if (cross(a, b, c, d)) crossings.push(`${i}-${j}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
