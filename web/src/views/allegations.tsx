// Allegations for the people who answer them: a liaison sees what awaits their party's reply, what their party
// alleged and everything concerning it; the mission's staff see every party's. Replies and new versions are
// filed from here as on the incident page.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { AllegationVersionForm, mayReply, maySupersede, ReplyForm } from '../components/allegation-forms.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import type { AllegationThread, Page, User } from '../types.js';
import { useApi } from '../use-api.js';

const VIEWS = ['awaiting', 'filed', 'all'] as const;
type View = (typeof VIEWS)[number];
const PAGE = 50;

function queryFor(view: View, offset: number): Record<string, string | number> {
  const base = { limit: PAGE, offset };
  if (view === 'awaiting') return { ...base, awaiting: 'reply' };
  if (view === 'filed') return { ...base, side: 'accuser' };
  return base;
}

function Thread({
  thread,
  user,
  onChanged,
}: {
  readonly thread: AllegationThread;
  readonly user: User;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const a = thread.allegation;
  return (
    <li className="side-by-side allegation" data-allegation={a.id} data-awaiting={thread.awaitingReply}>
      <div className="card">
        <p>
          <strong>{t('incident.alleges', { accuser: a.accuser, accused: a.accused })}</strong> ·{' '}
          <time dateTime={a.madeAt}>{format.day(a.madeAt)}</time>
          {a.version > 1 && (
            <span className="muted small"> · {t('liaison.version', { version: a.version })}</span>
          )}
        </p>
        <p>{a.summary}</p>
        <p className="small">
          <Link to={`/incidents/${thread.incidentId}`}>{t('liaison.openIncident')}</Link>
        </p>
        {maySupersede(user, a) && (
          <details>
            <summary>{t('liaison.newVersion')}</summary>
            <AllegationVersionForm allegation={a} idPrefix={`version-${a.id}`} onDone={onChanged} />
          </details>
        )}
      </div>
      <div className="card reply">
        {thread.reply ? (
          <div data-testid="reply">
            <p>
              <strong>{thread.reply.party}</strong> · {t(`liaison.kinds.${thread.reply.kind}`)} ·{' '}
              <time dateTime={thread.reply.madeAt}>{format.day(thread.reply.madeAt)}</time>
            </p>
            <p>{thread.reply.text}</p>
            {thread.awaitingReply && <p className="notice small">{t('liaison.answersEarlier')}</p>}
          </div>
        ) : (
          <p className="muted">{t('incident.noReplies')}</p>
        )}
        {mayReply(user, a) && (
          <details open={thread.awaitingReply}>
            <summary>{thread.reply ? t('liaison.newReplyVersion') : t('liaison.reply')}</summary>
            <ReplyForm
              allegationId={a.id}
              current={thread.reply}
              idPrefix={`reply-${a.id}`}
              onDone={onChanged}
            />
          </details>
        )}
      </div>
    </li>
  );
}

function Threads({
  view,
  offset,
  user,
}: {
  readonly view: View;
  readonly offset: number;
  readonly user: User;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [version, setVersion] = useState(0);
  const [, setParams] = useSearchParams();
  const loaded = useApi(`allegations:${view}:${offset}:${version}:${user.id}`, (signal) =>
    api.get<Page<AllegationThread>>('/allegations', queryFor(view, offset), signal),
  );
  return (
    <Await loaded={loaded}>
      {(page) => (
        <>
          <p role="status" data-testid="allegation-count">
            {t(`liaison.counts.${view}`, { count: page.total })}
          </p>
          {page.items.length === 0 ? null : (
            <ul className="plain threads">
              {page.items.map((thread) => (
                <Thread
                  key={thread.allegation.id}
                  thread={thread}
                  user={user}
                  onChanged={() => {
                    setVersion((v) => v + 1);
                  }}
                />
              ))}
            </ul>
          )}
          {page.total > PAGE && (
            <nav className="pager" aria-label={t('incidents.pages')}>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => {
                  setParams({ view, offset: String(Math.max(0, offset - PAGE)) });
                }}
              >
                {t('incidents.previous')}
              </button>
              <span>
                {t('incidents.range', {
                  from: format.number(offset + 1),
                  to: format.number(offset + page.items.length),
                  total: format.number(page.total),
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= page.total}
                onClick={() => {
                  setParams({ view, offset: String(offset + PAGE) });
                }}
              >
                {t('incidents.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </Await>
  );
}

export function AllegationsView() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('liaison.title'));
  // "Filed by my party" needs a party: staff, who speak for none, see the other two.
  const views = user?.party ? VIEWS : VIEWS.filter((v) => v !== 'filed');
  const asked = params.get('view');
  const view: View = (views as readonly (string | null)[]).includes(asked) ? (asked as View) : 'awaiting';
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? '0')) || 0);
  if (user === undefined) return null;
  if (user === null)
    return (
      <>
        <h1>{t('liaison.title')}</h1>
        <p>
          <Link to="/sign-in?next=/allegations">{t('liaison.signInFirst')}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>{t('liaison.title')}</h1>
      <p className="muted">
        {user.party ? t('liaison.forParty', { party: user.party }) : t('liaison.forStaff')}
      </p>
      <div className="tabs" role="group" aria-label={t('liaison.views')}>
        {views.map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={v === view}
            onClick={() => {
              setParams(v === 'awaiting' ? {} : { view: v });
            }}
          >
            {t(`liaison.viewNames.${v}`)}
          </button>
        ))}
      </div>
      <Threads view={view} offset={offset} user={user} />
    </>
  );
}
