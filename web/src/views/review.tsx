// The review queue: what awaits the signed-in verifier among unpublished incidents (GET /review-queue), grouped
// by kind, most urgent first: violations only they can confirm, rulings, occurrences to review, findings ready
// to publish. The queue is computed over a window of incidents; the page says so and pages on.

import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import { groupQueue } from '../queue.js';
import type { QueueItem, QueueKind, ReviewQueue } from '../types.js';
import { useApi } from '../use-api.js';

const WINDOW = 200;

function Group({ kind, items }: { readonly kind: QueueKind; readonly items: readonly QueueItem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby={`h-queue-${kind}`} data-queue={kind}>
      <h2 id={`h-queue-${kind}`}>
        {t(`queue.kinds.${kind}`)} <span className="count">{format.number(items.length)}</span>
      </h2>
      <p className="muted small">{t(`queue.help.${kind}`)}</p>
      <ul className="queue">
        {items.map((item) => (
          <li key={`${item.incident.id}-${item.agreement?.id ?? ''}`} className="card">
            <Link to={`/incidents/${item.incident.id}#h-finding`}>{item.incident.title}</Link>
            <p className="small muted">
              <time dateTime={item.incident.occurredAt}>{format.day(item.incident.occurredAt)}</time>
              {item.agreement && ` · ${item.agreement.title ?? item.agreement.slug ?? item.agreement.id}`}
              {item.occurrence && ` · ${t(`occurrence.${item.occurrence}`)}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Queue({ offset }: { readonly offset: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, setParams] = useSearchParams();
  const loaded = useApi(`queue:${offset}`, (signal) =>
    api.get<ReviewQueue>('/review-queue', { limit: WINDOW, offset }, signal),
  );
  if (loaded.state === 'error' && loaded.error instanceof ApiError && loaded.error.status === 403)
    return <p data-testid="queue-forbidden">{t('queue.notYours')}</p>;
  return (
    <Await loaded={loaded}>
      {(queue) => {
        const groups = groupQueue(queue.items);
        const { examined, unpublished } = queue.window;
        const more = offset + examined < unpublished;
        return (
          <>
            <p role="status" data-testid="queue-window">
              {t('queue.window', {
                from: format.number(unpublished === 0 ? 0 : offset + 1),
                to: format.number(offset + examined),
                total: format.number(unpublished),
              })}
            </p>
            {groups.length === 0 ? (
              <p data-testid="queue-empty">{t('queue.empty')}</p>
            ) : (
              groups.map((g) => <Group key={g.kind} kind={g.kind} items={g.items} />)
            )}
            <nav className="pager" aria-label={t('incidents.pages')}>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => {
                  setParams(offset - WINDOW > 0 ? { offset: String(offset - WINDOW) } : {});
                }}
              >
                {t('incidents.previous')}
              </button>
              <button
                type="button"
                disabled={!more}
                onClick={() => {
                  setParams({ offset: String(offset + WINDOW) });
                }}
              >
                {t('queue.nextWindow')}
              </button>
            </nav>
          </>
        );
      }}
    </Await>
  );
}

export function ReviewView() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params] = useSearchParams();
  usePageTitle(t('review.title'));
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? '0')) || 0);
  return (
    <>
      <h1>{t('review.title')}</h1>
      {user === undefined ? null : user ? (
        <>
          <p className="muted">{t('review.role', { role: t(`roles.${user.role}`) })}</p>
          <Queue offset={offset} />
        </>
      ) : (
        <p>
          <Link to="/sign-in?next=/review">{t('review.signInFirst')}</Link>
        </p>
      )}
    </>
  );
}
