// Controlled vocabularies: the hierarchical target taxonomy, prohibited acts and domains.
// A provision that names a parent code covers every code below it.

/** Target codes are dotted paths; each entry is [code, English label]. Parents come before children. */
const TARGET_ENTRIES = [
  ['infrastructure', 'Infrastructure'],
  ['infrastructure.energy', 'Energy infrastructure'],
  ['infrastructure.energy.refinery', 'Oil refinery'],
  ['infrastructure.energy.pipeline', 'Oil or gas pipeline'],
  ['infrastructure.energy.storage', 'Oil or gas storage'],
  ['infrastructure.energy.pumping-station', 'Pumping or compressor station'],
  ['infrastructure.energy.pipeline.gas-metering', 'Gas metering station'],
  ['infrastructure.energy.power-plant', 'Power plant'],
  ['infrastructure.energy.power-plant.thermal', 'Thermal power plant'],
  ['infrastructure.energy.power-plant.solar', 'Solar power plant'],
  ['infrastructure.energy.power-plant.wind', 'Wind power plant'],
  ['infrastructure.energy.substation', 'Electrical substation'],
  ['infrastructure.energy.transformer', 'Transformer'],
  ['infrastructure.energy.power-line', 'Power line'],
  ['infrastructure.energy.distribution', 'Electricity distribution'],
  ['infrastructure.energy.nuclear-plant', 'Nuclear power plant'],
  ['infrastructure.energy.hydro-dam', 'Hydroelectric dam'],
  ['infrastructure.transport', 'Transport infrastructure'],
  ['infrastructure.transport.rail', 'Railway'],
  ['infrastructure.transport.rail.power', 'Railway power supply'],
  ['infrastructure.transport.road', 'Road'],
  ['infrastructure.transport.bridge', 'Bridge'],
  ['infrastructure.transport.port', 'Port'],
  ['infrastructure.transport.airport', 'Airport'],
  ['infrastructure.water', 'Water supply'],
  ['infrastructure.telecom', 'Telecommunications'],
  ['civilian', 'Civilian objects'],
  ['civilian.residential', 'Residential building'],
  ['civilian.medical', 'Medical facility'],
  ['civilian.education', 'School or university'],
  ['civilian.commercial', 'Commercial property'],
  ['civilian.agricultural', 'Agricultural facility'],
  ['civilian.vessel', 'Civilian vessel'],
  ['civilian.persons', 'Civilians'],
  ['military', 'Military objects'],
  ['military.personnel', 'Military personnel'],
  ['military.equipment', 'Military equipment'],
  ['military.installation', 'Military installation'],
  ['military.airfield', 'Military airfield'],
  ['military.vessel', 'Warship'],
  ['military.industry', 'Defence industry'],
] as const;

export type TargetCode = (typeof TARGET_ENTRIES)[number][0];

export const TARGET_CODES: readonly TargetCode[] = TARGET_ENTRIES.map(([code]) => code);
const TARGET_LABELS: ReadonlyMap<string, string> = new Map(TARGET_ENTRIES);

export function isTargetCode(value: string): value is TargetCode {
  return TARGET_LABELS.has(value);
}

export function targetLabel(code: TargetCode): string {
  return TARGET_LABELS.get(code) ?? code;
}

/** True when `ancestor` is `code` itself or one of its parents (`infrastructure` covers `infrastructure.energy`). */
export function targetCovers(ancestor: string, code: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

/** The taxonomy as a tree, for pickers and documentation. */
export interface TaxonomyNode {
  readonly code: string;
  readonly label: string;
  readonly children: readonly TaxonomyNode[];
}

export function targetTree(): readonly TaxonomyNode[] {
  const build = (parent: string | null): TaxonomyNode[] =>
    TARGET_CODES.filter((code) => parentOf(code) === parent).map((code) => ({
      code,
      label: targetLabel(code),
      children: build(code),
    }));
  return build(null);
}

function parentOf(code: string): string | null {
  const dot = code.lastIndexOf('.');
  return dot === -1 ? null : code.slice(0, dot);
}

/**
 * Acts. `strike` is the parent of the kinds of strike; an interception (a drone shot down) is not a strike,
 * as in ACLED's "Disrupted weapons use".
 */
const ACT_PARENTS = {
  strike: null,
  'air-strike': 'strike',
  'drone-strike': 'strike',
  'missile-strike': 'strike',
  shelling: 'strike',
  'ground-assault': null,
  'naval-attack': null,
  sabotage: null,
  interception: null,
  other: null,
} as const satisfies Record<string, string | null>;

export type Act = keyof typeof ACT_PARENTS;
export const ACTS = Object.keys(ACT_PARENTS) as readonly Act[];

export function isAct(value: string): value is Act {
  return Object.hasOwn(ACT_PARENTS, value);
}

/** True when a provision naming `ancestor` covers an incident whose act is `act`. */
export function actCovers(ancestor: Act, act: Act): boolean {
  for (let current: Act | null = act; current !== null; current = ACT_PARENTS[current]) {
    if (current === ancestor) return true;
  }
  return false;
}

export const DOMAINS = ['air', 'sea', 'ground'] as const;
export type Domain = (typeof DOMAINS)[number];

/** The domain an act happens in when the report does not say; null where the act alone does not tell. */
export function defaultDomain(act: Act): Domain | null {
  switch (act) {
    case 'air-strike':
    case 'drone-strike':
    case 'missile-strike':
    case 'interception':
      return 'air';
    case 'shelling':
    case 'ground-assault':
      return 'ground';
    case 'naval-attack':
      return 'sea';
    case 'strike':
    case 'sabotage':
    case 'other':
      return null;
  }
}
