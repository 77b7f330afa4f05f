// Screening an incident against agreements, readout by readout: one behaviour per test, built from factories.

import { describe, expect, it } from 'vitest';
import type { Agreement } from './model.js';
import {
  combineVerdict,
  screenIncident,
  type AgreementScreening,
  type ReadoutResult,
  type ReadoutScreening,
  type ScreenableIncident,
  type Verdict,
} from './screening.js';
import {
  bound,
  buildAgreement,
  buildCondition,
  buildIncident,
  buildLifecycleStep,
  buildProvision,
  buildReadout,
  buildWindow,
  type IncidentOverrides,
} from './testing/factories.js';

/** The screening of the one agreement; fails the test when the agreement was left out. */
function screenOne(
  incident: ScreenableIncident,
  agreement: Agreement = buildAgreement(),
): AgreementScreening {
  const [result, ...rest] = screenIncident(incident, [agreement]);
  if (!result || rest.length > 0) throw new Error('expected exactly one agreement in the result');
  return result;
}

/** The screening under an agreement's only readout. */
function readoutOf(incident: IncidentOverrides, agreement: Agreement = buildAgreement()): ReadoutScreening {
  const [readout, ...rest] = screenOne(buildIncident(incident), agreement).readouts;
  if (!readout || rest.length > 0) throw new Error('expected exactly one readout in the result');
  return readout;
}

/** An agreement whose only readout has these provisions. */
function withProvisions(...provisions: Parameters<typeof buildProvision>[0][]): Agreement {
  return buildAgreement({
    readouts: [buildReadout({ provisions: provisions.map((p) => buildProvision(p)) })],
  });
}

describe('targets through the taxonomy', () => {
  it('covers a strike on a refinery under a provision naming infrastructure', () => {
    const agreement = withProvisions({ targets: ['infrastructure'] });
    expect(readoutOf({ target: 'infrastructure.energy.refinery' }, agreement).result).toBe('covered');
  });

  it('does not cover a strike on a substation under a provision naming power plants', () => {
    const agreement = withProvisions({ targets: ['infrastructure.energy.power-plant'] });
    const readout = readoutOf({ target: 'infrastructure.energy.substation' }, agreement);
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'target']);
  });

  it('is unknown when the report names only a broader target than the provision protects', () => {
    const agreement = withProvisions({ targets: ['infrastructure.energy.substation'] });
    const readout = readoutOf({ target: 'infrastructure.energy' }, agreement);
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'target']);
    expect(readout.reason).toContain('reported only as infrastructure.energy');
  });

  it('does not cover a broader target whose branch the provision does not reach', () => {
    const agreement = withProvisions({ targets: ['infrastructure.energy.substation'] });
    expect(readoutOf({ target: 'civilian' }, agreement).result).toBe('not-covered');
  });

  it('is unknown when the target is not reported', () => {
    const readout = readoutOf({ target: null });
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'target']);
  });

  it('covers any target, reported or not, under a provision on any target', () => {
    expect(readoutOf({ target: null }, withProvisions({ targets: 'any' })).result).toBe('covered');
  });
});

describe('windows', () => {
  it('covers an incident at 22:30Z on 17 March: already 18 March in Moscow, where the window starts', () => {
    expect(readoutOf({ occurredAt: '2025-03-17T22:30:00Z' }).result).toBe('covered');
  });

  it('leaves the agreement out for an incident at 20:30Z on 17 March, still 17 March in Moscow', () => {
    expect(screenIncident(buildIncident({ occurredAt: '2025-03-17T20:30:00Z' }), [buildAgreement()])).toEqual(
      [],
    );
  });

  it('leaves the agreement out at the first instant after 30 days, the window being half-open', () => {
    const incident = buildIncident({ occurredAt: '2025-04-17T00:00:00+03:00' });
    expect(screenIncident(incident, [buildAgreement()])).toEqual([]);
  });

  it('is unknown for a day-precision incident on the day a window opens at noon', () => {
    const noon = buildReadout({
      window: buildWindow({ start: bound('2025-03-18T12:00:00+03:00', 'minute') }),
    });
    const readout = readoutOf(
      { occurredAt: '2025-03-18T00:00:00+03:00', timePrecision: 'day' },
      buildAgreement({ readouts: [noon] }),
    );
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'window']);
    expect(readout.reason).toMatch(/too imprecise/);
  });

  it('covers a month-precision incident whose whole month lies inside the window', () => {
    const spring = buildReadout({
      window: buildWindow({ start: bound('2025-03-01T00:00:00+03:00'), durationDays: 92 }),
    });
    const readout = readoutOf(
      { occurredAt: '2025-04-10T00:00:00+03:00', timePrecision: 'month' },
      buildAgreement({ readouts: [spring] }),
    );
    expect(readout.result).toBe('covered');
  });

  it('is unknown for a month-precision incident in the month a window closes', () => {
    const readout = readoutOf({ occurredAt: '2025-04-01T12:00:00+03:00', timePrecision: 'month' });
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'window']);
  });

  it('does not cover an imprecise incident across the window edge that no provision would cover anyway', () => {
    const readout = readoutOf({
      occurredAt: '2025-04-01T12:00:00+03:00',
      timePrecision: 'month',
      target: 'civilian.residential',
    });
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'target']);
  });

  it('leaves the agreement out after the lifecycle cut the window short', () => {
    const agreement = buildAgreement({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', at: '2025-03-25T00:00:00+03:00' })],
    });
    expect(screenIncident(buildIncident({ occurredAt: '2025-03-28T10:00:00+02:00' }), [agreement])).toEqual(
      [],
    );
  });

  it('explains a readout outside its window with the window and the step that cut it short', () => {
    const early = buildReadout({ key: 'early' });
    const late = buildReadout({
      key: 'late',
      window: buildWindow({ start: bound('2025-03-25T00:00:00+02:00') }),
    });
    const agreement = buildAgreement({
      readouts: [early, late],
      lifecycle: [buildLifecycleStep({ status: 'expired', at: '2025-04-10T00:00:00+03:00' })],
    });
    const result = screenOne(buildIncident({ occurredAt: '2025-03-20T10:00:00+02:00' }), agreement);
    const lateResult = result.readouts.find((r) => r.readoutKey === 'late');
    expect(lateResult).toMatchObject({ result: 'not-covered', predicate: 'window', provision: null });
    expect(lateResult?.reason).toBe(
      "outside this readout's window (2025-03-24T22:00:00+00:00 to 2025-04-09T21:00:00+00:00, cut short: expired 2025-04-10)",
    );
  });

  it('holds a readout out of force while a precondition tied to it is unmet', () => {
    const agreement = buildAgreement({
      readouts: [buildReadout({ key: 'kremlin' }), buildReadout({ key: 'black-sea' })],
      conditions: [buildCondition({ readout: 'black-sea' })],
    });
    const blackSea = screenOne(buildIncident(), agreement).readouts.find((r) => r.readoutKey === 'black-sea');
    expect(blackSea).toMatchObject({ result: 'not-covered', predicate: 'window' });
    expect(blackSea?.reason).toBe('not in force until a precondition is met: sanctions relief first');
  });
});

describe('bound parties', () => {
  it('covers a perpetrator on the provision’s own list', () => {
    expect(readoutOf({ perpetrator: 'UA' }, withProvisions({ bound: ['UA'] })).result).toBe('covered');
  });

  it('does not cover a party of the agreement that the provision’s list leaves out', () => {
    const readout = readoutOf({ perpetrator: 'RU' }, withProvisions({ bound: ['UA'] }));
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'party']);
  });

  it('binds the agreement’s parties when the provision says parties', () => {
    expect(readoutOf({ perpetrator: 'UA' }, withProvisions({ bound: 'parties' })).result).toBe('covered');
  });

  it('does not bind the mediator when the provision says parties', () => {
    const readout = readoutOf({ perpetrator: 'US' }, withProvisions({ bound: 'parties' }));
    expect(readout).toMatchObject({ result: 'not-covered', predicate: 'party' });
    expect(readout.reason).toContain('US is not bound (binds RU, UA)');
  });

  it('is unknown when no perpetrator is alleged', () => {
    const readout = readoutOf({ perpetrator: null });
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'party']);
  });

  it('lets a failed predicate decide over a missing perpetrator', () => {
    const readout = readoutOf({ perpetrator: null, act: 'interception' });
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'act']);
  });
});

describe('acts and domains', () => {
  it('covers an incident with no reported act under a provision on any act', () => {
    expect(readoutOf({ act: null }, withProvisions({ acts: 'any' })).result).toBe('covered');
  });

  it('is unknown when the act is not reported and the provision lists acts', () => {
    const readout = readoutOf({ act: null });
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'act']);
  });

  it('covers a missile strike under a provision on strikes', () => {
    expect(readoutOf({ act: 'missile-strike' }).result).toBe('covered');
  });

  it('does not count an interception as a strike', () => {
    const readout = readoutOf({ act: 'interception' });
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'act']);
  });

  it('does not cover a generic strike under a provision on drone strikes only', () => {
    const readout = readoutOf({ act: 'strike' }, withProvisions({ acts: ['drone-strike'] }));
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'act']);
  });

  it('derives the domain from the act when none is reported', () => {
    expect(
      readoutOf({ act: 'drone-strike', domain: null }, withProvisions({ domains: ['air'] })).result,
    ).toBe('covered');
  });

  it('does not cover an air strike under a provision on the sea', () => {
    const readout = readoutOf({ act: 'air-strike', domain: null }, withProvisions({ domains: ['sea'] }));
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'domain']);
  });

  it('prefers the reported domain to the one the act implies', () => {
    const readout = readoutOf({ act: 'drone-strike', domain: 'sea' }, withProvisions({ domains: ['sea'] }));
    expect(readout.result).toBe('covered');
  });

  it('is unknown when neither the domain nor an act that implies one is reported', () => {
    const readout = readoutOf({ act: 'strike', domain: null }, withProvisions({ domains: ['air'] }));
    expect([readout.result, readout.predicate]).toEqual(['unknown', 'domain']);
  });
});

describe('readout results', () => {
  it('names the provision that matched, with no failed predicate', () => {
    const readout = readoutOf({});
    expect(readout).toMatchObject({
      readoutId: 'readout-kremlin',
      readoutKey: 'kremlin',
      issuedBy: 'RU',
      issuer: 'The Kremlin',
      result: 'covered',
      provision: { id: 'provision-P1', key: 'P1' },
      predicate: null,
    });
  });

  it('covers when any one of several provisions matches, and names that one', () => {
    const agreement = withProvisions(
      { key: 'P1', targets: ['infrastructure.energy.refinery'] },
      { key: 'P2', targets: ['infrastructure.energy.substation'] },
    );
    const readout = readoutOf({ target: 'infrastructure.energy.substation' }, agreement);
    expect([readout.result, readout.provision?.key]).toEqual(['covered', 'P2']);
  });

  it('names the one provision and its failed predicate when a single provision fails', () => {
    const readout = readoutOf({ target: 'infrastructure.transport.rail' });
    expect(readout).toMatchObject({ provision: { key: 'P1' }, predicate: 'target' });
    expect(readout.reason).toBe(
      'P1: target infrastructure.transport.rail is not under infrastructure.energy',
    );
  });

  it('names each provision’s failed predicate when several fail', () => {
    const agreement = withProvisions(
      { key: 'P1', targets: ['infrastructure.energy'] },
      { key: 'P2', acts: ['shelling'], targets: 'any' },
      { key: 'P3', bound: ['UA'], targets: 'any' },
    );
    const readout = readoutOf({ target: 'infrastructure.transport.rail' }, agreement);
    expect(readout.result).toBe('not-covered');
    expect(readout.provision).toBeNull();
    expect(readout.reason.split('; ')).toEqual([
      'P1: target infrastructure.transport.rail is not under infrastructure.energy',
      'P2: act drone-strike is not among shelling',
      'P3: RU is not bound (binds UA)',
    ]);
  });

  it('names no predicate when several provisions fail on different ones', () => {
    const agreement = withProvisions(
      { key: 'P1', targets: ['infrastructure.energy'] },
      { key: 'P2', acts: ['shelling'], targets: 'any' },
    );
    expect(readoutOf({ target: 'infrastructure.transport.rail' }, agreement).predicate).toBeNull();
  });

  it('names the shared predicate when several provisions all fail on it', () => {
    const agreement = withProvisions(
      { key: 'P1', targets: ['infrastructure.energy.refinery'] },
      { key: 'P2', targets: ['infrastructure.energy.hydro-dam'] },
    );
    const readout = readoutOf({ target: 'infrastructure.transport.rail' }, agreement);
    expect([readout.provision, readout.predicate]).toEqual([null, 'target']);
  });

  it('is unknown, naming the undecided provision, when none matches and one cannot be decided', () => {
    const agreement = withProvisions(
      { key: 'P1', targets: ['civilian'] },
      { key: 'P2', domains: ['air'], targets: 'any' },
    );
    const readout = readoutOf({ act: 'strike', domain: null }, agreement);
    expect(readout).toMatchObject({ result: 'unknown', provision: { key: 'P2' }, predicate: 'domain' });
  });

  it('does not cover anything under a readout with no provisions', () => {
    const agreement = buildAgreement({ readouts: [buildReadout({ provisions: [] })] });
    expect(readoutOf({}, agreement)).toMatchObject({
      result: 'not-covered',
      provision: null,
      reason: 'this readout has no provisions',
    });
  });
});

describe('agreement verdicts', () => {
  const broad = buildReadout({
    key: 'white-house',
    issuedBy: 'US',
    provisions: [buildProvision({ targets: ['infrastructure'] })],
  });
  const narrow = buildReadout({ key: 'kremlin' });

  it('is covered when every readout covers the incident', () => {
    const result = screenOne(buildIncident(), buildAgreement({ readouts: [broad, narrow] }));
    expect(result.verdict).toBe('covered');
  });

  it('is not covered when no readout covers the incident', () => {
    const incident = buildIncident({ target: 'civilian.residential' });
    expect(screenOne(incident, buildAgreement({ readouts: [broad, narrow] })).verdict).toBe('not-covered');
  });

  it('is contested when the readouts disagree', () => {
    const incident = buildIncident({ target: 'infrastructure.transport.rail' });
    const result = screenOne(incident, buildAgreement({ readouts: [broad, narrow] }));
    expect(result.verdict).toBe('contested');
    expect(result.readouts.map((r) => [r.readoutKey, r.result])).toEqual([
      ['white-house', 'covered'],
      ['kremlin', 'not-covered'],
    ]);
  });

  it('is unknown when one readout covers the incident and another cannot tell', () => {
    const airOnly = buildReadout({ key: 'air-only', provisions: [buildProvision({ domains: ['air'] })] });
    const incident = buildIncident({ act: 'strike', domain: null });
    const result = screenOne(incident, buildAgreement({ readouts: [narrow, airOnly] }));
    expect(result.readouts.map((r) => r.result)).toEqual(['covered', 'unknown']);
    expect(result.verdict).toBe('unknown');
  });

  it('omits an agreement whose readouts are all out of window and keeps one in force', () => {
    const lapsed = buildAgreement({
      slug: 'lapsed',
      readouts: [
        buildReadout({ key: 'a', window: buildWindow({ start: bound('2024-01-01'), durationDays: 10 }) }),
        buildReadout({ key: 'b', window: buildWindow({ start: null, durationDays: null }) }),
      ],
    });
    const results = screenIncident(buildIncident(), [lapsed, buildAgreement({ slug: 'current' })]);
    expect(results.map((r) => r.slug)).toEqual(['current']);
  });

  it('identifies the agreement it screened against', () => {
    const result = screenOne(buildIncident());
    expect([result.agreementId, result.slug, result.title]).toEqual([
      'agreement-test-moratorium',
      'test-moratorium',
      'A test moratorium on strikes on energy infrastructure',
    ]);
  });

  it('screens the same agreement twice alike', () => {
    const agreement = buildAgreement();
    const first = screenIncident(buildIncident(), [agreement]);
    expect(screenIncident(buildIncident(), [agreement])).toEqual(first);
  });
});

describe('combineVerdict', () => {
  it.each<[ReadoutResult[], Verdict]>([
    [['covered'], 'covered'],
    [['covered', 'covered'], 'covered'],
    [['not-covered'], 'not-covered'],
    [['not-covered', 'not-covered'], 'not-covered'],
    [['covered', 'not-covered'], 'contested'],
    [['not-covered', 'covered', 'unknown'], 'contested'],
    [['covered', 'unknown'], 'unknown'],
    [['not-covered', 'unknown'], 'unknown'],
    [['unknown'], 'unknown'],
    [[], 'unknown'],
  ])('combines %j into %s', (results, verdict) => {
    expect(combineVerdict(results)).toBe(verdict);
  });
});

describe('a provision within 30 km of the line (the geography issue’s case)', () => {
  const agreement = withProvisions({ area: { kind: 'within-km-of-line', km: 30 } });
  const geography = (distanceKm: number) => ({
    snapshotDate: '2025-03-27',
    distanceKm,
    side: 'controlled' as const,
    sector: null,
    admin1: 'UA-23',
  });

  it('covers a strike 10 km behind the line', () => {
    expect(readoutOf({ geography: geography(10) }, agreement).result).toBe('covered');
  });

  it('does not cover a strike 200 km away', () => {
    const readout = readoutOf({ geography: geography(200) }, agreement);
    expect([readout.result, readout.predicate]).toEqual(['not-covered', 'area']);
  });
});
