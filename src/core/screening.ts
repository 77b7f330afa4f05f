// Screening: what an incident would break, if it happened as alleged, under each readout of each agreement.
// A pure function; it explains every verdict with the provision that matched or the predicate that failed.

import { areaPolygon, describeArea } from './areas/area.js';
import { assertNever } from './errors.js';
import type { LonLat } from './geo.js';
import { pointInMultiPolygon } from './geometry/polygon.js';
import type {
  Agreement,
  AgreementId,
  Area,
  IncidentGeography,
  PartyCode,
  Provision,
  Readout,
  ReadoutId,
} from './model.js';
import {
  actCovers,
  defaultDomain,
  targetCovers,
  type Act,
  type Domain,
  type TargetCode,
} from './taxonomy.js';
import { readoutSpan } from './terms.js';
import {
  formatInstant,
  type Instant,
  type Interval,
  placeInterval,
  type Precision,
  precisionInterval,
} from './time.js';

/** What screening needs to know of an incident; anything it lacks can only make a result `unknown`. */
export interface ScreenableIncident {
  readonly occurredAt: Instant;
  readonly timePrecision: Precision;
  readonly act: Act | null;
  readonly domain: Domain | null;
  readonly target: TargetCode | null;
  readonly perpetrator: PartyCode | null;
  readonly location: LonLat | null;
  /** Derived geography, when the incident has coordinates and a front-line snapshot covers its date. */
  readonly geography?: IncidentGeography | null;
}

export const READOUT_RESULTS = ['covered', 'not-covered', 'unknown'] as const;
export type ReadoutResult = (typeof READOUT_RESULTS)[number];

export const VERDICTS = ['covered', 'not-covered', 'contested', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts by seriousness, least first: over several agreements, an incident takes its most serious. */
export const VERDICT_SEVERITY: readonly Verdict[] = ['not-covered', 'unknown', 'contested', 'covered'];

/** The most serious of these verdicts, as the map colours an incident; null for none. */
export function mostSerious(verdicts: readonly Verdict[]): Verdict | null {
  let best: Verdict | null = null;
  for (const v of verdicts)
    if (best === null || VERDICT_SEVERITY.indexOf(v) > VERDICT_SEVERITY.indexOf(best)) best = v;
  return best;
}

export const PREDICATES = ['window', 'party', 'act', 'domain', 'target', 'area'] as const;
export type Predicate = (typeof PREDICATES)[number];

export interface ReadoutScreening {
  readonly readoutId: ReadoutId;
  readonly readoutKey: string;
  readonly issuedBy: PartyCode;
  readonly issuer: string;
  readonly result: ReadoutResult;
  /** The provision that matched (covered) or, for a single-provision failure, the one that failed. */
  readonly provision: { readonly id: string; readonly key: string } | null;
  /** The predicate that failed or could not be decided; null when covered. */
  readonly predicate: Predicate | null;
  readonly reason: string;
}

export interface AgreementScreening {
  readonly agreementId: AgreementId;
  readonly slug: string;
  readonly title: string;
  readonly verdict: Verdict;
  readonly readouts: readonly ReadoutScreening[];
}

type Check =
  | { readonly outcome: 'match'; readonly reason: string }
  | { readonly outcome: 'fail' | 'unknown'; readonly predicate: Predicate; readonly reason: string };

/**
 * Screens one incident against every agreement. An agreement appears in the result when its terms can be in
 * force at the incident's time under at least one readout; each of its readouts then gets its own result.
 */
export function screenIncident(
  incident: ScreenableIncident,
  agreements: readonly Agreement[],
): AgreementScreening[] {
  const when = precisionInterval(incident.occurredAt, incident.timePrecision);
  const results: AgreementScreening[] = [];
  for (const agreement of agreements) {
    const placements = agreement.readouts.map((readout) => placeInReadout(agreement, readout, when));
    if (!placements.some((p) => p.kind !== 'outside')) continue;
    const readouts = agreement.readouts.map((readout, i) =>
      screenReadout(agreement, readout, incident, placements[i] ?? { kind: 'outside', reason: '' }),
    );
    results.push({
      agreementId: agreement.id,
      slug: agreement.slug,
      title: agreement.title,
      verdict: combineVerdict(readouts.map((r) => r.result)),
      readouts,
    });
  }
  return results;
}

/** The agreement-level verdict from the readout results: covered under all, none, some (contested), or unsure. */
export function combineVerdict(results: readonly ReadoutResult[]): Verdict {
  const covered = results.includes('covered');
  const notCovered = results.includes('not-covered');
  if (covered && notCovered) return 'contested';
  if (results.includes('unknown') || results.length === 0) return 'unknown';
  return covered ? 'covered' : 'not-covered';
}

type Placement =
  | { readonly kind: 'inside'; readonly reason: string }
  | { readonly kind: 'straddles' | 'outside'; readonly reason: string };

/**
 * A readout's span and the reasons a placement in it gives, computed once per agreement record (records are
 * immutable, and a changed agreement is a new record, so the cache never goes stale).
 */
type CompiledSpan =
  | { readonly interval: null; readonly reason: string }
  | {
      readonly interval: Interval;
      readonly inside: string;
      readonly outside: string;
      readonly straddles: string;
    };

const compiledSpans = new WeakMap<Agreement, Map<Readout, CompiledSpan>>();

function compileSpan(agreement: Agreement, readout: Readout): CompiledSpan {
  const span = readoutSpan(agreement, readout);
  if (!span.inForce) return { interval: null, reason: span.reason };
  const text = describeInterval(span.interval, span.cappedBy);
  return {
    interval: span.interval,
    inside: `within this readout's window ${text}`,
    outside: `outside this readout's window ${text}`,
    straddles: `the incident's time is too imprecise to tell whether it falls within this readout's window ${text}`,
  };
}

function compiledSpan(agreement: Agreement, readout: Readout): CompiledSpan {
  let spans = compiledSpans.get(agreement);
  if (!spans) {
    spans = new Map();
    compiledSpans.set(agreement, spans);
  }
  let compiled = spans.get(readout);
  if (!compiled) {
    compiled = compileSpan(agreement, readout);
    spans.set(readout, compiled);
  }
  return compiled;
}

function placeInReadout(agreement: Agreement, readout: Readout, when: Interval): Placement {
  const compiled = compiledSpan(agreement, readout);
  if (compiled.interval === null) return { kind: 'outside', reason: compiled.reason };
  const kind = placeInterval(when, compiled.interval);
  return { kind, reason: compiled[kind] };
}

function describeInterval(interval: Interval, cappedBy: string | null): string {
  const start = formatInstant({ epochMs: interval.startMs, offsetMinutes: 0 });
  if (!Number.isFinite(interval.endMs)) return `(from ${start}, open-ended)`;
  const end = formatInstant({ epochMs: interval.endMs, offsetMinutes: 0 });
  return `(${start} to ${end}${cappedBy ? `, cut short: ${cappedBy}` : ''})`;
}

function screenReadout(
  agreement: Agreement,
  readout: Readout,
  incident: ScreenableIncident,
  placement: Placement,
): ReadoutScreening {
  const base = {
    readoutId: readout.id,
    readoutKey: readout.key,
    issuedBy: readout.issuedBy,
    issuer: readout.issuer,
  };
  if (placement.kind === 'outside') {
    return { ...base, result: 'not-covered', provision: null, predicate: 'window', reason: placement.reason };
  }
  const checks = readout.provisions.map((provision) => ({
    provision,
    check: checkProvision(agreement, provision, incident),
  }));
  const matched = checks.find((c) => c.check.outcome === 'match');
  if (matched) {
    if (placement.kind === 'straddles') {
      return {
        ...base,
        result: 'unknown',
        provision: ref(matched.provision),
        predicate: 'window',
        reason: placement.reason,
      };
    }
    return {
      ...base,
      result: 'covered',
      provision: ref(matched.provision),
      predicate: null,
      reason: matched.check.reason,
    };
  }
  if (checks.length === 0) {
    return {
      ...base,
      result: 'not-covered',
      provision: null,
      predicate: null,
      reason: 'this readout has no provisions',
    };
  }
  const unsure = checks.find((c) => c.check.outcome === 'unknown');
  if (unsure) {
    return {
      ...base,
      result: 'unknown',
      provision: ref(unsure.provision),
      predicate: predicateOf(unsure.check),
      reason: `${unsure.provision.key}: ${unsure.check.reason}`,
    };
  }
  // Every provision failed: name the one provision, or the predicate they all failed on, when there is one.
  const predicates = new Set(checks.map((c) => predicateOf(c.check)));
  const [only] = checks;
  return {
    ...base,
    result: 'not-covered',
    provision: checks.length === 1 && only ? ref(only.provision) : null,
    predicate: predicates.size === 1 ? (predicates.values().next().value ?? null) : null,
    reason: checks.map((c) => `${c.provision.key}: ${c.check.reason}`).join('; '),
  };
}

function predicateOf(check: Check): Predicate | null {
  return check.outcome === 'match' ? null : check.predicate;
}

function ref(provision: Provision): { id: string; key: string } {
  return { id: provision.id, key: provision.key };
}

/** Checks one prohibition against the incident, predicate by predicate; the first failure decides. */
function checkProvision(agreement: Agreement, provision: Provision, incident: ScreenableIncident): Check {
  const checks: Check[] = [
    checkParty(agreement, provision, incident.perpetrator),
    checkAct(provision, incident.act),
    checkDomain(provision, incident),
    checkTarget(provision, incident.target),
    checkArea(provision.area, incident),
  ];
  const failed = checks.find((c) => c.outcome === 'fail');
  if (failed) return failed;
  const unknown = checks.find((c) => c.outcome === 'unknown');
  if (unknown) return unknown;
  return { outcome: 'match', reason: checks.map((c) => c.reason).join('; ') };
}

function checkParty(agreement: Agreement, provision: Provision, perpetrator: PartyCode | null): Check {
  const bound = provision.bound === 'parties' ? agreement.parties : provision.bound;
  if (perpetrator === null) {
    return {
      outcome: 'unknown',
      predicate: 'party',
      reason: `no alleged perpetrator; binds ${bound.join(', ')}`,
    };
  }
  return bound.includes(perpetrator)
    ? { outcome: 'match', reason: `${perpetrator} is bound` }
    : {
        outcome: 'fail',
        predicate: 'party',
        reason: `${perpetrator} is not bound (binds ${bound.join(', ')})`,
      };
}

function checkAct(provision: Provision, act: Act | null): Check {
  if (provision.acts === 'any') return { outcome: 'match', reason: 'any act' };
  const listed = provision.acts.join(', ');
  if (act === null)
    return { outcome: 'unknown', predicate: 'act', reason: `act not reported; prohibits ${listed}` };
  const hit = provision.acts.find((a) => actCovers(a, act));
  return hit
    ? { outcome: 'match', reason: `act ${act} is prohibited (${hit})` }
    : { outcome: 'fail', predicate: 'act', reason: `act ${act} is not among ${listed}` };
}

function checkDomain(provision: Provision, incident: ScreenableIncident): Check {
  if (provision.domains === 'any') return { outcome: 'match', reason: 'any domain' };
  const domain = incident.domain ?? (incident.act ? defaultDomain(incident.act) : null);
  const listed = provision.domains.join(', ');
  if (domain === null)
    return { outcome: 'unknown', predicate: 'domain', reason: `domain not reported; covers ${listed}` };
  return provision.domains.includes(domain)
    ? { outcome: 'match', reason: `domain ${domain}` }
    : { outcome: 'fail', predicate: 'domain', reason: `domain ${domain} is not among ${listed}` };
}

function checkTarget(provision: Provision, target: TargetCode | null): Check {
  if (provision.targets === 'any') return { outcome: 'match', reason: 'any target' };
  const listed = provision.targets.join(', ');
  if (target === null) {
    return { outcome: 'unknown', predicate: 'target', reason: `target not reported; protects ${listed}` };
  }
  const hit = provision.targets.find((t) => targetCovers(t, target));
  if (hit) return { outcome: 'match', reason: `target ${target} is protected (${hit})` };
  // A report vaguer than the provision ("an energy facility" against a list of substations and plants)
  // may or may not be one of the protected kinds.
  const narrower = provision.targets.find((t) => targetCovers(target, t));
  if (narrower) {
    return {
      outcome: 'unknown',
      predicate: 'target',
      reason: `target reported only as ${target}; protects the narrower ${listed}`,
    };
  }
  return { outcome: 'fail', predicate: 'target', reason: `target ${target} is not under ${listed}` };
}

/**
 * Whether the incident lies in the provision's area. Anything but `everywhere` needs coordinates; admin areas,
 * the distance to the line and the side need the derived geography. Without them the answer is `unknown`,
 * never a silent match.
 */
function checkArea(area: Area, incident: ScreenableIncident): Check {
  if (area.kind === 'everywhere') return { outcome: 'match', reason: 'everywhere' };
  const described = describeArea(area);
  if (incident.location === null) {
    return { outcome: 'unknown', predicate: 'area', reason: `no coordinates; the area is ${described}` };
  }
  return checkPlacedArea(area, incident.location, incident.geography ?? null, described);
}

function checkPlacedArea(
  area: Exclude<Area, { kind: 'everywhere' }>,
  location: LonLat,
  geography: IncidentGeography | null,
  described: string,
): Check {
  const inside = (yes: boolean, where: string): Check =>
    yes
      ? { outcome: 'match', reason: `${where} is ${described}` }
      : { outcome: 'fail', predicate: 'area', reason: `${where} is not ${described}` };
  const noGeography: Check = {
    outcome: 'unknown',
    predicate: 'area',
    reason: `no front-line snapshot covers the incident's date, so its place relative to the line is not known; the area is ${described}`,
  };
  switch (area.kind) {
    case 'admin': {
      if (geography === null) {
        return {
          outcome: 'unknown',
          predicate: 'area',
          reason: `the incident's oblast has not been derived; the area is ${described}`,
        };
      }
      const admin1 = geography.admin1;
      return inside(admin1 !== null && area.codes.includes(admin1), admin1 ?? 'outside every known oblast');
    }
    case 'polygon':
    case 'black-sea':
      return inside(pointInMultiPolygon(location, areaPolygon(area)), formatPosition(location));
    case 'within-km-of-line':
      if (geography === null) return noGeography;
      return inside(geography.distanceKm <= area.km, `${geography.distanceKm.toFixed(1)} km from the line`);
    case 'side':
      if (geography === null) return noGeography;
      return inside(geography.side === area.side, `the ${geography.side} side`);
    case 'all-of': {
      const checks = area.areas.map((part) =>
        part.kind === 'everywhere'
          ? ({ outcome: 'match', reason: 'everywhere' } as const)
          : checkPlacedArea(part, location, geography, describeArea(part)),
      );
      const failed = checks.find((c) => c.outcome === 'fail');
      if (failed) return failed;
      const unknown = checks.find((c) => c.outcome === 'unknown');
      if (unknown) return unknown;
      return { outcome: 'match', reason: checks.map((c) => c.reason).join(' and ') };
    }
    default:
      return assertNever(area);
  }
}

function formatPosition(p: LonLat): string {
  return `[${p[0]}, ${p[1]}]`;
}
