// Reading a multipart/form-data upload as a stream: the part named `file` goes straight into the file store (never
// into memory), the other parts are form fields checked against a schema once the whole body has been read.

import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type FieldIssue, TrucelineError } from '../../../core/errors.js';
import type { StagedFile } from '../../../io/files.js';
import type { ReceiveFile } from '../../../services/evidence.js';

function invalid(issues: readonly FieldIssue[]): TrucelineError {
  return new TrucelineError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
    issues,
  });
}

/** Field problems as clients see them: each unknown field named on its own, a missing field by its name. */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'not a field of this form' }))
      : [{ path: issue.path.length > 0 ? issue.path.join('.') : 'body', message: issue.message }],
  );
}

/** What the multipart reader's own errors mean to the client; anything else is a body that cannot be read. */
function multipartProblem(error: unknown): TrucelineError {
  if (error instanceof TrucelineError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_FILES_LIMIT') return invalid([{ path: 'file', message: 'send one file per request' }]);
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
    return invalid([{ path: 'body', message: 'too many form fields' }]);
  const message = error instanceof Error ? error.message : String(error);
  return invalid([{ path: 'body', message: `not a readable multipart/form-data body (${message})` }]);
}

/**
 * Receives a multipart upload: exactly one file part named `file`, plus the form fields of `fields`. Used by the
 * evidence use cases once they have authorised the actor.
 */
export function receiveUpload<F>(request: FastifyRequest, fields: z.ZodType<F>): ReceiveFile<F> {
  return async (files) => {
    const values: Record<string, string> = {};
    const issues: FieldIssue[] = [];
    let staged: StagedFile | null = null;
    let declaredType = '';
    let filename: string | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || staged !== null) {
            part.file.resume();
            throw invalid([{ path: part.fieldname, message: 'send one file, in a part named "file"' }]);
          }
          staged = await files.stage(part.file);
          declaredType = part.mimetype;
          filename = part.filename || null;
        } else if (part.valueTruncated) {
          issues.push({ path: part.fieldname, message: 'too long' });
        } else if (part.fieldname in values) {
          issues.push({ path: part.fieldname, message: 'sent more than once' });
        } else {
          values[part.fieldname] = String(part.value);
        }
      }
      if (staged === null)
        issues.push({ path: 'file', message: 'a part named "file" with the file is required' });
      const parsed = fields.safeParse(values);
      if (!parsed.success) issues.push(...fieldIssues(parsed.error));
      if (issues.length > 0 || staged === null || !parsed.success) throw invalid(issues);
      return { file: staged, declaredType, filename, fields: parsed.data };
    } catch (error) {
      await staged?.discard();
      throw multipartProblem(error);
    }
  };
}
