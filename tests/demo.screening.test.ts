// The March 2025 moratorium, screened as the foundation issue requires: one test per case.

import { describe, expect, it } from 'vitest';
import { blackSea, energyMoratorium } from '../src/demo/agreements.js';
import { lonLat } from '../src/core/geo.js';
import { agreementFromInput } from '../src/core/materialize.js';
import { agreementInputSchema } from '../src/core/schemas.js';
import { screenIncident, type ScreenableIncident } from '../src/core/screening.js';
import { parseInstant } from '../src/core/time.js';

const moratorium = agreementFromInput(agreementInputSchema.parse(energyMoratorium));

function draft(
  overrides: Partial<Omit<ScreenableIncident, 'occurredAt'>> & { at: string },
): ScreenableIncident {
  const { at, ...rest } = overrides;
  const occurredAt = parseInstant(at);
  if (!occurredAt) throw new Error(`bad test time ${at}`);
  return {
    occurredAt,
    timePrecision: 'minute',
    act: 'drone-strike',
    domain: null,
    target: 'infrastructure.energy.substation',
    perpetrator: 'RU',
    location: lonLat(34.8, 50.9),
    ...rest,
  };
}

function screen(incident: ScreenableIncident) {
  return screenIncident(incident, [moratorium]);
}

function resultsByReadout(incident: ScreenableIncident): Record<string, string> {
  const [only] = screen(incident);
  return Object.fromEntries((only?.readouts ?? []).map((r) => [r.readoutKey, r.result]));
}

describe('the energy moratorium of March 2025', () => {
  it('covers a Russian drone strike on a substation on 28 March under every readout', () => {
    const [result] = screen(draft({ at: '2025-03-28T10:00:00+02:00' }));
    expect(result?.slug).toBe('energy-moratorium-2025-03');
    expect(result?.verdict).toBe('covered');
    expect(result?.readouts.map((r) => r.result)).toEqual(['covered', 'covered', 'covered', 'covered']);
    const list = result?.readouts.find((r) => r.readoutKey === 'kremlin-list-2025-03-25');
    expect(list?.provision?.key).toBe('P3');
  });

  it('contests a missile strike on a railway station on 28 March: covered under the White House readout only', () => {
    const incident = draft({
      at: '2025-03-28T10:00:00+02:00',
      act: 'missile-strike',
      target: 'infrastructure.transport.rail',
    });
    const [result] = screen(incident);
    expect(result?.verdict).toBe('contested');
    expect(resultsByReadout(incident)).toEqual({
      'wh-2025-03-18': 'covered',
      'kremlin-2025-03-18': 'not-covered',
      'kremlin-list-2025-03-25': 'not-covered',
      'ua-2025-03-25': 'not-covered',
    });
    const kremlin = result?.readouts.find((r) => r.readoutKey === 'kremlin-2025-03-18');
    expect(kremlin?.predicate).toBe('target');
    expect(kremlin?.reason).toContain('infrastructure.transport.rail is not under infrastructure.energy');
  });

  it("contests a strike on a substation on 20 March: inside Russia's window, before Ukraine's", () => {
    const incident = draft({ at: '2025-03-20T03:00:00+02:00' });
    const [result] = screen(incident);
    expect(result?.verdict).toBe('contested');
    const ukraine = result?.readouts.find((r) => r.issuedBy === 'UA');
    expect(ukraine?.result).toBe('not-covered');
    expect(ukraine?.predicate).toBe('window');
    expect(result?.readouts.filter((r) => r.issuedBy === 'RU').map((r) => r.result)).toEqual([
      'covered',
      'covered',
    ]);
  });

  it('no longer applies to the same strike on 1 May', () => {
    expect(screen(draft({ at: '2025-05-01T10:00:00+03:00' }))).toEqual([]);
  });

  it('is unknown for a strike with no reported target', () => {
    const [result] = screen(draft({ at: '2025-03-28T10:00:00+02:00', target: null }));
    expect(result?.verdict).toBe('unknown');
    expect(result?.readouts.every((r) => r.result === 'unknown' && r.predicate === 'target')).toBe(true);
  });

  it('ends with the lifecycle: 16 April is covered, 17 April (Moscow time) is not', () => {
    expect(screen(draft({ at: '2025-04-16T23:30:00+03:00' }))[0]?.verdict).toBe('covered');
    expect(screen(draft({ at: '2025-04-17T00:30:00+03:00' }))).toEqual([]);
  });
});

describe('the Black Sea arrangement, limited to the Black Sea outline', () => {
  const arrangement = agreementFromInput(agreementInputSchema.parse(blackSea));
  const onVessel = (location: ScreenableIncident['location']) =>
    screenIncident(draft({ at: '2025-04-02T10:00:00+03:00', target: 'civilian.vessel', location }), [
      arrangement,
    ])[0];

  it('covers a strike on a vessel in Odesa’s port waters under both White House readouts', () => {
    const result = onVessel(lonLat(30.8, 46.48));
    expect(result?.readouts.map((r) => r.result)).toEqual(['covered', 'covered', 'not-covered']);
  });

  it('does not cover a strike on a vessel on land, and cannot tell without coordinates', () => {
    expect(onVessel(lonLat(32.61, 46.64))?.readouts[0]?.reason).toMatch(/P2: .* is not in the Black Sea/);
    expect(onVessel(lonLat(32.61, 46.64))?.verdict).toBe('not-covered');
    expect(onVessel(null)?.verdict).toBe('unknown');
  });
});
