// Rules on agreements and incidents that the shape alone cannot tell: known parties, sound windows, unique keys.
// Each returns the first problem as a catalogue error naming the field, or null.

import { adminAreaByCode } from './admin-areas.js';
import { type ErrorCode, fieldError, type TrucelineError } from './errors.js';
import type { Area, PartyCode } from './model.js';
import type { AgreementInput, AllegationInput, ReadoutInput } from './schemas.js';
import { windowProblems } from './terms.js';

interface Problem {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
}

function first(problems: Problem[]): TrucelineError | null {
  const p = problems[0];
  return p ? fieldError(p.code, p.path, p.message) : null;
}

function unknownParties(
  codes: readonly (PartyCode | null)[],
  known: ReadonlySet<PartyCode>,
  path: (i: number) => string,
): Problem[] {
  return codes.flatMap((code, i) =>
    code !== null && !known.has(code)
      ? [{ code: 'PARTY_UNKNOWN' as const, path: path(i), message: `unknown party "${code}"` }]
      : [],
  );
}

/** Admin areas must name known ISO codes; the schema has already turned every known name into its code. */
function areaProblems(area: Area, path: string): Problem[] {
  if (area.kind === 'all-of')
    return area.areas.flatMap((part, k) => areaProblems(part, `${path}.areas.${k}`));
  if (area.kind !== 'admin') return [];
  return area.codes.flatMap((code, j) =>
    adminAreaByCode(code)
      ? []
      : [
          {
            code: 'ADMIN_AREA_UNKNOWN' as const,
            path: `${path}.codes.${j}`,
            message: `unknown administrative area "${code}" (use an ISO 3166-2 code such as UA-65, or an oblast name)`,
          },
        ],
  );
}

function readoutProblems(readout: ReadoutInput, known: ReadonlySet<PartyCode>, prefix: string): Problem[] {
  const problems: Problem[] = [];
  problems.push(...unknownParties([readout.issuedBy], known, () => `${prefix}issuedBy`));
  for (const p of windowProblems(readout.window)) {
    problems.push({ code: 'READOUT_WINDOW_INVALID', path: `${prefix}window.${p.path}`, message: p.message });
  }
  const keys = new Set<string>();
  readout.provisions.forEach((provision, i) => {
    if (keys.has(provision.key)) {
      problems.push({
        code: 'VALIDATION_FAILED',
        path: `${prefix}provisions.${i}.key`,
        message: `duplicate provision key "${provision.key}"`,
      });
    }
    keys.add(provision.key);
    problems.push(...areaProblems(provision.area, `${prefix}provisions.${i}.area`));
    if (provision.bound !== 'parties') {
      problems.push(...unknownParties(provision.bound, known, (j) => `${prefix}provisions.${i}.bound.${j}`));
    }
  });
  return problems;
}

/** Checks a readout on its own (for the readout routes). */
export function checkReadout(readout: ReadoutInput, known: ReadonlySet<PartyCode>): TrucelineError | null {
  return first(readoutProblems(readout, known, ''));
}

/** Checks a whole agreement with its readouts, lifecycle and conditions. */
export function checkAgreement(input: AgreementInput, known: ReadonlySet<PartyCode>): TrucelineError | null {
  const problems: Problem[] = [
    ...unknownParties(input.parties, known, (i) => `parties.${i}`),
    ...unknownParties(input.mediators, known, (i) => `mediators.${i}`),
    ...unknownParties(
      input.lifecycle.map((s) => s.party),
      known,
      (i) => `lifecycle.${i}.party`,
    ),
    ...unknownParties(
      input.conditions.map((c) => c.party),
      known,
      (i) => `conditions.${i}.party`,
    ),
  ];
  const readoutKeys = new Set<string>();
  input.readouts.forEach((readout, i) => {
    if (readoutKeys.has(readout.key)) {
      problems.push({
        code: 'VALIDATION_FAILED',
        path: `readouts.${i}.key`,
        message: `duplicate readout key "${readout.key}"`,
      });
    }
    readoutKeys.add(readout.key);
    problems.push(...readoutProblems(readout, known, `readouts.${i}.`));
  });
  input.conditions.forEach((condition, i) => {
    if (condition.readout !== null && !readoutKeys.has(condition.readout)) {
      problems.push({
        code: 'REFERENCE_UNKNOWN',
        path: `conditions.${i}.readout`,
        message: `no readout "${condition.readout}" in this agreement`,
      });
    }
  });
  return first(problems);
}

/** Checks the parties named by an incident and its allegations. */
export function checkIncidentParties(
  perpetrator: PartyCode | null | undefined,
  allegations: readonly AllegationInput[],
  known: ReadonlySet<PartyCode>,
): TrucelineError | null {
  return first([
    ...unknownParties([perpetrator ?? null], known, () => 'perpetrator'),
    ...allegations.flatMap((a, i) => [
      ...unknownParties([a.accuser], known, () => `allegations.${i}.accuser`),
      ...unknownParties([a.accused], known, () => `allegations.${i}.accused`),
    ]),
  ]);
}
