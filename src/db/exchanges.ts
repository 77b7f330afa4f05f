// Prisoner exchanges, the claims about them and their reconciled figures. Claims and figures are never updated:
// a claim is added, a figure is set again by a new row.

import type {
  ClaimStage,
  ClauseRef,
  CountLine,
  Exchange,
  ExchangeCategory,
  ExchangeClaim,
  ExchangeClaimId,
  ExchangeId,
  ExchangeRelation,
  Reconciliation,
  TallyBasis,
} from '../core/exchanges.js';
import type { AgreementId } from '../core/model.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { ExchangeClaimsTable, ExchangeFiguresTable, ExchangesTable } from './schema.js';

function reconciliationFromRow(row: ExchangeFiguresTable): Reconciliation {
  return {
    seq: row.seq,
    from: row.from_party,
    category: row.category as ExchangeCategory,
    count: row.headcount,
    reason: row.reason,
    setBy: row.set_by,
    setAt: row.set_at,
  };
}

function exchangeFromRow(row: ExchangesTable, reconciliations: readonly Reconciliation[]): Exchange {
  return {
    id: row.id as ExchangeId,
    key: row.key,
    date: row.occurred_on,
    sides: [row.side_a, row.side_b],
    mediator: row.mediator,
    agreement:
      row.agreement_id === null
        ? null
        : {
            agreementId: row.agreement_id as AgreementId,
            relation: (row.agreement_relation ?? 'implements') as ExchangeRelation,
            clause: row.clause_json === null ? null : fromJson<ClauseRef>(row.clause_json),
          },
    summary: row.summary,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    reconciliations,
  };
}

function claimFromRow(row: ExchangeClaimsTable): ExchangeClaim {
  return {
    id: row.id as ExchangeClaimId,
    exchangeId: row.exchange_id as ExchangeId,
    claimant: row.claimant,
    source: row.source_key,
    stage: row.stage as ClaimStage,
    counts: fromJson<CountLine[]>(row.counts_json),
    tally:
      row.tally_basis === null
        ? null
        : { sequence: row.tally_sequence, total: row.tally_total, basis: row.tally_basis as TallyBasis },
    quote: row.quote,
    note: row.note,
    filedBy: row.filed_by,
    filedAt: row.filed_at,
  };
}

/** Inserts an exchange's own row (its reconciliations are added one by one with `insertReconciliation`). */
export async function insertExchange(trx: Handle, exchange: Exchange): Promise<void> {
  await trx
    .insertInto('exchanges')
    .values({
      id: exchange.id,
      key: exchange.key,
      occurred_on: exchange.date,
      side_a: exchange.sides[0],
      side_b: exchange.sides[1],
      mediator: exchange.mediator,
      agreement_id: exchange.agreement?.agreementId ?? null,
      agreement_relation: exchange.agreement?.relation ?? null,
      clause_json: exchange.agreement?.clause ? toJson(exchange.agreement.clause) : null,
      summary: exchange.summary,
      recorded_by: exchange.recordedBy,
      recorded_at: exchange.recordedAt,
    })
    .execute();
}

/** Adds a claim after the exchange's others. */
export async function insertClaim(trx: Handle, claim: ExchangeClaim): Promise<void> {
  const last = await trx
    .selectFrom('exchange_claims')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('exchange_id', '=', claim.exchangeId)
    .executeTakeFirst();
  await trx
    .insertInto('exchange_claims')
    .values({
      id: claim.id,
      exchange_id: claim.exchangeId,
      position: (last?.position ?? 0) + 1,
      claimant: claim.claimant,
      source_key: claim.source,
      stage: claim.stage,
      counts_json: toJson(claim.counts),
      tally_sequence: claim.tally?.sequence ?? null,
      tally_total: claim.tally?.total ?? null,
      tally_basis: claim.tally?.basis ?? null,
      quote: claim.quote,
      note: claim.note,
      filed_by: claim.filedBy,
      filed_at: claim.filedAt,
    })
    .execute();
}

export async function insertReconciliation(
  trx: Handle,
  exchangeId: ExchangeId,
  reconciliation: Reconciliation,
): Promise<void> {
  await trx
    .insertInto('exchange_figures')
    .values({
      exchange_id: exchangeId,
      seq: reconciliation.seq,
      from_party: reconciliation.from,
      category: reconciliation.category,
      headcount: reconciliation.count,
      reason: reconciliation.reason,
      set_by: reconciliation.setBy,
      set_at: reconciliation.setAt,
    })
    .execute();
}

/** The id of the exchange with this id or key, or null. */
export async function findExchangeId(db: Handle, idOrKey: string): Promise<ExchangeId | null> {
  const row = await db
    .selectFrom('exchanges')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)]))
    .executeTakeFirst();
  return row ? (row.id as ExchangeId) : null;
}

/** Exchanges with their reconciliations: all of them, or those with the given ids. */
export async function listExchanges(db: Handle, ids?: readonly string[]): Promise<Exchange[]> {
  let query = db.selectFrom('exchanges').selectAll().orderBy('occurred_on').orderBy('key');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  let figures = db.selectFrom('exchange_figures').selectAll().orderBy('exchange_id').orderBy('seq');
  if (ids) figures = figures.where('exchange_id', 'in', ids);
  const byExchange = new Map<string, Reconciliation[]>();
  for (const row of await figures.execute()) {
    const list = byExchange.get(row.exchange_id) ?? [];
    list.push(reconciliationFromRow(row));
    byExchange.set(row.exchange_id, list);
  }
  return rows.map((row) => exchangeFromRow(row, byExchange.get(row.id) ?? []));
}

/** One exchange by id (as audited: with every reconciliation), or null. */
export async function findExchange(db: Handle, id: string): Promise<Exchange | null> {
  const [exchange] = await listExchanges(db, [id]);
  return exchange ?? null;
}

/** The claims of the exchanges (all, or those given), each list in the order filed. */
export async function claimsOf(
  db: Handle,
  exchangeIds?: readonly string[],
): Promise<Map<string, ExchangeClaim[]>> {
  const byExchange = new Map<string, ExchangeClaim[]>();
  let query = db.selectFrom('exchange_claims').selectAll().orderBy('exchange_id').orderBy('position');
  if (exchangeIds) {
    if (exchangeIds.length === 0) return byExchange;
    query = query.where('exchange_id', 'in', exchangeIds);
  }
  for (const row of await query.execute()) {
    const list = byExchange.get(row.exchange_id) ?? [];
    list.push(claimFromRow(row));
    byExchange.set(row.exchange_id, list);
  }
  return byExchange;
}

/** One claim by id, or null. */
export async function findClaim(db: Handle, id: string): Promise<ExchangeClaim | null> {
  const row = await db.selectFrom('exchange_claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? claimFromRow(row) : null;
}

/** The claim an exchange already has from this source, if any. */
export async function claimFromSource(
  db: Handle,
  exchangeId: string,
  source: string,
): Promise<ExchangeClaim | null> {
  const row = await db
    .selectFrom('exchange_claims')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .where('source_key', '=', source)
    .executeTakeFirst();
  return row ? claimFromRow(row) : null;
}
