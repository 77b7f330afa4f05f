// The ledger's arithmetic on plain data: figures and their status, discrepancies between claims, parity, running
// totals, the mediators' own counts checked against the ledger, and the summary.

import { describe, expect, it } from 'vitest';
import { exchangeInputSchema } from './exchange-schemas.js';
import {
  buildLedger,
  countDiscrepancies,
  discrepancyText,
  type Exchange,
  type ExchangeClaim,
  type ExchangeClaimId,
  type ExchangeId,
  figuresOf,
  parityOf,
  parityText,
  type Reconciliation,
  summariseLedger,
} from './exchanges.js';

let ids = 0;

function exchange(overrides: Partial<Exchange> = {}): Exchange {
  ids++;
  return {
    id: `x${ids}` as ExchangeId,
    key: `exchange-${ids}`,
    date: '2025-03-19',
    sides: ['RU', 'UA'],
    mediator: 'AE',
    agreement: null,
    summary: '',
    recordedBy: 'u1',
    recordedAt: '2026-11-28T10:00:00.000Z',
    reconciliations: [],
    ...overrides,
  };
}

function claim(x: Exchange, overrides: Partial<ExchangeClaim> = {}): ExchangeClaim {
  ids++;
  return {
    id: `c${ids}` as ExchangeClaimId,
    exchangeId: x.id,
    claimant: 'RU',
    source: `source-${ids}`,
    stage: 'reported',
    counts: [],
    tally: null,
    quote: null,
    note: null,
    filedBy: 'u1',
    filedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

function reconciliation(overrides: Partial<Reconciliation>): Reconciliation {
  return {
    seq: 1,
    from: 'RU',
    category: 'seriously-wounded',
    count: 22,
    reason: 'counted on receipt',
    setBy: 'u1',
    setAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

/** The 19 March 2025 exchange: the Kremlin's announcement, Ukraine's count on receipt, the UAE's tally. */
function march19(reconciled: readonly Reconciliation[] = []) {
  const x = exchange({ key: 'ru-ua-2025-03-19', reconciliations: reconciled });
  const kremlin = claim(x, {
    claimant: 'RU',
    source: 'kremlin',
    stage: 'announced',
    counts: [
      { from: 'RU', category: 'prisoners-of-war', count: 175 },
      { from: 'UA', category: 'prisoners-of-war', count: 175 },
      { from: 'RU', category: 'seriously-wounded', count: 23 },
    ],
  });
  const ukraine = claim(x, {
    claimant: 'UA',
    source: 'ua-hq',
    counts: [
      { from: 'RU', category: 'prisoners-of-war', count: 175 },
      { from: 'RU', category: 'seriously-wounded', count: 22 },
    ],
  });
  const uae = claim(x, {
    claimant: 'AE',
    source: 'uae',
    tally: { sequence: 13, total: 3233, basis: 'both-sides' },
  });
  return { x, claims: [kremlin, ukraine, uae] };
}

describe('figures', () => {
  it('keeps each claim apart and calls a figure disputed while claims differ and nobody reconciled it', () => {
    const { x, claims } = march19();
    const wounded = figuresOf(x, claims).find((f) => f.category === 'seriously-wounded');
    expect(wounded).toMatchObject({ from: 'RU', to: 'UA', status: 'disputed', count: null, atLeast: 22 });
    expect(wounded?.claimed.map((v) => [v.claimant, v.stage, v.count])).toEqual([
      ['RU', 'announced', 23],
      ['UA', 'reported', 22],
    ]);
  });

  it('calls a figure consistent when every claim that states it agrees, and ignores claims silent on it', () => {
    const { x, claims } = march19();
    const fromUa = figuresOf(x, claims).find((f) => f.from === 'UA');
    expect(fromUa).toMatchObject({ status: 'consistent', count: 175, to: 'RU' });
    expect(fromUa?.claimed).toHaveLength(1);
  });

  it('counts the latest reconciliation, with its reason, and keeps the earlier ones in the history', () => {
    const { x, claims } = march19([
      reconciliation({ seq: 1, count: 23, reason: 'as announced' }),
      reconciliation({ seq: 2, count: 22, reason: 'counted on receipt' }),
    ]);
    const wounded = figuresOf(x, claims).find((f) => f.category === 'seriously-wounded');
    expect(wounded).toMatchObject({ status: 'reconciled', count: 22, reason: 'counted on receipt' });
    expect(wounded?.history.map((r) => r.count)).toEqual([23, 22]);
  });

  it('orders figures by side, then category', () => {
    const { x, claims } = march19();
    expect(figuresOf(x, claims).map((f) => `${f.from} ${f.category}`)).toEqual([
      'RU prisoners-of-war',
      'RU seriously-wounded',
      'UA prisoners-of-war',
    ]);
  });
});

describe('discrepancies', () => {
  it('reports 23 announced against 22 delivered on 19 March, open until reconciled', () => {
    const { x, claims } = march19();
    const [d, ...rest] = countDiscrepancies(figuresOf(x, claims));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ kind: 'count', from: 'RU', category: 'seriously-wounded', resolved: false });
    expect(d && discrepancyText(d)).toBe(
      'seriously wounded handed over by RU to UA: 23 announced by RU (kremlin), 22 reported by UA (ua-hq); not reconciled yet',
    );
  });

  it('still reports the discrepancy once reconciled, as resolved with the figure and the reason', () => {
    const { x, claims } = march19([reconciliation({ count: 22, reason: 'counted on receipt' })]);
    const [d] = countDiscrepancies(figuresOf(x, claims));
    expect(d).toMatchObject({ resolved: true, reconciled: 22, reason: 'counted on receipt' });
    expect(d && discrepancyText(d)).toMatch(/reconciled at 22: counted on receipt$/);
  });

  it('reports a reconciled figure that differs from the only claim', () => {
    const x = exchange({ reconciliations: [reconciliation({ category: 'bodies', count: 40 })] });
    const only = claim(x, { counts: [{ from: 'RU', category: 'bodies', count: 42 }] });
    expect(countDiscrepancies(figuresOf(x, [only]))).toHaveLength(1);
  });

  it('reports none when the claims agree', () => {
    const x = exchange();
    const counts = [{ from: 'RU', category: 'prisoners-of-war' as const, count: 246 }];
    expect(countDiscrepancies(figuresOf(x, [claim(x, { counts }), claim(x, { counts })]))).toEqual([]);
  });
});

describe('parity', () => {
  it('says who gave how many for how many: RU 197 for UA 175 on 19 March, once reconciled', () => {
    const { x, claims } = march19([reconciliation({ count: 22 })]);
    const parity = parityOf(x, figuresOf(x, claims));
    expect(parity).toMatchObject({ kind: 'exchange', balanced: false, people: 372, provisional: false });
    expect(parity.sides.map((s) => [s.party, s.gave, s.received])).toEqual([
      ['RU', 197, 175],
      ['UA', 175, 197],
    ]);
    expect(parityText(parity)).toBe(
      'RU 197 for UA 175 (prisoners of war 175 for 175; seriously wounded 22 for none)',
    );
  });

  it('counts a disputed figure at its lowest claimed value and says "at least"', () => {
    const { x, claims } = march19();
    const parity = parityOf(x, figuresOf(x, claims));
    expect(parity.provisional).toBe(true);
    expect(parityText(parity)).toMatch(/^RU at least 197 for UA at least 175/);
  });

  it('calls a transfer by one side only unilateral', () => {
    const x = exchange({ mediator: null });
    const bodies = claim(x, { counts: [{ from: 'RU', category: 'bodies', count: 909 }] });
    const parity = parityOf(x, figuresOf(x, [bodies]));
    expect(parity.kind).toBe('unilateral');
    expect(parityText(parity)).toBe('RU handed over 909 to UA, nothing in return');
  });

  it('says so when an exchange has no figures yet', () => {
    const x = exchange();
    expect(parityText(parityOf(x, []))).toBe('no figures yet');
  });
});

describe('the ledger', () => {
  function twoExchanges() {
    const march = march19([reconciliation({ count: 22 })]);
    const april = exchange({ key: 'ru-ua-2025-04-19', date: '2025-04-19' });
    const aprilClaims = [
      claim(april, {
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 246 },
          { from: 'UA', category: 'prisoners-of-war', count: 246 },
          { from: 'RU', category: 'seriously-wounded', count: 31 },
          { from: 'UA', category: 'seriously-wounded', count: 15 },
        ],
      }),
      claim(april, { claimant: 'AE', tally: { sequence: 14, total: 3771, basis: 'both-sides' } }),
      claim(april, {
        claimant: 'UA',
        counts: [{ from: 'RU', category: 'prisoners-of-war', count: 246 }],
        tally: { sequence: 63, total: 4552, basis: 'received' },
      }),
    ];
    // Given out of order: the ledger sorts by date.
    return buildLedger(
      [april, march.x],
      new Map([
        [march.x.id, march.claims],
        [april.id, aprilClaims],
      ]),
    );
  }

  it('keeps running totals per side across exchanges in date order', () => {
    const ledger = twoExchanges();
    expect(ledger.map((e) => e.exchange.date)).toEqual(['2025-03-19', '2025-04-19']);
    expect(ledger.map((e) => e.runningTotals.people)).toEqual([372, 910]);
    const after = ledger[1]?.runningTotals.parties.map((p) => [p.party, p.gave, p.received]);
    expect(after).toEqual([
      ['RU', 474, 436],
      ['UA', 436, 474],
    ]);
    expect(ledger[1]?.runningTotals.parties[0]?.gaveByCategory['seriously-wounded']).toBe(53);
  });

  it('keeps the mediator’s running count as claimed, and checks what it implies against the ledger', () => {
    const [march, april] = twoExchanges();
    expect(march?.mediatorTally).toMatchObject({
      claimant: 'AE',
      total: 3233,
      previous: null,
      implied: null,
    });
    expect(april?.mediatorTally).toMatchObject({
      sequence: 14,
      total: 3771,
      previous: { key: 'ru-ua-2025-03-19', total: 3233 },
      implied: 538,
      ledger: 538,
    });
    expect(april?.discrepancies).toEqual([]);
  });

  it('compares a side’s own count on what it received with what it received', () => {
    const april = twoExchanges()[1];
    expect(april?.tallies.find((t) => t.claimant === 'UA')).toMatchObject({ basis: 'received', ledger: 277 });
  });

  it('reports a mediator whose running totals imply another count than the ledger holds', () => {
    const march = march19([reconciliation({ count: 22 })]);
    const earlier = exchange({ key: 'ru-ua-2025-02-05', date: '2025-02-05' });
    const earlierClaims = [
      claim(earlier, {
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 150 },
          { from: 'UA', category: 'prisoners-of-war', count: 150 },
        ],
      }),
      claim(earlier, { claimant: 'AE', tally: { sequence: 12, total: 2883, basis: 'both-sides' } }),
    ];
    const ledger = buildLedger(
      [march.x, earlier],
      new Map([
        [march.x.id, march.claims],
        [earlier.id, earlierClaims],
      ]),
    );
    // 3,233 − 2,883 = 350: the UAE's count leaves out the 22 handed over outside the exchange.
    const tally = ledger[1]?.discrepancies.find((d) => d.kind === 'tally');
    expect(tally).toMatchObject({ claimant: 'AE', implied: 350, ledger: 372 });
    expect(tally && discrepancyText(tally)).toBe(
      "AE's running count went from 2883 to 3233 (its no. 13), implying 350 people, but the ledger counts 372 for this exchange",
    );
  });

  it('sums the ledger up: totals, discrepancies, and each mediator beside its own latest count', () => {
    const summary = summariseLedger(twoExchanges());
    expect(summary).toMatchObject({
      exchanges: 2,
      first: '2025-03-19',
      last: '2025-04-19',
      people: 910,
      discrepancies: { total: 1, resolved: 1, open: 0 },
      unilateral: 0,
      unbalanced: 2,
    });
    expect(summary.byCategory).toEqual({
      'prisoners-of-war': 842,
      civilians: 0,
      'seriously-wounded': 68,
      bodies: 0,
    });
    expect(summary.mediators).toEqual([expect.objectContaining({ party: 'AE', exchanges: 2, people: 910 })]);
    expect(summary.mediators[0]?.claimed).toMatchObject({ total: 3771, exchangeKey: 'ru-ua-2025-04-19' });
  });

  it('sums an empty ledger to nothing', () => {
    expect(summariseLedger([])).toMatchObject({ exchanges: 0, people: 0, first: null, mediators: [] });
  });
});

describe('input', () => {
  const valid = {
    key: 'ru-ua-2025-03-19',
    date: '2025-03-19',
    sides: ['RU', 'UA'],
    claims: [
      {
        claimant: 'RU',
        source: 'kremlin',
        stage: 'announced',
        counts: [{ from: 'RU', category: 'prisoners-of-war', count: 175 }],
      },
    ],
  };
  const issues = (input: unknown) =>
    exchangeInputSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];

  it('takes a valid exchange', () => {
    expect(issues(valid)).toEqual([]);
  });

  it('refuses negative and fractional counts, naming the field', () => {
    const counts = [{ from: 'RU', category: 'prisoners-of-war', count: -1 }];
    expect(issues({ ...valid, claims: [{ ...valid.claims[0], counts }] })).toEqual([
      'claims.0.counts.0.count',
    ]);
    counts[0] = { from: 'RU', category: 'prisoners-of-war', count: 1.5 };
    expect(issues({ ...valid, claims: [{ ...valid.claims[0], counts }] })).toEqual([
      'claims.0.counts.0.count',
    ]);
  });

  it('refuses a list of names: there is no field for them', () => {
    expect(issues({ ...valid, names: ['A. B.'] })).toEqual(['']);
  });

  it('refuses a side and category stated twice in one claim, a claim with nothing to say, and one side twice', () => {
    const twice = [
      { from: 'RU', category: 'bodies', count: 1 },
      { from: 'RU', category: 'bodies', count: 2 },
    ];
    expect(issues({ ...valid, claims: [{ ...valid.claims[0], counts: twice }] })).toEqual([
      'claims.0.counts.1',
    ]);
    expect(issues({ ...valid, claims: [{ ...valid.claims[0], counts: [] }] })).toEqual(['claims.0.counts']);
    expect(issues({ ...valid, sides: ['RU', 'RU'] })).toEqual(['sides.1']);
  });

  it('refuses a day that does not exist and the reserved key "summary"', () => {
    expect(issues({ ...valid, date: '2025-02-30' })).toEqual(['date']);
    expect(issues({ ...valid, date: '2025-13-01' })).toEqual(['date']);
    expect(issues({ ...valid, key: 'summary' })).toEqual(['key']);
  });
});
