// Corrections on every page: the page's footer (a "Suggest a correction" button, which works on touch screens
// and without a selection, and the log), the Ctrl+Enter shortcut on public pages, and, for editors following
// "Show on the page" from the queue (`#correction=<id>`), the stored quote found again and selected.

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isRole, mayAttempt } from '../../../src/core/policy.js';
import type { AnchorMethod } from '../../../src/core/corrections.js';
import { api } from '../api.js';
import { useSession } from '../session.js';
import type { User } from '../types.js';
import { CorrectionDialog, type Suggesting } from './dialog.js';
import { capture, locate } from './page-text.js';
import type { CorrectionRecord } from './types.js';
import './corrections.css';

/** Pages for the public, where readers suggest corrections; the editors' and sign-in pages are not. */
export function isPublicPage(pathname: string): boolean {
  return !/^\/(review|sign-in)(\/|$)/.test(pathname);
}

/** Whether the signed-in user may work the corrections queue (the policy table's `correction.review`). */
export function mayReview(user: User | null | undefined): boolean {
  if (!user || !isRole(user.role)) return false;
  return mayAttempt(
    { kind: 'user', id: user.id, email: user.email, role: user.role, party: user.party },
    'correction.review',
  );
}

function mainElement(): HTMLElement | null {
  return document.getElementById('main');
}

/** Inside a field the reader types in, Ctrl+Enter belongs to the field (or its form). */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Finds the correction named in `#correction=<id>` on this page once its content has loaded, and selects it. */
function useShowCorrection(
  enabled: boolean,
): { method: AnchorMethod | 'missing'; dismiss: () => void } | null {
  const { hash, pathname } = useLocation();
  const id = /^#correction=([\w-]+)$/.exec(hash)?.[1] ?? null;
  const [found, setFound] = useState<{ id: string; method: AnchorMethod | 'missing' } | null>(null);
  useEffect(() => {
    if (!enabled || id === null) return;
    let done = false;
    let observer: MutationObserver | undefined;
    const controller = new AbortController();
    const finish = (method: AnchorMethod | 'missing') => {
      done = true;
      observer?.disconnect();
      clearTimeout(timer);
      setFound({ id, method });
    };
    // The page loads its own data: try again as it renders, and give up after a few seconds.
    const timer = setTimeout(() => {
      if (!done) finish('missing');
    }, 5000);
    void api
      .get<CorrectionRecord>(`/corrections/${encodeURIComponent(id)}`, undefined, controller.signal)
      .then((correction) => {
        const selector = correction.target.selector;
        const root = mainElement();
        if (selector === null || root === null) {
          finish('missing');
          return;
        }
        const attempt = () => {
          const where = locate(root, selector);
          if (where === null) return;
          const selection = window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(where.range);
          where.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          finish(where.anchor.method);
        };
        attempt();
        if (!done) {
          observer = new MutationObserver(attempt);
          observer.observe(root, { childList: true, subtree: true, characterData: true });
        }
      })
      .catch(() => {
        if (!controller.signal.aborted) finish('missing');
      });
    return () => {
      done = true;
      controller.abort();
      observer?.disconnect();
      clearTimeout(timer);
    };
  }, [enabled, id, pathname]);
  const dismiss = useCallback(() => {
    setFound(null);
  }, []);
  return found !== null && found.id === id ? { method: found.method, dismiss } : null;
}

export function CorrectionsFooter() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const { user } = useSession();
  const [suggesting, setSuggesting] = useState<Suggesting | null>(null);
  // The selection as it was when the button was pressed: a tap on a touch screen may clear it before the click.
  const pressed = useRef<Suggesting | null>(null);
  const open = isPublicPage(pathname);
  const reviewer = mayReview(user);
  const shown = useShowCorrection(reviewer);

  const captureNow = useCallback((): Suggesting | null => {
    const root = mainElement();
    if (root === null) return null;
    return {
      ...capture(root, window.getSelection()),
      source: `${pathname}${search}`,
      title: document.title,
    };
  }, [pathname, search]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey)
        return;
      if (typing(event.target) || document.querySelector('dialog[open]')) return;
      const now = captureNow();
      if (now === null) return;
      event.preventDefault();
      setSuggesting(now);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [open, captureNow]);

  return (
    <footer className="site" data-correction-ignore>
      {shown && (
        <p className="anchor-status" role="status">
          {t(`corrections.anchor.${shown.method}`)}{' '}
          <button type="button" className="link" onClick={shown.dismiss}>
            {t('corrections.anchor.dismiss')}
          </button>
        </p>
      )}
      <ul>
        {open && (
          <li>
            <button
              type="button"
              className="link"
              aria-haspopup="dialog"
              onPointerDown={() => {
                pressed.current = captureNow();
              }}
              onClick={() => {
                setSuggesting(pressed.current ?? captureNow());
                pressed.current = null;
              }}
            >
              {t('corrections.suggest')}
            </button>{' '}
            <span className="muted small">({t('corrections.suggestHint')})</span>
          </li>
        )}
        <li>
          <Link to="/corrections">{t('corrections.log')}</Link>
        </li>
        {reviewer && (
          <li>
            <Link to="/review/corrections">{t('corrections.queue')}</Link>
          </li>
        )}
      </ul>
      {suggesting && (
        <CorrectionDialog
          suggesting={suggesting}
          onClose={() => {
            setSuggesting(null);
          }}
        />
      )}
    </footer>
  );
}
