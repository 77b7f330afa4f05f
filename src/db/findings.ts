// Findings as stored: one row per incident whose finding someone has changed. Until then an incident's finding is
// the initial one (`newFinding`), computed from its screening and never written.

import type { IncidentId } from '../core/model.js';
import type {
  AgreementRuling,
  Attribution,
  Finding,
  Grade,
  HistoryEntry,
  Occurrence,
} from '../core/verification.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { FindingsTable } from './schema.js';

/**
 * A finding as its row holds it, which is also what its audit events commit to. The reporter is the incident's
 * (audited with the incident), so it is not part of the record.
 */
export interface FindingRecord extends Omit<Finding, 'reportedBy'> {
  readonly updatedAt: string;
}

function findingFromRow(row: FindingsTable): FindingRecord {
  return {
    incidentId: row.incident_id as IncidentId,
    occurrence: row.occurrence as Occurrence,
    attribution: fromJson<Attribution>(row.attribution_json),
    rulings: fromJson<AgreementRuling[]>(row.rulings_json),
    grade: row.grade as Grade,
    published: row.published === 1,
    history: fromJson<HistoryEntry[]>(row.history_json),
    updatedAt: row.updated_at,
  };
}

function findingToRow(record: FindingRecord): FindingsTable {
  return {
    incident_id: record.incidentId,
    occurrence: record.occurrence,
    attribution_json: toJson(record.attribution),
    rulings_json: toJson(record.rulings),
    grade: record.grade,
    published: record.published ? 1 : 0,
    history_json: toJson(record.history),
    updated_at: record.updatedAt,
  };
}

/** The stored finding of one incident; null when nobody has changed it yet. */
export async function findFindingRecord(db: Handle, incidentId: string): Promise<FindingRecord | null> {
  const row = await db
    .selectFrom('findings')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row ? findingFromRow(row) : null;
}

/** The stored findings of these incidents, by incident id; incidents without one are absent. */
export async function findingRecordsOf(
  db: Handle,
  incidentIds: readonly string[],
): Promise<Map<string, FindingRecord>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db.selectFrom('findings').selectAll().where('incident_id', 'in', incidentIds).execute();
  return new Map(rows.map((row) => [row.incident_id, findingFromRow(row)]));
}

/** Writes a finding: inserted the first time it is changed, replaced after. */
export async function saveFinding(trx: Handle, record: FindingRecord): Promise<void> {
  const { incident_id: _id, ...rest } = findingToRow(record);
  await trx
    .insertInto('findings')
    .values(findingToRow(record))
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(rest))
    .execute();
}

/** What the review queue needs to know of an incident besides its finding. */
export interface QueueIncident {
  readonly id: IncidentId;
  readonly title: string;
  readonly occurredAt: string;
  readonly reportedBy: string | null;
}

/**
 * A window of unpublished incidents, earliest occurrence first (the `incidents_published` index serves both the
 * filter and the order), with how many unpublished incidents there are in all.
 */
export async function unpublishedIncidents(
  db: Handle,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ readonly items: readonly QueueIncident[]; readonly total: number }> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'title', 'occurred_at', 'reported_by'])
    .where('published_at', 'is', null)
    .orderBy('occurred_utc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id as IncidentId,
      title: r.title,
      occurredAt: r.occurred_at,
      reportedBy: r.reported_by,
    })),
    total: Number(total),
  };
}
