// Request bodies with sensible defaults and overrides, so each test states only what it is about.
// Defaults use the demo's parties (RU, UA, US) and dates in 2024, clear of the March 2025 demo moratorium.

import type { z } from 'zod';
import type {
  agreementInputSchema,
  allegationInputSchema,
  incidentInputSchema,
  provisionInputSchema,
  readoutInputSchema,
} from '../../src/core/schemas.js';

export type AgreementBody = z.input<typeof agreementInputSchema>;
export type ReadoutBody = z.input<typeof readoutInputSchema>;
export type ProvisionBody = z.input<typeof provisionInputSchema>;
export type IncidentBody = z.input<typeof incidentInputSchema>;
export type AllegationBody = z.input<typeof allegationInputSchema>;

let counter = 0;

/** A name no other test in this process uses: `prefix-<n>`. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function provisionInput(overrides: Partial<ProvisionBody> = {}): ProvisionBody {
  return {
    key: 'P1',
    acts: ['strike'],
    targets: ['infrastructure.energy'],
    quote: 'strikes on energy infrastructure',
    ...overrides,
  };
}

/** A readout in force for 30 days from 1 June 2024 (Kyiv time), prohibiting strikes on energy infrastructure. */
export function readoutInput(overrides: Partial<ReadoutBody> = {}): ReadoutBody {
  return {
    key: 'ua-statement',
    issuedBy: 'UA',
    issuer: 'Office of the President of Ukraine',
    issuedAt: '2024-05-31T18:00:00+03:00',
    scope: 'energy infrastructure',
    summary: 'A test readout.',
    window: { start: { at: '2024-06-01T00:00:00+03:00', precision: 'day' }, durationDays: 30 },
    provisions: [provisionInput()],
    ...overrides,
  };
}

export function agreementInput(overrides: Partial<AgreementBody> = {}): AgreementBody {
  return {
    slug: unique('test-moratorium'),
    title: 'A test moratorium on strikes on energy infrastructure',
    form: 'joint-statement',
    kind: 'moratorium',
    summary: 'Made up for a test.',
    parties: ['RU', 'UA'],
    mediators: ['US'],
    readouts: [readoutInput()],
    ...overrides,
  };
}

export function allegationInput(overrides: Partial<AllegationBody> = {}): AllegationBody {
  return {
    accuser: 'UA',
    accused: 'RU',
    madeAt: '2024-06-10T12:00:00+03:00',
    summary: 'Ukraine says Russia struck a substation.',
    ...overrides,
  };
}

/** A Russian drone strike on a substation on 10 June 2024, alleged by Ukraine. */
export function incidentInput(overrides: Partial<IncidentBody> = {}): IncidentBody {
  return {
    ref: unique('test-incident'),
    title: 'Drone strike on a substation',
    occurredAt: '2024-06-10T03:00:00+03:00',
    act: 'drone-strike',
    target: 'infrastructure.energy.substation',
    perpetrator: 'RU',
    location: { lon: 36.23, lat: 49.99 },
    allegations: [allegationInput()],
    ...overrides,
  };
}
