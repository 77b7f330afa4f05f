// Evidence use cases: upload a file or register a URL for an incident, read the sealed original (which is logged
// in its chain of custody), attach a redacted public copy, and list what the actor may see of an incident's items.

import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TrucelineError } from '../core/errors.js';
import type { Incident } from '../core/model.js';
import { type Actor, personId, type Subject } from '../core/policy.js';
import {
  appendCustodyEvent,
  type CustodyAction,
  type CustodyEvent,
  custodyLog,
  type Evidence,
  evidenceOfIncident,
  findEvidence,
  findEvidenceRecord,
  insertEvidence,
  setPublicCopy,
} from '../db/evidence.js';
import type { Handle } from '../db/engine.js';
import { findIncident } from '../db/incidents.js';
import { createFileStore, type FileStore, sniff, type StagedFile } from '../io/files.js';
import { recordAudit } from './audit.js';
import { authorise, authoriseAttempt, inTransaction, type Services } from './context.js';
import { maySee } from './incidents.js';

/** The evidence store of an installation: `<dataDir>/evidence`, refusing files over `maxBytes`. */
export function evidenceStore(dataDir: string, maxBytes: number): FileStore {
  return createFileStore({ root: join(dataDir, 'evidence'), maxBytes });
}

/** Binary types: the declared type must be what the file's signature says it is. */
const BINARY_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4'] as const;
/** Text types: no binary signature, and UTF-8 without NUL bytes. */
const TEXT_TYPES = ['text/plain', 'text/csv', 'application/json'] as const;
/** Every type an evidence file may have; anything else (HTML and SVG above all) is refused. */
export const ACCEPTED_TYPES: readonly string[] = [...BINARY_TYPES, ...TEXT_TYPES];

/** A file received from a client and staged in the store, with the form fields sent beside it. */
export interface ReceivedFile<F> {
  readonly file: StagedFile;
  /** The media type the client declared for the file part. */
  readonly declaredType: string;
  readonly filename: string | null;
  readonly fields: F;
}

/**
 * Reads an upload into the store: called by a use case only once the actor has been authorised, so that no byte
 * of a refused upload is written. It discards the staged file itself if it fails after staging it.
 */
export type ReceiveFile<F> = (files: FileStore) => Promise<ReceivedFile<F>>;

export interface FileEvidenceFields {
  readonly description: string;
  readonly capturedAt?: string | undefined;
}

export interface UrlEvidenceInput {
  readonly url: string;
  readonly description: string;
  /** The SHA-256 of an archived copy its collector took (64 hex digits, lower-case). */
  readonly sha256?: string | undefined;
  readonly capturedAt?: string | undefined;
}

export interface PublicCopyFields {
  readonly redactionNote: string;
}

/** A stored file, ready to be streamed back. */
export interface EvidenceDownload {
  readonly evidence: Evidence;
  readonly sha256: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly stream: Readable;
}

function incidentNotFound(id: string): TrucelineError {
  return new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
}

function evidenceNotFound(id: string, why = ''): TrucelineError {
  return new TrucelineError('EVIDENCE_NOT_FOUND', `No evidence has the id "${id}"${why}.`);
}

/** The incident, if the actor may see it (an unpublished one is not found for whoever may not). */
async function visibleIncident(db: Handle, actor: Actor | null, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident || !maySee(actor, incident)) throw incidentNotFound(id);
  return incident;
}

/**
 * On whose behalf evidence for an incident is filed: the accusers of its allegations, as for the incident itself.
 * A liaison may add evidence only to incidents their party alone alleges.
 */
function uploadSubject(incident: Incident): Subject {
  return { parties: [...new Set(incident.allegations.map((a) => a.accuser))] };
}

function typeRefused(message: string, declaredType: string, detectedType: string | null): TrucelineError {
  return new TrucelineError('FILE_TYPE_NOT_ALLOWED', `file: ${message}`, {
    declaredType,
    detectedType,
    accepted: ACCEPTED_TYPES,
    issues: [{ path: 'file', message }],
  });
}

/**
 * The media type a received file is stored under, or FILE_TYPE_NOT_ALLOWED: the declared type must be on the
 * list and agree with the content (a binary type with its signature; a text type with UTF-8 and no signature).
 */
async function acceptedType(file: StagedFile, declared: string): Promise<string> {
  if (file.size === 0)
    throw new TrucelineError('VALIDATION_FAILED', 'file: is empty', {
      issues: [{ path: 'file', message: 'is empty' }],
    });
  const type = (declared.split(';')[0] ?? '').trim().toLowerCase();
  const content = await sniff(file.path);
  if ((BINARY_TYPES as readonly string[]).includes(type)) {
    if (content.mediaType === type) return type;
    throw typeRefused(
      `declared ${type}, but the content is ${content.mediaType ?? 'not of that format'}`,
      type,
      content.mediaType,
    );
  }
  if ((TEXT_TYPES as readonly string[]).includes(type)) {
    if (content.mediaType === null && content.text) return type;
    throw typeRefused(
      `declared ${type}, but the content is ${content.mediaType ?? 'not UTF-8 text'}`,
      type,
      content.mediaType,
    );
  }
  throw typeRefused(
    `${type || 'a file without a type'} is not accepted (accepted: ${ACCEPTED_TYPES.join(', ')}); with curl, name the type: -F "file=@photo.webp;type=image/webp"`,
    type,
    content.mediaType,
  );
}

/** The last part of an uploaded file's name, without control characters; null when nothing is left. */
function cleanFilename(name: string | null): string | null {
  if (name === null) return null;
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base === '' ? null : base.slice(0, 255);
}

interface CustodyEntry {
  readonly action: CustodyAction;
  readonly auditAction: string;
  readonly note?: string;
  readonly reason?: string;
  /** The change to the item that the event records (its creation, a public copy), made after `before` is read. */
  readonly change?: () => Promise<void>;
}

/**
 * Appends a custody event (after the change it records, if any) and the audit event of the item's new state,
 * inside the caller's transaction.
 */
async function logCustody(
  services: Services,
  trx: Handle,
  who: Actor,
  evidenceId: string,
  event: CustodyEntry,
): Promise<void> {
  const before = await findEvidenceRecord(trx, evidenceId);
  await event.change?.();
  await appendCustodyEvent(trx, services.newId(), {
    evidenceId,
    at: services.now().toISOString(),
    actor: personId(who),
    action: event.action,
    note: event.note ?? null,
  });
  await recordAudit(services, trx, {
    actor: who,
    action: event.auditAction,
    subjectType: 'evidence',
    subjectId: evidenceId,
    ...(before === null ? {} : { before }),
    after: await findEvidenceRecord(trx, evidenceId),
    reason: event.reason ?? null,
  });
}

/** Stores a new item and its `collected` custody event, audited as `evidence.add`. */
async function storeEvidence(services: Services, who: Actor, evidence: Evidence): Promise<Evidence> {
  return inTransaction(services, async (trx) => {
    await logCustody(services, trx, who, evidence.id, {
      action: 'collected',
      auditAction: 'evidence.add',
      change: () => insertEvidence(trx, evidence),
    });
    return evidence;
  });
}

/**
 * Uploads a file as evidence for an incident: authorised (a liaison only on their own party's incidents), then
 * received, hashed and type-checked, then stored by its SHA-256 and recorded with its custody event and audit
 * event. A refused upload leaves nothing behind.
 */
export async function addFileEvidence(
  services: Services,
  actor: Actor | null,
  incidentId: string,
  receive: ReceiveFile<FileEvidenceFields>,
): Promise<Evidence> {
  authoriseAttempt(actor, 'evidence.upload');
  const incident = await visibleIncident(services.db.kysely, actor, incidentId);
  const who = authorise(actor, 'evidence.upload', uploadSubject(incident));
  const upload = await receive(services.files);
  try {
    const mediaType = await acceptedType(upload.file, upload.declaredType);
    // A file whose record then fails to be written stays in the store, unreferenced and harmless.
    await upload.file.commit();
    return await storeEvidence(services, who, {
      id: services.newId(),
      incidentId: incident.id,
      kind: 'file',
      sha256: upload.file.sha256,
      mediaType,
      sizeBytes: upload.file.size,
      filename: cleanFilename(upload.filename),
      url: null,
      description: upload.fields.description,
      capturedAt: upload.fields.capturedAt ?? null,
      collectedBy: personId(who),
      collectedAt: services.now().toISOString(),
      publicCopy: null,
    });
  } finally {
    await upload.file.discard();
  }
}

/** Registers a URL as evidence for an incident, with the SHA-256 of an archived copy when its collector has one. */
export async function addUrlEvidence(
  services: Services,
  actor: Actor | null,
  incidentId: string,
  input: UrlEvidenceInput,
): Promise<Evidence> {
  authoriseAttempt(actor, 'evidence.upload');
  const incident = await visibleIncident(services.db.kysely, actor, incidentId);
  const who = authorise(actor, 'evidence.upload', uploadSubject(incident));
  return storeEvidence(services, who, {
    id: services.newId(),
    incidentId: incident.id,
    kind: 'url',
    sha256: input.sha256 ?? null,
    mediaType: null,
    sizeBytes: null,
    filename: null,
    url: input.url,
    description: input.description,
    capturedAt: input.capturedAt ?? null,
    collectedBy: personId(who),
    collectedAt: services.now().toISOString(),
    publicCopy: null,
  });
}

/** The evidence of an incident the actor may see, in the order it was collected. */
export async function listEvidence(
  services: Services,
  actor: Actor | null,
  incidentId: string,
): Promise<Evidence[]> {
  const incident = await visibleIncident(services.db.kysely, actor, incidentId);
  return evidenceOfIncident(services.db.kysely, incident.id);
}

async function existingEvidence(db: Handle, id: string): Promise<Evidence> {
  const evidence = await findEvidence(db, id);
  if (!evidence) throw evidenceNotFound(id);
  return evidence;
}

async function download(
  services: Services,
  evidence: Evidence,
  file: { sha256: string; mediaType: string; sizeBytes: number },
): Promise<EvidenceDownload> {
  if (!(await services.files.has(file.sha256)))
    throw new TrucelineError(
      'EVIDENCE_FILE_MISSING',
      `The stored file ${file.sha256} of evidence ${evidence.id} is missing: run truceline audit verify.`,
    );
  return { evidence, ...file, stream: services.files.read(file.sha256) };
}

/**
 * The sealed original of a file item, for the roles that may view it (admin, verifier). Every fetch is logged: a
 * `viewed` custody event and its audit event, written before the first byte is sent.
 */
export async function openOriginal(
  services: Services,
  actor: Actor | null,
  evidenceId: string,
): Promise<EvidenceDownload> {
  const who = authorise(actor, 'evidence.view-sealed');
  const evidence = await existingEvidence(services.db.kysely, evidenceId);
  if (evidence.kind !== 'file' || evidence.sha256 === null || evidence.mediaType === null)
    throw evidenceNotFound(evidenceId, ': it is a URL, with no stored file');
  const opened = await download(services, evidence, {
    sha256: evidence.sha256,
    mediaType: evidence.mediaType,
    sizeBytes: evidence.sizeBytes ?? 0,
  });
  try {
    await inTransaction(services, (trx) =>
      logCustody(services, trx, who, evidenceId, { action: 'viewed', auditAction: 'evidence.view' }),
    );
  } catch (error) {
    opened.stream.destroy();
    throw error;
  }
  return opened;
}

/** An item's custody log, oldest first, for the roles that may view sealed originals. */
export async function custodyOf(
  services: Services,
  actor: Actor | null,
  evidenceId: string,
): Promise<CustodyEvent[]> {
  authorise(actor, 'evidence.view-sealed');
  await existingEvidence(services.db.kysely, evidenceId);
  return custodyLog(services.db.kysely, evidenceId);
}

/**
 * Attaches a redacted copy for the public (replacing an earlier one); the original stays sealed and unchanged.
 * Logged as a `redacted-copy-added` custody event, audited as `evidence.redact` with the note as its reason.
 */
export async function addPublicCopy(
  services: Services,
  actor: Actor | null,
  evidenceId: string,
  receive: ReceiveFile<PublicCopyFields>,
): Promise<Evidence> {
  const who = authorise(actor, 'evidence.redact');
  await existingEvidence(services.db.kysely, evidenceId);
  const upload = await receive(services.files);
  try {
    const mediaType = await acceptedType(upload.file, upload.declaredType);
    await upload.file.commit();
    const { sha256, size } = upload.file;
    const note = upload.fields.redactionNote;
    return await inTransaction(services, async (trx) => {
      await logCustody(services, trx, who, evidenceId, {
        action: 'redacted-copy-added',
        auditAction: 'evidence.redact',
        note: `public copy ${sha256}`,
        reason: note,
        change: () =>
          setPublicCopy(trx, evidenceId, { sha256, mediaType, sizeBytes: size, redactionNote: note }),
      });
      return existingEvidence(trx, evidenceId);
    });
  } finally {
    await upload.file.discard();
  }
}

/**
 * The redacted public copy, to whoever may see the incident (anyone once it is published; staff before, to check
 * it). Not found when the incident is hidden from the actor or the item has no public copy.
 */
export async function openPublicCopy(
  services: Services,
  actor: Actor | null,
  evidenceId: string,
): Promise<EvidenceDownload & { readonly published: boolean }> {
  const db = services.db.kysely;
  const evidence = await findEvidence(db, evidenceId);
  const incident = evidence && (await findIncident(db, evidence.incidentId));
  if (!evidence || !incident || !maySee(actor, incident)) throw evidenceNotFound(evidenceId);
  if (!evidence.publicCopy) throw evidenceNotFound(evidenceId, ': it has no public copy');
  const { sha256, mediaType, sizeBytes } = evidence.publicCopy;
  const opened = await download(services, evidence, { sha256, mediaType, sizeBytes });
  return { ...opened, published: incident.publishedAt !== null };
}

/**
 * Logs that items left the mission in an export: one `exported` custody event (and its audit event) per item,
 * inside the export's own transaction. For the exports to come.
 */
export async function recordEvidenceExported(
  services: Services,
  trx: Handle,
  actor: Actor,
  evidenceIds: readonly string[],
  note: string,
): Promise<void> {
  for (const id of evidenceIds)
    await logCustody(services, trx, actor, id, { action: 'exported', auditAction: 'evidence.export', note });
}
