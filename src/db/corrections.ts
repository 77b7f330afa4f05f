// Reader corrections: one row per suggestion, updated in place as editors answer it (every change is also an
// audit event, which keeps the history).

import type { Correction, CorrectionStatus, RecordType } from '../core/corrections.js';
import type { Handle } from './engine.js';
import type { Page } from './incidents.js';
import type { CorrectionsTable } from './schema.js';

export function correctionFromRow(row: CorrectionsTable): Correction {
  return {
    id: row.id,
    status: row.status as CorrectionStatus,
    target: {
      source: row.page_url,
      title: row.page_title,
      record:
        row.record_type !== null && row.record_id !== null
          ? { type: row.record_type as RecordType, id: row.record_id }
          : null,
      selector:
        row.quote_exact !== null
          ? {
              type: 'TextQuoteSelector',
              exact: row.quote_exact,
              prefix: row.quote_prefix ?? '',
              suffix: row.quote_suffix ?? '',
            }
          : null,
    },
    suggestion: row.suggestion,
    comment: row.comment,
    contact: row.contact,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    review:
      row.reviewed_at !== null && row.reviewed_by !== null && row.reply !== null
        ? {
            decision: row.status === 'rejected' ? 'rejected' : 'accepted',
            reply: row.reply,
            at: row.reviewed_at,
            by: row.reviewed_by,
          }
        : null,
    applied:
      row.applied_at !== null && row.applied_by !== null && row.applied_note !== null
        ? { note: row.applied_note, at: row.applied_at, by: row.applied_by }
        : null,
  };
}

function rowOf(c: Correction): CorrectionsTable {
  const { target } = c;
  return {
    id: c.id,
    status: c.status,
    page_url: target.source,
    page_title: target.title,
    record_type: target.record?.type ?? null,
    record_id: target.record?.id ?? null,
    quote_exact: target.selector?.exact ?? null,
    quote_prefix: target.selector?.prefix ?? null,
    quote_suffix: target.selector?.suffix ?? null,
    suggestion: c.suggestion,
    comment: c.comment,
    contact: c.contact,
    submitted_at: c.submittedAt,
    submitted_by: c.submittedBy,
    reviewed_at: c.review?.at ?? null,
    reviewed_by: c.review?.by ?? null,
    reply: c.review?.reply ?? null,
    applied_at: c.applied?.at ?? null,
    applied_by: c.applied?.by ?? null,
    applied_note: c.applied?.note ?? null,
  };
}

export async function insertCorrection(trx: Handle, correction: Correction): Promise<void> {
  await trx.insertInto('corrections').values(rowOf(correction)).execute();
}

/** Writes the editors' answers (status, review, application) of a correction that exists. */
export async function updateCorrection(trx: Handle, correction: Correction): Promise<void> {
  const row = rowOf(correction);
  await trx
    .updateTable('corrections')
    .set({
      status: row.status,
      reviewed_at: row.reviewed_at,
      reviewed_by: row.reviewed_by,
      reply: row.reply,
      applied_at: row.applied_at,
      applied_by: row.applied_by,
      applied_note: row.applied_note,
    })
    .where('id', '=', correction.id)
    .execute();
}

export async function findCorrection(db: Handle, id: string): Promise<Correction | null> {
  const row = await db.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? correctionFromRow(row) : null;
}

/** The editors' queue: corrections in any of `statuses`, oldest submission first. */
export async function listCorrections(
  db: Handle,
  statuses: readonly CorrectionStatus[],
  page: { readonly limit: number; readonly offset: number },
): Promise<Page<Correction>> {
  const base = db.selectFrom('corrections').where('status', 'in', [...statuses]);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(correctionFromRow), total: counted?.n ?? 0 };
}

/** The public log: applied corrections, the latest applied first, optionally about one record. */
export async function listAppliedCorrections(
  db: Handle,
  filter: {
    readonly record?: { readonly type: string; readonly id: string } | undefined;
    readonly limit: number;
    readonly offset: number;
  },
): Promise<Page<Correction>> {
  let base = db.selectFrom('corrections').where('status', '=', 'applied');
  if (filter.record)
    base = base.where('record_type', '=', filter.record.type).where('record_id', '=', filter.record.id);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('applied_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: rows.map(correctionFromRow), total: counted?.n ?? 0 };
}
