// The prisoner-exchange ledger: record an exchange, add each source's claim about it, set a reconciled figure
// with its reason, and read the ledger (public: exchanges are announced facts). Names of people are never taken.

import { fieldError, TrucelineError } from '../core/errors.js';
import {
  claimInputSchema,
  exchangeInputSchema,
  reconcileInputSchema,
  type ClaimInput,
  type ExchangeInput,
  type ReconcileInput,
} from '../core/exchange-schemas.js';
import {
  buildLedger,
  type Exchange,
  type ExchangeCategory,
  type ExchangeClaim,
  type ExchangeClaimId,
  type ExchangeId,
  type LedgerEntry,
  type LedgerSummary,
  summariseLedger,
} from '../core/exchanges.js';
import type { Source } from '../core/model.js';
import { type Actor, personId } from '../core/policy.js';
import { agreementNames, findAgreement } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import {
  claimFromSource,
  claimsOf,
  findClaim,
  findExchange,
  findExchangeId,
  insertClaim,
  insertExchange,
  insertReconciliation,
  listExchanges,
} from '../db/exchanges.js';
import { partyCodes } from '../db/parties.js';
import { listSources, sourceKeys } from '../db/sources.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';

/** The ledger with what a presenter needs to name its sources and agreements. */
export interface LedgerView {
  /** In ledger order (date, then key). */
  readonly entries: readonly LedgerEntry[];
  readonly summary: LedgerSummary;
  readonly sources: ReadonlyMap<string, Source>;
  readonly agreements: ReadonlyMap<string, { readonly slug: string; readonly title: string }>;
}

export interface ExchangeView extends LedgerView {
  readonly entry: LedgerEntry;
}

async function loadLedger(db: Handle): Promise<LedgerView> {
  const exchanges = await listExchanges(db);
  const claims = await claimsOf(db);
  const entries = buildLedger(exchanges, claims);
  const keys = [...new Set([...claims.values()].flat().map((c) => c.source))];
  const sources = new Map((await listSources(db, keys)).map((s) => [s.key, s]));
  return { entries, summary: summariseLedger(entries), sources, agreements: await agreementNames(db) };
}

async function viewOf(db: Handle, id: ExchangeId): Promise<ExchangeView> {
  const ledger = await loadLedger(db);
  const entry = ledger.entries.find((e) => e.exchange.id === id);
  if (!entry) throw new Error(`Exchange ${id} is not in the ledger it was just read from.`);
  return { ...ledger, entry };
}

function exchangeNotFound(idOrKey: string): TrucelineError {
  return new TrucelineError('EXCHANGE_NOT_FOUND', `No prisoner exchange has the id or key "${idOrKey}".`);
}

async function exchangeIdOf(db: Handle, idOrKey: string): Promise<ExchangeId> {
  const id = await findExchangeId(db, idOrKey);
  if (id === null) throw exchangeNotFound(idOrKey);
  return id;
}

export interface ExchangeFilter {
  /** Exchanges in which this party is a side. */
  readonly party?: string | undefined;
  readonly mediator?: string | undefined;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * The ledger, filtered. Running totals are always those of the whole ledger up to each exchange, so that a filter
 * shows where the totals stood, not a sum of what it happens to keep.
 */
export async function exchangeLedger(services: Services, filter: ExchangeFilter = {}): Promise<LedgerView> {
  const ledger = await loadLedger(services.db.kysely);
  const entries = ledger.entries.filter(({ exchange: x }) => {
    if (filter.party !== undefined && !x.sides.includes(filter.party)) return false;
    if (filter.mediator !== undefined && x.mediator !== filter.mediator) return false;
    if (filter.from !== undefined && x.date < filter.from) return false;
    if (filter.to !== undefined && x.date > filter.to) return false;
    return true;
  });
  return { ...ledger, entries };
}

/** One exchange by id or key, with its claims, figures, discrepancies, parity and the running totals after it. */
export async function getExchange(services: Services, idOrKey: string): Promise<ExchangeView> {
  const db = services.db.kysely;
  return viewOf(db, await exchangeIdOf(db, idOrKey));
}

/** Totals over the whole ledger, with each mediator's own running count as it claims it. */
export async function exchangeSummary(services: Services): Promise<LedgerSummary> {
  return (await loadLedger(services.db.kysely)).summary;
}

/** Checks a claim against stored data; `at` is the path of the claim in the request ('' or 'claims.0.'). */
function checkClaim(
  sides: readonly string[],
  claim: ClaimInput,
  at: string,
  known: { parties: Set<string>; sources: Set<string> },
): void {
  if (!known.parties.has(claim.claimant))
    throw fieldError('PARTY_UNKNOWN', `${at}claimant`, `unknown party "${claim.claimant}"`);
  if (!known.sources.has(claim.source))
    throw fieldError('REFERENCE_UNKNOWN', `${at}source`, `no source "${claim.source}"`);
  claim.counts.forEach((line, i) => {
    if (!sides.includes(line.from))
      throw fieldError(
        'EXCHANGE_SIDE_INVALID',
        `${at}counts.${i}.from`,
        `${line.from} is not a side of this exchange (${sides.join(', ')})`,
      );
  });
  if (claim.tally?.basis === 'received' && !sides.includes(claim.claimant))
    throw fieldError(
      'EXCHANGE_SIDE_INVALID',
      `${at}tally.basis`,
      `only a side receives people; ${claim.claimant} is not a side of this exchange`,
    );
}

function newClaim(services: Services, who: Actor, exchangeId: ExchangeId, input: ClaimInput): ExchangeClaim {
  return {
    id: services.newId() as ExchangeClaimId,
    exchangeId,
    claimant: input.claimant,
    source: input.source,
    stage: input.stage,
    counts: input.counts.map((l) => ({ from: l.from, category: l.category, count: l.count })),
    tally: input.tally,
    quote: input.quote,
    note: input.note,
    filedBy: personId(who),
    filedAt: services.now().toISOString(),
  };
}

async function fileClaim(services: Services, trx: Handle, who: Actor, claim: ExchangeClaim): Promise<void> {
  await insertClaim(trx, claim);
  await recordAudit(services, trx, {
    actor: who,
    action: 'exchange.claim',
    subjectType: 'exchange-claim',
    subjectId: claim.id,
    after: (await findClaim(trx, claim.id)) ?? claim,
  });
}

/**
 * Records an exchange with the claims made about it so far, each claim its own audited record. The sides, the
 * mediator and every claimant must be known parties, every source a known source, the agreement (and clause) a
 * stored one.
 */
export async function createExchange(
  services: Services,
  actor: Actor | null,
  input: ExchangeInput,
): Promise<ExchangeView> {
  const who = authorise(actor, 'exchange.write');
  return inTransaction(services, async (trx) => {
    const parties = await partyCodes(trx);
    input.sides.forEach((side, i) => {
      if (!parties.has(side)) throw fieldError('PARTY_UNKNOWN', `sides.${i}`, `unknown party "${side}"`);
    });
    if (input.mediator !== null && !parties.has(input.mediator))
      throw fieldError('PARTY_UNKNOWN', 'mediator', `unknown party "${input.mediator}"`);
    let link: Exchange['agreement'] = null;
    if (input.agreement !== null) {
      const { slug, relation, clause } = input.agreement;
      const agreement = await findAgreement(trx, slug);
      if (!agreement) throw fieldError('REFERENCE_UNKNOWN', 'agreement.slug', `no agreement "${slug}"`);
      if (clause?.kind === 'condition' && !agreement.conditions.some((c) => c.key === clause.key))
        throw fieldError(
          'REFERENCE_UNKNOWN',
          'agreement.clause.key',
          `${slug} has no condition "${clause.key}"`,
        );
      if (clause?.kind === 'provision') {
        const readout = agreement.readouts.find((r) => r.key === clause.readout);
        if (!readout)
          throw fieldError(
            'REFERENCE_UNKNOWN',
            'agreement.clause.readout',
            `${slug} has no readout "${clause.readout}"`,
          );
        if (!readout.provisions.some((p) => p.key === clause.key))
          throw fieldError(
            'REFERENCE_UNKNOWN',
            'agreement.clause.key',
            `readout ${clause.readout} has no provision "${clause.key}"`,
          );
      }
      link = { agreementId: agreement.id, relation, clause };
    }
    const known = { parties, sources: await sourceKeys(trx) };
    const seen = new Set<string>();
    for (const [i, claim] of input.claims.entries()) {
      checkClaim(input.sides, claim, `claims.${i}.`, known);
      if (seen.has(claim.source))
        throw fieldError(
          'EXCHANGE_CLAIM_EXISTS',
          `claims.${i}.source`,
          `a claim from ${claim.source} is already in this request`,
        );
      seen.add(claim.source);
    }
    if ((await findExchangeId(trx, input.key)) !== null)
      throw fieldError('EXCHANGE_KEY_TAKEN', 'key', `another exchange is "${input.key}"`);
    const exchange: Exchange = {
      id: services.newId() as ExchangeId,
      key: input.key,
      date: input.date,
      sides: input.sides,
      mediator: input.mediator,
      agreement: link,
      summary: input.summary,
      recordedBy: personId(who),
      recordedAt: services.now().toISOString(),
      reconciliations: [],
    };
    await insertExchange(trx, exchange);
    await recordAudit(services, trx, {
      actor: who,
      action: 'exchange.create',
      subjectType: 'exchange',
      subjectId: exchange.id,
      after: (await findExchange(trx, exchange.id)) ?? exchange,
    });
    for (const claim of input.claims)
      await fileClaim(services, trx, who, newClaim(services, who, exchange.id, claim));
    return viewOf(trx, exchange.id);
  });
}

/** Adds one source's claim about an exchange. A source makes one claim per exchange. */
export async function addExchangeClaim(
  services: Services,
  actor: Actor | null,
  idOrKey: string,
  input: ClaimInput,
): Promise<ExchangeView> {
  const who = authorise(actor, 'exchange.write');
  return inTransaction(services, async (trx) => {
    const exchange = await findExchange(trx, await exchangeIdOf(trx, idOrKey));
    if (!exchange) throw exchangeNotFound(idOrKey);
    checkClaim(exchange.sides, input, '', {
      parties: await partyCodes(trx),
      sources: await sourceKeys(trx),
    });
    const existing = await claimFromSource(trx, exchange.id, input.source);
    if (existing)
      throw new TrucelineError(
        'EXCHANGE_CLAIM_EXISTS',
        `source: the claim of ${input.source} about ${exchange.key} is already recorded (${existing.id})`,
        { claim: existing.id, issues: [{ path: 'source', message: 'already has a claim on this exchange' }] },
      );
    await fileClaim(services, trx, who, newClaim(services, who, exchange.id, input));
    return viewOf(trx, exchange.id);
  });
}

/**
 * Sets the figure the ledger counts for one side and category, with the reason. The previous setting stays in the
 * figure's history; the audit event carries the reason.
 */
export async function reconcileFigure(
  services: Services,
  actor: Actor | null,
  idOrKey: string,
  line: { readonly from: string; readonly category: ExchangeCategory },
  input: ReconcileInput,
): Promise<ExchangeView> {
  const who = authorise(actor, 'exchange.write');
  return inTransaction(services, async (trx) => {
    const before = await findExchange(trx, await exchangeIdOf(trx, idOrKey));
    if (!before) throw exchangeNotFound(idOrKey);
    if (!before.sides.includes(line.from))
      throw fieldError(
        'EXCHANGE_SIDE_INVALID',
        'params.from',
        `${line.from} is not a side of this exchange (${before.sides.join(', ')})`,
      );
    const seq = Math.max(0, ...before.reconciliations.map((r) => r.seq)) + 1;
    await insertReconciliation(trx, before.id, {
      seq,
      from: line.from,
      category: line.category,
      count: input.count,
      reason: input.reason,
      setBy: personId(who),
      setAt: services.now().toISOString(),
    });
    await recordAudit(services, trx, {
      actor: who,
      action: 'exchange.reconcile',
      subjectType: 'exchange',
      subjectId: before.id,
      before,
      after: await findExchange(trx, before.id),
      reason: input.reason,
    });
    return viewOf(trx, before.id);
  });
}

/** A demo (or import) seed: an exchange as `POST /exchanges` takes it, with the figures to reconcile. */
export interface ExchangeSeed {
  readonly exchange: unknown;
  readonly reconciled: readonly {
    readonly from: string;
    readonly category: ExchangeCategory;
    readonly count: number;
    readonly reason: string;
  }[];
}

/**
 * Brings seeded exchanges into the ledger: a missing exchange is recorded, a missing claim added, a figure whose
 * reconciled count or reason differs is set again. What is already there unchanged is left alone, so a second
 * load writes nothing. Returns how many writes it made.
 */
export async function loadExchangeSeeds(
  services: Services,
  actor: Actor,
  seeds: readonly ExchangeSeed[],
): Promise<number> {
  let writes = 0;
  const db = services.db.kysely;
  for (const seed of seeds) {
    const input = exchangeInputSchema.parse(seed.exchange);
    let id = await findExchangeId(db, input.key);
    if (id === null) {
      id = (await createExchange(services, actor, input)).entry.exchange.id;
      writes++;
    } else {
      for (const claim of input.claims) {
        if (await claimFromSource(db, id, claim.source)) continue;
        await addExchangeClaim(services, actor, id, claimInputSchema.parse(claim));
        writes++;
      }
    }
    const stored = await findExchange(db, id);
    for (const figure of seed.reconciled) {
      const current = stored?.reconciliations
        .filter((r) => r.from === figure.from && r.category === figure.category)
        .at(-1);
      if (current?.count === figure.count && current.reason === figure.reason) continue;
      const body = reconcileInputSchema.parse({ count: figure.count, reason: figure.reason });
      await reconcileFigure(services, actor, id, figure, body);
      writes++;
    }
  }
  return writes;
}
