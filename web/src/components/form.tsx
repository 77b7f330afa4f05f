// Small form pieces shared by the work views: a field with its label and the server's message for it, and the
// state of a submission (busy, refused, done).

import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { issuesByField } from '../refusals.js';

/** A labelled control; `error` (the server's word on this field) is tied to it for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint small muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="error small" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The ids a control names in `aria-describedby`: its hint and its error, when shown. */
export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export interface Submission {
  readonly busy: boolean;
  readonly error: unknown;
  /** Field name → the server's message. */
  readonly fields: Record<string, string>;
  /** Runs the write; returns its result, or undefined when it was refused (the error is kept). */
  readonly run: <T>(write: () => Promise<T>) => Promise<T | undefined>;
  readonly reset: () => void;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(write: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await write();
    } catch (e: unknown) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
  }, []);
  return { busy, error, fields: issuesByField(error), run, reset };
}

/** The refusal as a sentence, for errors not tied to one field. */
export function SubmitError({ error }: { readonly error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const message = error instanceof Error ? error.message : t('app.error', { message: '' });
  const code = error instanceof ApiError ? error.code : null;
  return (
    <p className="error" role="alert" data-code={code ?? undefined}>
      {t('work.refused', { message })}
    </p>
  );
}
