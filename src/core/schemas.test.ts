// Input shapes: strict objects, the defaults a terse input gets, checked codes and positions.

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  agreementInputSchema,
  areaSchema,
  incidentInputSchema,
  instantSchema,
  locationSchema,
  partyCodeSchema,
  provisionInputSchema,
  readoutInputSchema,
  screenDraftSchema,
  slugSchema,
  sourceInputSchema,
} from './schemas.js';

type AgreementBody = z.input<typeof agreementInputSchema>;
type ReadoutBody = z.input<typeof readoutInputSchema>;

/** The least a readout needs: the defaults fill in the rest. */
function readoutBody(overrides: Partial<ReadoutBody> = {}): ReadoutBody {
  return {
    key: 'kremlin',
    issuedBy: 'RU',
    issuer: 'The Kremlin',
    issuedAt: '2025-03-18T20:00:00+03:00',
    scope: 'energy infrastructure facilities',
    window: { start: { at: '2025-03-18T00:00:00+03:00' }, durationDays: 30 },
    provisions: [{ key: 'P1', acts: ['strike'], targets: ['infrastructure.energy'] }],
    ...overrides,
  };
}

function agreementBody(overrides: Partial<AgreementBody> = {}): AgreementBody {
  return {
    slug: 'energy-moratorium',
    title: 'Moratorium on strikes on energy infrastructure',
    form: 'leaders-call',
    kind: 'moratorium',
    parties: ['RU', 'UA'],
    readouts: [readoutBody()],
    ...overrides,
  };
}

/** The paths of the issues a failed parse reports. */
function issuePaths(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('strict objects', () => {
  it('accept a terse agreement', () => {
    expect(agreementInputSchema.safeParse(agreementBody()).success).toBe(true);
  });

  it('reject an unknown key on the agreement', () => {
    const result = agreementInputSchema.safeParse({ ...agreementBody(), parites: ['RU'] });
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('reject an unknown key deep inside a readout’s window', () => {
    const readout = { ...readoutBody(), window: { start: { at: '2025-03-18', zone: 'Europe/Moscow' } } };
    expect(issuePaths(agreementInputSchema.safeParse({ ...agreementBody(), readouts: [readout] }))).toEqual([
      'readouts.0.window.start',
    ]);
  });

  it('reject an unknown key on a provision', () => {
    const result = provisionInputSchema.safeParse({ key: 'P1', target: ['infrastructure.energy'] });
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('reject an unknown key on a screening draft', () => {
    const result = screenDraftSchema.safeParse({ occurredAt: '2025-03-28', actor: 'RU' });
    expect(result.success).toBe(false);
  });
});

describe('defaults', () => {
  it('give a bare provision any act, domain and target, binding the parties, everywhere', () => {
    expect(provisionInputSchema.parse({ key: 'P1' })).toEqual({
      key: 'P1',
      kind: 'prohibition',
      acts: 'any',
      domains: 'any',
      targets: 'any',
      area: { kind: 'everywhere' },
      bound: 'parties',
      quote: null,
    });
  });

  it('give a window bound day precision', () => {
    const readout = readoutInputSchema.parse(readoutBody());
    expect(readout.window.start).toEqual({ at: '2025-03-18T00:00:00+03:00', precision: 'day' });
  });

  it('give a window no end, extension or escape clause', () => {
    const { window } = readoutInputSchema.parse(readoutBody({ window: { start: null } }));
    expect(window).toEqual({
      start: null,
      end: null,
      durationDays: null,
      extension: null,
      escapeClause: null,
    });
  });

  it('give a readout no source, an empty summary and no provisions', () => {
    const { provisions: _provisions, ...bare } = readoutBody();
    const readout = readoutInputSchema.parse(bare);
    expect([readout.source, readout.summary, readout.provisions]).toEqual([null, '', []]);
  });

  it('give a lifecycle step day precision and no party', () => {
    const parsed = agreementInputSchema.parse(
      agreementBody({ lifecycle: [{ status: 'expired', at: '2025-04-17T00:00:00+03:00' }] }),
    );
    expect(parsed.lifecycle[0]).toMatchObject({ precision: 'day', party: null, note: '', source: null });
  });

  it('give a condition the status open and no readout', () => {
    const parsed = agreementInputSchema.parse(
      agreementBody({ conditions: [{ key: 'aid', party: 'RU', kind: 'demand', text: 'no foreign aid' }] }),
    );
    expect(parsed.conditions[0]).toMatchObject({ status: 'open', readout: null });
  });

  it('give an agreement no mediators, links, lifecycle or conditions', () => {
    const parsed = agreementInputSchema.parse(agreementBody());
    expect([parsed.mediators, parsed.links, parsed.lifecycle, parsed.conditions]).toEqual([[], [], [], []]);
  });

  it('give an incident no counts, effects, casualties or allegations', () => {
    const parsed = incidentInputSchema.parse({ occurredAt: '2025-03-28', title: 'Strike on a substation' });
    expect([parsed.counts, parsed.effects, parsed.casualties, parsed.allegations]).toEqual([
      [],
      [],
      { killed: null, injured: null },
      [],
    ]);
  });

  it('give a source no translations and mark it verified', () => {
    const parsed = sourceInputSchema.parse({
      key: 'wh-readout',
      issuer: 'The White House',
      title: 'Readout',
    });
    expect([parsed.translations, parsed.verified]).toEqual([[], true]);
  });
});

describe('vocabularies', () => {
  it('accept a target code of the taxonomy', () => {
    const parsed = provisionInputSchema.parse({ key: 'P1', targets: ['infrastructure.energy.substation'] });
    expect(parsed.targets).toEqual(['infrastructure.energy.substation']);
  });

  it('reject a target code outside the taxonomy, naming its path', () => {
    const result = provisionInputSchema.safeParse({ key: 'P1', targets: ['infrastructure.energyx'] });
    expect(issuePaths(result)).toEqual(['targets.0']);
    expect(result.error?.issues[0]?.message).toMatch(/not a target code/);
  });

  it('reject an empty list of targets', () => {
    expect(provisionInputSchema.safeParse({ key: 'P1', targets: [] }).success).toBe(false);
  });

  it('reject an act outside the vocabulary', () => {
    const result = provisionInputSchema.safeParse({ key: 'P1', acts: ['bombing'] });
    expect(issuePaths(result)[0]).toMatch(/^acts\b/);
  });

  it('reject a target code outside the taxonomy on an incident', () => {
    expect(issuePaths(screenDraftSchema.safeParse({ occurredAt: '2025-03-28', target: 'energy' }))).toEqual([
      'target',
    ]);
  });

  it('reject a window bound at week precision', () => {
    const readout = { ...readoutBody(), window: { start: { at: '2025-03-18', precision: 'week' } } };
    expect(issuePaths(readoutInputSchema.safeParse(readout))).toEqual(['window.start.precision']);
  });

  it('reject a duration that is not a whole positive number of days', () => {
    const readout = readoutBody({ window: { start: { at: '2025-03-18' }, durationDays: 0.5 } });
    expect(issuePaths(readoutInputSchema.safeParse(readout))).toEqual(['window.durationDays']);
  });
});

describe('codes and instants', () => {
  it('reject a lower-case party code', () => {
    expect(partyCodeSchema.safeParse('ru').success).toBe(false);
  });

  it('reject a slug with a double hyphen', () => {
    expect(slugSchema.safeParse('energy--moratorium').success).toBe(false);
  });

  it('reject an impossible date', () => {
    expect(instantSchema.safeParse('2025-02-30').success).toBe(false);
  });

  it('keep an instant as the text it was given', () => {
    expect(instantSchema.parse('2025-03-18T20:50+02:00')).toBe('2025-03-18T20:50+02:00');
  });
});

describe('locationSchema', () => {
  it('turns { lon, lat } into a [lon, lat] pair', () => {
    expect(locationSchema.parse({ lon: 34.8, lat: 50.9 })).toEqual([34.8, 50.9]);
  });

  it('accepts the edges of the ranges', () => {
    expect(locationSchema.parse({ lon: -180, lat: 90 })).toEqual([-180, 90]);
  });

  it('rejects a longitude beyond 180', () => {
    expect(issuePaths(locationSchema.safeParse({ lon: 180.5, lat: 50 }))).toEqual(['lon']);
  });

  it('rejects a latitude beyond -90', () => {
    expect(issuePaths(locationSchema.safeParse({ lon: 34.8, lat: -91 }))).toEqual(['lat']);
  });

  it('rejects a position written as a lat/lng object', () => {
    expect(locationSchema.safeParse({ lat: 50.9, lng: 34.8 }).success).toBe(false);
  });

  it('rejects a position written as a bare pair', () => {
    expect(locationSchema.safeParse([34.8, 50.9]).success).toBe(false);
  });

  it('rejects a coordinate that is not finite', () => {
    expect(locationSchema.safeParse({ lon: Number.NaN, lat: 50 }).success).toBe(false);
  });
});

describe('areas', () => {
  const ring = [
    [32, 46],
    [33, 46],
    [33, 47],
    [32, 46],
  ];

  function issuePaths(input: unknown): string[] {
    const result = areaSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  }

  it('accepts each kind of area', () => {
    for (const area of [
      { kind: 'everywhere' },
      { kind: 'admin', codes: ['UA-65'] },
      { kind: 'polygon', geometry: { type: 'Polygon', coordinates: [ring] } },
      { kind: 'polygon', geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] } },
      { kind: 'black-sea' },
      { kind: 'within-km-of-line', km: 30 },
      { kind: 'side', side: 'occupied' },
      { kind: 'all-of', areas: [{ kind: 'admin', codes: ['UA-65'] }, { withinKmOfLine: 20 }] },
    ]) {
      expect(areaSchema.safeParse(area).success).toBe(true);
    }
  });

  it('reads the shorthand { withinKmOfLine: N } as a within-km-of-line area', () => {
    expect(areaSchema.parse({ withinKmOfLine: 30 })).toEqual({ kind: 'within-km-of-line', km: 30 });
  });

  it('turns oblast names into ISO codes and keeps what it does not know for validation to report', () => {
    expect(
      areaSchema.parse({ kind: 'admin', codes: ['Kherson', 'Запорізька область', 'ua-51', 'Atlantis'] }),
    ).toEqual({ kind: 'admin', codes: ['UA-65', 'UA-23', 'UA-51', 'Atlantis'] });
  });

  it('drops an altitude from a position', () => {
    const withAltitude = ring.map(([lon = 0, lat = 0]) => [lon, lat, 120]);
    const area = areaSchema.parse({
      kind: 'polygon',
      geometry: { type: 'Polygon', coordinates: [withAltitude] },
    });
    expect(area.kind === 'polygon' && area.geometry.coordinates[0]?.[0]).toEqual([32, 46]);
  });

  it('refuses a ring that is not closed, naming it', () => {
    const open = [...ring.slice(0, 3), [32.5, 46.5]];
    expect(issuePaths({ kind: 'polygon', geometry: { type: 'Polygon', coordinates: [open] } })).toEqual([
      'geometry.coordinates.0',
    ]);
  });

  it('refuses a ring of fewer than four positions', () => {
    const short = [
      [32, 46],
      [33, 46],
      [32, 46],
    ];
    expect(issuePaths({ kind: 'polygon', geometry: { type: 'Polygon', coordinates: [short] } })).toEqual([
      'geometry.coordinates.0',
    ]);
  });

  it('refuses a position out of range, naming it', () => {
    const bad = [
      [32, 46],
      [33, 96],
      [33, 47],
      [32, 46],
    ];
    expect(issuePaths({ kind: 'polygon', geometry: { type: 'Polygon', coordinates: [bad] } })).toEqual([
      'geometry.coordinates.0.1.1',
    ]);
  });

  it('refuses a ring across the antimeridian', () => {
    const across = [
      [179, 60],
      [-179, 60],
      [-179, 61],
      [179, 60],
    ];
    expect(issuePaths({ kind: 'polygon', geometry: { type: 'Polygon', coordinates: [across] } })).toEqual([
      'geometry.coordinates.0.1',
    ]);
  });

  it('refuses a negative distance, an unknown side and an unknown kind', () => {
    expect(issuePaths({ kind: 'within-km-of-line', km: -1 })).toEqual(['km']);
    expect(issuePaths({ kind: 'side', side: 'ours' })).toEqual(['side']);
    expect(areaSchema.safeParse({ kind: 'ocean' }).success).toBe(false);
  });

  it('does not nest all-of', () => {
    const inner = { kind: 'all-of', areas: [{ kind: 'black-sea' }, { kind: 'black-sea' }] };
    expect(areaSchema.safeParse({ kind: 'all-of', areas: [inner, { kind: 'black-sea' }] }).success).toBe(
      false,
    );
  });
});
