// The one error handler: every failure leaves as `{ error: { code, message, details } }` with a catalogue code.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CATALOGUE, type ErrorCode, type FieldIssue, TrucelineError } from '../core/errors.js';
import { isBusy } from '../db/constraints.js';

/** Seconds a client is asked to wait before sending a write again when the database was busy. */
const BUSY_RETRY_SECONDS = 1;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function errorBody(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): ErrorBody {
  return { error: { code, message, details } };
}

interface ValidationItem {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** Fastify's own errors that are the client's fault, mapped to catalogue codes. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/**
 * The path of a field as clients see it: `/readouts/0/key` in the body is `readouts.0.key`; in the query string,
 * `query.limit`; in the URL, `params.id`. The body itself is `body`.
 */
export function issuePath(segments: readonly string[], part: string): string {
  if (part === 'body') return segments.length > 0 ? segments.join('.') : 'body';
  return [part === 'querystring' ? 'query' : part, ...segments].join('.');
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A write that waited too long for another's lock: inTransaction names it, other writes arrive as the engine's error.
  const known = error instanceof TrucelineError ? error : isBusy(error) ? new TrucelineError('BUSY') : null;
  if (known) {
    if (known.code === 'BUSY') void reply.header('retry-after', String(BUSY_RETRY_SECONDS));
    return reply.status(known.status).send(errorBody(known.code, known.message, { ...known.details }));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? 'body';
    const validation = error.validation as readonly ValidationItem[];
    const issues: FieldIssue[] = validation.flatMap((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      const message = v.message ?? 'invalid';
      // An unknown key is reported on its parent; name each key itself.
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
        return keys.map((k) => ({
          path: issuePath([...segments, String(k)], part),
          message: `Unrecognized key: "${String(k)}"`,
        }));
      }
      return [{ path: issuePath(segments, part), message }];
    });
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return reply.status(400).send(errorBody('VALIDATION_FAILED', message, { issues }));
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) {
    return reply.status(ERROR_CATALOGUE[mapped].status).send(errorBody(mapped, error.message));
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const code: ErrorCode =
      error.statusCode === 429
        ? 'RATE_LIMITED'
        : error.statusCode === 413
          ? 'PAYLOAD_TOO_LARGE'
          : 'VALIDATION_FAILED';
    return reply.status(error.statusCode).send(errorBody(code, error.message));
  }
  if (isResponseSerializationError(error))
    request.log.error({ err: error.cause }, 'response did not match its schema');
  else request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', ERROR_CATALOGUE.INTERNAL.message));
}
