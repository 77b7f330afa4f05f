import { describe, expect, it } from 'vitest';
import { lonLat, type LonLat } from '../geo.js';
import { geodesicKm } from './ellipsoid.js';
import { haversineKm } from './sphere.js';

const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;

describe('geodesicKm', () => {
  it('reproduces published WGS 84 geodesics to the millimetre', () => {
    // Flinders Peak to Buninyong, Vincenty (1975) / Geoscience Australia: 54,972.271 m.
    const flinders = at(144 + 25 / 60 + 29.5244 / 3600, -(37 + 57 / 60 + 3.7203 / 3600));
    const buninyong = at(143 + 55 / 60 + 35.3839 / 3600, -(37 + 39 / 60 + 10.1561 / 3600));
    expect(geodesicKm(flinders, buninyong)).toBeCloseTo(54.972271, 6);
    // A quarter meridian of WGS 84 is 10,001.965729 km; one degree of the equator is 111.319491 km.
    expect(geodesicKm(at(0, 0), at(0, 90))).toBeCloseTo(10001.965729, 5);
    expect(geodesicKm(at(30, 0), at(31, 0))).toBeCloseTo(111.319491, 5);
  });

  it('is zero for the same position and symmetric', () => {
    expect(geodesicKm(at(37.5, 48), at(37.5, 48))).toBe(0);
    expect(geodesicKm(at(30.5, 50.4), at(37.8, 48))).toBeCloseTo(geodesicKm(at(37.8, 48), at(30.5, 50.4)), 9);
  });

  it('differs from the sphere as the ellipsoid does in Ukraine: longer east–west, shorter north–south', () => {
    const eastWest = geodesicKm(at(37, 48), at(37.5, 48)) / haversineKm(at(37, 48), at(37.5, 48));
    const northSouth = geodesicKm(at(37, 48), at(37, 48.5)) / haversineKm(at(37, 48), at(37, 48.5));
    expect(eastWest).toBeGreaterThan(1.002);
    expect(eastWest).toBeLessThan(1.004);
    expect(Math.abs(northSouth - 1)).toBeLessThan(0.0002);
  });

  it('falls back to the sphere for nearly antipodal positions instead of failing', () => {
    const d = geodesicKm(at(0, 0), at(179.7, 0.3));
    expect(Number.isFinite(d)).toBe(true);
    expect(Math.abs(d / haversineKm(at(0, 0), at(179.7, 0.3)) - 1)).toBeLessThan(0.006);
  });
});
