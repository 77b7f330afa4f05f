// A seeded generator for the geometry tests, so that every run sees the same points.

/** A deterministic pseudo-random generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random [lon, lat] pair in a box (plain numbers: tests turn it into a checked position). */
export function randomLonLat(
  next: () => number,
  box: { minLon: number; minLat: number; maxLon: number; maxLat: number },
): [lon: number, lat: number] {
  return [box.minLon + next() * (box.maxLon - box.minLon), box.minLat + next() * (box.maxLat - box.minLat)];
}
