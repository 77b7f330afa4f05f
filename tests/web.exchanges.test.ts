// The exchange view's pure logic on the demo ledger as the API sends it: the claims of 19 March side by side, with
// the seriously wounded row flagged and the two claims in different groups, and the running totals as series.

import { beforeAll, describe, expect, it } from 'vitest';
import { claimRows, type Exchange, runningSeries } from '../web/src/exchanges/ledger.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

describe('the exchange ledger in the web app, on the demo', () => {
  const h = useApp('sqlite', { demo: true });
  let items: Exchange[] = [];

  beforeAll(async () => {
    items = (await client(h).getPublic<{ items: Exchange[] }>('/api/v1/exchanges')).body.items;
  });

  it('sets the claims of 19 March side by side, flagging only the seriously wounded', () => {
    const march = items.find((e) => e.key === 'ru-ua-2025-03-19')!;
    const rows = claimRows(march);
    expect(rows.map((r) => [r.from, r.category, r.differs])).toEqual([
      ['RU', 'prisoners-of-war', false],
      ['RU', 'seriously-wounded', true],
      ['UA', 'prisoners-of-war', false],
    ]);
    const wounded = rows[1]!;
    expect(wounded.cells.map((c) => [c.count, c.group])).toEqual([
      [23, 0],
      [22, 1],
      [null, null],
    ]);
    expect(wounded.figure).toMatchObject({ count: 22, status: 'reconciled' });
    expect(rows[2]?.cells.map((c) => c.count)).toEqual([175, null, null]);
  });

  it('turns the running totals into one series per side, in date order', () => {
    const series = runningSeries(items);
    expect(series.parties).toEqual(['RU', 'UA']);
    expect(series.x).toEqual([Date.UTC(2025, 2, 19) / 1000, Date.UTC(2025, 3, 19) / 1000]);
    expect(series.gave).toEqual([
      [197, 474],
      [175, 436],
    ]);
    expect(series.people).toEqual([372, 910]);
  });
});
