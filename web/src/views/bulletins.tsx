// Bulletins: the list (published ones; the mission's staff also see drafts), one bulletin with its rendered text
// and its related items, and for editors a form that drafts a day's bulletin from the data.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import { useApi } from '../use-api.js';
import './print.css';

export type BulletinStatus = 'draft' | 'published' | 'published-with-changes';
export type RelatedReason = 'linked' | 'same-day' | 'links-here' | 'shares-incident';

export interface BulletinSummary {
  readonly id: string;
  readonly slug: string;
  readonly date: string;
  readonly title: string;
  readonly summary: string;
  readonly status: BulletinStatus;
  readonly version: number;
  readonly publishedVersion: number | null;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
}

export interface Bulletin extends BulletinSummary {
  readonly shownVersion: number;
  readonly markdown: string;
  /** Rendered by the server from the Markdown with raw HTML off: safe to insert. */
  readonly html: string;
  readonly editedAt: string;
  readonly editedBy: string | null;
  readonly note: string | null;
  readonly related: {
    readonly agreements: readonly { slug: string; title: string; reasons: readonly RelatedReason[] }[];
    readonly incidents: readonly {
      id: string;
      title: string;
      occurredAt: string;
      reasons: readonly RelatedReason[];
    }[];
    readonly bulletins: readonly {
      slug: string;
      title: string;
      date: string;
      reasons: readonly RelatedReason[];
    }[];
  };
}

interface BulletinPage {
  readonly items: readonly BulletinSummary[];
  readonly total: number;
}

const EDITORS = ['admin', 'editor'];

/** Whether the signed-in user drafts, edits and publishes bulletins (the server decides; this only shows controls). */
export function useMayEdit(): boolean {
  const { user } = useSession();
  return user !== null && user !== undefined && EDITORS.includes(user.role);
}

export function StatusBadge({ status }: { readonly status: BulletinStatus }) {
  const { t } = useTranslation();
  return <span className={`badge bulletin-${status}`}>{t(`bulletins.status.${status}`)}</span>;
}

function DraftForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.post<Bulletin & { unpublishedLeftOut: number }>('/bulletins/drafts', { date }).then(
      (drafted) => {
        void navigate(`/bulletins/${encodeURIComponent(drafted.slug)}/edit`, {
          state: { unpublishedLeftOut: drafted.unpublishedLeftOut },
        });
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError ? e.message : String(e));
      },
    );
  };

  return (
    <form className="panel draft-form" onSubmit={submit} data-correction-ignore>
      <h2>{t('bulletins.draftTitle')}</h2>
      <p className="muted">{t('bulletins.draftHelp')}</p>
      <label>
        {t('bulletins.date')}{' '}
        <input
          type="date"
          required
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </label>{' '}
      <button type="submit" disabled={busy || date === ''}>
        {t('bulletins.draft')}
      </button>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

const PAGE = 50;

export function BulletinsView() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const mayEdit = useMayEdit();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  usePageTitle(t('bulletins.title'));
  // Signing in or out changes what the list holds (drafts), so the user is part of the key.
  const loaded = useApi(`bulletins:${String(offset)}:${user?.id ?? ''}`, (signal) =>
    api.get<BulletinPage>('/bulletins', { limit: PAGE, offset }, signal),
  );
  return (
    <>
      <h1>{t('bulletins.title')}</h1>
      <p className="lead">{t('bulletins.intro')}</p>
      {mayEdit && <DraftForm />}
      <Await loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('bulletins.none')}</p>
          ) : (
            <>
              <ul className="cards bulletin-list">
                {page.items.map((b) => (
                  <li key={b.id} className="card">
                    <h2>
                      <Link to={`/bulletins/${encodeURIComponent(b.slug)}`}>{b.title}</Link>
                    </h2>
                    <p className="muted">
                      <time dateTime={b.date}>{format.day(b.date)}</time>{' '}
                      {b.status !== 'published' && <StatusBadge status={b.status} />}
                    </p>
                    <p>{b.summary}</p>
                  </li>
                ))}
              </ul>
              {page.total > PAGE && (
                <nav className="pager" aria-label={t('incidents.pages')}>
                  <button
                    type="button"
                    disabled={offset === 0}
                    onClick={() => {
                      setParams({ offset: String(Math.max(0, offset - PAGE)) });
                    }}
                  >
                    {t('incidents.previous')}
                  </button>{' '}
                  <button
                    type="button"
                    disabled={offset + PAGE >= page.total}
                    onClick={() => {
                      setParams({ offset: String(offset + PAGE) });
                    }}
                  >
                    {t('incidents.next')}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </Await>
    </>
  );
}

function Reasons({ reasons }: { readonly reasons: readonly RelatedReason[] }) {
  const { t } = useTranslation();
  return <span className="muted"> ({reasons.map((r) => t(`bulletins.reason.${r}`)).join(', ')})</span>;
}

/** The Related section: the agreements, incidents and other bulletins the bulletin touches. */
export function Related({ related }: { readonly related: Bulletin['related'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const empty = related.agreements.length + related.incidents.length + related.bulletins.length === 0;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">{t('bulletins.related')}</h2>
      {empty && <p className="muted">{t('bulletins.noRelated')}</p>}
      {related.agreements.length > 0 && (
        <>
          <h3>{t('bulletins.relatedAgreements')}</h3>
          <ul>
            {related.agreements.map((a) => (
              <li key={a.slug}>
                <Link to={`/agreements/${encodeURIComponent(a.slug)}`}>{a.title}</Link>
                <Reasons reasons={a.reasons} />
              </li>
            ))}
          </ul>
        </>
      )}
      {related.incidents.length > 0 && (
        <>
          <h3>{t('bulletins.relatedIncidents')}</h3>
          <ul>
            {related.incidents.map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>{' '}
                <time dateTime={i.occurredAt}>{format.day(i.occurredAt)}</time>
                <Reasons reasons={i.reasons} />
              </li>
            ))}
          </ul>
        </>
      )}
      {related.bulletins.length > 0 && (
        <>
          <h3>{t('bulletins.relatedBulletins')}</h3>
          <ul>
            {related.bulletins.map((b) => (
              <li key={b.slug}>
                <Link to={`/bulletins/${encodeURIComponent(b.slug)}`}>{b.title}</Link>
                <Reasons reasons={b.reasons} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function BulletinView() {
  const { t } = useTranslation();
  const format = useFormat();
  const { slug = '' } = useParams();
  const { user } = useSession();
  const mayEdit = useMayEdit();
  const loaded = useApi(`bulletin:${slug}:${user?.id ?? ''}`, (signal) =>
    api.get<Bulletin>(`/bulletins/${encodeURIComponent(slug)}`, {}, signal),
  );
  usePageTitle(loaded.state === 'ready' ? loaded.data.title : t('bulletins.title'));
  return (
    <Await loaded={loaded}>
      {(b) => (
        <article className="bulletin" data-record-type="bulletin" data-record-id={b.id}>
          <p className="breadcrumbs">
            <Link to="/bulletins">{t('bulletins.title')}</Link>
          </p>
          <h1>{b.title}</h1>
          <p className="meta muted">
            {t('bulletins.reportOn', { date: format.day(b.date) })}
            {b.publishedAt !== null && (
              <> · {t('bulletins.publishedOn', { date: format.day(b.publishedAt) })}</>
            )}
            {' · '}
            {t('bulletins.version', { version: b.shownVersion })}{' '}
            {b.status !== 'published' && <StatusBadge status={b.status} />}
          </p>
          {mayEdit && (
            <p className="no-print" data-correction-ignore>
              <Link to={`/bulletins/${encodeURIComponent(b.slug)}/edit`}>{t('bulletins.edit')}</Link>
            </p>
          )}
          <p className="lead">{b.summary}</p>
          {/* The server rendered this from Markdown with raw HTML disabled: a <script> in the text is text. */}
          <div className="markdown" dangerouslySetInnerHTML={{ __html: b.html }} />
          <Related related={b.related} />
        </article>
      )}
    </Await>
  );
}
