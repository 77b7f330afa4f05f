// The Ukrainian Air Force's daily missile and drone records (the "Massive Missile Attacks on Ukraine" CSV) to
// incident drafts: one incident per row (one weapon model in one attack window), at oblast level, no coordinates.

import { createHash } from 'node:crypto';
import { adminAreaByCode, adminCodeByName } from '../core/admin-areas.js';
import type { Act } from '../core/taxonomy.js';
import { precisionInterval, type Precision } from '../core/time.js';
import { kyivTime, type KyivTime } from './kyiv-time.js';
import { parsePythonDict, parsePythonList } from './python-literals.js';
import {
  countCell,
  csvRecords,
  type CsvRecord,
  type IncidentDraft,
  mapRow,
  required,
  RowError,
  type RowResult,
  type TextSource,
} from './rows.js';

export const ATTACKS_REQUIRED_COLUMNS = ['time_start', 'model', 'launched', 'destroyed'] as const;

type WeaponKind = 'strike-drone' | 'recon-drone' | 'missile' | 'bomb' | 'unknown';

/**
 * Weapon model → kind, by name (the dataset's `missiles_and_uavs.csv` lists the same models). Reconnaissance
 * drones (Orlan, ZALA, Supercam, ...) are flights shot down, not strikes; unknown UAVs count as strike drones.
 */
const WEAPON_PATTERNS: readonly (readonly [RegExp, WeaponKind])[] = [
  [/^(orlan|zala|supercam|merlin|granat|eleron|forpost|reconnaissance uav|картограф)/i, 'recon-drone'],
  [
    /shahed|geran|lancet|молні|molniya|^kub\b|mohajer|orion|привет|фенікс|\buav\b|drone|бпла/i,
    'strike-drone',
  ],
  [/missile|^[xх]-\d|iskander|kalibr|kinzhal|zircon|oniks|^[cсs]-[34]00|kn-23|banderol|ракет/i, 'missile'],
  [/gbu|bomb|^каб|^fab/i, 'bomb'],
];

function weaponKind(model: string): WeaponKind {
  return WEAPON_PATTERNS.find(([pattern]) => pattern.test(model.trim()))?.[1] ?? 'unknown';
}

/**
 * The act of a row from its model; compound models ("X-101/X-555 and Kalibr") take every part into account.
 * Drones → drone-strike, missiles → missile-strike, guided bombs → air-strike, reconnaissance drones only →
 * other, a mix of drones and missiles or an unknown model → strike.
 */
export function attackAct(model: string): Act {
  const kinds = new Set(model.split(/\s+and\s+/i).map(weaponKind));
  if (kinds.has('strike-drone')) kinds.delete('recon-drone');
  if (kinds.size !== 1) return 'strike';
  const kind: WeaponKind = [...kinds][0] ?? 'unknown';
  switch (kind) {
    case 'strike-drone':
      return 'drone-strike';
    case 'recon-drone':
      return 'other';
    case 'missile':
      return 'missile-strike';
    case 'bomb':
      return 'air-strike';
    case 'unknown':
      return 'strike';
  }
}

/** The oblast a list of regions or a target names, when it names exactly one; its English name, or null. */
export function singleOblast(names: readonly string[]): string | null {
  const codes = new Set(names.map((n) => adminCodeByName(n)));
  if (codes.size !== 1) return null;
  const [code] = codes;
  return code ? (adminAreaByCode(code)?.name ?? null) : null;
}

function time(value: string, field: string): KyivTime {
  const t = kyivTime(value);
  if (!t)
    throw new RowError(field, 'INVALID_DATE', `"${value}" is not a date or local time (2025-03-30 04:30)`);
  return t;
}

const PRECISIONS: readonly Precision[] = ['minute', 'hour', 'day', 'week', 'month'];

/**
 * How precisely the time of an attack is known: to the minute when there is no end, else the smallest unit whose
 * interval around the start also holds the end (an attack from 19:30 to 08:30 the next morning is known to the
 * week, not to the minute); a day at least when only dates are given.
 */
export function attackPrecision(start: KyivTime, end: KyivTime | null): Precision {
  const floor = start.dateOnly ? 2 : 0;
  if (end === null || (end.instant.epochMs === start.instant.epochMs && !start.dateOnly))
    return PRECISIONS[floor] ?? 'day';
  const endMs = end.dateOnly ? precisionInterval(end.instant, 'day').endMs - 1 : end.instant.epochMs;
  for (const precision of PRECISIONS.slice(floor)) {
    if (endMs < precisionInterval(start.instant, precision).endMs) return precision;
  }
  return 'month';
}

/** The same row always gets the same ref: a hash of the fields that identify it (its counts may be corrected). */
export function attackRef(row: CsvRecord): string {
  const key = ['time_start', 'time_end', 'model', 'launch_place', 'target', 'source']
    .map((c) => row.get(c) ?? '')
    .join('\u001f');
  return `attacks:${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/** `{'south': 16, 'east': NaN}` as "south 16"; the raw text when it is not such a dict. */
function details(value: string | null): string | null {
  if (value === null || value === '{}') return null;
  const dict = parsePythonDict(value);
  if (dict === null) return value;
  const known = [...dict].filter(([, n]) => n !== null).map(([k, n]) => `${k} ${String(n)}`);
  return known.length > 0 ? known.join(', ') : null;
}

/** One Air Force row as an incident draft; throws `RowError` naming the column that is wrong. */
export function attackIncident(row: CsvRecord): IncidentDraft {
  const model = required(row.get('model'), 'model');
  const start = time(required(row.get('time_start'), 'time_start'), 'time_start');
  const endText = row.get('time_end');
  const end = endText === null ? null : time(endText, 'time_end');
  if (end && end.instant.epochMs < start.instant.epochMs) {
    throw new RowError('time_end', 'INVALID_RANGE', `${endText ?? ''} is before time_start`);
  }
  const counts: NonNullable<IncidentDraft['counts']> = [];
  for (const [column, what] of [
    ['launched', 'launched'],
    ['destroyed', 'destroyed'],
    ['not_reach_goal', 'did not reach their targets'],
    ['still_attacking', 'still attacking'],
  ] as const) {
    const value = countCell(row.get(column), column);
    if (value !== null) counts.push({ what, value, qualifier: 'exact' });
  }
  const regionText = row.get('affected region');
  const regions = regionText === null ? [] : parsePythonList(regionText);
  if (regions === null) {
    throw new RowError('affected region', 'INVALID_LIST', `"${regionText ?? ''}" is not a list of names`);
  }
  const target = row.get('target');
  const admin1 = regions.length > 0 ? singleOblast(regions) : target !== null ? singleOblast([target]) : null;
  const launched = counts.find((c) => c.what === 'launched')?.value;
  const destroyed = counts.find((c) => c.what === 'destroyed')?.value;
  const notes = [
    target !== null ? `Target: ${target}` : null,
    row.get('target_main') !== null ? `Main target: ${row.get('target_main') ?? ''}` : null,
    `Attack window (Kyiv time): ${row.get('time_start') ?? ''}${endText !== null ? ` to ${endText}` : ''}`,
    row.get('launch_place') !== null ? `Launched from: ${row.get('launch_place') ?? ''}` : null,
    row.get('carrier') !== null ? `Carrier: ${row.get('carrier') ?? ''}` : null,
    regions.length > 0 ? `Affected regions: ${regions.join(', ')}` : null,
    details(row.get('launched_details')) !== null
      ? `Launched by direction: ${details(row.get('launched_details')) ?? ''}`
      : null,
    details(row.get('destroyed_details')) !== null
      ? `Destroyed by direction: ${details(row.get('destroyed_details')) ?? ''}`
      : null,
  ].filter((n) => n !== null);
  const source = row.get('source');
  return {
    ref: attackRef(row),
    occurredAt: start.text,
    timePrecision: attackPrecision(start, end),
    title: `${model}: ${launched ?? '?'} launched, ${destroyed ?? '?'} destroyed`,
    country: 'Ukraine',
    admin1,
    sourceText:
      source === null
        ? 'Ukrainian Air Force'
        : /^[\w.-]+\/posts\//.test(source)
          ? `https://www.facebook.com/${source}`
          : source,
    notes: notes.join('\n'),
    act: attackAct(model),
    weapon: model,
    perpetrator: 'RU',
    counts,
  };
}

/** Streams the Air Force CSV as incident drafts, one result per row; a file that is not one gives one fatal result. */
export async function* parseAttacks(source: TextSource): AsyncGenerator<RowResult> {
  for await (const row of csvRecords(source, ATTACKS_REQUIRED_COLUMNS, 'an Air Force attacks file')) {
    yield 'ok' in row ? row : mapRow(row.line, () => attackIncident(row));
  }
}
