// The expert groups the reader may see, each with its issues at a glance: how many are unresolved, what was
// decided, and what is waiting on whom. Also the API shapes and small pieces the group page shares.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IssueStatus } from '../../../src/core/expert-groups.js';
import { ISSUE_STATUSES } from '../../../src/core/expert-groups.js';
import { api } from '../api.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useApi } from '../use-api.js';

export type Counts = Readonly<Record<IssueStatus, number>>;

export interface GroupSummary {
  readonly slug: string;
  readonly name: string;
  readonly kind: string;
  readonly mandate: string;
  readonly parties: readonly string[];
  readonly formedOn: string | null;
  readonly source: string | null;
  readonly visibility: 'public' | 'private';
  readonly counts: Counts;
  readonly unresolved: number;
  readonly waitingOn: readonly { party: string; issues: readonly { key: string; title: string }[] }[];
  readonly lastActivity: string | null;
  readonly seat: string | null;
}

export interface IssueLinks {
  readonly agreements: readonly { slug: string; title: string | null }[];
  readonly provisions: readonly {
    agreement: string;
    readout: string;
    provision: string;
    issuer: string | null;
    quote: string | null;
  }[];
  readonly conditions: readonly {
    agreement: string;
    condition: string;
    party: string | null;
    text: string | null;
    status: string | null;
  }[];
  readonly incidents: readonly { id: string; ref: string | null; title: string; occurredAt: string }[];
}

export interface MemberRef {
  readonly key: string;
  readonly name: string | null;
  readonly role: string;
}

export interface Issue {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly status: IssueStatus;
  readonly waitingOn: string | null;
  readonly owner: { party: string; member: MemberRef | null } | null;
  readonly raisedAt: string;
  readonly lastActivity: string;
  readonly updates: number;
  readonly decision: { key: string; text: string } | null;
  readonly source: string | null;
  readonly links: IssueLinks;
}

export interface ThreadEntry {
  readonly seq: number;
  readonly at: string;
  readonly postedAt: string;
  readonly member: MemberRef | null;
  readonly party: string | null;
  readonly text: string;
  readonly from: { status: IssueStatus; waitingOn: string | null };
  readonly to: { status: IssueStatus; waitingOn: string | null } | null;
  readonly decision: { key: string; text: string } | null;
  readonly source: string | null;
}

export interface IssueDetail extends Issue {
  readonly thread: readonly ThreadEntry[];
  readonly permissions: { write: boolean; contribute: boolean };
}

export interface GroupDetail extends Omit<
  GroupSummary,
  'counts' | 'unresolved' | 'waitingOn' | 'lastActivity'
> {
  readonly members: readonly (MemberRef & {
    party: string;
    account: boolean;
    source: string | null;
    note: string | null;
    leftOn: string | null;
  })[];
  readonly meetings: readonly {
    key: string;
    heldAt: string;
    place: string;
    parties: readonly string[];
    summary: string;
    source: string | null;
  }[];
  readonly decisions: readonly {
    key: string;
    text: string;
    decidedAt: string;
    meeting: string | null;
    source: string | null;
  }[];
  readonly board: {
    readonly counts: Counts;
    readonly columns: readonly { status: IssueStatus; issues: readonly Issue[] }[];
    readonly waitingOn: readonly { party: string; issues: readonly string[] }[];
  };
  readonly related: IssueLinks;
  readonly permissions: { write: boolean; contribute: boolean };
}

/** Colours borrowed from the verdicts (the status is always written out too). */
const STATUS_CLASS: Readonly<Record<IssueStatus, string>> = {
  open: 'badge',
  'in-discussion': 'badge verdict-unknown',
  waiting: 'badge verdict-contested',
  decided: 'badge verdict-not-covered',
  dropped: 'badge',
};

export function StatusBadge({ status }: { readonly status: IssueStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_CLASS[status]}>{t(`groups.status.${status}`)}</span>;
}

export function WaitingBadge({ party }: { readonly party: string }) {
  const { t } = useTranslation();
  return <span className="badge verdict-contested">{t('groups.waitingOn', { party })}</span>;
}

/** The counts of a board as a sentence-like list: "2 waiting · 1 decided". */
export function CountsLine({ counts }: { readonly counts: Counts }) {
  const { t } = useTranslation();
  return (
    <p>
      {ISSUE_STATUSES.filter((s) => counts[s] > 0).map((s, i) => (
        <span key={s}>
          {i > 0 && ' · '}
          <strong>{counts[s]}</strong> {t(`groups.status.${s}`)}
        </span>
      ))}
    </p>
  );
}

function GroupCard({ group }: { readonly group: GroupSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="card">
      <h2>
        <Link to={`/groups/${group.slug}`}>{group.name}</Link>
      </h2>
      <p className="muted small">
        {t(`groups.kind.${group.kind}`, { defaultValue: group.kind })} · {group.parties.join(', ')}
        {group.formedOn && <> · {t('groups.formedOn', { date: format.day(group.formedOn) })}</>}{' '}
        {group.visibility === 'private' && <span className="badge">{t('groups.private')}</span>}{' '}
        {group.seat && <span className="badge">{t('groups.yourSeat')}</span>}
      </p>
      <p>
        <strong>{t('groups.unresolved', { count: group.unresolved })}</strong>
      </p>
      <CountsLine counts={group.counts} />
      {group.waitingOn.length > 0 && (
        <ul className="plain">
          {group.waitingOn.map((w) => (
            <li key={w.party}>
              <WaitingBadge party={w.party} /> {w.issues.map((i) => i.title).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {group.lastActivity && (
        <p className="muted small">{t('groups.lastActivity', { date: format.day(group.lastActivity) })}</p>
      )}
    </li>
  );
}

export function ExpertGroupsView() {
  const { t } = useTranslation();
  usePageTitle(t('groups.title'));
  const loaded = useApi('groups', (signal) =>
    api.get<{ items: GroupSummary[] }>('/groups', undefined, signal),
  );
  return (
    <>
      <h1>{t('groups.title')}</h1>
      <p className="lead">{t('groups.intro')}</p>
      <Await loaded={loaded}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('groups.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((g) => (
                <GroupCard key={g.slug} group={g} />
              ))}
            </ul>
          )
        }
      </Await>
    </>
  );
}
