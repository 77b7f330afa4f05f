// Text both engines can store. PostgreSQL refuses U+0000 in text while SQLite keeps it, so a NUL in any
// string of a request is refused at the edge, naming where it is, before it can reach either engine.

import { TrucelineError } from '../core/errors.js';
import { issuePath } from './errors.js';

/** The paths (as segments) of every string in `value` that contains U+0000. */
export function nulPaths(value: unknown, at: readonly string[] = []): string[][] {
  if (typeof value === 'string') return value.includes('\u0000') ? [[...at]] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulPaths(item, [...at, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nulPaths(item, [...at, key]));
  }
  return [];
}

/** Throws VALIDATION_FAILED naming every parameter, query value or body field that contains a NUL. */
export function refuseNul(request: { params: unknown; query: unknown; body: unknown }): void {
  const parts = { params: request.params, querystring: request.query, body: request.body };
  const issues = Object.entries(parts).flatMap(([part, value]) =>
    nulPaths(value).map((segments) => ({
      path: issuePath(segments, part),
      message: 'contains a NUL character (U+0000)',
    })),
  );
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new TrucelineError('VALIDATION_FAILED', message, { issues });
  }
}
