// The form a reader suggests a correction in: a modal <dialog> (focus kept inside, Escape closes, focus returns
// where it was) showing the selected text in its context, with the suggested wording, a comment and an optional
// contact. Everything the reader and the server say is rendered as text.

import { useEffect, useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CORRECTION_LIMITS } from '../../../src/core/corrections.js';
import { api } from '../api.js';
import type { Captured } from './page-text.js';

/** What the form sends besides the reader's words: the page and what was selected on it. */
export interface Suggesting extends Captured {
  readonly source: string;
  readonly title: string;
}

/** The selected text between an ellipsis-led prefix and suffix, the quote marked. */
export function QuoteInContext({ selector }: { readonly selector: NonNullable<Captured['selector']> }) {
  return (
    <blockquote className="correction-quote">
      {selector.prefix !== '' && <span className="muted">…{selector.prefix}</span>}
      <mark>{selector.exact}</mark>
      {selector.suffix !== '' && <span className="muted">{selector.suffix}…</span>}
    </blockquote>
  );
}

export function CorrectionDialog({
  suggesting,
  onClose,
}: {
  readonly suggesting: Suggesting;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const exact = suggesting.selector?.exact ?? '';
  const [suggestion, setSuggestion] = useState(exact);
  const [comment, setComment] = useState('');
  const [contact, setContact] = useState('');
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [error, setError] = useState<string | null>(null);

  // Removing the element when the form unmounts ends the modal state; closing it here too would fire a late
  // `close` event on React's second mount in development.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const send = () => {
    // The wording as selected is no suggestion: then only the comment says what is wrong.
    const wording = suggestion.trim() === exact.trim() ? '' : suggestion;
    if (wording.trim() === '' && comment.trim() === '') {
      setError(t('corrections.dialog.needed'));
      return;
    }
    setState('sending');
    setError(null);
    api
      .post('/corrections', {
        target: {
          source: suggesting.source,
          title: suggesting.title.slice(0, CORRECTION_LIMITS.title),
          record: suggesting.record,
          selector: suggesting.selector,
        },
        suggestion: wording,
        comment,
        contact: contact.trim() === '' ? null : contact.trim(),
      })
      .then(
        () => {
          setState('sent');
        },
        (e: unknown) => {
          setState('editing');
          setError(e instanceof Error ? e.message : String(e));
        },
      );
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };
  // Ctrl+Enter, which opened the form, sends it.
  const keys = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && state === 'editing') {
      event.preventDefault();
      send();
    }
  };

  return (
    <dialog
      ref={ref}
      className="correction-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      data-correction-ignore
    >
      <h2 id={`${id}-title`}>{t('corrections.dialog.title')}</h2>
      {state === 'sent' ? (
        <>
          <p role="status">{t('corrections.dialog.thanks')}</p>
          <div className="actions">
            <button type="button" autoFocus onClick={() => ref.current?.close()}>
              {t('corrections.dialog.close')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} onKeyDown={keys} noValidate>
          <p className="muted small">{t('corrections.dialog.intro')}</p>
          {suggesting.selector ? (
            <figure>
              <figcaption>{t('corrections.dialog.selected')}</figcaption>
              <QuoteInContext selector={suggesting.selector} />
            </figure>
          ) : (
            <p className="muted">{t('corrections.dialog.nothingSelected')}</p>
          )}
          <label>
            <span>{t('corrections.dialog.suggestion')}</span>
            <textarea
              rows={3}
              maxLength={CORRECTION_LIMITS.suggestion}
              value={suggestion}
              autoFocus
              onChange={(e) => {
                setSuggestion(e.target.value);
              }}
            />
          </label>
          <label>
            <span>{t('corrections.dialog.comment')}</span>
            <textarea
              rows={3}
              maxLength={CORRECTION_LIMITS.comment}
              value={comment}
              aria-describedby={`${id}-comment-help`}
              onChange={(e) => {
                setComment(e.target.value);
              }}
            />
            <span id={`${id}-comment-help`} className="muted small">
              {t('corrections.dialog.commentHelp')}
            </span>
          </label>
          <label>
            <span>{t('corrections.dialog.contact')}</span>
            <input
              type="text"
              autoComplete="email"
              maxLength={CORRECTION_LIMITS.contact}
              value={contact}
              aria-describedby={`${id}-contact-help`}
              onChange={(e) => {
                setContact(e.target.value);
              }}
            />
            <span id={`${id}-contact-help`} className="muted small">
              {t('corrections.dialog.contactHelp')}
            </span>
          </label>
          {error !== null && (
            <p className="error" role="alert">
              {t('corrections.dialog.failed', { message: error })}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={state === 'sending'}>
              {state === 'sending' ? t('corrections.dialog.sending') : t('corrections.dialog.send')}
            </button>
            <button type="button" className="secondary" onClick={() => ref.current?.close()}>
              {t('corrections.dialog.cancel')}
            </button>
            <span className="muted small">{t('corrections.dialog.keys')}</span>
          </div>
        </form>
      )}
    </dialog>
  );
}
