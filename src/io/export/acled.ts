// Incidents in ACLED's 31 standard columns, filled so that our ACLED importer (`io/acled.ts`) reads each row back
// into the same incident fields: date and precision, coordinates, actors, event types, notes, source, fatalities.

import type { Act } from '../../core/taxonomy.js';
import type { Incident } from '../../core/model.js';
import { ACLED_NOTE_COLUMNS } from '../acled.js';
import type { CsvRow } from './csv.js';
import { roundCoordinate } from './geojson.js';

/** ACLED's standard export columns, in its order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

/**
 * ACLED's event and sub-event type for an act, for incidents nobody coded in ACLED's terms. Where ACLED has no
 * sub-event type for the act (a strike of unknown kind, a naval attack) the cell stays empty rather than guess.
 */
const ACT_EVENT_TYPES: Readonly<Record<Act, readonly [string | null, string | null]>> = {
  strike: ['Explosions/Remote violence', null],
  'air-strike': ['Explosions/Remote violence', 'Air/drone strike'],
  'drone-strike': ['Explosions/Remote violence', 'Air/drone strike'],
  'missile-strike': ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  shelling: ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  'ground-assault': ['Battles', 'Armed clash'],
  'naval-attack': ['Explosions/Remote violence', null],
  sabotage: ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  interception: ['Strategic developments', 'Disrupted weapons use'],
  other: [null, null],
};

/** ACLED's names of the regular forces our importer maps back to a perpetrator. */
const FORCES: Readonly<Record<string, string>> = {
  RU: 'Military Forces of Russia (2000-)',
  UA: 'Military Forces of Ukraine (2019-)',
};

/** Event types whose actor1 is by definition the one acting (as `acledPerpetrator` reads them). */
const ACTING_ACTOR1 = new Set(['explosions/remote violence', 'violence against civilians']);

/** ISO 3166 numeric codes and ACLED regions of the countries this data is about. */
const COUNTRIES: Readonly<Record<string, readonly [number, string]>> = {
  Ukraine: [804, 'Europe'],
  Russia: [643, 'Europe'],
};

const PRECISION_CODES = { minute: 1, hour: 1, day: 1, week: 2, month: 3 } as const;

/** The event id an incident is exported under: the ACLED id it was imported with, else its own ref or id. */
export function acledEventId(incident: Pick<Incident, 'id' | 'ref'>): string {
  if (incident.ref?.startsWith('acled:')) return incident.ref.slice('acled:'.length);
  return incident.ref ?? incident.id;
}

/**
 * Notes split from the bracketed note our importer appends (`[ACLED UKR1; actor1 type: State Forces; ...]`), with
 * that note's values by column, so that they go back into their own columns.
 */
export function splitAcledNote(
  notes: string | null,
  eventId: string,
): { readonly notes: string | null; readonly columns: ReadonlyMap<string, string> } {
  const columns = new Map<string, string>();
  if (notes === null) return { notes, columns };
  const opening = `[ACLED ${eventId}; `;
  const at = notes.lastIndexOf(opening);
  if (at === -1 || !notes.endsWith(']') || (at > 0 && !notes.slice(0, at).endsWith('\n\n')))
    return { notes, columns };
  let rest = `; ${notes.slice(at + opening.length, -1)}`;
  const labels = ACLED_NOTE_COLUMNS.map(([column, label]) => ({ column, start: `; ${label}: ` }));
  for (const [i, { column, start }] of labels.entries()) {
    if (!rest.startsWith(start)) continue;
    const body = rest.slice(start.length);
    const ends = labels
      .slice(i + 1)
      .map((later) => body.indexOf(later.start))
      .filter((end) => end >= 0);
    const end = ends.length === 0 ? body.length : Math.min(...ends);
    columns.set(column, body.slice(0, end));
    rest = body.slice(end);
  }
  // Something in the note that is not ours: keep the notes as they are.
  if (rest !== '') return { notes, columns: new Map() };
  const before = notes.slice(0, at).replace(/\n\n$/, '');
  return { notes: before === '' ? null : before, columns };
}

/** One incident (its public copy) as a row of `ACLED_COLUMNS`. */
export function acledRow(incident: Incident): CsvRow {
  const eventId = acledEventId(incident);
  const { notes, columns } = splitAcledNote(incident.notes, eventId);
  const derived = incident.act === null ? [null, null] : ACT_EVENT_TYPES[incident.act];
  const eventType = incident.eventType ?? derived[0];
  const subEventType = incident.subEventType ?? (eventType === derived[0] ? derived[1] : null);
  const acting = eventType !== null && ACTING_ACTOR1.has(eventType.toLowerCase());
  const actor1 =
    incident.actor1 ?? (acting && incident.perpetrator ? (FORCES[incident.perpetrator] ?? null) : null);
  const country = incident.country === null ? undefined : COUNTRIES[incident.country];
  const date = incident.occurredAt.slice(0, 10);
  return {
    event_id_cnty: eventId,
    event_date: date,
    year: Number(date.slice(0, 4)),
    time_precision: PRECISION_CODES[incident.timePrecision],
    disorder_type: columns.get('disorder_type') ?? null,
    event_type: eventType,
    sub_event_type: subEventType,
    actor1,
    assoc_actor_1: columns.get('assoc_actor_1') ?? null,
    inter1: columns.get('inter1') ?? null,
    actor2: incident.actor2,
    assoc_actor_2: columns.get('assoc_actor_2') ?? null,
    inter2: columns.get('inter2') ?? null,
    interaction: columns.get('interaction') ?? null,
    civilian_targeting: columns.get('civilian_targeting') ?? null,
    iso: country?.[0] ?? null,
    region: country?.[1] ?? null,
    country: incident.country,
    admin1: incident.admin1,
    admin2: incident.admin2,
    admin3: incident.admin3,
    location: incident.locationName,
    latitude: incident.location ? roundCoordinate(incident.location[1]) : null,
    longitude: incident.location ? roundCoordinate(incident.location[0]) : null,
    geo_precision: incident.geoPrecision,
    source: incident.sourceText,
    source_scale: incident.sourceScale,
    notes,
    fatalities: incident.fatalities,
    tags: columns.get('tags') ?? null,
    timestamp: Math.floor(Date.parse(incident.updatedAt) / 1000),
  };
}
