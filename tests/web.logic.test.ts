// The web app's pure logic, without a browser: readouts compared on the demo moratorium as the API sends it,
// where an agreement stands on a day, the incident filters and order in the address, the map's calendar days,
// the incident form's drafts, refusals of the two-person rule, the review queue's groups, and the interface
// strings every work view uses.

import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysFrom, inForceOn, isDay } from '../web/src/days.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../web/src/api.js';
import { filterTree, incidentBody, localToIso, pathOf, screenDraft, EMPTY_DRAFT } from '../web/src/draft.js';
import {
  apiQuery,
  nextSort,
  PAGE_SIZE,
  readFilters,
  SORT_KEYS,
  sortState,
  writeFilters,
} from '../web/src/filters.js';
import { en } from '../web/src/i18n/en.js';
import { ru } from '../web/src/i18n/ru.js';
import { uk } from '../web/src/i18n/uk.js';
import { issuesByField, twoPersonRule } from '../web/src/refusals.js';
import {
  CHANGE_KINDS,
  OCCURRENCES,
  QUEUE_KINDS,
  type QueueItem,
  type TaxonomyNode,
} from '../web/src/types.js';
import { groupQueue } from '../web/src/queue.js';
import { compareReadouts, groupsOf, type Row } from '../web/src/readouts.js';
import type { Agreement, InForce } from '../web/src/types.js';
import { targetTree } from '../src/core/taxonomy.js';
import { agreementStanding, daysLeft, readoutStanding } from '../web/src/windows.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

describe('readouts side by side, on the demo moratorium', () => {
  const h = useApp('sqlite', { demo: true });
  let rows: Row[];
  let agreement: Agreement;

  beforeAll(async () => {
    agreement = (await client(h).get<Agreement>('/api/v1/agreements/energy-moratorium-2025-03')).body;
    rows = compareReadouts(agreement.readouts, agreement.conditions);
  });

  const row = (aspect: string) => rows.find((r) => r.aspect === aspect)!;
  const issuersOf = (aspect: string) =>
    groupsOf(row(aspect)).map((g) =>
      g.readouts.map((key) => agreement.readouts.find((r) => r.key === key)?.issuedBy),
    );

  it('groups the starts: 18 March for the US and both Kremlin readouts, 25 March for Ukraine', () => {
    expect(row('start').differs).toBe(true);
    expect(groupsOf(row('start')).map((g) => g.value)).toEqual([
      { kind: 'day', day: '2025-03-18', precision: 'day' },
      { kind: 'day', day: '2025-03-25', precision: 'day' },
    ]);
    expect(issuersOf('start')).toEqual([['US', 'RU', 'RU'], ['UA']]);
  });

  it('sets the White House’s “energy and infrastructure” apart from Ukraine’s “energy infrastructure”', () => {
    const scope = row('scope');
    expect(scope.differs).toBe(true);
    const wh = scope.cells.find((c) => c.readout === 'wh-2025-03-18')!;
    const ua = scope.cells.find((c) => c.readout === 'ua-2025-03-25')!;
    expect(wh.value).toEqual({ kind: 'text', text: 'energy and infrastructure' });
    expect(ua.value).toEqual({ kind: 'text', text: 'energy infrastructure' });
    expect(wh.group).not.toBe(ua.group);
  });

  it('marks as the same what every readout says alike: the act', () => {
    expect(row('acts').differs).toBe(false);
    expect(new Set(row('acts').cells.map((c) => c.group))).toEqual(new Set([0]));
  });

  it('tells an end by duration (the Kremlin’s 30 days) from no end stated', () => {
    expect(groupsOf(row('end')).map((g) => g.value)).toEqual([
      { kind: 'none' },
      { kind: 'duration', days: 30 },
    ]);
  });
});

describe('where an agreement stands', () => {
  const window = (from: string | null, until: string | null): InForce => ({
    from,
    until,
    cutShortBy: null,
    reason: from === null ? 'a precondition is unmet' : null,
  });
  const now = Date.parse('2025-04-10T12:00:00Z');

  it('reads each readout’s window on the day', () => {
    expect(readoutStanding(window('2025-03-18T04:00:00Z', '2025-04-16T21:00:00Z'), now)).toBe('in-force');
    expect(readoutStanding(window('2025-03-18T04:00:00Z', '2025-04-01T00:00:00Z'), now)).toBe('lapsed');
    expect(readoutStanding(window('2025-05-01T00:00:00Z', null), now)).toBe('not-yet');
    expect(readoutStanding(window(null, null), now)).toBe('never');
  });

  it('counts an agreement in force while any readout is, and lapsed once all have ended', () => {
    const lapsed = window('2025-03-18T04:00:00Z', '2025-04-01T00:00:00Z');
    expect(agreementStanding([lapsed, window('2025-03-25T04:00:00Z', null)], now)).toBe('in-force');
    expect(agreementStanding([lapsed, window(null, null)], now)).toBe('lapsed');
    expect(agreementStanding([window(null, null)], now)).toBe('never');
  });

  it('counts the days left, rounding a part day up, and none for an open end', () => {
    expect(daysLeft(window('2025-03-18T04:00:00Z', '2025-04-16T21:00:00Z'), now)).toBe(7);
    expect(daysLeft(window('2025-03-18T04:00:00Z', null), now)).toBeNull();
  });
});

describe('incident filters in the address', () => {
  it('round-trips every filter and the page', () => {
    const filters = {
      agreement: 'energy-moratorium-2025-03',
      verdict: 'contested' as const,
      party: 'RU',
      from: '2025-03-18',
      to: '2025-04-16',
      page: 3,
    };
    expect(readFilters(writeFilters(filters))).toEqual(filters);
    expect(apiQuery(filters)).toMatchObject({
      verdict: 'contested',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
  });

  it('drops what the API would refuse', () => {
    expect(readFilters(new URLSearchParams('verdict=maybe&party=r%20u&from=18.03.2025&page=-2'))).toEqual({
      page: 1,
    });
  });

  it('leaves page 1 and unset filters out of the address', () => {
    expect(writeFilters({ verdict: 'covered', page: 1 }).toString()).toBe('verdict=covered');
  });
});

describe('calendar days for the map', () => {
  it('adds days and counts them across a month end', () => {
    expect(addDays('2025-03-30', 3)).toBe('2025-04-02');
    expect(daysFrom('2025-03-18', '2025-04-17')).toBe(30);
  });

  it('finds the snapshot in force: the last on or before the day', () => {
    const dates = ['2025-03-18', '2025-03-30', '2025-04-02'];
    expect(inForceOn(dates, '2025-03-31')).toBe('2025-03-30');
    expect(inForceOn(dates, '2025-04-02')).toBe('2025-04-02');
    expect(inForceOn(dates, '2025-03-01')).toBeNull();
  });

  it('accepts only YYYY-MM-DD days', () => {
    expect(isDay('2025-03-18')).toBe(true);
    expect(isDay('18.03.2025')).toBe(false);
    expect(isDay(null)).toBe(false);
  });
});

describe('incident order in the address', () => {
  it('round-trips the new filters and an order, and leaves the default order out', () => {
    const filters = {
      sector: 'donetsk-north',
      oblast: 'UA-14',
      status: 'unpublished',
      sort: 'title',
      page: 1,
    } as const;
    const params = writeFilters(filters);
    expect(params.toString()).toBe('sector=donetsk-north&oblast=UA-14&status=unpublished&sort=title');
    expect(readFilters(params)).toEqual(filters);
    expect(writeFilters({ sort: '-occurredAt', page: 1 }).toString()).toBe('');
    expect(apiQuery(filters)).toMatchObject({ sector: 'donetsk-north', oblast: 'UA-14', sort: 'title' });
  });

  it('drops an unknown order, oblast or status', () => {
    expect(readFilters(new URLSearchParams('sort=colour&oblast=Donetsk&status=secret'))).toEqual({ page: 1 });
  });

  it('sorts a column in its natural direction first, then the other way', () => {
    expect(nextSort(undefined, 'occurredAt')).toBe('occurredAt');
    expect(nextSort('occurredAt', 'occurredAt')).toBe('-occurredAt');
    expect(nextSort(undefined, 'title')).toBe('title');
    expect(nextSort('title', 'title')).toBe('-title');
    expect(nextSort('title', 'verdict')).toBe('-verdict');
    expect(sortState(undefined, 'occurredAt')).toBe('descending');
    expect(sortState('-verdict', 'verdict')).toBe('descending');
    expect(sortState('-verdict', 'title')).toBe('none');
  });
});

describe('the incident form', () => {
  it('writes a local time with its offset, including half hours and west of UTC', () => {
    expect(localToIso('2025-03-28T10:00', 120)).toBe('2025-03-28T10:00:00+02:00');
    expect(localToIso('2025-03-28T10:00', 330)).toBe('2025-03-28T10:00:00+05:30');
    expect(localToIso('2025-03-28T10:00', -300)).toBe('2025-03-28T10:00:00-05:00');
    expect(localToIso('28/03/2025 10:00', 0)).toBeNull();
  });

  const kyiv = (local: string) => localToIso(local, 120);

  it('screens nothing until a time is given, then the fields screening reads', () => {
    expect(screenDraft(EMPTY_DRAFT, kyiv)).toBeNull();
    const draft = {
      ...EMPTY_DRAFT,
      occurredAt: '2025-03-28T10:00',
      act: 'drone-strike',
      lon: '37.5',
      lat: '48.7',
    };
    expect(screenDraft(draft, kyiv)).toEqual({
      occurredAt: '2025-03-28T10:00:00+02:00',
      timePrecision: 'hour',
      act: 'drone-strike',
      domain: null,
      target: null,
      perpetrator: null,
      location: { lon: 37.5, lat: 48.7 },
    });
    expect(screenDraft({ ...draft, lat: '95' }, kyiv)?.location).toBeNull();
  });

  it('makes the body of POST /incidents with allegations and disclosure', () => {
    const body = incidentBody(
      {
        ...EMPTY_DRAFT,
        title: '  Strike on a substation ',
        occurredAt: '2025-03-28T10:00',
        allegations: [
          { accuser: 'UA', accused: 'RU', madeAt: '2025-03-28T12:00', summary: 'Says RU.', source: '' },
        ],
        location: 'blurred',
      },
      kyiv,
    );
    expect(body).toMatchObject({
      title: 'Strike on a substation',
      notes: null,
      allegations: [{ accuser: 'UA', accused: 'RU', madeAt: '2025-03-28T12:00:00+02:00', source: null }],
      disclosure: { reporter: 'withheld', location: 'blurred' },
    });
  });

  const tree: readonly TaxonomyNode[] = targetTree();

  it('narrows the taxonomy to the matches, keeping their parents and children', () => {
    const found = filterTree(tree, 'SUBSTATION');
    expect(found.map((n) => n.code)).toEqual(['infrastructure']);
    expect(found[0]?.children.map((n) => n.code)).toEqual(['infrastructure.energy']);
    expect(found[0]?.children[0]?.children.map((n) => n.code)).toEqual(['infrastructure.energy.substation']);
    // A matching parent keeps all its children.
    const transport = filterTree(tree, 'transport infrastructure')[0]?.children[0];
    expect(transport?.children.length).toBeGreaterThan(3);
    expect(filterTree(tree, '')).toHaveLength(tree.length);
    expect(filterTree(tree, 'no such target')).toEqual([]);
  });

  it('names a code by its path from the root', () => {
    expect(pathOf(tree, 'infrastructure.energy.pipeline.gas-metering')).toEqual([
      'Infrastructure',
      'Energy infrastructure',
      'Oil or gas pipeline',
      'Gas metering station',
    ]);
    expect(pathOf(tree, 'nowhere')).toEqual([]);
  });
});

describe('refusals', () => {
  it('recognises the two-person rule and nothing else', () => {
    expect(twoPersonRule(new ApiError(409, 'SAME_REVIEWER', 'x'))).toBe('SAME_REVIEWER');
    expect(twoPersonRule(new ApiError(409, 'REPORTER_CANNOT_CONFIRM', 'x'))).toBe('REPORTER_CANNOT_CONFIRM');
    expect(twoPersonRule(new ApiError(409, 'INVALID_TRANSITION', 'x'))).toBeNull();
    expect(twoPersonRule(new Error('offline'))).toBeNull();
  });

  it('puts each refused field under its form name, and a blank reason under reason', () => {
    const refused = new ApiError(400, 'VALIDATION_FAILED', 'x', [
      { path: 'body.title', message: 'required' },
      { path: 'allegations.0.summary', message: 'too short' },
    ]);
    expect(issuesByField(refused)).toEqual({ title: 'required', 'allegations.0.summary': 'too short' });
    expect(issuesByField(new ApiError(422, 'REASON_REQUIRED', 'Needs a reason.'))).toEqual({
      reason: 'Needs a reason.',
    });
  });
});

describe('the review queue', () => {
  it('groups items by kind, most urgent first, leaving empty kinds out', () => {
    const item = (kind: QueueItem['kind'], id: string): QueueItem => ({
      kind,
      incident: { id, title: id, occurredAt: '2025-03-20' },
      agreement: null,
      occurrence: null,
    });
    const groups = groupQueue([item('publish', 'a'), item('confirm-violation', 'b'), item('publish', 'c')]);
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.incident.id)])).toEqual([
      ['confirm-violation', ['b']],
      ['publish', ['a', 'c']],
    ]);
  });
});

describe('interface strings of the work views', () => {
  const lookup = (messages: object, key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  const has = (messages: object, key: string) =>
    typeof lookup(messages, key) === 'string' || typeof lookup(messages, `${key}_other`) === 'string';

  const FILES = [
    'web/src/views/report.tsx',
    'web/src/views/finding.tsx',
    'web/src/views/evidence.tsx',
    'web/src/views/review.tsx',
    'web/src/views/allegations.tsx',
    'web/src/views/incident.tsx',
    'web/src/views/incidents.tsx',
    'web/src/views/overview.tsx',
    'web/src/work-nav.tsx',
    ...readdirSync('web/src/components').map((f) => join('web/src/components', f)),
  ];

  it('has every key the work views name, in English, Ukrainian and Russian', () => {
    const keys = new Set<string>();
    for (const file of FILES)
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g))
        keys.add(match[1] ?? '');
    // Keys made from values: every value they can take.
    const families: [string, readonly string[]][] = [
      ['occurrence', OCCURRENCES],
      ['ruling.kinds', CHANGE_KINDS],
      ['queue.kinds', QUEUE_KINDS],
      ['queue.help', QUEUE_KINDS],
      ['table.sorts', SORT_KEYS.flatMap((k) => [k, `-${k}`])],
      ['ruling.statuses', ['pending', 'violation', 'not-a-violation', 'unable-to-rule']],
      ['ruling.twoPerson', ['SAME_REVIEWER', 'REPORTER_CANNOT_CONFIRM', 'SECOND_REVIEW_REQUIRED']],
      ['roles', ['admin', 'editor', 'verifier', 'monitor', 'liaison', 'analyst']],
      ['liaison.counts', ['awaiting', 'filed', 'all']],
    ];
    for (const [prefix, values] of families) for (const v of values) keys.add(`${prefix}.${v}`);
    expect(keys.size).toBeGreaterThan(100);
    for (const [name, messages] of [
      ['en', en],
      ['uk', uk],
      ['ru', ru],
    ] as const)
      expect(
        [...keys].filter((key) => !has(messages, key)),
        name,
      ).toEqual([]);
  });
});
