// One expert group: the issue board (a column per status, waiting-on badges), each issue's thread with a form for
// members to post to it, the members by party, the meetings and decisions in time order, and what the issues
// link to (agreements, incidents).

import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ISSUE_TRANSITIONS, type IssueStatus } from '../../../src/core/expert-groups.js';
import { api, ApiError } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import { useApi } from '../use-api.js';
import {
  CountsLine,
  type GroupDetail,
  type Issue,
  type IssueDetail,
  type IssueLinks,
  StatusBadge,
  WaitingBadge,
} from './expert-groups.js';

function LinkList({ links }: { readonly links: IssueLinks }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = [
    ...links.agreements.map((a) => (
      <li key={`a-${a.slug}`}>
        <Link to={`/agreements/${a.slug}`}>{a.title ?? a.slug}</Link>
      </li>
    )),
    ...links.provisions.map((p) => (
      <li key={`p-${p.agreement}-${p.readout}-${p.provision}`}>
        <Link to={`/agreements/${p.agreement}`}>
          {p.issuer ?? p.readout} {p.provision}
        </Link>
        {p.quote && <span className="muted"> “{p.quote}”</span>}
      </li>
    )),
    ...links.conditions.map((c) => (
      <li key={`c-${c.agreement}-${c.condition}`}>
        <Link to={`/agreements/${c.agreement}`}>
          {t('groups.condition', { party: c.party ?? '?', key: c.condition })}
        </Link>
        {c.status && <span className="muted"> ({c.status})</span>}
      </li>
    )),
    ...links.incidents.map((i) => (
      <li key={`i-${i.id}`}>
        <Link to={`/incidents/${i.id}`}>{i.title}</Link>{' '}
        <span className="muted small">{format.day(i.occurredAt)}</span>
      </li>
    )),
  ];
  if (items.length === 0) return null;
  return <ul className="plain small">{items}</ul>;
}

function PostForm({
  slug,
  issue,
  parties,
  onPosted,
}: {
  readonly slug: string;
  readonly issue: Issue;
  readonly parties: readonly string[];
  readonly onPosted: () => void;
}) {
  const { t } = useTranslation();
  // The group's own parties first, then every other known party (an issue may wait on an outsider).
  const known = useApi('parties', (signal) =>
    api.get<{ items: { code: string }[] }>('/parties', undefined, signal),
  );
  const choices = [
    ...parties,
    ...(known.state === 'ready'
      ? known.data.items.map((p) => p.code).filter((c) => !parties.includes(c))
      : []),
  ].filter((p) => !(issue.status === 'waiting' && p === issue.waitingOn));
  const [text, setText] = useState('');
  const [status, setStatus] = useState<IssueStatus | ''>('');
  const [waitingOn, setWaitingOn] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `post-${issue.key}`;

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const body: Record<string, string> = { text };
      if (status !== '') body['status'] = status;
      if (status === 'waiting') body['waitingOn'] = waitingOn || (choices[0] ?? '');
      await api.post(`/groups/${slug}/issues/${issue.key}/updates`, body);
      setText('');
      setStatus('');
      setMessage({ kind: 'ok', text: t('groups.posted') });
      onPosted();
    } catch (error) {
      const why = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      setMessage({ kind: 'error', text: t('groups.postFailed', { message: why }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('groups.post')}</h4>
      <label htmlFor={`${id}-text`}>{t('groups.text')}</label>
      <textarea
        id={`${id}-text`}
        required
        maxLength={4000}
        rows={3}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
        }}
      />
      <label htmlFor={`${id}-status`}>{t('groups.newStatus')}</label>
      <select
        id={`${id}-status`}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as IssueStatus | '');
        }}
      >
        <option value="">{t('groups.unchanged')}</option>
        {ISSUE_TRANSITIONS[issue.status].map((s) => (
          <option key={s} value={s}>
            {t(`groups.status.${s}`)}
          </option>
        ))}
      </select>
      {status === 'waiting' && (
        <>
          <label htmlFor={`${id}-waiting`}>{t('groups.waitingOnLabel')}</label>
          <select
            id={`${id}-waiting`}
            value={waitingOn || (choices[0] ?? '')}
            onChange={(e) => {
              setWaitingOn(e.target.value);
            }}
          >
            {choices.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" disabled={busy || text.trim() === ''}>
        {t('groups.submit')}
      </button>
      {message && (
        <p
          className={message.kind === 'error' ? 'error' : 'muted'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

function Thread({
  slug,
  issue,
  parties,
  onPosted,
}: {
  readonly slug: string;
  readonly issue: Issue;
  readonly parties: readonly string[];
  readonly onPosted: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`group-issue:${slug}:${issue.key}:${String(version)}`, (signal) =>
    api.get<IssueDetail>(`/groups/${slug}/issues/${issue.key}`, undefined, signal),
  );
  return (
    <Await loaded={loaded}>
      {(detail) => (
        <>
          {detail.description && <p>{detail.description}</p>}
          {detail.thread.length === 0 ? (
            <p className="muted">{t('groups.noUpdates')}</p>
          ) : (
            <ol className="timeline">
              {detail.thread.map((u) => (
                <li key={u.seq}>
                  <time dateTime={u.at}>{format.day(u.at)}</time>
                  {u.party && <strong>{u.party}</strong>}
                  {u.member && <span className="muted"> · {u.member.name ?? u.member.role}</span>}
                  {u.to && (
                    <span>
                      {' '}
                      · <StatusBadge status={u.from.status} /> → <StatusBadge status={u.to.status} />
                      {u.to.waitingOn && <> {u.to.waitingOn}</>}
                    </span>
                  )}
                  <p>{u.text}</p>
                  {u.decision && <p className="small">{t('groups.cites', { text: u.decision.text })}</p>}
                  {u.source && <p className="muted small">{t('groups.source', { source: u.source })}</p>}
                </li>
              ))}
            </ol>
          )}
          {detail.permissions.contribute ? (
            <PostForm
              slug={slug}
              issue={detail}
              parties={parties}
              onPosted={() => {
                setVersion((v) => v + 1);
                onPosted();
              }}
            />
          ) : (
            user === null && <p className="muted small">{t('groups.signInToPost')}</p>
          )}
        </>
      )}
    </Await>
  );
}

function IssueCard({
  slug,
  issue,
  parties,
  onPosted,
}: {
  readonly slug: string;
  readonly issue: Issue;
  readonly parties: readonly string[];
  readonly onPosted: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  return (
    <li className="card" id={`issue-${issue.key}`}>
      <h3>{issue.title}</h3>
      <p>
        <StatusBadge status={issue.status} /> {issue.waitingOn && <WaitingBadge party={issue.waitingOn} />}
      </p>
      {issue.owner && (
        <p className="small">
          {t('groups.owner')}: {issue.owner.party}
          {issue.owner.member && ` (${issue.owner.member.name ?? issue.owner.member.role})`}
        </p>
      )}
      {issue.decision && <p className="small">{t('groups.cites', { text: issue.decision.text })}</p>}
      <p className="muted small">
        {t('groups.updates', { count: issue.updates })} ·{' '}
        {t('groups.lastActivity', { date: format.day(issue.lastActivity) })}
      </p>
      <LinkList links={issue.links} />
      <details
        onToggle={(e) => {
          setOpen(e.currentTarget.open);
        }}
      >
        <summary>{t('groups.thread')}</summary>
        {open && <Thread slug={slug} issue={issue} parties={parties} onPosted={onPosted} />}
      </details>
    </li>
  );
}

function Board({ group, onPosted }: { readonly group: GroupDetail; readonly onPosted: () => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="h-board">
      <h2 id="h-board">{t('groups.board')}</h2>
      <CountsLine counts={group.board.counts} />
      {group.board.waitingOn.length > 0 && (
        <ul className="plain">
          {group.board.waitingOn.map((w) => (
            <li key={w.party}>
              <WaitingBadge party={w.party} />{' '}
              {w.issues.map((key, i) => (
                <span key={key}>
                  {i > 0 && ', '}
                  <a href={`#issue-${key}`}>
                    {group.board.columns.flatMap((c) => c.issues).find((x) => x.key === key)?.title ?? key}
                  </a>
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t('groups.boardHelp')}</p>
      <div
        className="board"
        style={{
          display: 'grid',
          gap: '0.75rem',
          gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))',
        }}
      >
        {group.board.columns.map((column) => (
          <section key={column.status} aria-labelledby={`col-${column.status}`}>
            <h3 id={`col-${column.status}`}>
              <StatusBadge status={column.status} /> {column.issues.length}
            </h3>
            {column.issues.length === 0 ? (
              <p className="muted">{t('groups.noIssues')}</p>
            ) : (
              <ul className="cards">
                {column.issues.map((issue) => (
                  <IssueCard
                    key={issue.key}
                    slug={group.slug}
                    issue={issue}
                    parties={group.parties}
                    onPosted={onPosted}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

function Members({ group }: { readonly group: GroupDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-members">
      <h2 id="h-members">{t('groups.members')}</h2>
      <div className="scroll" tabIndex={0} role="region" aria-labelledby="h-members">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('groups.party')}</th>
              <th scope="col">{t('groups.name')}</th>
              <th scope="col">{t('groups.role')}</th>
              <th scope="col">{t('groups.sourceColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((m) => (
              <tr key={m.key}>
                <td>{m.party}</td>
                <th scope="row">{m.name ?? <span className="muted">{t('groups.roleOnly')}</span>}</th>
                <td>
                  {m.role}
                  {m.leftOn && (
                    <span className="muted"> · {t('groups.left', { date: format.day(m.leftOn) })}</span>
                  )}
                  {m.note && <p className="muted small">{m.note}</p>}
                </td>
                <td className="small">{m.source ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Timeline({ group }: { readonly group: GroupDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = [
    ...group.meetings.map((m) => ({ at: m.heldAt, key: `m-${m.key}`, meeting: m, decision: null })),
    ...group.decisions.map((d) => ({ at: d.decidedAt, key: `d-${d.key}`, meeting: null, decision: d })),
  ].sort((a, b) => (a.at.slice(0, 10) === b.at.slice(0, 10) ? (a.meeting ? -1 : 1) : a.at < b.at ? -1 : 1));
  return (
    <section aria-labelledby="h-timeline">
      <h2 id="h-timeline">{t('groups.timeline')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('groups.noIssues')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.key}>
              <time dateTime={e.at}>{format.day(e.at)}</time>
              {e.meeting && (
                <>
                  <strong>{t('groups.meeting', { place: e.meeting.place })}</strong>{' '}
                  <span className="muted">{e.meeting.parties.join(', ')}</span>
                  {e.meeting.summary && <p>{e.meeting.summary}</p>}
                  {e.meeting.source && (
                    <p className="muted small">{t('groups.source', { source: e.meeting.source })}</p>
                  )}
                </>
              )}
              {e.decision && (
                <>
                  <strong>{t('groups.decision')}</strong>
                  <p>{e.decision.text}</p>
                  {e.decision.source && (
                    <p className="muted small">{t('groups.source', { source: e.decision.source })}</p>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ExpertGroupView() {
  const { t } = useTranslation();
  const format = useFormat();
  const { slug = '' } = useParams();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`group:${slug}:${String(version)}`, (signal) =>
    api.get<GroupDetail>(`/groups/${slug}`, undefined, signal),
  );
  usePageTitle(loaded.state === 'ready' ? loaded.data.name : t('groups.title'));
  const refresh = () => {
    setVersion((v) => v + 1);
  };
  return (
    <Await loaded={loaded}>
      {(group) => (
        <>
          <p className="small">
            <Link to="/groups">{t('groups.backToList')}</Link>
          </p>
          <h1>{group.name}</h1>
          <dl className="facts">
            <dt>{t('groups.kindLabel')}</dt>
            <dd>{t(`groups.kind.${group.kind}`, { defaultValue: group.kind })}</dd>
            <dt>{t('groups.parties')}</dt>
            <dd>{group.parties.join(', ')}</dd>
            {group.formedOn && (
              <>
                <dt>{t('groups.formed')}</dt>
                <dd>{format.day(group.formedOn)}</dd>
              </>
            )}
            {group.source && (
              <>
                <dt>{t('groups.sourceColumn')}</dt>
                <dd>{group.source}</dd>
              </>
            )}
            <dt>{t('groups.visibility')}</dt>
            <dd>
              {t(`groups.visibilities.${group.visibility}`)}
              {group.seat && <> · {t('groups.yourSeat')}</>}
            </dd>
          </dl>
          {group.mandate && <p className="lead">{group.mandate}</p>}
          <Board group={group} onPosted={refresh} />
          <Timeline group={group} />
          <Members group={group} />
          <section aria-labelledby="h-related">
            <h2 id="h-related">{t('groups.related')}</h2>
            <LinkList links={group.related} />
          </section>
        </>
      )}
    </Await>
  );
}
