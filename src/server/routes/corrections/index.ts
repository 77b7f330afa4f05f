// Readers' corrections: anyone suggests one (rate-limited per client, size-limited, stripped of markup);
// editors work the queue; the public reads the log of applied corrections. Contacts and the queue stay private.

import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Correction, CORRECTION_BODY_LIMIT } from '../../../core/corrections.js';
import { TrucelineError } from '../../../core/errors.js';
import type { Services } from '../../../services/context.js';
import {
  applyCorrection,
  correctionLog,
  correctionQueue,
  getCorrection,
  reviewCorrection,
  submitCorrection,
} from '../../../services/corrections.js';
import { bearer } from '../plugin.js';
import {
  applyBody,
  appliedCorrection,
  correctionShape,
  idParams,
  logQuery,
  logResponse,
  queueQuery,
  queueResponse,
  receiptShape,
  reviewedCorrection,
  reviewBody,
  submitCorrectionBody,
} from './schema.js';

/** How many corrections one client may send in a window. */
export interface CorrectionRateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** Twenty an hour: plenty for a reader, little for a flood. `TRUCELINE_CORRECTIONS_PER_HOUR` changes it. */
export const DEFAULT_CORRECTION_RATE_LIMIT: CorrectionRateLimit = { max: 20, windowMs: 3_600_000 };

/** A window in words: `hour`, `minute`, `10 minutes`. */
function windowWords(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes === 1 ? 'minute' : `${minutes} minutes`;
}

function present(c: Correction) {
  return {
    id: c.id,
    status: c.status,
    target: c.target,
    suggestion: c.suggestion,
    comment: c.comment,
    contact: c.contact,
    submittedAt: c.submittedAt,
    submittedBy: c.submittedBy,
    review: c.review,
    applied: c.applied,
  };
}

export const correctionRoutes: FastifyPluginAsyncZod<{
  services: Services;
  rateLimit?: CorrectionRateLimit | undefined;
}> = async (app, { services, rateLimit = DEFAULT_CORRECTION_RATE_LIMIT }) => {
  const tags = ['corrections'];
  // Registered here, so that it limits only the routes that ask for it (the submission). Its counts live in this
  // process's memory: several processes behind a balancer each allow the limit (see docs/corrections.md).
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TrucelineError(
        'RATE_LIMITED',
        `Too many corrections from this address: at most ${context.max} per ${windowWords(rateLimit.windowMs)}. Try again in ${context.after}.`,
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });

  app.post(
    '/corrections',
    {
      schema: {
        tags,
        summary: 'Suggest a correction to a public page (anyone; rate-limited per client)',
        description:
          'Text is limited in size, refused with control characters, and stored as plain text with markup removed. ' +
          `The body may be at most ${CORRECTION_BODY_LIMIT / 1024} KiB. Too many submissions from one client get 429 with Retry-After.`,
        body: submitCorrectionBody,
        response: { 201: receiptShape },
      },
      bodyLimit: CORRECTION_BODY_LIMIT,
      config: { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.windowMs } },
      // A body over the limit is named as such, with the limit, rather than in Fastify's words. Whatever this
      // handler throws goes on to the app's one error handler.
      errorHandler: (error: FastifyError) => {
        if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
        throw new TrucelineError(
          'PAYLOAD_TOO_LARGE',
          `body: a correction may be at most ${CORRECTION_BODY_LIMIT / 1024} KiB`,
          {
            issues: [{ path: 'body', message: `larger than ${CORRECTION_BODY_LIMIT} bytes` }],
            limit: CORRECTION_BODY_LIMIT,
          },
        );
      },
    },
    async (request, reply) => {
      const stored = await submitCorrection(services, request.actor, request.body);
      return reply.status(201).send({
        id: stored.id,
        status: stored.status,
        submittedAt: stored.submittedAt,
        target: stored.target,
        suggestion: stored.suggestion,
        comment: stored.comment,
        contactGiven: stored.contact !== null,
      });
    },
  );

  app.get(
    '/corrections',
    {
      schema: {
        tags,
        summary: "The editors' queue of readers' corrections, oldest first, with contacts",
        querystring: queueQuery,
        security: bearer,
        response: { 200: queueResponse },
      },
    },
    async (request) => {
      const page = await correctionQueue(services, request.actor, request.query);
      const { limit, offset } = request.query;
      return { items: page.items.map(present), total: page.total, limit, offset };
    },
  );

  app.get(
    '/corrections/log',
    {
      schema: {
        tags,
        summary: 'The public corrections log: applied corrections with their date, the latest first',
        querystring: logQuery,
        response: { 200: logResponse },
      },
    },
    async (request) => {
      const { recordType, recordId, limit, offset } = request.query;
      const record = recordType && recordId ? { type: recordType, id: recordId } : undefined;
      const page = await correctionLog(services, { record, limit, offset });
      return {
        items: page.items.map((c) => ({
          id: c.id,
          appliedAt: c.applied?.at ?? c.submittedAt,
          note: c.applied?.note ?? '',
          target: c.target,
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );

  app.get(
    '/corrections/:id',
    {
      schema: {
        tags,
        summary: 'One correction with its answers and the reader’s contact (editors)',
        params: idParams,
        security: bearer,
        response: { 200: correctionShape },
      },
    },
    async (request) => present(await getCorrection(services, request.actor, request.params.id)),
  );

  app.post(
    '/corrections/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept or reject a submitted correction, with a reply',
        params: idParams,
        body: reviewBody,
        security: bearer,
        response: { 200: reviewedCorrection },
      },
    },
    async (request) =>
      present(await reviewCorrection(services, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/corrections/:id/apply',
    {
      schema: {
        tags,
        summary: 'Mark an accepted correction applied, saying what changed; it joins the public log',
        params: idParams,
        body: applyBody,
        security: bearer,
        response: { 200: appliedCorrection },
      },
    },
    async (request) =>
      present(await applyCorrection(services, request.actor, request.params.id, request.body)),
  );
};
