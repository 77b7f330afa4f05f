// The API shapes of the exchange ledger. Who recorded an entry names a person, so only those who may write the
// ledger see it; everything else is public, since exchanges are announced facts.

import {
  type ClaimedValue,
  type Discrepancy,
  discrepancyText,
  type ExchangeClaim,
  type Figure,
  type LedgerEntry,
  type LedgerSummary,
  type Parity,
  parityText,
  type RunningTotals,
  type TallyCheck,
} from '../../../core/exchanges.js';
import type { ExchangeView, LedgerView } from '../../../services/exchanges.js';

function presentClaim(
  claim: ExchangeClaim,
  view: LedgerView,
  sides: readonly [string, string],
  staff: boolean,
) {
  const source = view.sources.get(claim.source);
  return {
    id: claim.id,
    claimant: claim.claimant,
    stage: claim.stage,
    source: {
      key: claim.source,
      issuer: source?.issuer ?? null,
      title: source?.title ?? null,
      url: source?.url ?? null,
      publishedAt: source?.publishedAt ?? null,
      verified: source?.verified ?? false,
    },
    counts: claim.counts.map((l) => ({
      from: l.from,
      to: l.from === sides[0] ? sides[1] : sides[0],
      category: l.category,
      count: l.count,
    })),
    total: claim.counts.reduce((sum, l) => sum + l.count, 0),
    tally: claim.tally,
    quote: claim.quote,
    note: claim.note,
    filedAt: claim.filedAt,
    filedBy: staff ? claim.filedBy : null,
  };
}

const presentClaimed = (v: ClaimedValue) => ({
  claimId: v.claimId,
  claimant: v.claimant,
  source: v.source,
  stage: v.stage,
  count: v.count,
});

function presentFigure(f: Figure, staff: boolean) {
  return {
    from: f.from,
    to: f.to,
    category: f.category,
    count: f.count,
    atLeast: f.atLeast,
    status: f.status,
    reason: f.reason,
    claimed: f.claimed.map(presentClaimed),
    history: f.history.map((r) => ({
      count: r.count,
      reason: r.reason,
      setAt: r.setAt,
      setBy: staff ? r.setBy : null,
    })),
  };
}

function presentDiscrepancy(d: Discrepancy) {
  const text = discrepancyText(d);
  if (d.kind === 'tally')
    return {
      kind: d.kind,
      text,
      claimant: d.claimant,
      source: d.source,
      sequence: d.sequence,
      previousTotal: d.previousTotal,
      total: d.total,
      implied: d.implied,
      ledger: d.ledger,
      resolved: false,
    };
  return {
    kind: d.kind,
    text,
    from: d.from,
    to: d.to,
    category: d.category,
    claimed: d.claimed.map(presentClaimed),
    reconciled: d.reconciled,
    reason: d.reason,
    resolved: d.resolved,
  };
}

const presentFlow = (s: Parity['sides'][number] | RunningTotals['parties'][number]) => ({
  party: s.party,
  gave: s.gave,
  received: s.received,
  gaveByCategory: { ...s.gaveByCategory },
});

function presentParity(p: Parity) {
  return {
    kind: p.kind,
    text: parityText(p),
    balanced: p.balanced,
    people: p.people,
    provisional: p.provisional,
    sides: p.sides.map(presentFlow),
  };
}

function presentTally(t: TallyCheck) {
  return {
    claimId: t.claimId,
    claimant: t.claimant,
    source: t.source,
    sequence: t.sequence,
    total: t.total,
    basis: t.basis,
    previous: t.previous && { key: t.previous.key, sequence: t.previous.sequence, total: t.previous.total },
    implied: t.implied,
    ledger: t.ledger,
  };
}

/** One exchange with its claims side by side, figures, discrepancies, parity and running totals. */
export function presentEntry(entry: LedgerEntry, view: LedgerView, staff: boolean) {
  const { exchange } = entry;
  const link = exchange.agreement;
  const named = link ? view.agreements.get(link.agreementId) : undefined;
  return {
    id: exchange.id,
    key: exchange.key,
    date: exchange.date,
    sides: [...exchange.sides],
    mediator: exchange.mediator,
    agreement: link && {
      slug: named?.slug ?? link.agreementId,
      title: named?.title ?? null,
      relation: link.relation,
      clause:
        link.clause &&
        (link.clause.kind === 'provision'
          ? { kind: link.clause.kind, readout: link.clause.readout, key: link.clause.key }
          : { kind: link.clause.kind, readout: null, key: link.clause.key }),
    },
    summary: exchange.summary,
    claims: entry.claims.map((c) => presentClaim(c, view, exchange.sides, staff)),
    figures: entry.figures.map((f) => presentFigure(f, staff)),
    discrepancies: entry.discrepancies.map(presentDiscrepancy),
    parity: presentParity(entry.parity),
    runningTotals: {
      through: entry.runningTotals.through,
      exchanges: entry.runningTotals.exchanges,
      people: entry.runningTotals.people,
      provisional: entry.runningTotals.provisional,
      parties: entry.runningTotals.parties.map(presentFlow),
    },
    mediatorTally: entry.mediatorTally && presentTally(entry.mediatorTally),
    tallies: entry.tallies.map(presentTally),
    recordedAt: exchange.recordedAt,
    recordedBy: staff ? exchange.recordedBy : null,
  };
}

export function presentExchange(view: ExchangeView, staff: boolean) {
  return presentEntry(view.entry, view, staff);
}

export function presentSummary(s: LedgerSummary) {
  return {
    exchanges: s.exchanges,
    first: s.first,
    last: s.last,
    people: s.people,
    provisional: s.provisional,
    parties: s.parties.map(presentFlow),
    byCategory: { ...s.byCategory },
    discrepancies: { ...s.discrepancies },
    unilateral: s.unilateral,
    unbalanced: s.unbalanced,
    mediators: s.mediators.map((m) => ({
      party: m.party,
      exchanges: m.exchanges,
      people: m.people,
      claimed: m.claimed && {
        ...presentTally(m.claimed),
        exchangeKey: m.claimed.exchangeKey,
        date: m.claimed.date,
      },
    })),
  };
}
