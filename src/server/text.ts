// Text both engines can store. PostgreSQL refuses U+0000 in text while SQLite keeps it, so a NUL in any
// string of a request is refused at the edge, naming where it is, before it can reach either engine. So is a
// lone UTF-16 surrogate (`"\ud800"` is valid JSON but no Unicode text): written as UTF-8 it would come back as
// U+FFFD, a different string from the one the audit event hashed.

import { TrucelineError } from '../core/errors.js';
import { issuePath } from './errors.js';

/** A value still to visit, with the key it sits under and its parent, so that a path is built only for a hit. */
interface Visit {
  readonly value: unknown;
  readonly key: string | null;
  readonly parent: Visit | null;
}

/** A string that cannot be stored as it is, and why. */
export interface UnstorableText {
  readonly segments: string[];
  readonly message: string;
}

/** In a `u` regular expression a surrogate pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not Unicode text';
  return null;
}

/**
 * Every string in `value` that cannot be stored, with its path (as segments), in document order. Iterative, so
 * that a body nested thousands of levels deep is walked like any other instead of overflowing the call stack.
 */
export function unstorableText(value: unknown, at: readonly string[] = []): UnstorableText[] {
  const found: UnstorableText[] = [];
  const stack: Visit[] = [{ value, key: null, parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      const message = problemOf(current);
      if (message === null) continue;
      const segments: string[] = [];
      for (let v: Visit | null = visit; v?.key != null; v = v.parent) segments.push(v.key);
      found.push({ segments: [...at, ...segments.reverse()], message });
    } else if (current !== null && typeof current === 'object') {
      const entries = Array.isArray(current)
        ? current.map((item, i) => [String(i), item] as const)
        : Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] ?? [];
        if (key !== undefined) stack.push({ value: item, key, parent: visit });
      }
    }
  }
  return found;
}

/** Throws VALIDATION_FAILED naming every parameter, query value or body field with a NUL or a lone surrogate. */
export function refuseNul(request: { params: unknown; query: unknown; body: unknown }): void {
  const parts = { params: request.params, querystring: request.query, body: request.body };
  const issues = Object.entries(parts).flatMap(([part, value]) =>
    unstorableText(value).map(({ segments, message }) => ({ path: issuePath(segments, part), message })),
  );
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new TrucelineError('VALIDATION_FAILED', message, { issues });
  }
}
