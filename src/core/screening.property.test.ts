// Screening against a reference: random agreements and incidents, screened by `screenIncident` and by a small
// re-statement of the rules in three-valued logic (true, false, unknown), must give the same result for every
// readout and the same verdict for every agreement; plus the invariants that hold whatever the rules' details.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lonLat } from './geo.js';
import type {
  Agreement,
  AgreementId,
  Area,
  Condition,
  IncidentGeography,
  LifecycleStep,
  PartyCode,
  Provision,
  ProvisionId,
  Readout,
  ReadoutId,
  SimpleArea,
  TermWindow,
} from './model.js';
import { screenIncident, type ReadoutResult, type ScreenableIncident, type Verdict } from './screening.js';
import { ACTS, actCovers, defaultDomain, DOMAINS, TARGET_CODES, targetCovers } from './taxonomy.js';
import { readoutSpan } from './terms.js';
import { formatInstant, type Instant, placeInterval, PRECISIONS, precisionInterval } from './time.js';

/** Three-valued truth: a predicate holds, fails, or cannot be decided from what the incident says. */
type Truth = 'yes' | 'no' | 'unknown';

/** Conjunction: any `no` decides; else any `unknown`; else `yes` (the empty conjunction holds). */
function all(values: readonly Truth[]): Truth {
  if (values.includes('no')) return 'no';
  return values.includes('unknown') ? 'unknown' : 'yes';
}

/** Disjunction: any `yes` decides; else any `unknown`; else `no` (the empty disjunction fails). */
function any(values: readonly Truth[]): Truth {
  if (values.includes('yes')) return 'yes';
  return values.includes('unknown') ? 'unknown' : 'no';
}

const known = (value: boolean): Truth => (value ? 'yes' : 'no');

function areaHolds(area: Area, incident: ScreenableIncident): Truth {
  if (area.kind === 'everywhere') return 'yes';
  if (incident.location === null) return 'unknown';
  const geography = incident.geography ?? null;
  switch (area.kind) {
    case 'admin':
      return geography === null
        ? 'unknown'
        : known(geography.admin1 !== null && area.codes.includes(geography.admin1));
    case 'within-km-of-line':
      return geography === null ? 'unknown' : known(geography.distanceKm <= area.km);
    case 'side':
      return geography === null ? 'unknown' : known(geography.side === area.side);
    case 'all-of':
      return all(area.areas.map((part) => areaHolds(part, incident)));
    case 'polygon':
    case 'black-sea':
      throw new Error(`the generators make no ${area.kind} areas`);
  }
}

/** Whether one provision prohibits the incident: every predicate must hold. */
function provisionHolds(agreement: Agreement, provision: Provision, incident: ScreenableIncident): Truth {
  const { act, target, perpetrator } = incident;
  const bound = provision.bound === 'parties' ? agreement.parties : provision.bound;
  const domain = incident.domain ?? (act ? defaultDomain(act) : null);
  const party: Truth = perpetrator === null ? 'unknown' : known(bound.includes(perpetrator));
  const acts: Truth =
    provision.acts === 'any'
      ? 'yes'
      : act === null
        ? 'unknown'
        : known(provision.acts.some((a) => actCovers(a, act)));
  const domains: Truth =
    provision.domains === 'any'
      ? 'yes'
      : domain === null
        ? 'unknown'
        : known(provision.domains.includes(domain));
  let targets: Truth = 'yes';
  if (provision.targets !== 'any') {
    if (target === null) targets = 'unknown';
    else if (provision.targets.some((t) => targetCovers(t, target))) targets = 'yes';
    // Reported only as a broader kind ("energy") of something the provision protects ("substations").
    else if (provision.targets.some((t) => targetCovers(target, t))) targets = 'unknown';
    else targets = 'no';
  }
  return all([party, acts, domains, targets, areaHolds(provision.area, incident)]);
}

/** The reference result of one readout, or null when the incident falls outside its window. */
function referenceReadout(
  agreement: Agreement,
  readout: Readout,
  incident: ScreenableIncident,
): { inWindow: boolean; result: ReadoutResult } {
  const span = readoutSpan(agreement, readout);
  const when = precisionInterval(incident.occurredAt, incident.timePrecision);
  const placement = span.inForce ? placeInterval(when, span.interval) : 'outside';
  if (placement === 'outside') return { inWindow: false, result: 'not-covered' };
  let truth = any(readout.provisions.map((p) => provisionHolds(agreement, p, incident)));
  // Too imprecise a time to tell whether it falls inside: a match is no more than possible.
  if (placement === 'straddles' && truth === 'yes') truth = 'unknown';
  return { inWindow: true, result: truth === 'yes' ? 'covered' : truth === 'no' ? 'not-covered' : 'unknown' };
}

function referenceVerdict(results: readonly ReadoutResult[]): Verdict {
  const covered = results.filter((r) => r === 'covered').length;
  const notCovered = results.filter((r) => r === 'not-covered').length;
  if (covered > 0 && notCovered > 0) return 'contested';
  if (results.length === 0 || covered + notCovered < results.length) return 'unknown';
  return covered > 0 ? 'covered' : 'not-covered';
}

// Generators. Times span March to May 2025; offsets include Kyiv's winter and summer time and far-off zones.

const DAY = 86_400_000;
const MARCH_1 = Date.UTC(2025, 2, 1);
const OFFSETS = [0, 120, 180, -300, 330, 600];
const PARTIES: readonly PartyCode[] = ['RU', 'UA', 'US'];
const OBLASTS = ['UA-12', 'UA-23', 'UA-65'];

const instantArb: fc.Arbitrary<Instant> = fc.record({
  epochMs: fc.integer({ min: MARCH_1, max: MARCH_1 + 70 * DAY }),
  offsetMinutes: fc.constantFrom(...OFFSETS),
});

const boundArb = fc
  .record({ at: instantArb, precision: fc.constantFrom('minute' as const, 'hour' as const, 'day' as const) })
  .map(({ at, precision }) => ({ at: formatInstant(at), precision }));

const windowArb: fc.Arbitrary<TermWindow> = fc
  .record({
    start: fc.option(boundArb, { freq: 8 }),
    end: fc.oneof(
      fc.constant({ end: null, durationDays: null }),
      fc.integer({ min: 1, max: 40 }).map((d) => ({ end: null, durationDays: d })),
      boundArb.map((end) => ({ end, durationDays: null })),
    ),
  })
  .map(({ start, end }) => ({ start, ...end, extension: null, escapeClause: null }));

const simpleAreaArb: fc.Arbitrary<SimpleArea> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'everywhere' as const }), weight: 3 },
  fc.subarray(OBLASTS, { minLength: 1 }).map((codes) => ({ kind: 'admin' as const, codes })),
  fc.integer({ min: 0, max: 60 }).map((km) => ({ kind: 'within-km-of-line' as const, km })),
  fc
    .constantFrom('occupied' as const, 'controlled' as const)
    .map((side) => ({ kind: 'side' as const, side })),
);

const areaArb: fc.Arbitrary<Area> = fc.oneof(
  { arbitrary: simpleAreaArb, weight: 4 },
  fc
    .array(simpleAreaArb, { minLength: 1, maxLength: 3 })
    .map((areas) => ({ kind: 'all-of' as const, areas })),
);

/** `any`, or a few of the values; a small pool keeps matches likely. */
function listOrAny<T>(values: readonly T[]): fc.Arbitrary<readonly T[] | 'any'> {
  return fc.oneof(fc.constant('any' as const), fc.subarray([...values], { minLength: 1, maxLength: 3 }));
}

const TARGET_POOL = TARGET_CODES.filter((c) => c.startsWith('infrastructure.energy') || c === 'civilian');

const provisionArb = (key: string): fc.Arbitrary<Provision> =>
  fc.record({
    id: fc.constant(`provision-${key}` as ProvisionId),
    key: fc.constant(key),
    kind: fc.constant('prohibition' as const),
    acts: listOrAny(ACTS),
    domains: listOrAny(DOMAINS),
    targets: listOrAny(TARGET_POOL),
    area: areaArb,
    bound: fc.oneof(fc.constant('parties' as const), fc.subarray([...PARTIES], { minLength: 1 })),
    quote: fc.constant(null),
  });

const readoutArb = (key: string): fc.Arbitrary<Readout> =>
  fc.record({
    id: fc.constant(`readout-${key}` as ReadoutId),
    key: fc.constant(key),
    issuedBy: fc.constantFrom(...PARTIES),
    issuer: fc.constant(key),
    issuedAt: fc.constant('2025-03-18T20:00:00+03:00'),
    source: fc.constant(null),
    scope: fc.constant(''),
    summary: fc.constant(''),
    window: windowArb,
    provisions: fc
      .integer({ min: 0, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => provisionArb(`${key}-P${i + 1}`)))),
  });

const agreementArb: fc.Arbitrary<Agreement> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) =>
    fc.record({
      readouts: fc.tuple(...Array.from({ length: n }, (_, i) => readoutArb(`r${i + 1}`))),
      lifecycle: fc.option(
        fc.record({ at: instantArb, precision: fc.constantFrom('minute' as const, 'day' as const) }),
        { freq: 3 },
      ),
      precondition: fc.option(
        fc.record({
          readout: fc.constantFrom(...Array.from({ length: n }, (_, i) => `r${i + 1}`)),
          status: fc.constantFrom('open' as const, 'met' as const),
        }),
        { freq: 4 },
      ),
    }),
  )
  .map(({ readouts, lifecycle, precondition }) => {
    const steps: LifecycleStep[] = lifecycle
      ? [
          {
            status: 'expired',
            party: null,
            at: formatInstant(lifecycle.at),
            precision: lifecycle.precision,
            note: '',
            source: null,
          },
        ]
      : [];
    const conditions: Condition[] = precondition
      ? [{ key: 'c1', party: 'RU', kind: 'precondition', text: 'first', source: null, ...precondition }]
      : [];
    return {
      id: 'agreement-a' as AgreementId,
      slug: 'a',
      title: 'A',
      form: 'leaders-call',
      kind: 'moratorium',
      summary: '',
      parties: ['RU', 'UA'],
      mediators: ['US'],
      links: [],
      lifecycle: steps,
      readouts,
      conditions,
      version: 1,
      updatedAt: '2025-03-18T20:00:00.000Z',
    };
  });

const geographyArb: fc.Arbitrary<IncidentGeography> = fc.record({
  snapshotDate: fc.constant('2025-03-18'),
  distanceKm: fc.integer({ min: 0, max: 900 }).map((tenths) => tenths / 10),
  side: fc.constantFrom('occupied' as const, 'controlled' as const),
  sector: fc.constant(null),
  admin1: fc.option(fc.constantFrom(...OBLASTS), { freq: 4 }),
});

const incidentArb: fc.Arbitrary<ScreenableIncident> = fc
  .record({
    occurredAt: instantArb,
    timePrecision: fc.constantFrom(...PRECISIONS),
    act: fc.option(fc.constantFrom(...ACTS), { freq: 4 }),
    domain: fc.option(fc.constantFrom(...DOMAINS), { freq: 2 }),
    target: fc.option(fc.constantFrom(...TARGET_POOL, 'infrastructure' as const, 'military' as const), {
      freq: 4,
    }),
    perpetrator: fc.option(fc.constantFrom(...PARTIES), { freq: 4 }),
    location: fc.option(fc.constant(lonLat(36, 48)), { freq: 4 }),
    geography: fc.option(geographyArb, { freq: 3 }),
  })
  .map(({ geography, ...rest }) => ({ ...rest, geography: geography ?? null }));

const RUNS = { numRuns: 400, seed: 9 };

describe('screenIncident against a reference statement of the rules', () => {
  it('gives every readout the reference result and every agreement the reference verdict', () => {
    const seen = new Set<Verdict>();
    fc.assert(
      fc.property(
        fc.array(agreementArb, { minLength: 1, maxLength: 2 }),
        incidentArb,
        (agreements, incident) => {
          const named = agreements.map((a, i) => ({
            ...a,
            id: `agreement-${i}` as AgreementId,
            slug: `a${i}`,
          }));
          const screened = screenIncident(incident, named);
          const expected = named.flatMap((agreement) => {
            const readouts = agreement.readouts.map((r) => referenceReadout(agreement, r, incident));
            if (!readouts.some((r) => r.inWindow)) return [];
            const results = readouts.map((r) => r.result);
            return [{ slug: agreement.slug, verdict: referenceVerdict(results), results }];
          });
          for (const { verdict } of expected) seen.add(verdict);
          expect(
            screened.map((s) => ({
              slug: s.slug,
              verdict: s.verdict,
              results: s.readouts.map((r) => r.result),
            })),
          ).toEqual(expected);
        },
      ),
      RUNS,
    );
    // The generators reach every verdict, so the comparison is not vacuous.
    expect([...seen].sort()).toEqual(['contested', 'covered', 'not-covered', 'unknown']);
  });

  it('calls an agreement contested exactly when its readouts disagree, and covered only when all cover', () => {
    fc.assert(
      fc.property(agreementArb, incidentArb, (agreement, incident) => {
        for (const screening of screenIncident(incident, [agreement])) {
          const results = screening.readouts.map((r) => r.result);
          const disagree = results.includes('covered') && results.includes('not-covered');
          expect(screening.verdict === 'contested').toBe(disagree);
          expect(screening.verdict === 'covered').toBe(results.every((r) => r === 'covered'));
          expect(screening.verdict === 'not-covered').toBe(results.every((r) => r === 'not-covered'));
          // Every verdict explains itself: covered names its provision, anything else a predicate or reason.
          for (const readout of screening.readouts) {
            if (readout.result === 'covered') {
              expect(readout.predicate).toBeNull();
              expect(readout.provision).not.toBeNull();
            }
            expect(readout.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('never covers an incident more when a field it needs is missing: forgetting a field never makes "covered"', () => {
    // Not `domain`: without it the act's usual domain is assumed, an inference rather than a loss.
    const forget = fc.constantFrom('act', 'target', 'perpetrator', 'location', 'geography');
    fc.assert(
      fc.property(agreementArb, incidentArb, forget, (agreement, incident, field) => {
        const vaguer: ScreenableIncident = { ...incident, [field]: null };
        const before = new Map(
          screenIncident(incident, [agreement]).flatMap((s) =>
            s.readouts.map((r) => [r.readoutKey, r.result]),
          ),
        );
        for (const screening of screenIncident(vaguer, [agreement])) {
          for (const readout of screening.readouts) {
            // Losing information can turn an answer into "unknown", never into a different answer.
            if (readout.result !== 'unknown') expect(before.get(readout.readoutKey)).toBe(readout.result);
          }
        }
      }),
      RUNS,
    );
  });

  it('is monotonic in window membership: an imprecise time that is covered is covered at any finer precision', () => {
    fc.assert(
      fc.property(agreementArb, incidentArb, (agreement, incident) => {
        const coarse = screenIncident(incident, [agreement]);
        const finer = PRECISIONS.slice(0, PRECISIONS.indexOf(incident.timePrecision));
        for (const precision of finer) {
          const fine = screenIncident({ ...incident, timePrecision: precision }, [agreement]);
          for (const screening of coarse) {
            for (const readout of screening.readouts) {
              if (readout.result !== 'covered') continue;
              const again = fine.flatMap((s) => s.readouts).find((r) => r.readoutKey === readout.readoutKey);
              expect(again?.result).toBe('covered');
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('answers "unknown", never "covered", when a provision needs a field the incident lacks', () => {
    fc.assert(
      fc.property(agreementArb, incidentArb, (agreement, incident) => {
        const silent: ScreenableIncident = { ...incident, perpetrator: null };
        for (const screening of screenIncident(silent, [agreement])) {
          // Every provision needs the perpetrator (it binds somebody), so nothing can be covered.
          for (const readout of screening.readouts) expect(readout.result).not.toBe('covered');
          expect(screening.verdict).not.toBe('covered');
          expect(screening.verdict).not.toBe('contested');
        }
      }),
      RUNS,
    );
  });
});
