// Factories for unit tests of the pure core: each builds one domain record with sensible defaults, and a test
// overrides only the fields it is about. Defaults follow the Kremlin's readout of the March 2025 moratorium.

import { lonLat } from '../geo.js';
import type {
  Agreement,
  AgreementId,
  Condition,
  Incident,
  IncidentId,
  LifecycleStep,
  Provision,
  ProvisionId,
  Readout,
  ReadoutId,
  TermWindow,
  WindowBound,
} from '../model.js';
import type { AgreementInput, ProvisionInput, ReadoutInput } from '../schemas.js';
import type { ScreenableIncident } from '../screening.js';
import { type Instant, parseInstant } from '../time.js';

/** Parses an instant a test states as text; throws on a typo so a test never runs against null. */
export function instant(text: string, defaultOffsetMinutes = 0): Instant {
  const parsed = parseInstant(text, defaultOffsetMinutes);
  if (!parsed) throw new Error(`not an instant: ${text}`);
  return parsed;
}

/** Epoch milliseconds of an ISO text, for comparing intervals. */
export function ms(text: string): number {
  return instant(text).epochMs;
}

/** One edge of a window: day precision unless stated. */
export function bound(at: string, precision: WindowBound['precision'] = 'day'): WindowBound {
  return { at, precision };
}

/** Thirty days from 18 March 2025 in Moscow time, unless overridden. */
export function buildWindow(overrides: Partial<TermWindow> = {}): TermWindow {
  return {
    start: bound('2025-03-18T00:00:00+03:00'),
    end: null,
    durationDays: 30,
    extension: null,
    escapeClause: null,
    ...overrides,
  };
}

/** A prohibition of strikes on energy infrastructure binding every party; its id follows its key. */
export function buildProvision(overrides: Partial<Provision> = {}): Provision {
  const key = overrides.key ?? 'P1';
  return {
    id: `provision-${key}` as ProvisionId,
    key,
    kind: 'prohibition',
    acts: ['strike'],
    domains: 'any',
    targets: ['infrastructure.energy'],
    area: { kind: 'everywhere' },
    bound: 'parties',
    quote: null,
    ...overrides,
  };
}

/** The Kremlin's readout: one provision, thirty days from 18 March; its id follows its key. */
export function buildReadout(overrides: Partial<Readout> = {}): Readout {
  const key = overrides.key ?? 'kremlin';
  return {
    id: `readout-${key}` as ReadoutId,
    key,
    issuedBy: 'RU',
    issuer: 'The Kremlin',
    issuedAt: '2025-03-18T20:00:00+03:00',
    source: null,
    scope: 'energy infrastructure facilities',
    summary: '',
    window: buildWindow(),
    provisions: [buildProvision()],
    ...overrides,
  };
}

/** A whole-agreement lifecycle step; `expired` on 17 April 2025 unless overridden. */
export function buildLifecycleStep(overrides: Partial<LifecycleStep> = {}): LifecycleStep {
  return {
    status: 'expired',
    party: null,
    at: '2025-04-17T00:00:00+03:00',
    precision: 'day',
    note: '',
    source: null,
    ...overrides,
  };
}

/** An open precondition set by Russia, tied to no readout unless overridden. */
export function buildCondition(overrides: Partial<Condition> = {}): Condition {
  return {
    key: 'sanctions-relief',
    party: 'RU',
    kind: 'precondition',
    text: 'sanctions relief first',
    status: 'open',
    readout: null,
    source: null,
    ...overrides,
  };
}

/** A moratorium between Russia and Ukraine, mediated by the United States, with one readout. */
export function buildAgreement(overrides: Partial<Agreement> = {}): Agreement {
  const slug = overrides.slug ?? 'test-moratorium';
  return {
    id: `agreement-${slug}` as AgreementId,
    slug,
    title: 'A test moratorium on strikes on energy infrastructure',
    form: 'leaders-call',
    kind: 'moratorium',
    summary: '',
    parties: ['RU', 'UA'],
    mediators: ['US'],
    links: [],
    lifecycle: [],
    readouts: [buildReadout()],
    conditions: [],
    version: 1,
    updatedAt: '2025-03-18T20:00:00.000Z',
    ...overrides,
  };
}

/** What screening reads of an incident; `occurredAt` may be given as ISO text. */
export type IncidentOverrides = Partial<Omit<ScreenableIncident, 'occurredAt'>> & {
  readonly occurredAt?: Instant | string;
};

/** A Russian drone strike on a substation on 28 March 2025 at 10:00 Kyiv time, to the minute. */
export function buildIncident(overrides: IncidentOverrides = {}): ScreenableIncident {
  const { occurredAt = '2025-03-28T10:00:00+02:00', ...rest } = overrides;
  return {
    occurredAt: typeof occurredAt === 'string' ? instant(occurredAt) : occurredAt,
    timePrecision: 'minute',
    act: 'drone-strike',
    domain: null,
    target: 'infrastructure.energy.substation',
    perpetrator: 'RU',
    location: lonLat(34.8, 50.9),
    ...rest,
  };
}

/** A stored incident with every field: the screenable defaults above, unpublished, nothing alleged. */
export function buildStoredIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'incident-1' as IncidentId,
    ref: null,
    occurredAt: '2025-03-28T10:00:00+02:00',
    timePrecision: 'minute',
    title: 'Drone strike on a substation',
    eventType: null,
    subEventType: null,
    actor1: null,
    actor2: null,
    country: 'Ukraine',
    admin1: null,
    admin2: null,
    admin3: null,
    locationName: null,
    location: lonLat(34.8, 50.9),
    geoPrecision: null,
    sourceText: null,
    sourceScale: null,
    notes: null,
    fatalities: null,
    act: 'drone-strike',
    domain: null,
    target: 'infrastructure.energy.substation',
    weapon: null,
    perpetrator: 'RU',
    counts: [],
    effects: [],
    observation: null,
    casualties: { killed: null, injured: null },
    allegations: [],
    geography: null,
    reportedBy: null,
    publishedAt: null,
    disclosure: { reporter: 'withheld', location: 'exact' },
    createdAt: '2025-03-28T12:00:00.000Z',
    updatedAt: '2025-03-28T12:00:00.000Z',
    ...overrides,
  };
}

/** A provision as validated input (no id): strikes on energy infrastructure, binding every party. */
export function buildProvisionInput(overrides: Partial<ProvisionInput> = {}): ProvisionInput {
  return {
    key: 'P1',
    kind: 'prohibition',
    acts: ['strike'],
    domains: 'any',
    targets: ['infrastructure.energy'],
    area: { kind: 'everywhere' },
    bound: 'parties',
    quote: null,
    ...overrides,
  };
}

/** A readout as validated input (no ids): the Kremlin's, thirty days from 18 March, one provision. */
export function buildReadoutInput(overrides: Partial<ReadoutInput> = {}): ReadoutInput {
  return {
    key: 'kremlin',
    issuedBy: 'RU',
    issuer: 'The Kremlin',
    issuedAt: '2025-03-18T20:00:00+03:00',
    source: null,
    scope: 'energy infrastructure facilities',
    summary: '',
    window: buildWindow(),
    provisions: [buildProvisionInput()],
    ...overrides,
  };
}

/** An agreement as validated input, the shape `checkAgreement` and `agreementFromInput` take. */
export function buildAgreementInput(overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    slug: 'test-moratorium',
    title: 'A test moratorium on strikes on energy infrastructure',
    form: 'leaders-call',
    kind: 'moratorium',
    summary: '',
    parties: ['RU', 'UA'],
    mediators: ['US'],
    links: [],
    lifecycle: [],
    readouts: [buildReadoutInput()],
    conditions: [],
    ...overrides,
  };
}
