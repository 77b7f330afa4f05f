import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SECTORS,
  lineOfContactKm,
  locate,
  prepareAdminAreas,
  prepareFrontline,
  prepareSectors,
} from './frontline.js';
import { lonLat, type LonLat } from './geo.js';
import { geodesicKm } from './geometry/ellipsoid.js';

const at = (lon: number, lat: number): LonLat => lonLat(lon, lat) as LonLat;
const square = (w: number, s: number, e: number, n: number) => [
  [[at(w, s), at(e, s), at(e, n), at(w, n), at(w, s)]],
];

// A north–south line along 37° E from 47° to 50° N, with everything east of it to 38° E occupied.
const view = prepareFrontline('2025-03-18', [[at(37, 47), at(37, 50)]], square(37, 47, 38, 50));
const sectors = prepareSectors(DEFAULT_SECTORS);
const admin = prepareAdminAreas([{ code: 'UA-14', geometry: square(36, 47, 39, 49) }]);

describe('locate', () => {
  it('measures the distance to the line and says which side a point is on', () => {
    const west = locate(view, sectors, admin, at(36.5, 48.5));
    expect(west).toMatchObject({ snapshotDate: '2025-03-18', side: 'controlled' });
    expect(west?.distanceKm).toBeCloseTo(36.9, 0);
    expect(locate(view, sectors, admin, at(37.5, 48.5))?.side).toBe('occupied');
  });

  it('measures on the WGS 84 ellipsoid, as PostGIS geography does, not on the sphere', () => {
    // Due west of a north–south line the nearest point is at the same latitude, almost exactly.
    const p = at(36.5, 48.5);
    const ellipsoidal = geodesicKm(p, at(37, 48.5));
    const km = lineOfContactKm(view.line, p) ?? NaN;
    expect(km).toBeCloseTo(ellipsoidal, 3);
    expect(locate(view, sectors, admin, p)?.distanceKm).toBe(Math.round(km * 1000) / 1000);
    // The sphere alone would be about 0.3 % short east–west at this latitude.
    expect(ellipsoidal / (view.line.nearest(p)?.distanceKm ?? NaN)).toBeGreaterThan(1.002);
    expect(lineOfContactKm(prepareFrontline('2025-03-18', [], []).line, p)).toBeNull();
  });

  it('assigns the sector of the nearest point of the line, not of the point itself', () => {
    // West of 36.6° E lies the Zaporizhzhia box, but the nearest stretch of the line is in Donetsk north.
    expect(locate(view, sectors, admin, at(35.0, 48.5))?.sector).toBe('donetsk-north');
    expect(locate(view, sectors, admin, at(36.5, 49.8))?.sector).toBe('kharkiv');
  });

  it('finds the oblast, or none outside every oblast', () => {
    expect(locate(view, sectors, admin, at(36.5, 48.5))?.admin1).toBe('UA-14');
    expect(locate(view, sectors, admin, at(36.5, 49.5))?.admin1).toBeNull();
  });

  it('returns null for a snapshot without a line', () => {
    expect(locate(prepareFrontline('2025-03-18', [], []), sectors, admin, at(36, 48))).toBeNull();
  });
});
