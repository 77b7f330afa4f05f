// Evidence: upload a file or register a URL for an incident, list an incident's items, fetch the sealed original
// (logged in its custody) or the redacted public copy, attach a public copy, read the custody log.

import type { FastifyRequest } from 'fastify';
import { TrucelineError } from '../../../core/errors.js';
import {
  addFileEvidence,
  addPublicCopy,
  addUrlEvidence,
  custodyOf,
  listEvidence,
  openOriginal,
  openPublicCopy,
} from '../../../services/evidence.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import { presentCustodyEvent, presentEvidence, sendDownload } from './present.js';
import {
  addEvidenceBody,
  byContentType,
  custodyResponse,
  evidenceListResponse,
  evidenceParams,
  evidenceResponse,
  fileEvidenceFields,
  incidentParams,
  originalDownload,
  publicCopyBody,
  publicCopyFields,
  publicDownload,
  type UrlEvidenceBody,
} from './schema.js';
import { receiveUpload } from './upload.js';

function notMultipart(what: string): TrucelineError {
  return new TrucelineError('UNSUPPORTED_MEDIA_TYPE', `The body must be ${what}.`);
}

/** The JSON body of a URL registration; the validator has checked it against `urlEvidenceBody`. */
function urlBody(request: FastifyRequest): UrlEvidenceBody {
  if (request.mediaType !== 'application/json')
    throw notMultipart('multipart/form-data (to upload a file) or JSON (to register a URL)');
  return request.body as UrlEvidenceBody;
}

export const evidenceRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['evidence'];
  const config = { swaggerTransform: byContentType };

  app.post(
    '/incidents/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Add evidence to an incident: upload a file (multipart) or register a URL (JSON)',
        params: incidentParams,
        body: addEvidenceBody,
        security: bearer,
        response: { 201: evidenceResponse },
      },
      config,
    },
    async (request, reply) => {
      const { id } = request.params;
      const evidence = request.isMultipart()
        ? await addFileEvidence(services, request.actor, id, receiveUpload(request, fileEvidenceFields))
        : await addUrlEvidence(services, request.actor, id, urlBody(request));
      return reply.status(201).send(presentEvidence(evidence, request.actor));
    },
  );

  app.get(
    '/incidents/:id/evidence',
    {
      schema: {
        tags,
        summary: "An incident's evidence: hashes, sizes, types and links",
        params: incidentParams,
        response: { 200: evidenceListResponse },
      },
    },
    async (request) => ({
      items: (await listEvidence(services, request.actor, request.params.id)).map((e) =>
        presentEvidence(e, request.actor),
      ),
    }),
  );

  app.get(
    '/evidence/:id/original',
    {
      schema: {
        tags,
        summary: 'Download the sealed original (logged in its chain of custody)',
        params: evidenceParams,
        security: bearer,
        response: { 200: originalDownload },
      },
      // A HEAD request would log a view without sending the file.
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      const download = await openOriginal(services, request.actor, request.params.id);
      return sendDownload(reply, download, `evidence-${download.evidence.id}`, 'private, no-store');
    },
  );

  app.get(
    '/evidence/:id/custody',
    {
      schema: {
        tags,
        summary: 'The chain of custody of an item',
        params: evidenceParams,
        security: bearer,
        response: { 200: custodyResponse },
      },
    },
    async (request) => ({
      items: (await custodyOf(services, request.actor, request.params.id)).map(presentCustodyEvent),
    }),
  );

  app.post(
    '/evidence/:id/public-copy',
    {
      schema: {
        tags,
        summary: 'Attach a redacted copy for the public; the original stays sealed',
        params: evidenceParams,
        body: publicCopyBody,
        security: bearer,
        response: { 201: evidenceResponse },
      },
      config,
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw notMultipart('multipart/form-data, with the file and its redaction note');
      const evidence = await addPublicCopy(
        services,
        request.actor,
        request.params.id,
        receiveUpload(request, publicCopyFields),
      );
      return reply.status(201).send(presentEvidence(evidence, request.actor));
    },
  );

  app.get(
    '/evidence/:id/public',
    {
      schema: {
        tags,
        summary: 'Download the public copy of an item of a published incident',
        params: evidenceParams,
        response: { 200: publicDownload },
      },
    },
    async (request, reply) => {
      const download = await openPublicCopy(services, request.actor, request.params.id);
      // Before publication only staff may fetch it: no shared cache may keep it then.
      const cache = download.published ? 'public, max-age=300' : 'private, no-store';
      return sendDownload(reply, download, `evidence-${download.evidence.id}-public`, cache);
    },
  );
};
