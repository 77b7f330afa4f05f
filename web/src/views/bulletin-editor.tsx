// The editor's side of a bulletin: revise its title, summary and Markdown (each save a new version, the earlier
// ones kept), preview the text as it will be published, and publish the version reviewed. Loaded only when opened:
// the preview brings the Markdown renderer the server uses.

import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { renderMarkdown } from '../../../src/core/bulletins.js';
import { api, ApiError } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useApi } from '../use-api.js';
import { type Bulletin, Related, StatusBadge, useMayEdit } from './bulletins.js';

interface Versions {
  readonly version: number;
  readonly publishedVersion: number | null;
  readonly versions: readonly {
    version: number;
    title: string;
    note: string | null;
    editedBy: string;
    editedAt: string;
  }[];
}

interface Draft {
  title: string;
  summary: string;
  markdown: string;
}

function Editor({ initial, versions }: { readonly initial: Bulletin; readonly versions: Versions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const leftOut = (location.state as { unpublishedLeftOut?: number } | null)?.unpublishedLeftOut ?? 0;
  const [bulletin, setBulletin] = useState(initial);
  const [history, setHistory] = useState(versions);
  const [draft, setDraft] = useState<Draft>({
    title: initial.title,
    summary: initial.summary,
    markdown: initial.markdown,
  });
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('bulletins.editTitle', { title: bulletin.title }));

  const dirty =
    draft.title !== bulletin.title ||
    draft.summary !== bulletin.summary ||
    draft.markdown !== bulletin.markdown;
  const previewHtml = useMemo(
    () => (preview ? renderMarkdown(draft.markdown) : ''),
    [preview, draft.markdown],
  );

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);

  const refreshHistory = async (slug: string) => {
    setHistory(await api.get<Versions>(`/bulletins/${encodeURIComponent(slug)}/versions`));
  };

  const run = (work: () => Promise<Bulletin>, done: string) => {
    setBusy(true);
    setMessage(null);
    work().then(
      async (saved) => {
        setBulletin(saved);
        setDraft({ title: saved.title, summary: saved.summary, markdown: saved.markdown });
        setNote('');
        await refreshHistory(saved.slug);
        setMessage({ kind: 'done', text: done });
        setBusy(false);
      },
      (e: unknown) => {
        setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
        setBusy(false);
      },
    );
  };

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    run(
      () =>
        api.patch<Bulletin>(`/bulletins/${encodeURIComponent(bulletin.slug)}`, {
          version: bulletin.version,
          title: draft.title,
          summary: draft.summary,
          markdown: draft.markdown,
          ...(note.trim() === '' ? {} : { note }),
        }),
      t('bulletins.saved'),
    );
  };

  const publish = () => {
    run(
      () =>
        api.post<Bulletin>(`/bulletins/${encodeURIComponent(bulletin.slug)}/publish`, {
          version: bulletin.version,
        }),
      t('bulletins.publishedNow'),
    );
  };

  const published = bulletin.publishedVersion === bulletin.version;
  return (
    <div className="bulletin-editor" data-correction-ignore>
      <p className="breadcrumbs">
        <Link to="/bulletins">{t('bulletins.title')}</Link> ›{' '}
        <Link to={`/bulletins/${encodeURIComponent(bulletin.slug)}`}>{bulletin.title}</Link>
      </p>
      <h1>{t('bulletins.editTitle', { title: bulletin.title })}</h1>
      <p className="muted">
        {t('bulletins.reportOn', { date: format.day(bulletin.date) })} ·{' '}
        {t('bulletins.version', { version: bulletin.version })} <StatusBadge status={bulletin.status} />
      </p>
      {leftOut > 0 && <p className="notice">{t('bulletins.leftOut', { count: leftOut })}</p>}
      <form onSubmit={save} className="stack">
        <label>
          {t('bulletins.fieldTitle')}
          <input
            value={draft.title}
            required
            maxLength={300}
            onChange={(e) => {
              setDraft({ ...draft, title: e.target.value });
            }}
          />
        </label>
        <label>
          {t('bulletins.fieldSummary')}
          <textarea
            rows={2}
            value={draft.summary}
            required
            maxLength={1000}
            onChange={(e) => {
              setDraft({ ...draft, summary: e.target.value });
            }}
          />
        </label>
        <div className="tabs" role="group" aria-label={t('bulletins.fieldText')}>
          <button
            type="button"
            aria-pressed={!preview}
            onClick={() => {
              setPreview(false);
            }}
          >
            {t('bulletins.write')}
          </button>
          <button
            type="button"
            aria-pressed={preview}
            onClick={() => {
              setPreview(true);
            }}
          >
            {t('bulletins.preview')}
          </button>
        </div>
        {preview ? (
          // The same renderer as the server's, raw HTML off: what is shown here is what will be published.
          <div className="markdown preview" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        ) : (
          <label>
            {t('bulletins.fieldText')} <span className="muted">{t('bulletins.markdownHelp')}</span>
            <textarea
              className="markdown-source"
              rows={24}
              value={draft.markdown}
              required
              onChange={(e) => {
                setDraft({ ...draft, markdown: e.target.value });
              }}
            />
          </label>
        )}
        <label>
          {t('bulletins.fieldNote')}
          <input
            value={note}
            maxLength={2000}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </label>
        <p>
          <button type="submit" disabled={busy || !dirty}>
            {t('bulletins.save')}
          </button>{' '}
          <button type="button" disabled={busy || dirty || published} onClick={publish}>
            {t('bulletins.publish', { version: bulletin.version })}
          </button>{' '}
          {dirty && <span className="muted">{t('bulletins.saveFirst')}</span>}
        </p>
        {message !== null && (
          <p
            className={message.kind === 'error' ? 'error' : 'notice'}
            role={message.kind === 'error' ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
      </form>
      <h2>{t('bulletins.versions')}</h2>
      <ol className="versions">
        {[...history.versions].reverse().map((v) => (
          <li key={v.version}>
            {t('bulletins.version', { version: v.version })} · {format.utc(v.editedAt)}
            {v.note !== null && <> · {v.note}</>}
            {history.publishedVersion === v.version && <> · {t('bulletins.status.published')}</>}
          </li>
        ))}
      </ol>
      <Related related={bulletin.related} />
    </div>
  );
}

export function BulletinEditorView() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const mayEdit = useMayEdit();
  const loaded = useApi(`bulletin-edit:${slug}`, async (signal) => {
    const path = `/bulletins/${encodeURIComponent(slug)}`;
    const [bulletin, versions] = await Promise.all([
      api.get<Bulletin>(path, {}, signal),
      api.get<Versions>(`${path}/versions`, {}, signal),
    ]);
    return { bulletin, versions };
  });
  if (!mayEdit) return <p>{t('bulletins.editorsOnly')}</p>;
  return (
    <Await loaded={loaded}>
      {({ bulletin, versions }) => <Editor initial={bulletin} versions={versions} />}
    </Await>
  );
}
