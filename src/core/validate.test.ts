// Rules the shape cannot tell: known parties, sound windows, unique keys, references inside the agreement.

import { describe, expect, it } from 'vitest';
import type { TrucelineError } from './errors.js';
import type { ProvisionInput } from './schemas.js';
import {
  bound,
  buildAgreementInput,
  buildCondition,
  buildLifecycleStep,
  buildProvisionInput,
  buildReadoutInput,
  buildWindow,
} from './testing/factories.js';
import { checkAgreement, checkIncidentParties, checkReadout } from './validate.js';

const known: ReadonlySet<string> = new Set(['RU', 'UA', 'US']);

/** The code and field path of an error, or null, so each test states both in one assertion. */
function problem(error: TrucelineError | null): { code: string; path: string | undefined } | null {
  return error && { code: error.code, path: error.details.issues?.[0]?.path };
}

describe('checkAgreement', () => {
  it('accepts a sound agreement', () => {
    expect(checkAgreement(buildAgreementInput(), known)).toBeNull();
  });

  it('reports an unknown party with its index', () => {
    expect(problem(checkAgreement(buildAgreementInput({ parties: ['RU', 'XX'] }), known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'parties.1',
    });
  });

  it('reports an unknown mediator', () => {
    expect(problem(checkAgreement(buildAgreementInput({ mediators: ['SA'] }), known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'mediators.0',
    });
  });

  it('reports an unknown issuer of a readout', () => {
    const input = buildAgreementInput({ readouts: [buildReadoutInput({ issuedBy: 'XX' })] });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'readouts.0.issuedBy',
    });
  });

  it('reports an unknown party bound by a provision', () => {
    const provision = buildProvisionInput({ bound: ['RU', 'XX'] });
    const input = buildAgreementInput({ readouts: [buildReadoutInput({ provisions: [provision] })] });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'readouts.0.provisions.0.bound.1',
    });
  });

  it('reports an unknown party of a lifecycle step', () => {
    const lifecycle = [buildLifecycleStep({ party: null }), buildLifecycleStep({ party: 'XX' })];
    expect(problem(checkAgreement(buildAgreementInput({ lifecycle }), known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'lifecycle.1.party',
    });
  });

  it('reports an unknown party of a condition', () => {
    const input = buildAgreementInput({ conditions: [buildCondition({ party: 'XX' })] });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'conditions.0.party',
    });
  });

  it('names the path and the party in the message, and answers 422', () => {
    const error = checkAgreement(buildAgreementInput({ parties: ['XX'] }), known);
    expect([error?.status, error?.message]).toEqual([422, 'parties.0: unknown party "XX"']);
  });

  it('reports a window that ends before it starts on that readout’s window end', () => {
    const backwards = buildReadoutInput({
      key: 'backwards',
      window: buildWindow({ durationDays: null, end: bound('2025-03-01T00:00:00+03:00') }),
    });
    const input = buildAgreementInput({ readouts: [buildReadoutInput(), backwards] });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'READOUT_WINDOW_INVALID',
      path: 'readouts.1.window.end',
    });
  });

  it('reports a window with both an end and a duration on its duration', () => {
    const both = buildReadoutInput({ window: buildWindow({ end: bound('2025-04-16'), durationDays: 30 }) });
    expect(problem(checkAgreement(buildAgreementInput({ readouts: [both] }), known))).toEqual({
      code: 'READOUT_WINDOW_INVALID',
      path: 'readouts.0.window.durationDays',
    });
  });

  it('reports a second readout with the same key', () => {
    const input = buildAgreementInput({
      readouts: [buildReadoutInput({ key: 'kremlin' }), buildReadoutInput({ key: 'kremlin' })],
    });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'VALIDATION_FAILED',
      path: 'readouts.1.key',
    });
  });

  it('reports a second provision with the same key in one readout', () => {
    const readout = buildReadoutInput({
      provisions: [buildProvisionInput({ key: 'P1' }), buildProvisionInput({ key: 'P1' })],
    });
    expect(problem(checkAgreement(buildAgreementInput({ readouts: [readout] }), known))).toEqual({
      code: 'VALIDATION_FAILED',
      path: 'readouts.0.provisions.1.key',
    });
  });

  it('reports a condition tied to a readout the agreement does not have', () => {
    const input = buildAgreementInput({ conditions: [buildCondition({ readout: 'black-sea' })] });
    expect(problem(checkAgreement(input, known))).toEqual({
      code: 'REFERENCE_UNKNOWN',
      path: 'conditions.0.readout',
    });
  });

  it('accepts a condition tied to a readout the agreement has', () => {
    const input = buildAgreementInput({ conditions: [buildCondition({ readout: 'kremlin' })] });
    expect(checkAgreement(input, known)).toBeNull();
  });

  it('reports the agreement’s own fields before its readouts', () => {
    const input = buildAgreementInput({
      parties: ['XX'],
      readouts: [buildReadoutInput({ issuedBy: 'YY' })],
    });
    expect(problem(checkAgreement(input, known))?.path).toBe('parties.0');
  });
});

describe('checkReadout', () => {
  it('accepts a sound readout', () => {
    expect(checkReadout(buildReadoutInput(), known)).toBeNull();
  });

  it('reports a bad window with a path relative to the readout', () => {
    const readout = buildReadoutInput({ window: buildWindow({ start: null }) });
    expect(problem(checkReadout(readout, known))).toEqual({
      code: 'READOUT_WINDOW_INVALID',
      path: 'window.start',
    });
  });
});

describe('admin areas in provisions', () => {
  function withArea(area: ProvisionInput['area']) {
    return buildAgreementInput({
      readouts: [buildReadoutInput({ provisions: [buildProvisionInput({ area })] })],
    });
  }

  it('accepts known ISO codes', () => {
    expect(checkAgreement(withArea({ kind: 'admin', codes: ['UA-65', 'UA-23'] }), known)).toBeNull();
  });

  it('reports an unknown area with its path, as a 422', () => {
    const error = checkAgreement(withArea({ kind: 'admin', codes: ['UA-65', 'Atlantis'] }), known);
    expect(problem(error)).toEqual({
      code: 'ADMIN_AREA_UNKNOWN',
      path: 'readouts.0.provisions.0.area.codes.1',
    });
    expect(error?.status).toBe(422);
    expect(error?.message).toContain('"Atlantis"');
  });

  it('reports an unknown area inside all-of', () => {
    const area = {
      kind: 'all-of',
      areas: [{ kind: 'black-sea' }, { kind: 'admin', codes: ['UA-99'] }],
    } as const;
    expect(
      problem(checkReadout(buildReadoutInput({ provisions: [buildProvisionInput({ area })] }), known)),
    ).toEqual({
      code: 'ADMIN_AREA_UNKNOWN',
      path: 'provisions.0.area.areas.1.codes.0',
    });
  });
});

describe('checkIncidentParties', () => {
  const allegation = {
    accuser: 'UA',
    accused: 'RU',
    madeAt: '2025-03-28T12:00:00+02:00',
    source: null,
    summary: 'a drone hit a substation',
  };

  it('accepts known parties and a missing perpetrator', () => {
    expect(checkIncidentParties(null, [allegation], known)).toBeNull();
  });

  it('reports an unknown perpetrator', () => {
    expect(problem(checkIncidentParties('XX', [], known))).toEqual({
      code: 'PARTY_UNKNOWN',
      path: 'perpetrator',
    });
  });

  it('reports an unknown accused party of an allegation', () => {
    expect(
      problem(checkIncidentParties('RU', [allegation, { ...allegation, accused: 'XX' }], known)),
    ).toEqual({ code: 'PARTY_UNKNOWN', path: 'allegations.1.accused' });
  });
});
