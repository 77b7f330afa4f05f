// Agreements with their readouts and provisions. An agreement is saved whole: its row is written and its
// readouts and provisions replaced, inside the caller's transaction.

import type {
  Agreement,
  AgreementForm,
  AgreementId,
  AgreementKind,
  AgreementLink,
  Area,
  Condition,
  LifecycleStep,
  Provision,
  ProvisionId,
  ProvisionKind,
  Readout,
  ReadoutId,
  TermWindow,
} from '../core/model.js';
import type { Act, Domain, TargetCode } from '../core/taxonomy.js';
import { windowInterval } from '../core/terms.js';
import { toUtcIso } from '../core/time.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { AgreementsTable, ProvisionsTable, ReadoutsTable } from './schema.js';

function provisionFromRow(row: ProvisionsTable): Provision {
  return {
    id: row.id as ProvisionId,
    key: row.key,
    kind: row.kind as ProvisionKind,
    acts: fromJson<Act[] | 'any'>(row.acts_json),
    domains: fromJson<Domain[] | 'any'>(row.domains_json),
    targets: fromJson<TargetCode[] | 'any'>(row.targets_json),
    area: fromJson<Area>(row.area_json),
    bound: fromJson<string[] | 'parties'>(row.bound_json),
    quote: row.quote,
  };
}

function readoutFromRow(row: ReadoutsTable, provisions: readonly Provision[]): Readout {
  return {
    id: row.id as ReadoutId,
    key: row.key,
    issuedBy: row.issued_by,
    issuer: row.issuer,
    issuedAt: row.issued_at,
    source: row.source_key,
    scope: row.scope,
    summary: row.summary,
    window: fromJson<TermWindow>(row.window_json),
    provisions,
  };
}

function agreementFromRow(row: AgreementsTable, readouts: readonly Readout[]): Agreement {
  return {
    id: row.id as AgreementId,
    slug: row.slug,
    title: row.title,
    form: row.form as AgreementForm,
    kind: row.kind as AgreementKind,
    summary: row.summary,
    parties: fromJson<string[]>(row.parties_json),
    mediators: fromJson<string[]>(row.mediators_json),
    links: fromJson<AgreementLink[]>(row.links_json),
    lifecycle: fromJson<LifecycleStep[]>(row.lifecycle_json),
    conditions: fromJson<Condition[]>(row.conditions_json),
    readouts,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Loads agreements whole; all of them, or those with the given ids. */
export async function listAgreements(db: Handle, ids?: readonly string[]): Promise<Agreement[]> {
  let query = db.selectFrom('agreements').selectAll().orderBy('created_at').orderBy('slug');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const agreementIds = rows.map((r) => r.id);
  const readoutRows = await db
    .selectFrom('readouts')
    .selectAll()
    .where('agreement_id', 'in', agreementIds)
    .orderBy('position')
    .execute();
  const provisionRows =
    readoutRows.length === 0
      ? []
      : await db
          .selectFrom('provisions')
          .selectAll()
          .where(
            'readout_id',
            'in',
            readoutRows.map((r) => r.id),
          )
          .orderBy('position')
          .execute();
  const provisionsByReadout = groupBy(provisionRows, (p) => p.readout_id);
  const readoutsByAgreement = groupBy(readoutRows, (r) => r.agreement_id);
  return rows.map((row) =>
    agreementFromRow(
      row,
      (readoutsByAgreement.get(row.id) ?? []).map((r) =>
        readoutFromRow(r, (provisionsByReadout.get(r.id) ?? []).map(provisionFromRow)),
      ),
    ),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Every agreement's slug and title by id: what a screening result needs to name its agreement. */
export async function agreementNames(db: Handle): Promise<Map<string, { slug: string; title: string }>> {
  const rows = await db.selectFrom('agreements').select(['id', 'slug', 'title']).execute();
  return new Map(rows.map((r) => [r.id, { slug: r.slug, title: r.title }]));
}

/** The id of the agreement with this id or slug, or null. */
export async function findAgreementId(db: Handle, idOrSlug: string): Promise<AgreementId | null> {
  const row = await db
    .selectFrom('agreements')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  return row ? (row.id as AgreementId) : null;
}

/** Finds an agreement by id or by slug. */
export async function findAgreement(db: Handle, idOrSlug: string): Promise<Agreement | null> {
  const id = await findAgreementId(db, idOrSlug);
  if (id === null) return null;
  const [agreement] = await listAgreements(db, [id]);
  return agreement ?? null;
}

export async function slugExists(db: Handle, slug: string): Promise<boolean> {
  const row = await db.selectFrom('agreements').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

function agreementRow(agreement: Agreement): Omit<AgreementsTable, 'id' | 'created_at'> {
  return {
    slug: agreement.slug,
    title: agreement.title,
    form: agreement.form,
    kind: agreement.kind,
    summary: agreement.summary,
    parties_json: toJson(agreement.parties),
    mediators_json: toJson(agreement.mediators),
    links_json: toJson(agreement.links),
    lifecycle_json: toJson(agreement.lifecycle),
    conditions_json: toJson(agreement.conditions),
    version: agreement.version,
    updated_at: agreement.updatedAt,
  };
}

/** Writes an agreement whole: inserts or updates its row, then replaces its readouts and provisions. */
export async function saveAgreement(trx: Handle, agreement: Agreement, isNew: boolean): Promise<void> {
  if (isNew) {
    await trx
      .insertInto('agreements')
      .values({ id: agreement.id, created_at: agreement.updatedAt, ...agreementRow(agreement) })
      .execute();
  } else {
    await trx.updateTable('agreements').set(agreementRow(agreement)).where('id', '=', agreement.id).execute();
    await trx.deleteFrom('readouts').where('agreement_id', '=', agreement.id).execute();
  }
  const readoutRows: ReadoutsTable[] = [];
  const provisionRows: ProvisionsTable[] = [];
  agreement.readouts.forEach((readout, position) => {
    const interval = windowInterval(readout.window);
    readoutRows.push({
      id: readout.id,
      agreement_id: agreement.id,
      key: readout.key,
      position,
      issued_by: readout.issuedBy,
      issuer: readout.issuer,
      issued_at: readout.issuedAt,
      source_key: readout.source,
      scope: readout.scope,
      summary: readout.summary,
      window_json: toJson(readout.window),
      window_start_utc: interval ? toUtcIso(interval.startMs) : null,
      window_end_utc: interval && Number.isFinite(interval.endMs) ? toUtcIso(interval.endMs) : null,
    });
    readout.provisions.forEach((p, i) => {
      provisionRows.push({
        id: p.id,
        readout_id: readout.id,
        key: p.key,
        position: i,
        kind: p.kind,
        acts_json: toJson(p.acts),
        domains_json: toJson(p.domains),
        targets_json: toJson(p.targets),
        area_json: toJson(p.area),
        bound_json: toJson(p.bound),
        quote: p.quote,
      });
    });
  });
  if (readoutRows.length > 0) await trx.insertInto('readouts').values(readoutRows).execute();
  if (provisionRows.length > 0) await trx.insertInto('provisions').values(provisionRows).execute();
}
