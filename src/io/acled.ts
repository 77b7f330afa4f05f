// ACLED CSV exports (the 31 standard columns) to incident drafts, one result per row.
// Event types become our acts by the table below; the ACLED-specific codes are kept in the notes.

import type { Act } from '../core/taxonomy.js';
import {
  countCell,
  csvRecords,
  type CsvRecord,
  type IncidentDraft,
  mapRow,
  numberCell,
  required,
  RowError,
  type RowResult,
  type TextSource,
} from './rows.js';

/**
 * Columns a file must have to be taken for an ACLED export; the other standard columns are used when present. The
 * id and the date must be filled in every row.
 */
export const ACLED_REQUIRED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'country',
  'latitude',
  'longitude',
] as const;

const DRONE = /\b(drones?|UAVs?|Shaheds?|Geran|Bayraktars?|loitering|kamikaze)\b/i;
const MISSILE = /\bmissiles?\b/i;

/**
 * ACLED sub-event type → act. Where ACLED lumps kinds together, the notes decide:
 *
 * | event_type / sub_event_type                               | act                                             |
 * | --------------------------------------------------------- | ----------------------------------------------- |
 * | Explosions/Remote violence / Air/drone strike              | drone-strike if notes say drone/UAV/Shahed, else air-strike |
 * | Explosions/Remote violence / Shelling/artillery/missile attack | missile-strike if notes say missile, else shelling |
 * | Explosions/Remote violence / Grenade                       | drone-strike if notes say drone (dropped from one), else other |
 * | Explosions/Remote violence / Remote explosive/landmine/IED, Suicide bomb, Chemical weapon | other (a mine is not sabotage; the notes cannot tell which is) |
 * | Battles / Armed clash, Government regains territory, Non-state actor overtakes territory | ground-assault |
 * | Strategic developments / Disrupted weapons use             | interception (not a strike)                      |
 * | Violence against civilians / any                           | other                                            |
 * | Strategic developments (other), Protests, Riots            | no act (not an attack)                           |
 */
export function acledAct(subEventType: string, notes: string): Act | null {
  switch (subEventType.toLowerCase()) {
    case 'air/drone strike':
      return DRONE.test(notes) ? 'drone-strike' : 'air-strike';
    case 'shelling/artillery/missile attack':
      return MISSILE.test(notes) ? 'missile-strike' : 'shelling';
    case 'grenade':
      return DRONE.test(notes) ? 'drone-strike' : 'other';
    case 'remote explosive/landmine/ied':
    case 'suicide bomb':
    case 'chemical weapon':
    case 'attack':
    case 'abduction/forced disappearance':
    case 'sexual violence':
      return 'other';
    case 'armed clash':
    case 'government regains territory':
    case 'non-state actor overtakes territory':
      return 'ground-assault';
    case 'disrupted weapons use':
      return 'interception';
    default:
      return null;
  }
}

/**
 * The party alleged to have done it, only where ACLED's actor1 is by definition the one acting (Explosions/Remote
 * violence and Violence against civilians) and names a state's regular forces. Battles are left alone: actor1
 * there is only listed first, not the side that attacked.
 */
export function acledPerpetrator(eventType: string, actor1: string): 'RU' | 'UA' | null {
  const type = eventType.toLowerCase();
  if (type !== 'explosions/remote violence' && type !== 'violence against civilians') return null;
  if (/^Military Forces of Russia \(/.test(actor1)) return 'RU';
  if (/^Military Forces of Ukraine \(/.test(actor1)) return 'UA';
  return null;
}

/** ACLED's actor type codes (inter1, inter2); newer exports write the labels instead. */
const INTER_LABELS = [
  'State Forces',
  'Rebel Forces',
  'Militia Groups',
  'Communal / Identity Groups',
  'Rioters',
  'Protesters',
  'Civilians',
  'Foreign / Others',
] as const;

/** A numeric inter code or a label, as a label ("1" and "State forces" both give "State Forces"). */
export function interLabel(value: string): string {
  const n = Number(value);
  if (Number.isInteger(n)) return INTER_LABELS[n - 1] ?? value;
  return value;
}

const PRECISION = { '1': 'day', '2': 'week', '3': 'month' } as const;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `2022-04-30`, or the `30 April 2022` / `30-April-2022` of spreadsheet exports, as `2022-04-30`. */
function acledDate(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const words = /^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})$/.exec(value);
  let date: string | null = null;
  if (iso) date = value;
  else if (words) {
    const month = MONTHS.findIndex(
      (m) => m.startsWith((words[2] ?? '').toLowerCase()) && (words[2] ?? '').length >= 3,
    );
    if (month >= 0)
      date = `${words[3]}-${String(month + 1).padStart(2, '0')}-${(words[1] ?? '').padStart(2, '0')}`;
  }
  if (
    date === null ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new RowError('event_date', 'INVALID_DATE', `"${value}" is not a date (2022-04-30)`);
  }
  return date;
}

function location(row: CsvRecord): IncidentDraft['location'] {
  const lat = row.get('latitude');
  const lon = row.get('longitude');
  if (lat === null && lon === null) return null;
  if (lat === null) throw new RowError('latitude', 'REQUIRED', 'is empty while longitude is given');
  if (lon === null) throw new RowError('longitude', 'REQUIRED', 'is empty while latitude is given');
  return { lat: numberCell(lat, 'latitude', -90, 90), lon: numberCell(lon, 'longitude', -180, 180) };
}

function geoPrecision(value: string | null): 1 | 2 | 3 | null {
  if (value === null) return null;
  if (value === '1' || value === '2' || value === '3') return Number(value) as 1 | 2 | 3;
  throw new RowError('geo_precision', 'UNKNOWN_VALUE', `"${value}" is not 1, 2 or 3`);
}

/** ACLED's two-digit interaction code (`18`: State Forces against Foreign / Others; `10`: State Forces alone). */
export function interactionLabel(value: string): string {
  const m = /^([1-8])([0-8])$/.exec(value);
  if (!m) return value;
  const first = interLabel(m[1] ?? '');
  return m[2] === '0' ? `${first} alone` : `${first} vs ${interLabel(m[2] ?? '')}`;
}

/**
 * The columns whose values have no field of their own, with the label each gets in the notes, in order. The
 * ACLED-compatible export (`io/export/acled.ts`) reads the labels back into their columns.
 */
export const ACLED_NOTE_COLUMNS = [
  ['inter1', 'actor1 type'],
  ['inter2', 'actor2 type'],
  ['interaction', 'interaction'],
  ['assoc_actor_1', 'associated with actor1'],
  ['assoc_actor_2', 'associated with actor2'],
  ['civilian_targeting', 'civilian targeting'],
  ['disorder_type', 'disorder type'],
  ['tags', 'tags'],
] as const;

/**
 * What ACLED says that has no field of its own (actor types, associated actors, tags) as a bracketed note naming
 * the event, `[ACLED UKR1; actor1 type: State Forces; ...]`; null when the row says none of it (the event id is
 * in the ref already).
 */
function acledNote(row: CsvRecord): string | null {
  const parts: string[] = [];
  for (const [column, label] of ACLED_NOTE_COLUMNS) {
    const value = row.get(column);
    if (value === null) continue;
    const shown =
      column === 'interaction'
        ? interactionLabel(value)
        : column.startsWith('inter')
          ? interLabel(value)
          : value;
    parts.push(`${label}: ${shown}`);
  }
  return parts.length === 0 ? null : `[ACLED ${row.get('event_id_cnty') ?? ''}; ${parts.join('; ')}]`;
}

/**
 * One ACLED row as an incident draft; throws `RowError` naming the column that is wrong. ACLED always fills the
 * event type, sub-event type and actor1; other sources of the format (our own export of an incident nobody coded
 * so) may leave them empty, which leaves the incident's fields empty too.
 */
export function acledIncident(row: CsvRecord): IncidentDraft {
  const id = required(row.get('event_id_cnty'), 'event_id_cnty');
  const occurredAt = acledDate(required(row.get('event_date'), 'event_date'));
  const precisionCode = row.get('time_precision') ?? '1';
  const timePrecision = PRECISION[precisionCode as keyof typeof PRECISION] as
    (typeof PRECISION)[keyof typeof PRECISION] | undefined;
  if (timePrecision === undefined) {
    throw new RowError('time_precision', 'UNKNOWN_VALUE', `"${precisionCode}" is not 1, 2 or 3`);
  }
  const eventType = row.get('event_type');
  const subEventType = row.get('sub_event_type');
  const actor1 = row.get('actor1');
  const notes = row.get('notes');
  const note = acledNote(row);
  const place = [row.get('location'), row.get('admin1')].filter((p) => p !== null).join(', ');
  const what = subEventType ?? eventType ?? 'Event';
  return {
    ref: `acled:${id}`,
    occurredAt,
    timePrecision,
    title: place === '' ? what : `${what}: ${place}`,
    eventType,
    subEventType,
    actor1,
    actor2: row.get('actor2'),
    country: row.get('country'),
    admin1: row.get('admin1'),
    admin2: row.get('admin2'),
    admin3: row.get('admin3'),
    locationName: row.get('location'),
    location: location(row),
    geoPrecision: geoPrecision(row.get('geo_precision')),
    sourceText: row.get('source'),
    sourceScale: row.get('source_scale'),
    notes: notes === null ? note : note === null ? notes : `${notes}\n\n${note}`,
    fatalities: countCell(row.get('fatalities'), 'fatalities'),
    act: subEventType === null ? null : acledAct(subEventType, notes ?? ''),
    perpetrator: eventType === null || actor1 === null ? null : acledPerpetrator(eventType, actor1),
  };
}

/** Streams an ACLED CSV export as incident drafts, one result per row; a file that is not one gives one fatal result. */
export async function* parseAcled(source: TextSource): AsyncGenerator<RowResult> {
  for await (const row of csvRecords(source, ACLED_REQUIRED_COLUMNS, 'an ACLED export')) {
    yield 'ok' in row ? row : mapRow(row.line, () => acledIncident(row));
  }
}
