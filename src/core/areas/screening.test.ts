// Screening against provisions with areas: drawn areas test the incident's point, admin areas and the line
// test its derived geography, and whatever is missing makes the area `unknown`, never a silent match.

import { describe, expect, it } from 'vitest';
import { lonLat } from '../geo.js';
import type { Area, IncidentGeography } from '../model.js';
import { screenIncident, type ReadoutScreening } from '../screening.js';
import {
  buildAgreement,
  buildIncident,
  buildProvision,
  buildReadout,
  type IncidentOverrides,
} from '../testing/factories.js';

/** Geography of a place 10 km behind the line, on the controlled side, in Zaporizhzhia oblast. */
function geography(overrides: Partial<IncidentGeography> = {}): IncidentGeography {
  return {
    snapshotDate: '2025-03-27',
    distanceKm: 10,
    side: 'controlled',
    sector: 'zaporizhzhia',
    admin1: 'UA-23',
    ...overrides,
  };
}

/** The one readout's screening of an incident under a single provision with this area. */
function screenIn(area: Area, incident: IncidentOverrides): ReadoutScreening {
  const agreement = buildAgreement({
    readouts: [buildReadout({ provisions: [buildProvision({ area })] })],
  });
  const readout = screenIncident(buildIncident(incident), [agreement])[0]?.readouts[0];
  if (!readout) throw new Error('expected one readout');
  return readout;
}

function outcome(r: ReadoutScreening): [string, string | null] {
  return [r.result, r.predicate];
}

const kherson = lonLat(32.61, 46.64);
const offOdesa = lonLat(30.8, 46.48);
const square: Area = {
  kind: 'polygon',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [32, 46],
        [33, 46],
        [33, 47],
        [32, 47],
        [32, 46],
      ],
    ],
  },
};

describe('areas in screening', () => {
  it('covers anything, with or without coordinates, under `everywhere`', () => {
    expect(screenIn({ kind: 'everywhere' }, { location: null }).result).toBe('covered');
  });

  it.each<[string, Area]>([
    ['an admin area', { kind: 'admin', codes: ['UA-65'] }],
    ['a polygon', square],
    ['the Black Sea', { kind: 'black-sea' }],
    ['a distance from the line', { kind: 'within-km-of-line', km: 30 }],
    ['a side of the line', { kind: 'side', side: 'occupied' }],
  ])('is unknown, naming the area, for an incident without coordinates against %s', (_name, area) => {
    const readout = screenIn(area, { location: null, geography: geography() });
    expect(outcome(readout)).toEqual(['unknown', 'area']);
    expect(readout.reason).toContain('no coordinates');
  });

  it('covers a point inside a polygon and not one outside it', () => {
    expect(screenIn(square, { location: kherson }).result).toBe('covered');
    expect(outcome(screenIn(square, { location: offOdesa }))).toEqual(['not-covered', 'area']);
  });

  it('reads a MultiPolygon as any of its polygons', () => {
    const area: Area = {
      kind: 'polygon',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [32, 46],
              [33, 46],
              [33, 47],
              [32, 46.5],
              [32, 46],
            ],
          ],
        ],
      },
    };
    expect(screenIn(area, { location: lonLat(32.9, 46.2) }).result).toBe('covered');
  });

  it('covers a strike off Odesa under the Black Sea and not one in Kherson city', () => {
    expect(screenIn({ kind: 'black-sea' }, { location: offOdesa }).result).toBe('covered');
    const onLand = screenIn({ kind: 'black-sea' }, { location: kherson });
    expect(outcome(onLand)).toEqual(['not-covered', 'area']);
    expect(onLand.reason).toContain('not in the Black Sea');
  });

  it('matches an admin area on the derived admin1, never on the point itself', () => {
    const area: Area = { kind: 'admin', codes: ['UA-65', 'UA-23'] };
    expect(screenIn(area, { geography: geography() }).result).toBe('covered');
    expect(outcome(screenIn(area, { geography: geography({ admin1: 'UA-51' }) }))).toEqual([
      'not-covered',
      'area',
    ]);
    const underived = screenIn(area, { location: kherson, geography: null });
    expect(outcome(underived)).toEqual(['unknown', 'area']);
    expect(underived.reason).toContain('oblast has not been derived');
  });

  it('does not cover a place outside every oblast under an admin area', () => {
    const readout = screenIn({ kind: 'admin', codes: ['UA-65'] }, { geography: geography({ admin1: null }) });
    expect(outcome(readout)).toEqual(['not-covered', 'area']);
  });

  it('covers a strike within N km of the line, on either side, and not one further away', () => {
    const area: Area = { kind: 'within-km-of-line', km: 30 };
    expect(screenIn(area, { geography: geography({ distanceKm: 30 }) }).result).toBe('covered');
    expect(screenIn(area, { geography: geography({ distanceKm: 5, side: 'occupied' }) }).result).toBe(
      'covered',
    );
    const far = screenIn(area, { geography: geography({ distanceKm: 30.5 }) });
    expect(outcome(far)).toEqual(['not-covered', 'area']);
    expect(far.reason).toContain('30.5 km from the line is not within 30 km of the line of contact');
  });

  it('is unknown when no front-line snapshot covers the date', () => {
    for (const area of [
      { kind: 'within-km-of-line', km: 30 },
      { kind: 'side', side: 'controlled' },
    ] as const) {
      const readout = screenIn(area, { geography: null });
      expect(outcome(readout)).toEqual(['unknown', 'area']);
      expect(readout.reason).toContain('no front-line snapshot covers the incident');
    }
  });

  it('matches the side of the line', () => {
    const area: Area = { kind: 'side', side: 'occupied' };
    expect(screenIn(area, { geography: geography({ side: 'occupied' }) }).result).toBe('covered');
    expect(outcome(screenIn(area, { geography: geography() }))).toEqual(['not-covered', 'area']);
  });

  it('needs every part of an all-of area', () => {
    const area: Area = {
      kind: 'all-of',
      areas: [
        { kind: 'admin', codes: ['UA-65'] },
        { kind: 'within-km-of-line', km: 20 },
      ],
    };
    const inKherson = geography({ admin1: 'UA-65', distanceKm: 12 });
    expect(screenIn(area, { geography: inKherson }).result).toBe('covered');
    const tooFar = geography({ admin1: 'UA-65', distanceKm: 40 });
    expect(outcome(screenIn(area, { geography: tooFar }))).toEqual(['not-covered', 'area']);
    expect(outcome(screenIn(area, { geography: null }))).toEqual(['unknown', 'area']);
  });

  it('lets another failed predicate decide before an unknown area', () => {
    const readout = screenIn({ kind: 'black-sea' }, { location: null, target: 'civilian.education' });
    expect(outcome(readout)).toEqual(['not-covered', 'target']);
  });
});
