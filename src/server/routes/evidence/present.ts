// Evidence as the API sends it, and stored files sent back as downloads that no browser will render in place.

import type { FastifyReply } from 'fastify';
import { type Actor, can } from '../../../core/policy.js';
import type { CustodyEvent, Evidence } from '../../../db/evidence.js';
import { ACCEPTED_TYPES, type EvidenceDownload } from '../../../services/evidence.js';

/**
 * One item. Its hashes, sizes and types are for everyone who may see the incident; who collected it, the name it
 * was uploaded under and a registered URL only for the mission's staff; the link to the sealed original only for
 * the roles that may view it. The public copy, when there is one, is linked for all.
 */
export function presentEvidence(evidence: Evidence, actor: Actor | null) {
  const sealed = can(actor, 'incident.read-sealed');
  const copy = evidence.publicCopy;
  return {
    id: evidence.id,
    incidentId: evidence.incidentId,
    kind: evidence.kind,
    sha256: evidence.sha256,
    mediaType: evidence.mediaType,
    sizeBytes: evidence.sizeBytes,
    description: evidence.description,
    capturedAt: evidence.capturedAt,
    collectedAt: evidence.collectedAt,
    collectedBy: sealed ? evidence.collectedBy : null,
    filename: sealed ? evidence.filename : null,
    url: sealed ? evidence.url : null,
    original:
      evidence.kind === 'file' && can(actor, 'evidence.view-sealed')
        ? `/api/v1/evidence/${evidence.id}/original`
        : null,
    publicCopy: copy && {
      sha256: copy.sha256,
      mediaType: copy.mediaType,
      sizeBytes: copy.sizeBytes,
      redactionNote: copy.redactionNote,
      href: `/api/v1/evidence/${evidence.id}/public`,
    },
  };
}

export function presentCustodyEvent(event: CustodyEvent) {
  return { seq: event.seq, at: event.at, actor: event.actor, action: event.action, note: event.note };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/json': '.json',
};

/**
 * Sends a stored file as an attachment named after the item (never after the uploaded name), with its accepted
 * media type, no content sniffing and a sandboxing content security policy, so that nothing uploaded is ever
 * rendered as a page of this site.
 */
export function sendDownload(
  reply: FastifyReply,
  download: EvidenceDownload,
  name: string,
  cacheControl: string,
): FastifyReply {
  const type = ACCEPTED_TYPES.includes(download.mediaType) ? download.mediaType : 'application/octet-stream';
  const textual = type.startsWith('text/') || type === 'application/json';
  return reply
    .header('content-type', textual ? `${type}; charset=utf-8` : type)
    .header('content-length', download.sizeBytes)
    .header('content-disposition', `attachment; filename="${name}${EXTENSIONS[type] ?? ''}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .header('etag', `"${download.sha256}"`)
    .send(download.stream);
}
