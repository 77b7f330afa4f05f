// Line of contact on a synthetic country: two oblasts between 30-36°E and 46-50°N, the sea south of 46°N, and
// an occupied block in the south-east whose coast and border edges sit a few hundred metres off the outline,
// as real data do.

import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import { deriveLineOfContact, outlineFromPolygons, prepareCountry } from './line-of-contact.js';
import { buildSegmentIndex } from './segment-index.js';
import { polylineLengthKm } from './sphere.js';
import type { MultiPolygon, Polyline, Ring } from './types.js';

/** A checked position from literals known to be in range. */
const at = (lon: number, lat: number): LonLat => lonLat(lon, lat)!;

function ring(...corners: [number, number][]): Ring {
  const positions = corners.map(([lon, lat]) => at(lon, lat));
  const first = positions[0]!;
  return [...positions, first];
}

const west: MultiPolygon = [[ring([30, 46], [32, 46], [32, 48], [32, 50], [30, 50])]];
const east: MultiPolygon = [[ring([32, 46], [36, 46], [36, 50], [32, 50], [32, 48])]];
/** East oblast sharing no vertex with `west` along 32°E, and 37 m off it: a sliver between the two. */
const eastWithSliver: MultiPolygon = [
  [ring([32.0005, 46], [36, 46], [36, 50], [32.0005, 50], [32.0005, 47.3])],
];
const country = prepareCountry([west, east]);

/** The occupied block, starting at its north-west corner, i.e. in the middle of its line of contact. */
const block: Ring = ring([33, 48], [33, 46.005], [35.995, 46.005], [35.995, 48]);

function totalKm(lines: readonly Polyline[]): number {
  return lines.reduce((sum, line) => sum + polylineLengthKm(line), 0);
}

function distanceKm(lines: readonly Polyline[], p: LonLat): number {
  return buildSegmentIndex(lines).nearest(p)?.distanceKm ?? Infinity;
}

describe('outlineFromPolygons', () => {
  it('leaves out the boundary two polygons share', () => {
    expect(distanceKm(outlineFromPolygons([west, east]), at(32, 48))).toBeGreaterThan(140);
  });

  it('leaves out a shared boundary whose vertices differ and leave a sliver', () => {
    expect(distanceKm(outlineFromPolygons([west, eastWithSliver]), at(32, 48))).toBeGreaterThan(140);
  });

  it('follows the outer boundary all round', () => {
    const perimeter = polylineLengthKm(ring([30, 46], [32, 46], [36, 46], [36, 50], [32, 50], [30, 50]));
    expect(totalKm(outlineFromPolygons([west, east])) / perimeter).toBeCloseTo(1, 9);
  });

  it('keeps an island as a ring of its own', () => {
    const island: MultiPolygon = [[ring([31, 45], [31.2, 45], [31.2, 45.1], [31, 45.1])]];
    // 5 m: the great-circle edge bulges north of the parallel it is drawn along
    expect(distanceKm(outlineFromPolygons([west, east, island]), at(31.1, 45))).toBeLessThan(0.01);
  });
});

describe('deriveLineOfContact', () => {
  it('keeps the edges facing the country', () => {
    const lines = deriveLineOfContact([[block]], country);
    const expected = polylineLengthKm([at(35.995, 48), at(33, 48), at(33, 46.005)]);
    expect(totalKm(lines) / expected).toBeCloseTo(1, 9);
  });

  it('leaves out the edges along the coast and the border', () => {
    const lines = deriveLineOfContact([[block]], country);
    expect(Math.min(distanceKm(lines, at(34.5, 46.005)), distanceKm(lines, at(35.995, 47)))).toBeGreaterThan(
      100,
    );
  });

  it('joins a run across the start of the ring into one polyline', () => {
    const lines = deriveLineOfContact([[block]], country);
    expect(lines.map((line) => [line[0], line[line.length - 1]])).toEqual([[at(35.995, 48), at(33, 46.005)]]);
  });

  it('does not depend on the orientation of the ring', () => {
    const reversed = deriveLineOfContact([[[...block].reverse()]], country);
    expect(totalKm(reversed)).toBeCloseTo(totalKm(deriveLineOfContact([[block]], country)), 9);
  });

  it('works when the oblasts leave a sliver between them', () => {
    const lines = deriveLineOfContact([[block]], prepareCountry([west, eastWithSliver]));
    expect(totalKm(lines)).toBeCloseTo(totalKm(deriveLineOfContact([[block]], country)), 9);
  });

  it('drops parts shorter than minPartKm', () => {
    // a bump reaching 3.7 km into the country from the border: about 8.7 km of contact
    const bump = ring([35.95, 49], [36.002, 49], [36.002, 49.01], [35.95, 49.01]);
    const counts = [1, 10].map(
      (minPartKm) => deriveLineOfContact([[block], [bump]], country, { minPartKm }).length,
    );
    expect(counts).toEqual([2, 1]);
  });

  it('drops an inlet shut in between the occupied area and the coast', () => {
    const notched = ring(
      [33, 48],
      [33, 46.005],
      [34, 46.005],
      [34, 46.3],
      [34.1, 46.3],
      [34.1, 46.005],
      [35.995, 46.005],
      [35.995, 48],
    );
    expect(distanceKm(deriveLineOfContact([[notched]], country), at(34.05, 46.3))).toBeGreaterThan(50);
  });

  it('keeps the edge of a pocket encircled by the occupied area', () => {
    const pocket = ring([34, 46.2], [34, 46.35], [34.2, 46.35], [34.2, 46.2]);
    const lines = deriveLineOfContact([[block, pocket]], country);
    expect(distanceKm(lines, at(34.1, 46.2))).toBeLessThan(0.01);
  });
});
