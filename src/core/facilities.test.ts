// The nearest known facility within a radius, and the target its fuel implies.

import { describe, expect, it } from 'vitest';
import { type Facility, suggestFacility, targetForFuel } from './facilities.js';
import { lonLat, type LonLat } from './geo.js';

function at(lon: number, lat: number): LonLat {
  const p = lonLat(lon, lat);
  if (!p) throw new Error('bad test position');
  return p;
}

function plant(id: string, primaryFuel: string, location: LonLat): Facility {
  return { id, name: id, capacityMw: 100, primaryFuel, location, target: targetForFuel(primaryFuel) };
}

const zaporizhzhiaNpp = plant('npp', 'Nuclear', at(34.5863, 47.5119));
const kakhovkaHpp = plant('hpp', 'Hydro', at(33.3697, 46.7786));
const nearbySolar = plant('solar', 'Solar', at(34.62, 47.53));
const facilities = [zaporizhzhiaNpp, kakhovkaHpp, nearbySolar];

describe('targetForFuel', () => {
  it.each([
    ['Nuclear', 'infrastructure.energy.nuclear-plant'],
    ['Hydro', 'infrastructure.energy.hydro-dam'],
    ['Coal', 'infrastructure.energy.power-plant.thermal'],
    ['Gas', 'infrastructure.energy.power-plant.thermal'],
    ['Oil', 'infrastructure.energy.power-plant.thermal'],
    ['Solar', 'infrastructure.energy.power-plant.solar'],
    ['Wind', 'infrastructure.energy.power-plant.wind'],
    ['Biomass', 'infrastructure.energy.power-plant'],
  ])('maps %s to %s', (fuel, target) => {
    expect(targetForFuel(fuel)).toBe(target);
  });
});

describe('suggestFacility', () => {
  it('suggests the nearest facility within the radius, with its distance', () => {
    const suggestion = suggestFacility(at(34.59, 47.5), facilities, 5);
    expect(suggestion?.facility.id).toBe('npp');
    expect(suggestion?.distanceKm).toBeCloseTo(1.35, 1);
  });

  it('prefers the nearer of two facilities in reach', () => {
    expect(suggestFacility(at(34.615, 47.528), facilities, 5)?.facility.id).toBe('solar');
  });

  it('suggests nothing beyond the radius', () => {
    expect(suggestFacility(at(33.5, 46.9), facilities, 5)).toBeNull();
    expect(suggestFacility(at(33.5, 46.9), facilities, 20)?.facility.id).toBe('hpp');
  });

  it('uses a default radius of 5 km', () => {
    expect(suggestFacility(at(34.5863, 47.47), facilities)?.facility.id).toBe('npp');
    expect(suggestFacility(at(34.5863, 47.45), facilities)).toBeNull();
  });

  it('suggests nothing from an empty layer', () => {
    expect(suggestFacility(at(34.59, 47.5), [], 5)).toBeNull();
  });
});
