import { describe, expect, it } from 'vitest';
import { BLUR_DEGREES, publicCopy } from './disclosure.js';
import { lonLat, type LonLat } from './geo.js';
import type { Incident } from './model.js';
import { buildStoredIncident } from './testing/factories.js';

const KHARKIV = lonLat(36.2304, 49.9935) as LonLat;

function located(disclosure: Incident['disclosure']): Incident {
  return {
    ...buildStoredIncident({ location: KHARKIV }),
    locationName: 'Kharkiv, Kyivskyi district',
    admin2: 'Kharkivskyi',
    admin3: 'Kharkiv',
    geoPrecision: 1,
    reportedBy: 'user-7',
    disclosure,
    geography: {
      snapshotDate: '2025-03-18',
      distanceKm: 27.4,
      side: 'controlled',
      sector: 'kharkiv',
      admin1: 'UA-63',
    },
  };
}

describe('publicCopy', () => {
  it('keeps an exact location and hides a withheld reporter', () => {
    const copy = publicCopy(located({ reporter: 'withheld', location: 'exact' }));
    expect(copy.location).toEqual(KHARKIV);
    expect(copy.locationName).toBe('Kharkiv, Kyivskyi district');
    expect(copy.reportedBy).toBeNull();
  });

  it('shows the reporter when the record says so', () => {
    expect(publicCopy(located({ reporter: 'shown', location: 'exact' })).reportedBy).toBe('user-7');
  });

  it('blurs coordinates to the centre of their grid cell, with place names dropped', () => {
    const copy = publicCopy(located({ reporter: 'withheld', location: 'blurred' }));
    expect(copy.location).toEqual([36.25, 49.95]);
    const [lon, lat] = copy.location as LonLat;
    expect(Math.abs(lon - KHARKIV[0])).toBeLessThanOrEqual(BLUR_DEGREES / 2);
    expect(Math.abs(lat - KHARKIV[1])).toBeLessThanOrEqual(BLUR_DEGREES / 2);
    expect(copy.locationName).toBeNull();
    expect(copy.admin3).toBeNull();
    expect(copy.geoPrecision).toBe(2);
    expect(copy.geography?.distanceKm).toBe(25);
    expect(copy.geography?.side).toBe('controlled');
  });

  it('withholds the location, the places below the oblast and the derived geography', () => {
    const copy = publicCopy(located({ reporter: 'withheld', location: 'withheld' }));
    expect(copy.location).toBeNull();
    expect(copy.locationName).toBeNull();
    expect(copy.admin2).toBeNull();
    expect(copy.admin3).toBeNull();
    expect(copy.geography).toBeNull();
    expect(copy.geoPrecision).toBe(3);
  });

  it('leaves the sealed record as it was', () => {
    const sealed = located({ reporter: 'withheld', location: 'withheld' });
    publicCopy(sealed);
    expect(sealed.location).toEqual(KHARKIV);
    expect(sealed.reportedBy).toBe('user-7');
  });
});
