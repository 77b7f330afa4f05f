// The public corrections log: what readers suggested and editors applied, with the date, the page, the text as
// it was and what changed. Text is rendered as text; links go only to pages of this site.

import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useApi } from '../use-api.js';
import { QuoteInContext } from './dialog.js';
import type { Listing, LogEntry } from './types.js';

const PAGE_SIZE = 50;

export function CorrectionsLog() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('corrections.logView.title'));
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const loaded = useApi(`corrections-log:${offset}`, (signal) =>
    api.get<Listing<LogEntry>>('/corrections/log', { limit: PAGE_SIZE, offset }, signal),
  );
  return (
    <>
      <h1>{t('corrections.logView.title')}</h1>
      <p className="lead">{t('corrections.logView.intro')}</p>
      <Await loaded={loaded}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p className="muted">{t('corrections.logView.none')}</p>
          ) : (
            <>
              <p className="muted">{t('corrections.logCount', { count: total })}</p>
              <ol className="corrections-log" data-testid="corrections-log">
                {items.map((entry) => (
                  <li key={entry.id} className="card" data-correction={entry.id}>
                    <p>
                      <strong>{t('corrections.logView.applied')}</strong>{' '}
                      <time dateTime={entry.appliedAt}>{format.day(entry.appliedAt)}</time> ·{' '}
                      <span className="muted">{t('corrections.logView.page')}:</span>{' '}
                      <Link to={entry.target.source}>{entry.target.title ?? entry.target.source}</Link>
                    </p>
                    {entry.target.selector && (
                      <>
                        <p className="muted small">{t('corrections.logView.was')}</p>
                        <QuoteInContext selector={entry.target.selector} />
                      </>
                    )}
                    <p>
                      <span className="muted">{t('corrections.logView.change')}:</span> {entry.note}
                    </p>
                  </li>
                ))}
              </ol>
              {total > PAGE_SIZE && (
                <p className="actions">
                  <button
                    type="button"
                    disabled={offset === 0}
                    onClick={() => {
                      setParams({ offset: String(Math.max(0, offset - PAGE_SIZE)) });
                    }}
                  >
                    {t('incidents.previous')}
                  </button>
                  <button
                    type="button"
                    disabled={offset + PAGE_SIZE >= total}
                    onClick={() => {
                      setParams({ offset: String(offset + PAGE_SIZE) });
                    }}
                  >
                    {t('incidents.next')}
                  </button>
                </p>
              )}
            </>
          )
        }
      </Await>
    </>
  );
}
