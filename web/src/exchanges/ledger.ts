// The exchange ledger as the app reads it (GET /api/v1/exchanges and /exchanges/summary), and the pure logic of
// its view: each exchange's claims side by side, one row per side and category, and the running totals as series
// for the chart.

export const CATEGORIES = ['prisoners-of-war', 'civilians', 'seriously-wounded', 'bodies'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CountLine {
  readonly from: string;
  readonly to: string;
  readonly category: Category;
  readonly count: number;
}

export interface Tally {
  readonly sequence: number | null;
  readonly total: number | null;
  readonly basis: 'both-sides' | 'received';
}

export interface Claim {
  readonly id: string;
  readonly claimant: string;
  readonly stage: 'announced' | 'reported';
  readonly source: {
    readonly key: string;
    readonly issuer: string | null;
    readonly title: string | null;
    readonly url: string | null;
    readonly publishedAt: string | null;
    readonly verified: boolean;
  };
  readonly counts: readonly CountLine[];
  readonly total: number;
  readonly tally: Tally | null;
  readonly quote: string | null;
  readonly note: string | null;
}

export interface Figure {
  readonly from: string;
  readonly to: string;
  readonly category: Category;
  readonly count: number | null;
  readonly atLeast: number;
  readonly status: 'reconciled' | 'consistent' | 'disputed';
  readonly reason: string | null;
}

export type Discrepancy =
  | {
      readonly kind: 'count';
      readonly text: string;
      readonly from: string;
      readonly category: Category;
      readonly reconciled: number | null;
      readonly resolved: boolean;
    }
  | {
      readonly kind: 'tally';
      readonly text: string;
      readonly claimant: string;
      readonly implied: number;
      readonly ledger: number;
      readonly resolved: boolean;
    };

export interface SideFlow {
  readonly party: string;
  readonly gave: number;
  readonly received: number;
  readonly gaveByCategory: Readonly<Record<Category, number>>;
}

export interface TallyCheck {
  readonly claimant: string;
  readonly sequence: number | null;
  readonly total: number | null;
  readonly basis: 'both-sides' | 'received';
  readonly implied: number | null;
  readonly ledger: number | null;
}

export interface Exchange {
  readonly id: string;
  readonly key: string;
  readonly date: string;
  readonly sides: readonly string[];
  readonly mediator: string | null;
  readonly agreement: {
    readonly slug: string;
    readonly title: string | null;
    readonly relation: 'implements' | 'announced-with';
    readonly clause: { readonly kind: string; readonly readout: string | null; readonly key: string } | null;
  } | null;
  readonly summary: string;
  readonly claims: readonly Claim[];
  readonly figures: readonly Figure[];
  readonly discrepancies: readonly Discrepancy[];
  readonly parity: {
    readonly kind: 'exchange' | 'unilateral' | 'none';
    readonly text: string;
    readonly balanced: boolean;
    readonly people: number;
    readonly provisional: boolean;
    readonly sides: readonly SideFlow[];
  };
  readonly runningTotals: {
    readonly through: string;
    readonly exchanges: number;
    readonly people: number;
    readonly provisional: boolean;
    readonly parties: readonly SideFlow[];
  };
  readonly mediatorTally: TallyCheck | null;
}

export interface LedgerSummary {
  readonly exchanges: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly people: number;
  readonly provisional: boolean;
  readonly parties: readonly SideFlow[];
  readonly discrepancies: { readonly total: number; readonly resolved: number; readonly open: number };
  readonly mediators: readonly {
    readonly party: string;
    readonly exchanges: number;
    readonly people: number;
    readonly claimed: (TallyCheck & { readonly exchangeKey: string; readonly date: string }) | null;
  }[];
}

/** One row of the claims side by side: what each claim says about one side and category, and what is counted. */
export interface ClaimRow {
  readonly from: string;
  readonly to: string;
  readonly category: Category;
  /** Per claim, in the exchange's order; null where the claim is silent. */
  readonly cells: readonly {
    readonly claimId: string;
    readonly count: number | null;
    /** Claims saying the same share a group (0, 1, ...); null where silent. */
    readonly group: number | null;
  }[];
  readonly figure: Figure | null;
  /** The claims (or the ledger's figure) do not all say the same. */
  readonly differs: boolean;
}

/**
 * The claims of an exchange side by side: one row per side and category any claim or figure mentions, in the
 * figures' order; claims that say the same share a group so that the view can colour them alike.
 */
export function claimRows(exchange: Exchange): ClaimRow[] {
  const keyOf = (from: string, category: string) => `${from} ${category}`;
  const lines = new Map<string, { from: string; to: string; category: Category }>();
  for (const f of exchange.figures) lines.set(keyOf(f.from, f.category), f);
  for (const line of exchange.claims.flatMap((c) => c.counts))
    lines.set(keyOf(line.from, line.category), line);
  return [...lines.values()].map(({ from, to, category }) => {
    const values: number[] = [];
    const cells = exchange.claims.map((claim) => {
      const count = claim.counts.find((l) => l.from === from && l.category === category)?.count ?? null;
      if (count !== null && !values.includes(count)) values.push(count);
      return { claimId: claim.id, count, group: count === null ? null : values.indexOf(count) };
    });
    const figure = exchange.figures.find((f) => f.from === from && f.category === category) ?? null;
    const counted = figure?.count ?? null;
    const differs = values.length > 1 || (counted !== null && values.some((v) => v !== counted));
    return { from, to, category, cells, figure, differs };
  });
}

/** The running totals as chart series: x in seconds (the exchange dates), per party the people it handed over. */
export interface RunningSeries {
  readonly x: readonly number[];
  readonly parties: readonly string[];
  /** `gave[i][j]`: what `parties[i]` had handed over in all after the j-th exchange. */
  readonly gave: readonly (readonly number[])[];
  readonly people: readonly number[];
}

export function runningSeries(exchanges: readonly Exchange[]): RunningSeries {
  const parties = [...new Set(exchanges.flatMap((e) => e.runningTotals.parties.map((p) => p.party)))].sort();
  return {
    x: exchanges.map((e) => Date.parse(`${e.date}T00:00:00Z`) / 1000),
    parties,
    gave: parties.map((party) =>
      exchanges.map((e) => e.runningTotals.parties.find((p) => p.party === party)?.gave ?? 0),
    ),
    people: exchanges.map((e) => e.runningTotals.people),
  };
}
