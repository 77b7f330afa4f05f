// Evidence and its chain of custody. An item's original (a stored file's hash, or a URL) is written once; only
// its redacted public copy may be set later. Custody events are appended and never updated or deleted: this
// module has no statement that would.

import type { Handle } from './engine.js';
import type { CustodyEventsTable, EvidenceTable } from './schema.js';

export type EvidenceKind = 'file' | 'url';

export const CUSTODY_ACTIONS = ['collected', 'viewed', 'exported', 'redacted-copy-added'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** A redacted copy for the public (a blurred photo, a document with a name blacked out). */
export interface PublicCopy {
  readonly sha256: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly redactionNote: string;
}

/**
 * One item of evidence: a file kept in the file store by its SHA-256, or a URL (with, optionally, the SHA-256 of
 * an archived copy that its collector took).
 */
export interface Evidence {
  readonly id: string;
  readonly incidentId: string;
  readonly kind: EvidenceKind;
  readonly sha256: string | null;
  readonly mediaType: string | null;
  readonly sizeBytes: number | null;
  /** The name the file was uploaded under (sealed: it may name a person or place). */
  readonly filename: string | null;
  readonly url: string | null;
  readonly description: string;
  /** When the photo, video or document was made, as its collector states it. */
  readonly capturedAt: string | null;
  /** The person who collected it (see `personId`). */
  readonly collectedBy: string;
  readonly collectedAt: string;
  readonly publicCopy: PublicCopy | null;
}

export interface CustodyEvent {
  readonly evidenceId: string;
  /** 1, 2, 3, ... in the order the events were appended. */
  readonly seq: number;
  readonly at: string;
  /** The person who acted (see `personId`). */
  readonly actor: string;
  readonly action: CustodyAction;
  readonly note: string | null;
}

/** An item with its whole custody log: what its audit events commit to. */
export interface EvidenceRecord extends Evidence {
  readonly custody: readonly CustodyEvent[];
}

function evidenceFromRow(row: EvidenceTable): Evidence {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind as EvidenceKind,
    sha256: row.sha256,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    filename: row.filename,
    url: row.url,
    description: row.description,
    capturedAt: row.captured_at,
    collectedBy: row.collected_by,
    collectedAt: row.collected_at,
    publicCopy:
      row.public_sha256 === null
        ? null
        : {
            sha256: row.public_sha256,
            mediaType: row.public_media_type ?? 'application/octet-stream',
            sizeBytes: row.public_size_bytes ?? 0,
            redactionNote: row.redaction_note ?? '',
          },
  };
}

function custodyFromRow(row: CustodyEventsTable): CustodyEvent {
  return {
    evidenceId: row.evidence_id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action as CustodyAction,
    note: row.note,
  };
}

export async function insertEvidence(trx: Handle, evidence: Evidence): Promise<void> {
  await trx
    .insertInto('evidence')
    .values({
      id: evidence.id,
      incident_id: evidence.incidentId,
      kind: evidence.kind,
      sha256: evidence.sha256,
      media_type: evidence.mediaType,
      size_bytes: evidence.sizeBytes,
      filename: evidence.filename,
      url: evidence.url,
      description: evidence.description,
      captured_at: evidence.capturedAt,
      collected_by: evidence.collectedBy,
      collected_at: evidence.collectedAt,
      public_sha256: evidence.publicCopy?.sha256 ?? null,
      public_media_type: evidence.publicCopy?.mediaType ?? null,
      public_size_bytes: evidence.publicCopy?.sizeBytes ?? null,
      redaction_note: evidence.publicCopy?.redactionNote ?? null,
    })
    .execute();
}

/** Attaches (or replaces) the redacted public copy; the original's columns are not touched. */
export async function setPublicCopy(trx: Handle, id: string, copy: PublicCopy): Promise<void> {
  await trx
    .updateTable('evidence')
    .set({
      public_sha256: copy.sha256,
      public_media_type: copy.mediaType,
      public_size_bytes: copy.sizeBytes,
      redaction_note: copy.redactionNote,
    })
    .where('id', '=', id)
    .execute();
}

export async function findEvidence(db: Handle, id: string): Promise<Evidence | null> {
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? evidenceFromRow(row) : null;
}

/** The evidence of one incident, in the order it was collected. */
export async function evidenceOfIncident(db: Handle, incidentId: string): Promise<Evidence[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('collected_at')
    .orderBy('id')
    .execute();
  return rows.map(evidenceFromRow);
}

/** Every item that refers to a stored file (its original, its public copy or both). */
export async function evidenceWithFiles(db: Handle): Promise<Evidence[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where((eb) => eb.or([eb('kind', '=', 'file'), eb('public_sha256', 'is not', null)]))
    .orderBy('id')
    .execute();
  return rows.map(evidenceFromRow);
}

/**
 * Appends one custody event as the next of its item. Writers are serialised (every write transaction holds the
 * audit-chain lock), so reading the last `seq` and inserting the next cannot race; the unique index on
 * (evidence_id, seq) would refuse it if it did.
 */
export async function appendCustodyEvent(
  trx: Handle,
  id: string,
  event: Omit<CustodyEvent, 'seq'>,
): Promise<CustodyEvent> {
  const last = await trx
    .selectFrom('custody_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('evidence_id', '=', event.evidenceId)
    .executeTakeFirst();
  const appended: CustodyEvent = { ...event, seq: (last?.seq ?? 0) + 1 };
  await trx
    .insertInto('custody_events')
    .values({
      id,
      evidence_id: appended.evidenceId,
      seq: appended.seq,
      at: appended.at,
      actor: appended.actor,
      action: appended.action,
      note: appended.note,
    })
    .execute();
  return appended;
}

/** One item's custody log, oldest first. */
export async function custodyLog(db: Handle, evidenceId: string): Promise<CustodyEvent[]> {
  const rows = await db
    .selectFrom('custody_events')
    .selectAll()
    .where('evidence_id', '=', evidenceId)
    .orderBy('seq')
    .execute();
  return rows.map(custodyFromRow);
}

/** An item with its custody log, as its audit events digest it; null when there is no such item. */
export async function findEvidenceRecord(db: Handle, id: string): Promise<EvidenceRecord | null> {
  const evidence = await findEvidence(db, id);
  return evidence ? { ...evidence, custody: await custodyLog(db, id) } : null;
}
