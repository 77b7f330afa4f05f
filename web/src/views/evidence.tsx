// An incident's evidence: each item with its SHA-256, size and type, its public copy, and for the mission's staff
// who collected it, the sealed original and the chain of custody; and the form that adds a file or a link.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { describedBy, Field, SubmitError, useSubmission } from '../components/form.js';
import { Await, Failure, Loading } from '../components/status.js';
import { browserOffset, localToIso } from '../draft.js';
import { useFormat } from '../format.js';
import type { CustodyEvent, Evidence, User } from '../types.js';
import { useApi, type Loaded } from '../use-api.js';

/** The roles that may add evidence (a liaison only on incidents their party filed: the server decides). */
export function mayAddEvidence(user: User | null | undefined): boolean {
  return ['admin', 'editor', 'verifier', 'monitor', 'liaison'].includes(user?.role ?? '');
}

/** The roles that may read custody logs and download sealed originals. */
const mayViewSealed = (user: User | null | undefined) => user?.role === 'admin' || user?.role === 'verifier';

function Custody({ evidenceId }: { readonly evidenceId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const loaded: Loaded<{ items: CustodyEvent[] }> = useApi(`custody:${evidenceId}`, (signal) =>
    api.get(`/evidence/${encodeURIComponent(evidenceId)}/custody`, undefined, signal),
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <Failure error={loaded.error} />;
  return (
    <table className="custody">
      <caption>{t('evidence.custody')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('evidence.when')}</th>
          <th scope="col">{t('evidence.action')}</th>
          <th scope="col">{t('evidence.who')}</th>
        </tr>
      </thead>
      <tbody>
        {loaded.data.items.map((e) => (
          <tr key={e.seq}>
            <td className="num">{e.seq}</td>
            <td>{format.utc(e.at)}</td>
            <td>
              {t(`evidence.actions.${e.action}`, { defaultValue: e.action })}
              {e.note && <span className="muted small"> · {e.note}</span>}
            </td>
            <td>
              <code className="small">{e.actor}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Item({ item, user }: { readonly item: Evidence; readonly user: User | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [custody, setCustody] = useState(false);
  return (
    <li className="card evidence-item" data-evidence={item.id}>
      <p>
        <strong>{item.description}</strong> · {t(`evidence.kinds.${item.kind}`)}
        {item.mediaType && ` · ${item.mediaType}`}
        {item.sizeBytes !== null && ` · ${t('evidence.bytes', { size: format.number(item.sizeBytes) })}`}
      </p>
      {item.sha256 && (
        <p className="small">
          {t('incident.sha256')}: <code className="hash">{item.sha256}</code>
        </p>
      )}
      <p className="small muted">
        {item.capturedAt && `${t('evidence.captured', { date: format.utc(item.capturedAt) })} · `}
        {t('evidence.collected', { date: format.utc(item.collectedAt) })}
        {item.collectedBy &&
          ` · ${t('evidence.by', { who: item.collectedBy === user?.id ? t('ruling.you') : item.collectedBy })}`}
        {item.filename && ` · ${item.filename}`}
      </p>
      {item.url && (
        <p className="small">
          <a href={item.url} rel="noopener noreferrer nofollow">
            {item.url}
          </a>
        </p>
      )}
      <p className="small">
        {item.original && (
          <a href={item.original} download>
            {t('evidence.original')}
          </a>
        )}
        {item.original && item.publicCopy && ' · '}
        {item.publicCopy && (
          <a href={item.publicCopy.href} download>
            {t('evidence.publicCopy', { note: item.publicCopy.redactionNote })}
          </a>
        )}
      </p>
      {mayViewSealed(user) && (
        <>
          <button
            type="button"
            aria-expanded={custody}
            onClick={() => {
              setCustody((c) => !c);
            }}
          >
            {custody ? t('evidence.hideCustody') : t('evidence.showCustody')}
          </button>
          {custody && <Custody evidenceId={item.id} />}
        </>
      )}
    </li>
  );
}

function AddEvidence({ incidentId, onAdded }: { readonly incidentId: string; readonly onAdded: () => void }) {
  const { t } = useTranslation();
  const submission = useSubmission();
  const [mode, setMode] = useState<'file' | 'url'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [capturedAt, setCapturedAt] = useState('');
  const [inputKey, setInputKey] = useState(0);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const captured = capturedAt
      ? (localToIso(capturedAt, browserOffset(capturedAt)) ?? undefined)
      : undefined;
    const path = `/incidents/${encodeURIComponent(incidentId)}/evidence`;
    void submission
      .run(() => {
        if (mode === 'url')
          return api.post<Evidence>(path, {
            url,
            description,
            ...(captured ? { capturedAt: captured } : {}),
          });
        const form = new FormData();
        form.set('description', description);
        if (captured) form.set('capturedAt', captured);
        if (file) form.set('file', file, file.name);
        return api.upload<Evidence>(path, form);
      })
      .then((added) => {
        if (added === undefined) return;
        setDescription('');
        setUrl('');
        setFile(null);
        setCapturedAt('');
        setInputKey((k) => k + 1);
        onAdded();
      });
  };

  return (
    <form className="card add-evidence" onSubmit={submit} aria-labelledby="h-add-evidence">
      <h3 id="h-add-evidence">{t('evidence.add')}</h3>
      <fieldset className="inline">
        <legend>{t('evidence.what')}</legend>
        {(['file', 'url'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="evidence-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
              }}
            />{' '}
            {t(`evidence.kinds.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'file' ? (
        <Field
          id="evidence-file"
          label={t('evidence.file')}
          hint={t('evidence.fileHint')}
          error={submission.fields['file']}
        >
          <input
            key={inputKey}
            id="evidence-file"
            type="file"
            required
            accept="image/jpeg,image/png,image/webp,application/pdf,video/mp4,text/plain,text/csv,application/json"
            aria-describedby={describedBy('evidence-file', true, submission.fields['file'])}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
            }}
          />
        </Field>
      ) : (
        <Field id="evidence-url" label={t('evidence.url')} error={submission.fields['url']}>
          <input
            id="evidence-url"
            type="url"
            required
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
            }}
          />
        </Field>
      )}
      <Field
        id="evidence-description"
        label={t('evidence.description')}
        error={submission.fields['description']}
      >
        <textarea
          id="evidence-description"
          required
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </Field>
      <Field id="evidence-captured" label={t('evidence.capturedAt')} error={submission.fields['capturedAt']}>
        <input
          id="evidence-captured"
          type="datetime-local"
          value={capturedAt}
          onChange={(e) => {
            setCapturedAt(e.target.value);
          }}
        />
      </Field>
      <SubmitError error={submission.error} />
      <button type="submit" disabled={submission.busy}>
        {submission.busy ? t('evidence.uploading') : t('evidence.submit')}
      </button>
    </form>
  );
}

export function EvidencePanel({
  incidentId,
  user,
}: {
  readonly incidentId: string;
  readonly user: User | null | undefined;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`evidence:${incidentId}:${version}:${user?.id ?? ''}`, (signal) =>
    api.get<{ items: Evidence[] }>(
      `/incidents/${encodeURIComponent(incidentId)}/evidence`,
      undefined,
      signal,
    ),
  );
  return (
    <section aria-labelledby="h-evidence" data-testid="evidence">
      <h2 id="h-evidence">{t('incident.evidence')}</h2>
      <Await loaded={loaded}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('incident.noEvidence')}</p>
          ) : (
            <ul className="cards">
              {items.map((item) => (
                <Item key={item.id} item={item} user={user} />
              ))}
            </ul>
          )
        }
      </Await>
      {mayAddEvidence(user) && (
        <AddEvidence
          incidentId={incidentId}
          onAdded={() => {
            setVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}
