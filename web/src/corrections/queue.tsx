// The editors' corrections queue: each reader's suggestion with the selected text in context, the comment and
// the contact; accept or reject it with a reply, then mark an accepted one applied with a note of what changed
// (which the public log shows). "Show on the page" opens the page with the quote found again and selected.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import { useApi } from '../use-api.js';
import { CORRECTION_LIMITS } from '../../../src/core/corrections.js';
import { QuoteInContext } from './dialog.js';
import { mayReview } from './footer.js';
import type { CorrectionRecord, Listing } from './types.js';

const VIEWS = ['open', 'submitted', 'accepted', 'applied', 'rejected', 'all'] as const;
type View = (typeof VIEWS)[number];

function isView(value: string | null): value is View {
  return (VIEWS as readonly (string | null)[]).includes(value);
}

/** The form an editor answers one correction with: a reply (accept or reject), or the note of what changed. */
function Answer({
  correction,
  onDone,
}: {
  readonly correction: CorrectionRecord;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const applying = correction.status === 'accepted';
  const act = (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    api.post(`/corrections/${encodeURIComponent(correction.id)}/${path}`, body).then(onDone, (e: unknown) => {
      setBusy(false);
      setError(e instanceof Error ? e.message : String(e));
    });
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (applying) act('apply', { note: text });
    else
      act('review', {
        decision: submitter?.getAttribute('value') === 'reject' ? 'reject' : 'accept',
        reply: text,
      });
  };
  const label = applying ? t('corrections.queueView.note') : t('corrections.queueView.reply');
  const help = applying ? t('corrections.queueView.noteHelp') : t('corrections.queueView.replyHelp');
  return (
    <form className="answer" onSubmit={submit}>
      <label>
        <span>{label}</span>
        <textarea
          rows={2}
          required
          maxLength={applying ? CORRECTION_LIMITS.note : CORRECTION_LIMITS.reply}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
        <span className="muted small">{help}</span>
      </label>
      {error !== null && (
        <p className="error" role="alert">
          {t('corrections.queueView.failed', { message: error })}
        </p>
      )}
      <div className="actions">
        {applying ? (
          <button type="submit" disabled={busy}>
            {t('corrections.queueView.apply')}
          </button>
        ) : (
          <>
            <button type="submit" value="accept" disabled={busy}>
              {t('corrections.queueView.accept')}
            </button>
            <button type="submit" value="reject" className="secondary" disabled={busy}>
              {t('corrections.queueView.reject')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}

function Item({
  correction,
  onDone,
}: {
  readonly correction: CorrectionRecord;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { target, review, applied } = correction;
  const headingId = `correction-${correction.id}`;
  return (
    <li className="card" data-correction={correction.id}>
      <h2 id={headingId} className="correction-heading">
        <span className={`badge correction-${correction.status}`}>
          {t(`corrections.queueView.status.${correction.status}`)}
        </span>{' '}
        <Link to={target.source}>{target.title ?? target.source}</Link>
      </h2>
      <p className="muted small">
        {t('corrections.queueView.submitted', { date: format.utc(correction.submittedAt) })}{' '}
        {correction.submittedBy === null
          ? t('corrections.queueView.byPublic')
          : t('corrections.queueView.bySignedIn', { person: correction.submittedBy })}
        {target.record && (
          <>
            {' '}
            · {t('corrections.queueView.record')}: {target.record.type} <code>{target.record.id}</code>
          </>
        )}
        {target.selector && (
          <>
            {' '}
            ·{' '}
            <Link to={`${target.source}#correction=${correction.id}`}>
              {t('corrections.queueView.showOnPage')}
            </Link>
          </>
        )}
      </p>
      <dl className="facts">
        <dt>{t('corrections.queueView.quote')}</dt>
        <dd>
          {target.selector ? (
            <QuoteInContext selector={target.selector} />
          ) : (
            <span className="muted">{t('corrections.queueView.noQuote')}</span>
          )}
        </dd>
        {correction.suggestion !== '' && (
          <>
            <dt>{t('corrections.queueView.suggestion')}</dt>
            <dd className="prewrap">{correction.suggestion}</dd>
          </>
        )}
        {correction.comment !== '' && (
          <>
            <dt>{t('corrections.queueView.comment')}</dt>
            <dd className="prewrap">{correction.comment}</dd>
          </>
        )}
        <dt>{t('corrections.queueView.contact')}</dt>
        <dd>{correction.contact ?? <span className="muted">{t('corrections.queueView.noContact')}</span>}</dd>
      </dl>
      {review && (
        <p className="small">
          {t('corrections.queueView.reviewed', {
            decision: t(`corrections.queueView.status.${review.decision}`),
            date: format.utc(review.at),
            person: review.by,
            reply: review.reply,
          })}
        </p>
      )}
      {applied && (
        <p className="small">
          {t('corrections.queueView.appliedOn', {
            date: format.utc(applied.at),
            person: applied.by,
            note: applied.note,
          })}
        </p>
      )}
      {(correction.status === 'submitted' || correction.status === 'accepted') && (
        <Answer correction={correction} onDone={onDone} />
      )}
    </li>
  );
}

export function CorrectionsQueue() {
  const { t } = useTranslation();
  usePageTitle(t('corrections.queueView.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: View = isView(requested) ? requested : 'open';
  // Bumped after each answer, so that the list is read again.
  const [round, setRound] = useState(0);
  const allowed = mayReview(user);
  const loaded = useApi(`corrections-queue:${view}:${round}:${allowed}`, (signal) =>
    allowed
      ? api.get<Listing<CorrectionRecord>>('/corrections', { view, limit: 200 }, signal)
      : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
  );

  if (user === undefined) return null;
  if (user === null)
    return (
      <>
        <h1>{t('corrections.queueView.title')}</h1>
        <p>
          <Link to="/sign-in?next=/review/corrections">{t('corrections.queueView.signInFirst')}</Link>
        </p>
      </>
    );
  if (!allowed)
    return (
      <>
        <h1>{t('corrections.queueView.title')}</h1>
        <p>{t('corrections.queueView.notAllowed', { role: user.role })}</p>
      </>
    );
  return (
    <>
      <h1>{t('corrections.queueView.title')}</h1>
      <nav aria-label={t('corrections.queueView.views')} className="tabs">
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <Link
                to={`?view=${v}`}
                aria-current={v === view ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setParams({ view: v });
                }}
              >
                {t(`corrections.queueView.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Await loaded={loaded}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p className="muted">{t('corrections.queueView.empty')}</p>
          ) : (
            <>
              <p className="muted">{t('corrections.queueCount', { count: total })}</p>
              <ol className="corrections-queue" data-testid="corrections-queue">
                {items.map((c) => (
                  <Item
                    key={c.id}
                    correction={c}
                    onDone={() => {
                      setRound((r) => r + 1);
                    }}
                  />
                ))}
              </ol>
            </>
          )
        }
      </Await>
    </>
  );
}
