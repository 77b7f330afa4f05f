import { describe, expect, it } from 'vitest';
import { lonLat } from '../../core/geo.js';
import type { Incident, IncidentId } from '../../core/model.js';
import { parseAcled } from '../acled.js';
import type { IncidentDraft } from '../rows.js';
import { ACLED_COLUMNS, acledRow, splitAcledNote } from './acled.js';
import { csvText } from './csv.js';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: '7d0c3f1e-0000-4000-8000-000000000001' as IncidentId,
    ref: 'demo-2025-03-18-sloviansk',
    occurredAt: '2025-03-18T20:50:00+02:00',
    timePrecision: 'minute',
    title: 'Drone strike on an energy facility in Sloviansk',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Air/drone strike',
    actor1: 'Military Forces of Russia (2000-)',
    actor2: null,
    country: 'Ukraine',
    admin1: 'Donetsk',
    admin2: null,
    admin3: null,
    locationName: 'Sloviansk',
    location: lonLat(37.6167, 48.8667),
    geoPrecision: 1,
    sourceText: 'Donetsk Regional Prosecutor’s Office; Novaya Gazeta Europe',
    sourceScale: 'National',
    notes: 'Drones hit an energy facility at 20:50, "leaving" part of the town without power.\nSecond line.',
    fatalities: 0,
    act: 'drone-strike',
    domain: null,
    target: 'infrastructure.energy',
    weapon: 'drones',
    perpetrator: 'RU',
    counts: [],
    effects: [],
    observation: 'reported',
    casualties: { killed: null, injured: null },
    allegations: [],
    geography: null,
    reportedBy: null,
    publishedAt: '2025-03-20T10:00:00.000Z',
    disclosure: { reporter: 'withheld', location: 'exact' },
    createdAt: '2025-03-19T10:00:00.000Z',
    updatedAt: '2025-03-20T10:00:00.000Z',
    ...overrides,
  };
}

/** The incidents as our ACLED export, read back by our ACLED importer's parser. */
async function roundTrip(...incidents: Incident[]): Promise<IncidentDraft[]> {
  let csv = '';
  for await (const chunk of csvText(ACLED_COLUMNS, incidents.map(acledRow))) csv += chunk;
  const drafts: IncidentDraft[] = [];
  for await (const result of parseAcled(csv)) {
    if (!result.ok) throw new Error(`line ${result.line} ${result.field}: ${result.message}`);
    drafts.push(result.value);
  }
  return drafts;
}

describe('acledRow', () => {
  it('reads back as the same incident fields through the ACLED importer', async () => {
    const [draft] = await roundTrip(incident());
    expect(draft).toEqual({
      ref: 'acled:demo-2025-03-18-sloviansk',
      occurredAt: '2025-03-18',
      timePrecision: 'day',
      title: 'Air/drone strike: Sloviansk, Donetsk',
      eventType: 'Explosions/Remote violence',
      subEventType: 'Air/drone strike',
      actor1: 'Military Forces of Russia (2000-)',
      actor2: null,
      country: 'Ukraine',
      admin1: 'Donetsk',
      admin2: null,
      admin3: null,
      locationName: 'Sloviansk',
      location: { lat: 48.8667, lon: 37.6167 },
      geoPrecision: 1,
      sourceText: 'Donetsk Regional Prosecutor’s Office; Novaya Gazeta Europe',
      sourceScale: 'National',
      notes:
        'Drones hit an energy facility at 20:50, "leaving" part of the town without power.\nSecond line.',
      fatalities: 0,
      act: 'drone-strike',
      perpetrator: 'RU',
    });
  });

  it('gives back the ACLED columns an imported event kept in its notes, and its own id', async () => {
    const notes =
      'Shelled, 2 wounded.\n\n[ACLED UKR1; actor1 type: State Forces; actor2 type: Civilians; interaction: State Forces vs Civilians; tags: local administrators; women targeted: girls]';
    const imported = incident({ ref: 'acled:UKR1', notes });
    const row = acledRow(imported);
    expect(row).toMatchObject({
      event_id_cnty: 'UKR1',
      notes: 'Shelled, 2 wounded.',
      inter1: 'State Forces',
      inter2: 'Civilians',
      interaction: 'State Forces vs Civilians',
      tags: 'local administrators; women targeted: girls',
    });
    const [draft] = await roundTrip(imported);
    expect(draft).toMatchObject({ ref: 'acled:UKR1', notes });
  });

  it('keeps precision in ACLED terms: a week and a month stay, a time of day widens to its day', async () => {
    const drafts = await roundTrip(
      incident({ ref: 'a', occurredAt: '2025-03-17', timePrecision: 'week' }),
      incident({ ref: 'b', occurredAt: '2025-03-01', timePrecision: 'month' }),
      incident({ ref: 'c', occurredAt: '2025-03-21T00:20:00+03:00', timePrecision: 'hour' }),
    );
    expect(drafts.map((d) => [d.occurredAt, d.timePrecision])).toEqual([
      ['2025-03-17', 'week'],
      ['2025-03-01', 'month'],
      ['2025-03-21', 'day'],
    ]);
  });

  it("codes an incident nobody coded in ACLED's terms from its act and perpetrator, and leaves unknowns empty", async () => {
    const uncoded = { eventType: null, subEventType: null, actor1: null };
    expect(acledRow(incident({ ...uncoded, act: 'missile-strike', perpetrator: 'UA' }))).toMatchObject({
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Shelling/artillery/missile attack',
      actor1: 'Military Forces of Ukraine (2019-)',
    });
    expect(acledRow(incident({ ...uncoded, act: 'interception', perpetrator: 'UA' }))).toMatchObject({
      event_type: 'Strategic developments',
      sub_event_type: 'Disrupted weapons use',
      actor1: null,
    });
    const [other] = await roundTrip(incident({ ...uncoded, act: 'other', perpetrator: null, notes: null }));
    expect(other).toMatchObject({
      eventType: null,
      subEventType: null,
      actor1: null,
      notes: null,
      act: null,
    });
    expect(other?.title).toBe('Event: Sloviansk, Donetsk');
  });

  it('writes no coordinates for a withheld location', async () => {
    const [draft] = await roundTrip(incident({ location: null, locationName: null, geoPrecision: 3 }));
    expect(draft).toMatchObject({ location: null, geoPrecision: 3 });
  });
});

describe('splitAcledNote', () => {
  it('leaves notes alone when the bracket is not our note about this event', () => {
    for (const notes of ['[ACLED UKR2; tags: x]', 'text [ACLED UKR1; tags: x]', '[ACLED UKR1; colour: red]'])
      expect(splitAcledNote(notes, 'UKR1')).toEqual({ notes, columns: new Map() });
  });
});
