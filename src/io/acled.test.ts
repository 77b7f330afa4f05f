import { describe, expect, it } from 'vitest';
import { acledAct, interLabel, parseAcled } from './acled.js';
import type { RowResult } from './rows.js';

const COLUMNS = [
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
];

const BASE: Record<string, string> = {
  event_id_cnty: 'UKR1',
  event_date: '2022-03-11',
  year: '2022',
  time_precision: '1',
  disorder_type: 'Political violence',
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Shelling/artillery/missile attack',
  actor1: 'Military Forces of Russia (2000-)',
  inter1: '8',
  actor2: 'Civilians (Ukraine)',
  inter2: '7',
  interaction: '78',
  iso: '804',
  region: 'Europe',
  country: 'Ukraine',
  admin1: 'Luhansk',
  admin2: 'Sievierodonetskyi',
  location: 'Severodonetsk',
  latitude: '48.9467',
  longitude: '38.4914',
  geo_precision: '1',
  source: '24 Channel',
  source_scale: 'National',
  notes: 'On 11 March 2022, Russian forces shelled civilian infrastructure in Severodonetsk.',
  fatalities: '0',
};

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A CSV with the standard header and one line per row, each the base row with overrides. */
function csv(...rows: Record<string, string>[]): string {
  return [COLUMNS, ...rows.map((r) => COLUMNS.map((c) => ({ ...BASE, ...r })[c] ?? ''))]
    .map((cells) => cells.map(quote).join(','))
    .join('\n');
}

async function parse(text: string): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for await (const r of parseAcled(text)) results.push(r);
  return results;
}

async function one(overrides: Record<string, string>): Promise<RowResult> {
  const [result] = await parse(csv(overrides));
  return result!;
}

describe('parseAcled', () => {
  it('maps a row to an incident with its ACLED fields, ref and position', async () => {
    const result = await one({});
    expect(result).toMatchObject({
      ok: true,
      line: 2,
      value: {
        ref: 'acled:UKR1',
        occurredAt: '2022-03-11',
        timePrecision: 'day',
        title: 'Shelling/artillery/missile attack: Severodonetsk, Luhansk',
        actor1: 'Military Forces of Russia (2000-)',
        admin1: 'Luhansk',
        location: { lat: 48.9467, lon: 38.4914 },
        geoPrecision: 1,
        fatalities: 0,
        act: 'shelling',
        perpetrator: 'RU',
      },
    });
  });

  it('reads numeric and text inter codes alike into the notes', async () => {
    const numeric = await one({ inter1: '1', inter2: '7', interaction: '17' });
    const text = await one({
      inter1: 'State Forces',
      inter2: 'Civilians',
      interaction: 'State Forces-Civilians',
    });
    expect(numeric.ok && numeric.value.notes).toContain('actor1 type: State Forces; actor2 type: Civilians');
    expect(numeric.ok && numeric.value.notes).toContain('interaction: State Forces vs Civilians');
    expect(text.ok && text.value.notes).toContain('actor1 type: State Forces; actor2 type: Civilians');
    expect(interLabel('8')).toBe('Foreign / Others');
  });

  it('adds no bracketed note when the row says nothing beyond its id, and takes empty event types and actor1', async () => {
    const bare = { inter1: '', inter2: '', interaction: '', disorder_type: '' };
    expect(await one(bare)).toMatchObject({
      value: { notes: 'On 11 March 2022, Russian forces shelled civilian infrastructure in Severodonetsk.' },
    });
    expect(await one({ ...bare, notes: '', event_type: '', sub_event_type: '', actor1: '' })).toMatchObject({
      ok: true,
      value: {
        notes: null,
        eventType: null,
        subEventType: null,
        actor1: null,
        act: null,
        perpetrator: null,
        title: 'Event: Severodonetsk, Luhansk',
      },
    });
  });

  it('reads time_precision 2 and 3 as a week and a month, and spreadsheet dates', async () => {
    expect(await one({ time_precision: '2' })).toMatchObject({ value: { timePrecision: 'week' } });
    expect(await one({ time_precision: '3', event_date: '30 April 2022' })).toMatchObject({
      value: { timePrecision: 'month', occurredAt: '2022-04-30' },
    });
  });

  it('rejects a bad latitude, date, precision or fatality count by column, and goes on', async () => {
    const results = await parse(
      csv(
        { latitude: '95.2' },
        { event_date: '2022-02-30' },
        { time_precision: '7' },
        { fatalities: '2.5' },
        { event_id_cnty: 'UKR2' },
      ),
    );
    expect(results.map((r) => (r.ok ? 'ok' : `${r.line} ${r.field} ${r.code}`))).toEqual([
      '2 latitude OUT_OF_RANGE',
      '3 event_date INVALID_DATE',
      '4 time_precision UNKNOWN_VALUE',
      '5 fatalities INVALID_COUNT',
      'ok',
    ]);
  });

  it('counts lines from where a row starts when notes hold line breaks', async () => {
    const results = await parse(csv({ notes: 'first\nsecond' }, { latitude: 'north' }));
    expect(results[1]).toMatchObject({ ok: false, line: 4, field: 'latitude', code: 'INVALID_NUMBER' });
  });

  it('names the missing column when the file is not an ACLED export', async () => {
    const results = await parse('event_id_cnty,event_date,event_type\nUKR1,2022-03-11,Battles\n');
    expect(results).toEqual([
      expect.objectContaining({
        ok: false,
        fatal: true,
        line: 1,
        field: 'sub_event_type',
        code: 'MISSING_COLUMN',
      }),
    ]);
    expect(results[0]).toMatchObject({ message: expect.stringContaining('"sub_event_type"') as unknown });
  });

  it('gives one fatal result for text that is not CSV', async () => {
    const results = await parse('{"type": "FeatureCollection",\n "features": [ "a" "b" ]}');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, fatal: true });
  });

  it('infers a perpetrator only from the acting forces of remote violence and violence against civilians', async () => {
    expect(await one({ actor1: 'Military Forces of Ukraine (2019-) Air Force' })).toMatchObject({
      value: { perpetrator: 'UA' },
    });
    expect(await one({ actor1: 'NAF: United Armed Forces of Novorossiya' })).toMatchObject({
      value: { perpetrator: null },
    });
    expect(await one({ event_type: 'Battles', sub_event_type: 'Armed clash' })).toMatchObject({
      value: { perpetrator: null, act: 'ground-assault' },
    });
  });
});

describe('acledAct', () => {
  it.each([
    ['Air/drone strike', 'Russian forces carried out an air strike', 'air-strike'],
    ['Air/drone strike', 'a Bayraktar TB2 drone struck a convoy', 'drone-strike'],
    ['Air/drone strike', 'a Shahed hit Odesa', 'drone-strike'],
    ['Shelling/artillery/missile attack', 'shelled with artillery', 'shelling'],
    ['Shelling/artillery/missile attack', 'launched a missile strike', 'missile-strike'],
    ['Armed clash', '', 'ground-assault'],
    ['Disrupted weapons use', 'air defence shot down a missile', 'interception'],
    ['Remote explosive/landmine/IED', 'a civilian stepped on a landmine', 'other'],
    ['Grenade', 'dropped a grenade from a drone', 'drone-strike'],
    ['Peaceful protest', '', null],
    ['Non-violent transfer of territory', '', null],
  ] as const)('%s with "%s" is %s', (sub, notes, act) => {
    expect(acledAct(sub, notes)).toBe(act);
  });
});
