// The right of reply in the app: the accused party's reply (or a new version of it), and a new version of an
// allegation by the party that made it. Records are never edited: each form files a new version.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { browserOffset, localNow, localToIso } from '../draft.js';
import { REPLY_KINDS, type Allegation, type Reply, type ReplyKind, type User } from '../types.js';
import { describedBy, Field, SubmitError, useSubmission } from './form.js';

/** Whether the user may answer for the accused party (their liaison; an admin for any party). */
export function mayReply(user: User | null | undefined, allegation: Pick<Allegation, 'accused'>): boolean {
  return user?.role === 'admin' || (user?.role === 'liaison' && user.party === allegation.accused);
}

/** Whether the user may file a new version of the allegation (its party's liaison; admin, editor, monitor). */
export function maySupersede(
  user: User | null | undefined,
  allegation: Pick<Allegation, 'accuser'>,
): boolean {
  if (!user) return false;
  if (user.role === 'liaison') return user.party === allegation.accuser;
  return user.role === 'admin' || user.role === 'editor' || user.role === 'monitor';
}

const iso = (local: string) => localToIso(local, browserOffset(local)) ?? local;
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function ReplyForm({
  allegationId,
  current,
  idPrefix,
  onDone,
}: {
  readonly allegationId: string;
  /** The current reply: the form then files its new version. */
  readonly current: Reply | null;
  readonly idPrefix: string;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const submission = useSubmission();
  const [kind, setKind] = useState<ReplyKind>(current?.kind ?? 'denial');
  const [text, setText] = useState('');
  const [madeAt, setMadeAt] = useState(localNow());
  const [source, setSource] = useState('');
  const id = (name: string) => `${idPrefix}-${name}`;
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { kind, text, madeAt: iso(madeAt), source: orNull(source) };
    const path = current
      ? `/replies/${encodeURIComponent(current.id)}/versions`
      : `/allegations/${encodeURIComponent(allegationId)}/replies`;
    void submission
      .run(() => api.post(path, body))
      .then((r) => {
        if (r !== undefined) {
          setText('');
          onDone();
        }
      });
  };
  return (
    <form
      className="reply-form"
      onSubmit={submit}
      aria-label={current ? t('liaison.newReplyVersion') : t('liaison.reply')}
    >
      <Field id={id('kind')} label={t('liaison.kind')} error={submission.fields['kind']}>
        <select
          id={id('kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ReplyKind);
          }}
        >
          {REPLY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`liaison.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('text')} label={t('liaison.text')} error={submission.fields['text']}>
        <textarea
          id={id('text')}
          required
          rows={3}
          value={text}
          aria-describedby={describedBy(id('text'), false, submission.fields['text'])}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </Field>
      <div className="field-row">
        <Field id={id('made-at')} label={t('liaison.madeAt')} error={submission.fields['madeAt']}>
          <input
            id={id('made-at')}
            type="datetime-local"
            required
            value={madeAt}
            onChange={(e) => {
              setMadeAt(e.target.value);
            }}
          />
        </Field>
        <Field
          id={id('source')}
          label={t('liaison.source')}
          hint={t('liaison.sourceHint')}
          error={submission.fields['source']}
        >
          <input
            id={id('source')}
            value={source}
            aria-describedby={describedBy(id('source'), true, submission.fields['source'])}
            onChange={(e) => {
              setSource(e.target.value);
            }}
          />
        </Field>
      </div>
      <SubmitError error={submission.error} />
      <button type="submit" disabled={submission.busy}>
        {current ? t('liaison.newReplyVersion') : t('liaison.sendReply')}
      </button>
    </form>
  );
}

export function AllegationVersionForm({
  allegation,
  idPrefix,
  onDone,
}: {
  readonly allegation: Allegation;
  readonly idPrefix: string;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const submission = useSubmission();
  const [summary, setSummary] = useState(allegation.summary);
  const [madeAt, setMadeAt] = useState(localNow());
  const [source, setSource] = useState(allegation.source ?? '');
  const id = (name: string) => `${idPrefix}-${name}`;
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { summary, madeAt: iso(madeAt), source: orNull(source) };
    void submission
      .run(() => api.post(`/allegations/${encodeURIComponent(allegation.id)}/versions`, body))
      .then((r) => {
        if (r !== undefined) onDone();
      });
  };
  return (
    <form className="reply-form" onSubmit={submit} aria-label={t('liaison.newVersion')}>
      <Field id={id('summary')} label={t('liaison.summary')} error={submission.fields['summary']}>
        <textarea
          id={id('summary')}
          required
          rows={3}
          value={summary}
          onChange={(e) => {
            setSummary(e.target.value);
          }}
        />
      </Field>
      <div className="field-row">
        <Field id={id('made-at')} label={t('liaison.madeAt')} error={submission.fields['madeAt']}>
          <input
            id={id('made-at')}
            type="datetime-local"
            required
            value={madeAt}
            onChange={(e) => {
              setMadeAt(e.target.value);
            }}
          />
        </Field>
        <Field id={id('source')} label={t('liaison.source')} error={submission.fields['source']}>
          <input
            id={id('source')}
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
            }}
          />
        </Field>
      </div>
      <SubmitError error={submission.error} />
      <button type="submit" disabled={submission.busy}>
        {t('liaison.fileVersion')}
      </button>
    </form>
  );
}
