// An incident's finding in full (occurrence, attribution, grade, a ruling per agreement, what blocks publishing,
// the history) and, for verifiers, the form that changes it one step at a time with a reason. When the two-person
// rule refuses a step, the page explains the rule and who else must act.

import type { TFunction } from 'i18next';
import { useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { describedBy, Field, SubmitError, useSubmission } from '../components/form.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { twoPersonRule } from '../refusals.js';
import type { User } from '../types.js';
import {
  CHANGE_KINDS,
  CONFIDENCES,
  GRADES,
  OCCURRENCES,
  type Attribution,
  type ChangeKind,
  type Finding,
  type Party,
  type Ruling,
} from '../types.js';
import { useApi } from '../use-api.js';

const RULING_KINDS: readonly ChangeKind[] = [
  'rule',
  'propose-violation',
  'confirm-violation',
  'reject-violation',
  'reopen-ruling',
];
const FINAL_RULINGS = ['not-a-violation', 'unable-to-rule'] as const;

/** Whether the user may change findings at all (the server decides each step). */
export function mayRule(user: User | null | undefined): boolean {
  return user?.role === 'admin' || user?.role === 'verifier';
}

interface ChangeDraft {
  readonly kind: ChangeKind;
  readonly agreement: string;
  readonly to: string;
  readonly attribution: { status: Attribution['status']; party: string; confidence: string };
  readonly reason: string;
}

/** The body of POST .../finding/changes for the form's state. */
function changeBody(d: ChangeDraft): Record<string, unknown> {
  const reason = d.reason;
  switch (d.kind) {
    case 'occurrence':
    case 'grade':
      return { kind: d.kind, to: d.to, reason };
    case 'attribution': {
      const { status, party, confidence } = d.attribution;
      const to =
        status === 'unknown'
          ? { status }
          : status === 'alleged'
            ? { status, party }
            : { status, party, confidence };
      return { kind: d.kind, to, reason };
    }
    case 'rule':
      return { kind: d.kind, agreement: d.agreement, to: d.to, reason };
    case 'propose-violation':
    case 'confirm-violation':
    case 'reject-violation':
    case 'reopen-ruling':
      return { kind: d.kind, agreement: d.agreement, reason };
    case 'publish':
      return { kind: d.kind, reason };
  }
}

/** The steps a ruling allows now, for its row's buttons. */
function stepsFor(ruling: Ruling): { kind: ChangeKind; to?: string }[] {
  if (ruling.status !== 'pending') return [{ kind: 'reopen-ruling' }];
  if (ruling.proposal) return [{ kind: 'confirm-violation' }, { kind: 'reject-violation' }];
  return [
    { kind: 'propose-violation' },
    { kind: 'rule', to: 'not-a-violation' },
    { kind: 'rule', to: 'unable-to-rule' },
  ];
}

const agreementKey = (r: Ruling) => r.agreement.slug ?? r.agreement.id;

function attributionText(a: Attribution, t: TFunction): string {
  if (a.status === 'unknown') return t('ruling.attribution.unknown');
  const party = a.party ?? '?';
  return a.status === 'alleged'
    ? t('ruling.attribution.alleged', { party })
    : t('ruling.attribution.attributed', {
        party,
        confidence: t(`ruling.confidence.${a.confidence ?? 'low'}`),
      });
}

export function FindingPanel({
  incidentId,
  user,
  parties,
  onChanged,
}: {
  readonly incidentId: string;
  readonly user: User | null | undefined;
  readonly parties: readonly Party[];
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`finding:${incidentId}:${version}:${user?.id ?? ''}`, (signal) =>
    api.get<Finding>(`/incidents/${encodeURIComponent(incidentId)}/finding`, undefined, signal),
  );
  return (
    <section aria-labelledby="h-finding" data-testid="finding">
      <h2 id="h-finding">{t('incident.finding')}</h2>
      <Await loaded={loaded}>
        {(finding) => (
          <FindingBody
            finding={finding}
            user={user}
            parties={parties}
            onChanged={() => {
              setVersion((v) => v + 1);
              onChanged();
            }}
          />
        )}
      </Await>
    </section>
  );
}

function FindingBody({
  finding,
  user,
  parties,
  onChanged,
}: {
  readonly finding: Finding;
  readonly user: User | null | undefined;
  readonly parties: readonly Party[];
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ruling = mayRule(user);
  const [draft, setDraft] = useState<ChangeDraft>({
    kind: 'occurrence',
    agreement: finding.rulings[0] ? agreementKey(finding.rulings[0]) : '',
    to: 'corroborated',
    attribution: { status: 'alleged', party: parties[0]?.code ?? '', confidence: 'medium' },
    reason: '',
  });
  const prefill = (kind: ChangeKind, agreement: string, to?: string) => {
    setDraft((d) => ({ ...d, kind, agreement, to: to ?? d.to }));
    reasonRef.current?.focus();
    reasonRef.current?.scrollIntoView({ block: 'center' });
  };
  const person = (id: string | null) =>
    id === null ? null : id === user?.id ? t('ruling.you') : t('ruling.someoneElse');

  return (
    <>
      <dl className="facts" data-testid="finding-state">
        <dt>{t('incident.occurrence')}</dt>
        <dd data-field="occurrence">{t(`occurrence.${finding.occurrence}`)}</dd>
        <dt>{t('incident.attribution')}</dt>
        <dd>{attributionText(finding.attribution, t)}</dd>
        <dt>{t('incident.grade')}</dt>
        <dd>{t(`ruling.grades.${finding.grade}`)}</dd>
        <dt>{t('ruling.publication')}</dt>
        <dd data-field="published">
          {finding.publishedAt
            ? t('ruling.publishedOn', { date: format.utc(finding.publishedAt) })
            : t('ruling.notPublished')}
        </dd>
      </dl>

      <h3>{t('incident.rulings')}</h3>
      {finding.rulings.length === 0 ? (
        <p className="muted">{t('ruling.noRulings')}</p>
      ) : (
        <div className="scroll" tabIndex={0} role="region" aria-label={t('incident.rulings')}>
          <table data-testid="rulings">
            <thead>
              <tr>
                <th scope="col">{t('overview.agreement')}</th>
                <th scope="col">{t('ruling.status')}</th>
                {ruling && <th scope="col">{t('ruling.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {finding.rulings.map((r) => (
                <tr key={r.agreement.id} data-ruling={r.status} data-agreement={agreementKey(r)}>
                  <th scope="row">{r.agreement.title ?? r.agreement.id}</th>
                  <td>
                    <strong>{t(`ruling.statuses.${r.status}`)}</strong>
                    {r.proposal && (
                      <p className="small">
                        {t('ruling.proposed', {
                          who: person(r.proposal.by) ?? t('ruling.aVerifier'),
                          date: format.utc(r.proposal.at),
                        })}{' '}
                        “{r.proposal.reason}”
                      </p>
                    )}
                    {r.status === 'violation' && r.proposedBy && r.confirmedBy && (
                      <p className="small muted">
                        {t('ruling.twoPeople', { a: person(r.proposedBy), b: person(r.confirmedBy) })}
                      </p>
                    )}
                  </td>
                  {ruling && (
                    <td>
                      <div className="row-actions">
                        {stepsFor(r).map((step) => (
                          <button
                            key={`${step.kind}-${step.to ?? ''}`}
                            type="button"
                            onClick={() => {
                              prefill(step.kind, agreementKey(r), step.to);
                            }}
                          >
                            {step.kind === 'rule'
                              ? t(`ruling.statuses.${step.to ?? ''}`)
                              : t(`ruling.kinds.${step.kind}`)}
                          </button>
                        ))}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {!finding.published && (
        <div className="publish-state" data-testid="publish-blockers">
          {finding.publishBlockers.length === 0 ? (
            <p>
              {t('ruling.ready')}{' '}
              {ruling && (
                <button
                  type="button"
                  onClick={() => {
                    prefill('publish', draft.agreement);
                  }}
                >
                  {t('ruling.kinds.publish')}
                </button>
              )}
            </p>
          ) : (
            <>
              <p>{t('ruling.blocked')}</p>
              <ul>
                {finding.publishBlockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      {ruling && (
        <ChangeForm
          finding={finding}
          user={user}
          parties={parties}
          draft={draft}
          setDraft={setDraft}
          reasonRef={reasonRef}
          onChanged={() => {
            setDraft((d) => ({ ...d, reason: '' }));
            onChanged();
          }}
        />
      )}

      {finding.history.length > 0 && (
        <>
          <h3>{t('incident.history')}</h3>
          <ol className="timeline" data-testid="finding-history">
            {finding.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{format.utc(h.at)}</time>
                {h.by && <strong> · {person(h.by)}</strong>} · {t(`ruling.kinds.${h.change.kind}`)}
                {typeof h.change.to === 'string' && ` → ${h.change.to}`}
                {h.change.to && typeof h.change.to === 'object' && ` → ${attributionText(h.change.to, t)}`}
                {h.change.agreement && ` (${h.change.agreement.title ?? h.change.agreement.id})`}
                <br />
                <span className="small">“{h.reason}”</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function ChangeForm({
  finding,
  user,
  parties,
  draft,
  setDraft,
  reasonRef,
  onChanged,
}: {
  readonly finding: Finding;
  readonly user: User | null | undefined;
  readonly parties: readonly Party[];
  readonly draft: ChangeDraft;
  readonly setDraft: (update: (d: ChangeDraft) => ChangeDraft) => void;
  readonly reasonRef: React.RefObject<HTMLTextAreaElement | null>;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const submission = useSubmission();
  const twoPerson = twoPersonRule(submission.error);
  const set = (patch: Partial<ChangeDraft>) => {
    submission.reset();
    setDraft((d) => ({ ...d, ...patch }));
  };
  const selected = finding.rulings.find((r) => agreementKey(r) === draft.agreement);
  // Said before trying, where the page already knows: the server has the last word either way.
  const ownProposal =
    draft.kind === 'confirm-violation' &&
    selected?.proposal?.by !== undefined &&
    selected.proposal.by === user?.id;
  const ownReport =
    draft.kind === 'confirm-violation' && finding.reportedBy !== null && finding.reportedBy === user?.id;

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submission
      .run(() =>
        api.post<Finding>(
          `/incidents/${encodeURIComponent(finding.incidentId)}/finding/changes`,
          changeBody(draft),
        ),
      )
      .then((result) => {
        if (result !== undefined) onChanged();
      });
  };

  const toChoices: readonly string[] =
    draft.kind === 'occurrence'
      ? OCCURRENCES
      : draft.kind === 'grade'
        ? GRADES
        : draft.kind === 'rule'
          ? FINAL_RULINGS
          : [];

  return (
    <form className="change-form card" onSubmit={submit} aria-labelledby="h-change" data-testid="change-form">
      <h3 id="h-change">{t('ruling.change')}</h3>
      <p className="small muted">{t('ruling.changeHelp')}</p>
      <Field id="change-kind" label={t('ruling.kind')}>
        <select
          id="change-kind"
          value={draft.kind}
          onChange={(e) => {
            const kind = e.target.value as ChangeKind;
            const to =
              kind === 'occurrence'
                ? 'corroborated'
                : kind === 'grade'
                  ? 'fair'
                  : kind === 'rule'
                    ? 'not-a-violation'
                    : draft.to;
            set({ kind, to });
          }}
        >
          {CHANGE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`ruling.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      {RULING_KINDS.includes(draft.kind) && (
        <Field id="change-agreement" label={t('overview.agreement')} error={submission.fields['agreement']}>
          <select
            id="change-agreement"
            value={draft.agreement}
            onChange={(e) => {
              set({ agreement: e.target.value });
            }}
          >
            {finding.rulings.map((r) => (
              <option key={r.agreement.id} value={agreementKey(r)}>
                {r.agreement.title ?? r.agreement.id}
              </option>
            ))}
          </select>
        </Field>
      )}
      {toChoices.length > 0 && (
        <Field id="change-to" label={t('ruling.to')} error={submission.fields['to']}>
          <select
            id="change-to"
            value={toChoices.includes(draft.to) ? draft.to : (toChoices[0] ?? '')}
            onChange={(e) => {
              set({ to: e.target.value });
            }}
          >
            {toChoices.map((to) => (
              <option key={to} value={to}>
                {draft.kind === 'occurrence'
                  ? t(`occurrence.${to}`)
                  : draft.kind === 'grade'
                    ? t(`ruling.grades.${to}`)
                    : t(`ruling.statuses.${to}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {draft.kind === 'attribution' && (
        <fieldset>
          <legend>{t('incident.attribution')}</legend>
          <Field id="attribution-status" label={t('ruling.status')}>
            <select
              id="attribution-status"
              value={draft.attribution.status}
              onChange={(e) => {
                set({
                  attribution: { ...draft.attribution, status: e.target.value as Attribution['status'] },
                });
              }}
            >
              {(['unknown', 'alleged', 'attributed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`ruling.attributionStatus.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {draft.attribution.status !== 'unknown' && (
            <Field id="attribution-party" label={t('overview.party')} error={submission.fields['to.party']}>
              <select
                id="attribution-party"
                value={draft.attribution.party}
                onChange={(e) => {
                  set({ attribution: { ...draft.attribution, party: e.target.value } });
                }}
              >
                {parties.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {draft.attribution.status === 'attributed' && (
            <Field id="attribution-confidence" label={t('ruling.confidenceLabel')}>
              <select
                id="attribution-confidence"
                value={draft.attribution.confidence}
                onChange={(e) => {
                  set({ attribution: { ...draft.attribution, confidence: e.target.value } });
                }}
              >
                {CONFIDENCES.map((c) => (
                  <option key={c} value={c}>
                    {t(`ruling.confidence.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </fieldset>
      )}
      <Field
        id="change-reason"
        label={t('ruling.reason')}
        hint={t('ruling.reasonHint')}
        error={submission.fields['reason']}
      >
        <textarea
          id="change-reason"
          ref={reasonRef}
          required
          rows={3}
          maxLength={4000}
          aria-describedby={describedBy('change-reason', true, submission.fields['reason'])}
          aria-invalid={submission.fields['reason'] ? true : undefined}
          value={draft.reason}
          onChange={(e) => {
            set({ reason: e.target.value });
          }}
        />
      </Field>
      {(ownProposal || ownReport) && !twoPerson && (
        <p className="notice small">
          {t(ownProposal ? 'ruling.twoPerson.ownProposalHint' : 'ruling.twoPerson.ownReportHint')}
        </p>
      )}
      {twoPerson ? (
        <div className="notice two-person" role="alert" data-testid="two-person">
          <h4>{t('ruling.twoPerson.title')}</h4>
          <p>{t(`ruling.twoPerson.${twoPerson}`)}</p>
          <p className="small">{t('ruling.twoPerson.why')}</p>
        </div>
      ) : (
        !submission.fields['reason'] && <SubmitError error={submission.error} />
      )}
      <button type="submit" disabled={submission.busy}>
        {t(`ruling.kinds.${draft.kind}`)}
      </button>
    </form>
  );
}
