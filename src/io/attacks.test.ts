import { describe, expect, it } from 'vitest';
import { attackAct, parseAttacks } from './attacks.js';
import type { RowResult } from './rows.js';

const HEADER =
  'time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,launch_place_details,source';

const SHAHEDS =
  "2025-04-30 19:30,2025-05-01 08:30,Shahed-136/131,\"Primorsko-Akhtarsk and Kursk oblast\",Ukraine,,170.0,74.0,68.0,,{},,,,,,,\"['Odesa oblast', 'Kharkiv oblast']\",\"{'south': 16, 'east': NaN, 'north': NaN}\",,,kpszsu/posts/pfbid026AM";

async function parse(...lines: string[]): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for await (const r of parseAttacks([HEADER, ...lines].join('\n'))) results.push(r);
  return results;
}

/** A row with the given start, end, model and counts; the other cells empty. */
function row(
  start: string,
  end: string,
  model: string,
  launched = '1.0',
  destroyed = '1.0',
  extra = '',
): string {
  return `${start},${end},${model},,south,,${launched},${destroyed},,,{},,,,,,,${extra},,,,PvKPivden/posts/x`;
}

describe('parseAttacks', () => {
  it('makes one incident of a row: float counts, Kyiv time, Python list and NaN dict', async () => {
    const [result] = await parse(SHAHEDS);
    expect(result).toMatchObject({
      ok: true,
      line: 2,
      value: {
        occurredAt: '2025-04-30T19:30:00+03:00',
        timePrecision: 'week',
        title: 'Shahed-136/131: 170 launched, 74 destroyed',
        act: 'drone-strike',
        weapon: 'Shahed-136/131',
        perpetrator: 'RU',
        country: 'Ukraine',
        admin1: null,
        sourceText: 'https://www.facebook.com/kpszsu/posts/pfbid026AM',
        counts: [
          { what: 'launched', value: 170, qualifier: 'exact' },
          { what: 'destroyed', value: 74, qualifier: 'exact' },
          { what: 'did not reach their targets', value: 68, qualifier: 'exact' },
        ],
      },
    });
    const notes = result?.ok ? (result.value.notes ?? '') : '';
    expect(notes).toContain('Target: Ukraine');
    expect(notes).toContain('Affected regions: Odesa oblast, Kharkiv oblast');
    expect(notes).toContain('Destroyed by direction: south 16');
    expect(notes).not.toContain('NaN');
  });

  it('reads date-only and local times across the switch to summer time on 30 March 2025', async () => {
    const results = await parse(
      row('2025-03-29', '2025-03-29', 'ZALA'),
      row('2025-03-30 02:30', '', 'ZALA'),
      row('2025-03-30 04:30', '', 'ZALA'),
      row('2025-03-31', '2025-03-31', 'ZALA'),
      row('2025-10-26 03:30', '', 'ZALA'),
      row('2025-10-26 04:30', '', 'ZALA'),
    );
    expect(results.map((r) => (r.ok ? [r.value.occurredAt, r.value.timePrecision] : r))).toEqual([
      ['2025-03-29T00:00:00+02:00', 'day'],
      ['2025-03-30T02:30:00+02:00', 'minute'],
      ['2025-03-30T04:30:00+03:00', 'minute'],
      ['2025-03-31T00:00:00+03:00', 'day'],
      ['2025-10-26T03:30:00+03:00', 'minute'],
      ['2025-10-26T04:30:00+02:00', 'minute'],
    ]);
  });

  it('keeps the precision wide enough to hold the whole attack window', async () => {
    const results = await parse(
      row('2025-04-24 00:30', '2025-04-24 00:55', 'X-59'),
      row('2025-04-24 00:30', '2025-04-24 09:00', 'X-59'),
      row('2025-04-23 21:00', '2025-04-24 09:00', 'X-59'),
    );
    expect(results.map((r) => r.ok && r.value.timePrecision)).toEqual(['hour', 'day', 'week']);
  });

  it('takes the oblast from a one-oblast region list, or else from the target', async () => {
    const results = await parse(
      row('2025-04-30', '', 'Iskander-M', '2.0', '0.0', '"[\'Одеська область\']"'),
      row('2025-04-30', '', 'Iskander-M', '2.0', '0.0', "\"['Sumy oblast', 'Kyiv oblast']\""),
      SHAHEDS.replace(',Ukraine,', ',Odesa oblast,').replace(/"\['Odesa oblast', 'Kharkiv oblast'\]"/, ''),
    );
    expect(results.map((r) => r.ok && r.value.admin1)).toEqual(['Odesa', null, 'Odesa']);
  });

  it('maps models to acts, Cyrillic names included', () => {
    expect(attackAct('Молнія')).toBe('drone-strike');
    expect(attackAct('Shahed-136/131 and Lancet')).toBe('drone-strike');
    expect(attackAct('Orlan-10 and ZALA and Supercam')).toBe('other');
    expect(attackAct('X-101/X-555 and Kalibr and Iskander-K')).toBe('missile-strike');
    expect(attackAct('C-300/C-400 and Iskander-M')).toBe('missile-strike');
    expect(attackAct('X-47 Kinzhal')).toBe('missile-strike');
    expect(attackAct('GBU')).toBe('air-strike');
    expect(attackAct('Something new')).toBe('strike');
  });

  it('gives a row the same ref every time, and another row another', async () => {
    const [a] = await parse(SHAHEDS);
    const [b] = await parse(SHAHEDS.replace('170.0', '171.0'));
    const [c] = await parse(SHAHEDS.replace('pfbid026AM', 'pfbid999'));
    const ref = (r: RowResult | undefined) => (r?.ok ? r.value.ref : null);
    expect(ref(a)).toMatch(/^attacks:[0-9a-f]{20}$/);
    expect(ref(b)).toBe(ref(a));
    expect(ref(c)).not.toBe(ref(a));
  });

  it('rejects a fractional count, a bad time, an end before the start and a broken list, by column', async () => {
    const results = await parse(
      row('2025-04-30', '', 'ZALA', '1.5'),
      row('2025-04-31 10:00', '', 'ZALA'),
      row('2025-04-30 10:00', '2025-04-30 09:00', 'ZALA'),
      row('2025-04-30', '', 'ZALA', '1.0', '1.0', '"[\'Sumy oblast\'"'),
    );
    expect(results.map((r) => (r.ok ? 'ok' : `${r.line} ${r.field} ${r.code}`))).toEqual([
      '2 launched INVALID_COUNT',
      '3 time_start INVALID_DATE',
      '4 time_end INVALID_RANGE',
      '5 affected region INVALID_LIST',
    ]);
  });

  it('names the missing column of a file with another header', async () => {
    const results: RowResult[] = [];
    for await (const r of parseAttacks('time_start,model,destroyed\n2025-04-30,ZALA,1\n')) results.push(r);
    expect(results).toEqual([
      expect.objectContaining({ ok: false, fatal: true, field: 'launched', code: 'MISSING_COLUMN' }),
    ]);
  });
});
