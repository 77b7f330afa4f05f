// The prisoner-exchange ledger as plain data and arithmetic: each source's claim kept apart, a reconciled figure
// per side and category with its reason, the discrepancies between them, parity per exchange, running totals and
// the mediators' own counts checked against the ledger. No names of people are part of any record.

import type { AgreementId, PartyCode } from './model.js';

declare const brand: unique symbol;
export type ExchangeId = string & { readonly [brand]: 'ExchangeId' };
export type ExchangeClaimId = string & { readonly [brand]: 'ExchangeClaimId' };

/** Who is counted. Each person is counted in one category: a seriously wounded prisoner of war is `seriously-wounded`. */
export const EXCHANGE_CATEGORIES = ['prisoners-of-war', 'civilians', 'seriously-wounded', 'bodies'] as const;
export type ExchangeCategory = (typeof EXCHANGE_CATEGORIES)[number];

/** In words, for text: "seriously wounded handed over by RU". */
export const CATEGORY_PHRASES: Readonly<Record<ExchangeCategory, string>> = {
  'prisoners-of-war': 'prisoners of war',
  civilians: 'civilians',
  'seriously-wounded': 'seriously wounded',
  bodies: 'bodies',
};

/** `announced`: what a party said would happen (before); `reported`: what a party said happened (after). */
export const CLAIM_STAGES = ['announced', 'reported'] as const;
export type ClaimStage = (typeof CLAIM_STAGES)[number];

/** What a claimant's running count counts: people of both sides exchanged, or people the claimant received. */
export const TALLY_BASES = ['both-sides', 'received'] as const;
export type TallyBasis = (typeof TALLY_BASES)[number];

/** How an exchange stands to an agreement: it carries out a term of it, or was announced alongside it. */
export const EXCHANGE_RELATIONS = ['implements', 'announced-with'] as const;
export type ExchangeRelation = (typeof EXCHANGE_RELATIONS)[number];

/** People of one category handed over by one side (to the other side of the exchange). */
export interface CountLine {
  readonly from: PartyCode;
  readonly category: ExchangeCategory;
  readonly count: number;
}

/** A claimant's own numbering and running count, as stated ("our 13th mediation, 3,233 in all"). */
export interface Tally {
  readonly sequence: number | null;
  readonly total: number | null;
  readonly basis: TallyBasis;
}

export type ClauseRef =
  | { readonly kind: 'provision'; readonly readout: string; readonly key: string }
  | { readonly kind: 'condition'; readonly key: string };

export interface ExchangeAgreementLink {
  readonly agreementId: AgreementId;
  readonly relation: ExchangeRelation;
  readonly clause: ClauseRef | null;
}

/** One setting of a reconciled figure. Never changed: a later one with a higher `seq` replaces it. */
export interface Reconciliation {
  readonly seq: number;
  readonly from: PartyCode;
  readonly category: ExchangeCategory;
  readonly count: number;
  readonly reason: string;
  readonly setBy: string;
  readonly setAt: string;
}

/** An exchange as recorded and audited: its own fields and every reconciliation of its figures. */
export interface Exchange {
  readonly id: ExchangeId;
  readonly key: string;
  /** YYYY-MM-DD, the day the people were handed over. */
  readonly date: string;
  readonly sides: readonly [PartyCode, PartyCode];
  readonly mediator: PartyCode | null;
  readonly agreement: ExchangeAgreementLink | null;
  readonly summary: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** Oldest first. */
  readonly reconciliations: readonly Reconciliation[];
}

/** One source's announcement about an exchange, kept as stated. */
export interface ExchangeClaim {
  readonly id: ExchangeClaimId;
  readonly exchangeId: ExchangeId;
  readonly claimant: PartyCode;
  readonly source: string;
  readonly stage: ClaimStage;
  /** Only what the claim states: a line it does not mention is silent, not zero. */
  readonly counts: readonly CountLine[];
  readonly tally: Tally | null;
  readonly quote: string | null;
  readonly note: string | null;
  readonly filedBy: string;
  readonly filedAt: string;
}

/** The other side of a two-sided exchange. */
export function otherSide(sides: readonly [PartyCode, PartyCode], party: PartyCode): PartyCode {
  return sides[0] === party ? sides[1] : sides[0];
}

export interface ClaimedValue {
  readonly claimId: ExchangeClaimId;
  readonly claimant: PartyCode;
  readonly source: string;
  readonly stage: ClaimStage;
  readonly count: number;
}

/**
 * `reconciled`: set by an editor with a reason; `consistent`: every claim stating it says the same; `disputed`:
 * claims differ and nobody has reconciled them yet.
 */
export type FigureStatus = 'reconciled' | 'consistent' | 'disputed';

/** The figure for one side and category: what the claims say, and what the ledger counts. */
export interface Figure {
  readonly from: PartyCode;
  readonly to: PartyCode;
  readonly category: ExchangeCategory;
  /** The reconciled figure, or the one every claim agrees on; null while disputed. */
  readonly count: number | null;
  /** What totals count: `count`, or while disputed the lowest claimed value. */
  readonly atLeast: number;
  readonly status: FigureStatus;
  /** Why the reconciled figure is what it is; null unless reconciled. */
  readonly reason: string | null;
  readonly claimed: readonly ClaimedValue[];
  /** Every reconciliation of this figure, oldest first; the last is current. */
  readonly history: readonly Reconciliation[];
}

const categoryRank = (c: ExchangeCategory) => EXCHANGE_CATEGORIES.indexOf(c);

/** The figures of an exchange, one per side and category that any claim or reconciliation mentions. */
export function figuresOf(exchange: Exchange, claims: readonly ExchangeClaim[]): Figure[] {
  const lines = new Map<string, { from: PartyCode; category: ExchangeCategory }>();
  const keyOf = (from: PartyCode, category: ExchangeCategory) => `${from}\u0000${category}`;
  for (const line of [...claims.flatMap((c) => c.counts), ...exchange.reconciliations])
    lines.set(keyOf(line.from, line.category), { from: line.from, category: line.category });
  const figures = [...lines.values()].map(({ from, category }): Figure => {
    const claimed = claims.flatMap((c) =>
      c.counts
        .filter((l) => l.from === from && l.category === category)
        .map((l) => ({
          claimId: c.id,
          claimant: c.claimant,
          source: c.source,
          stage: c.stage,
          count: l.count,
        })),
    );
    const history = exchange.reconciliations
      .filter((r) => r.from === from && r.category === category)
      .sort((a, b) => a.seq - b.seq);
    const current = history.at(-1);
    const values = [...new Set(claimed.map((v) => v.count))];
    const to = otherSide(exchange.sides, from);
    if (current)
      return {
        from,
        to,
        category,
        count: current.count,
        atLeast: current.count,
        status: 'reconciled',
        reason: current.reason,
        claimed,
        history,
      };
    const [only] = values;
    if (values.length === 1 && only !== undefined)
      return {
        from,
        to,
        category,
        count: only,
        atLeast: only,
        status: 'consistent',
        reason: null,
        claimed,
        history,
      };
    return {
      from,
      to,
      category,
      count: null,
      atLeast: Math.min(...values),
      status: 'disputed',
      reason: null,
      claimed,
      history,
    };
  });
  const sideRank = (p: PartyCode) => exchange.sides.indexOf(p);
  return figures.sort(
    (a, b) => sideRank(a.from) - sideRank(b.from) || categoryRank(a.category) - categoryRank(b.category),
  );
}

/** Claims (or a claim and the reconciled figure) that disagree about one figure. */
export interface CountDiscrepancy {
  readonly kind: 'count';
  readonly from: PartyCode;
  readonly to: PartyCode;
  readonly category: ExchangeCategory;
  readonly claimed: readonly ClaimedValue[];
  readonly reconciled: number | null;
  readonly reason: string | null;
  /** Reconciled: the ledger has settled on a figure and said why. */
  readonly resolved: boolean;
}

/** Every figure on which the claims, or the claims and the reconciled figure, do not all say the same. */
export function countDiscrepancies(figures: readonly Figure[]): CountDiscrepancy[] {
  return figures.flatMap((f) => {
    const reconciled = f.status === 'reconciled' ? f.count : null;
    const values = new Set([...f.claimed.map((v) => v.count), ...(reconciled === null ? [] : [reconciled])]);
    if (values.size < 2) return [];
    return [
      {
        kind: 'count' as const,
        from: f.from,
        to: f.to,
        category: f.category,
        claimed: f.claimed,
        reconciled,
        reason: f.reason,
        resolved: reconciled !== null,
      },
    ];
  });
}

/** One sentence: "seriously wounded handed over by RU to UA: 23 announced by RU (src), 22 reported by UA (src); reconciled at 22: why". */
export function discrepancyText(d: CountDiscrepancy | TallyDiscrepancy): string {
  if (d.kind === 'tally')
    return `${d.claimant}'s running count went from ${d.previousTotal} to ${d.total} (${d.sequence === null ? 'this' : `its no. ${d.sequence}`}), implying ${d.implied} people, but the ledger counts ${d.ledger} for this exchange`;
  const values = d.claimed.map((v) => `${v.count} ${v.stage} by ${v.claimant} (${v.source})`).join(', ');
  const settled =
    d.reconciled === null ? 'not reconciled yet' : `reconciled at ${d.reconciled}: ${d.reason ?? ''}`;
  return `${CATEGORY_PHRASES[d.category]} handed over by ${d.from} to ${d.to}: ${values}; ${settled}`;
}

/** What one side handed over and received in an exchange. */
export interface SideFlow {
  readonly party: PartyCode;
  readonly gave: number;
  readonly received: number;
  /** Handed over, per category (every category, zero included). */
  readonly gaveByCategory: Readonly<Record<ExchangeCategory, number>>;
}

/**
 * Who gave how many for how many. `exchange`: both sides handed people over; `unilateral`: one side only; `none`:
 * no figure yet. `provisional` when a disputed, unreconciled figure is counted at its lowest claimed value.
 */
export interface Parity {
  readonly kind: 'exchange' | 'unilateral' | 'none';
  readonly sides: readonly [SideFlow, SideFlow];
  readonly balanced: boolean;
  readonly people: number;
  readonly provisional: boolean;
}

const zeroByCategory = (): Record<ExchangeCategory, number> => ({
  'prisoners-of-war': 0,
  civilians: 0,
  'seriously-wounded': 0,
  bodies: 0,
});

/** Parity of one exchange from its figures. */
export function parityOf(exchange: Exchange, figures: readonly Figure[]): Parity {
  const gave = exchange.sides.map((party) => {
    const byCategory = zeroByCategory();
    for (const f of figures) if (f.from === party) byCategory[f.category] += f.atLeast;
    return { party, byCategory, total: Object.values(byCategory).reduce((a, b) => a + b, 0) };
  });
  const [a, b] = gave as [(typeof gave)[number], (typeof gave)[number]];
  const flow = (self: typeof a, other: typeof a): SideFlow => ({
    party: self.party,
    gave: self.total,
    received: other.total,
    gaveByCategory: self.byCategory,
  });
  const givers = [a, b].filter((s) => s.total > 0).length;
  return {
    kind: givers === 2 ? 'exchange' : givers === 1 ? 'unilateral' : 'none',
    sides: [flow(a, b), flow(b, a)],
    balanced: a.total === b.total,
    people: a.total + b.total,
    provisional: figures.some((f) => f.status === 'disputed'),
  };
}

/**
 * Who gave how many for how many, with the categories when there is more than one: "RU 197 for UA 175
 * (prisoners of war 175 for 175; seriously wounded 22 for none)", "RU handed over 22 to UA, nothing in return",
 * or "no figures yet". "at least" marks a count that includes a disputed figure at its lowest claimed value.
 */
export function parityText(parity: Parity): string {
  const [a, b] = parity.sides;
  const prefix = parity.provisional ? 'at least ' : '';
  const categories = EXCHANGE_CATEGORIES.filter((c) => a.gaveByCategory[c] + b.gaveByCategory[c] > 0);
  const amount = (n: number) => (n === 0 ? 'none' : String(n));
  const detail =
    categories.length > 1
      ? ` (${categories
          .map(
            (c) => `${CATEGORY_PHRASES[c]} ${amount(a.gaveByCategory[c])} for ${amount(b.gaveByCategory[c])}`,
          )
          .join('; ')})`
      : '';
  switch (parity.kind) {
    case 'none':
      return 'no figures yet';
    case 'unilateral': {
      const giver = a.gave > 0 ? a : b;
      const taker = giver === a ? b : a;
      return `${giver.party} handed over ${prefix}${giver.gave} to ${taker.party}, nothing in return`;
    }
    case 'exchange':
      return `${a.party} ${prefix}${a.gave} for ${b.party} ${prefix}${b.gave}${detail}`;
  }
}

/** What a party has handed over and received across the ledger up to and including one exchange. */
export interface PartyTotals {
  readonly party: PartyCode;
  readonly gave: number;
  readonly received: number;
  readonly gaveByCategory: Readonly<Record<ExchangeCategory, number>>;
}

export interface RunningTotals {
  /** The date of the last exchange counted. */
  readonly through: string;
  readonly exchanges: number;
  readonly people: number;
  /** Every party that has taken part so far, by code. */
  readonly parties: readonly PartyTotals[];
  readonly provisional: boolean;
}

/** A mediator's (or a side's) own count, as claimed, set beside what the ledger holds. */
export interface TallyCheck {
  readonly claimId: ExchangeClaimId;
  readonly claimant: PartyCode;
  readonly source: string;
  readonly sequence: number | null;
  readonly total: number | null;
  readonly basis: TallyBasis;
  /** The same claimant's tally on the exchange it numbered one lower, when the ledger holds it. */
  readonly previous: {
    readonly exchangeId: ExchangeId;
    readonly key: string;
    readonly sequence: number | null;
    readonly total: number | null;
  } | null;
  /** The difference of the two running totals: the people this exchange added to the claimant's count. */
  readonly implied: number | null;
  /** The people of this exchange as the ledger counts them on the claimant's basis; null when not comparable. */
  readonly ledger: number | null;
}

/** A claimant's running totals imply a count for the exchange that the ledger does not hold. */
export interface TallyDiscrepancy {
  readonly kind: 'tally';
  readonly claimant: PartyCode;
  readonly source: string;
  readonly sequence: number | null;
  readonly previousTotal: number;
  readonly total: number;
  readonly implied: number;
  readonly ledger: number;
}

export type Discrepancy = CountDiscrepancy | TallyDiscrepancy;

/** One exchange with everything the ledger says about it. */
export interface LedgerEntry {
  readonly exchange: Exchange;
  /** In the order they were filed. */
  readonly claims: readonly ExchangeClaim[];
  readonly figures: readonly Figure[];
  readonly discrepancies: readonly Discrepancy[];
  readonly parity: Parity;
  /** Across the whole ledger up to and including this exchange. */
  readonly runningTotals: RunningTotals;
  /** Every running count a claim states, checked against the ledger where it can be. */
  readonly tallies: readonly TallyCheck[];
  /** The mediator's own running count from its latest claim about this exchange; null without one. */
  readonly mediatorTally: TallyCheck | null;
}

/** Exchanges in ledger order: by date, then key. */
export function byLedgerOrder(a: Exchange, b: Exchange): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function addTotals(
  totals: Map<PartyCode, { gave: number; received: number; byCategory: Record<ExchangeCategory, number> }>,
  parity: Parity,
): void {
  for (const side of parity.sides) {
    const t = totals.get(side.party) ?? { gave: 0, received: 0, byCategory: zeroByCategory() };
    t.gave += side.gave;
    t.received += side.received;
    for (const category of EXCHANGE_CATEGORIES) t.byCategory[category] += side.gaveByCategory[category];
    totals.set(side.party, t);
  }
}

function tallyChecks(
  entries: readonly { exchange: Exchange; claims: readonly ExchangeClaim[]; parity: Parity }[],
  entry: { exchange: Exchange; claims: readonly ExchangeClaim[]; parity: Parity },
): TallyCheck[] {
  return entry.claims.flatMap((claim) => {
    const tally = claim.tally;
    if (tally === null) return [];
    const sequence = tally.sequence;
    let previous: TallyCheck['previous'] = null;
    for (const earlier of sequence === null ? [] : entries) {
      if (earlier.exchange.id === entry.exchange.id || earlier.exchange.date > entry.exchange.date) continue;
      const found = earlier.claims.find(
        (c) => c.claimant === claim.claimant && c.tally !== null && c.tally.sequence === (sequence ?? 0) - 1,
      );
      if (found?.tally)
        previous = {
          exchangeId: earlier.exchange.id,
          key: earlier.exchange.key,
          sequence: found.tally.sequence,
          total: found.tally.total,
        };
    }
    const previousTotal = previous?.total ?? null;
    const implied = previousTotal !== null && tally.total !== null ? tally.total - previousTotal : null;
    const own = entry.parity.sides.find((s) => s.party === claim.claimant);
    const ledger = tally.basis === 'both-sides' ? entry.parity.people : (own?.received ?? null);
    return [
      {
        claimId: claim.id,
        claimant: claim.claimant,
        source: claim.source,
        sequence,
        total: tally.total,
        basis: tally.basis,
        previous,
        implied,
        ledger,
      },
    ];
  });
}

/**
 * The ledger: every exchange in date order with its figures, discrepancies, parity, the running totals after it,
 * and the running counts its claims state, checked against the ledger.
 */
export function buildLedger(
  exchanges: readonly Exchange[],
  claimsByExchange: ReadonlyMap<string, readonly ExchangeClaim[]>,
): LedgerEntry[] {
  const base = [...exchanges].sort(byLedgerOrder).map((exchange) => {
    const claims = claimsByExchange.get(exchange.id) ?? [];
    const figures = figuresOf(exchange, claims);
    return { exchange, claims, figures, parity: parityOf(exchange, figures) };
  });
  const totals = new Map<
    PartyCode,
    { gave: number; received: number; byCategory: Record<ExchangeCategory, number> }
  >();
  let people = 0;
  let provisional = false;
  return base.map((entry, index) => {
    addTotals(totals, entry.parity);
    people += entry.parity.people;
    provisional ||= entry.parity.provisional;
    const tallies = tallyChecks(base, entry);
    const tallyDiscrepancies = tallies.flatMap((t): TallyDiscrepancy[] => {
      const previousTotal = t.previous?.total ?? null;
      if (t.implied === null || t.ledger === null || t.implied === t.ledger) return [];
      if (previousTotal === null || t.total === null) return [];
      return [
        {
          kind: 'tally',
          claimant: t.claimant,
          source: t.source,
          sequence: t.sequence,
          previousTotal,
          total: t.total,
          implied: t.implied,
          ledger: t.ledger,
        },
      ];
    });
    const mediator = entry.exchange.mediator;
    return {
      ...entry,
      discrepancies: [...countDiscrepancies(entry.figures), ...tallyDiscrepancies],
      runningTotals: {
        through: entry.exchange.date,
        exchanges: index + 1,
        people,
        parties: [...totals.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([party, t]) => ({
            party,
            gave: t.gave,
            received: t.received,
            gaveByCategory: { ...t.byCategory },
          })),
        provisional,
      },
      tallies,
      mediatorTally: tallies.filter((t) => t.claimant === mediator).at(-1) ?? null,
    };
  });
}

/** A mediator's exchanges in the ledger, beside its own latest running count as claimed (not our sum). */
export interface MediatorSummary {
  readonly party: PartyCode;
  readonly exchanges: number;
  /** The people of its exchanges as the ledger counts them. */
  readonly people: number;
  readonly claimed: (TallyCheck & { readonly exchangeKey: string; readonly date: string }) | null;
}

export interface LedgerSummary {
  readonly exchanges: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly people: number;
  readonly provisional: boolean;
  readonly parties: readonly PartyTotals[];
  readonly byCategory: Readonly<Record<ExchangeCategory, number>>;
  readonly discrepancies: { readonly total: number; readonly resolved: number; readonly open: number };
  readonly unilateral: number;
  readonly unbalanced: number;
  readonly mediators: readonly MediatorSummary[];
}

/** Totals over the whole ledger (entries as `buildLedger` makes them). */
export function summariseLedger(ledger: readonly LedgerEntry[]): LedgerSummary {
  const last = ledger.at(-1);
  const byCategory = zeroByCategory();
  for (const party of last?.runningTotals.parties ?? [])
    for (const category of EXCHANGE_CATEGORIES) byCategory[category] += party.gaveByCategory[category];
  const discrepancies = ledger.flatMap((e) => e.discrepancies);
  const resolved = discrepancies.filter((d) => d.kind === 'count' && d.resolved).length;
  const mediators = new Map<PartyCode, MediatorSummary>();
  for (const entry of ledger) {
    const party = entry.exchange.mediator;
    if (party === null) continue;
    const before = mediators.get(party);
    const claimed = entry.mediatorTally
      ? { ...entry.mediatorTally, exchangeKey: entry.exchange.key, date: entry.exchange.date }
      : (before?.claimed ?? null);
    mediators.set(party, {
      party,
      exchanges: (before?.exchanges ?? 0) + 1,
      people: (before?.people ?? 0) + entry.parity.people,
      claimed,
    });
  }
  return {
    exchanges: ledger.length,
    first: ledger[0]?.exchange.date ?? null,
    last: last?.exchange.date ?? null,
    people: last?.runningTotals.people ?? 0,
    provisional: last?.runningTotals.provisional ?? false,
    parties: last?.runningTotals.parties ?? [],
    byCategory,
    discrepancies: { total: discrepancies.length, resolved, open: discrepancies.length - resolved },
    unilateral: ledger.filter((e) => e.parity.kind === 'unilateral').length,
    unbalanced: ledger.filter((e) => e.parity.kind === 'exchange' && !e.parity.balanced).length,
    mediators: [...mediators.values()].sort((a, b) => (a.party < b.party ? -1 : 1)),
  };
}
