// One incident: what was alleged, where and when; its screening under each readout (the provision that matched
// or the predicate that failed); allegations with the accused party's replies beside them, and the forms of the
// right of reply; the finding with its history and, for verifiers, its next step; the evidence with its hashes.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api.js';
import { AllegationVersionForm, mayReply, maySupersede, ReplyForm } from '../components/allegation-forms.js';
import { ScreeningResults } from '../components/screening.js';
import { Await } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import type { Allegation, Incident, Party, User } from '../types.js';
import { useApi } from '../use-api.js';
import { EvidencePanel } from './evidence.js';
import { FindingPanel } from './finding.js';

function Facts({ incident }: { readonly incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const g = incident.geography;
  return (
    <dl className="facts">
      <dt>{t('incident.when')}</dt>
      <dd>
        <time dateTime={incident.occurredAt}>{format.day(incident.occurredAt)}</time>{' '}
        <span className="muted small">
          ({t('incident.precision', { precision: incident.timePrecision })})
        </span>
      </dd>
      <dt>{t('incident.where')}</dt>
      <dd>
        {[incident.locationName, incident.admin1].filter(Boolean).join(', ') || '—'}
        {incident.location && (
          <span className="muted small">
            {' '}
            ({format.number(incident.location.lat, 4)}, {format.number(incident.location.lon, 4)})
          </span>
        )}
      </dd>
      <dt>{t('incident.act')}</dt>
      <dd>{incident.act ?? '—'}</dd>
      <dt>{t('incident.target')}</dt>
      <dd>
        <code>{incident.target ?? '—'}</code>
      </dd>
      {incident.weapon && (
        <>
          <dt>{t('incident.weapon')}</dt>
          <dd>{incident.weapon}</dd>
        </>
      )}
      <dt>{t('incident.perpetrator')}</dt>
      <dd>{incident.perpetrator ?? '—'}</dd>
      {g && (
        <>
          <dt>{t('incident.geography')}</dt>
          <dd>
            {t('incident.distance', {
              km: format.number(g.distanceKm, 1),
              side: g.side,
              date: format.day(g.snapshotDate),
            })}
            {g.sector && ` · ${t('incident.sector')}: ${g.sector}`}
            {g.admin1 && ` · ${t('incident.oblast')}: ${g.admin1.name}`}
          </dd>
        </>
      )}
      {incident.sourceText && (
        <>
          <dt>{t('incident.source')}</dt>
          <dd>{incident.sourceText}</dd>
        </>
      )}
    </dl>
  );
}

function ScreeningTables({ incident }: { readonly incident: Incident }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="h-screening">
      <h2 id="h-screening">{t('incident.screening')}</h2>
      <p className="muted">{t('incident.screeningHelp')}</p>
      {incident.screening.length === 0 && <p>{t('incident.notScreened')}</p>}
      <ScreeningResults screening={incident.screening} />
    </section>
  );
}

function Allegations({
  allegations,
  user,
  onChanged,
}: {
  readonly allegations: readonly Allegation[];
  readonly user: User | null | undefined;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-allegations">
      <h2 id="h-allegations">{t('incident.allegations')}</h2>
      {allegations.length === 0 && <p className="muted">{t('liaison.noAllegations')}</p>}
      {allegations.map((a) => (
        <div key={a.id} className="side-by-side allegation" data-allegation={a.id}>
          <div className="card">
            <p>
              <strong>{t('incident.alleges', { accuser: a.accuser, accused: a.accused })}</strong> ·{' '}
              <time dateTime={a.madeAt}>{format.day(a.madeAt)}</time>
              {a.version !== undefined && a.version > 1 && (
                <span className="muted small"> · {t('liaison.version', { version: a.version })}</span>
              )}
              {a.source && <span className="muted small"> · {a.source}</span>}
            </p>
            <p>{a.summary}</p>
            {maySupersede(user, a) && (
              <details>
                <summary>{t('liaison.newVersion')}</summary>
                <AllegationVersionForm allegation={a} idPrefix={`version-${a.id}`} onDone={onChanged} />
              </details>
            )}
          </div>
          <div className="card reply">
            <p>
              <strong>{t('incident.replies')}</strong>
            </p>
            {a.reply ? (
              <div data-testid="reply">
                <p>
                  <strong>{a.reply.party}</strong> · {t(`liaison.kinds.${a.reply.kind}`)} ·{' '}
                  <time dateTime={a.reply.madeAt}>{format.day(a.reply.madeAt)}</time>
                  {a.reply.allegationId !== a.id && (
                    <span className="muted small"> · {t('liaison.answersEarlier')}</span>
                  )}
                </p>
                <p>{a.reply.text}</p>
              </div>
            ) : (
              <p className="muted">{t('incident.noReplies')}</p>
            )}
            {mayReply(user, a) && (
              <details open={!a.reply}>
                <summary>{a.reply ? t('liaison.newReplyVersion') : t('liaison.reply')}</summary>
                <ReplyForm
                  allegationId={a.id}
                  current={a.reply ?? null}
                  idPrefix={`reply-${a.id}`}
                  onDone={onChanged}
                />
              </details>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

async function loadParties(signal: AbortSignal): Promise<Party[]> {
  return (await api.get<{ items: Party[] }>('/parties', undefined, signal)).items;
}

export function IncidentView() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`incident:${id}:${version}:${user?.id ?? ''}`, (signal) =>
    api.get<Incident>(`/incidents/${encodeURIComponent(id)}`, undefined, signal),
  );
  const parties = useApi('parties', loadParties);
  const { t } = useTranslation();
  usePageTitle(loaded.state === 'ready' ? loaded.data.title : null);
  const reload = () => {
    setVersion((v) => v + 1);
  };
  // Keep the page while it reloads after a change, so that forms and focus stay where they were.
  const [shown, setShown] = useState<Incident | null>(null);
  if (loaded.state === 'ready' && loaded.data !== shown) setShown(loaded.data);
  const incident = shown?.id === id ? shown : null;
  if (!incident) return <Await loaded={loaded}>{() => null}</Await>;
  return (
    <article className="incident" data-record-type="incident" data-record-id={incident.id}>
      <h1>{incident.title}</h1>
      {incident.publishedAt === null && (
        <p className="notice small" data-testid="unpublished">
          {t('ruling.unpublishedNotice')}
        </p>
      )}
      <Facts incident={incident} />
      {incident.notes && (
        <section aria-labelledby="h-notes">
          <h2 id="h-notes">{t('incident.notes')}</h2>
          <p>{incident.notes}</p>
        </section>
      )}
      <ScreeningTables incident={incident} />
      <Allegations allegations={incident.allegations} user={user} onChanged={reload} />
      <FindingPanel
        incidentId={incident.id}
        user={user}
        parties={parties.state === 'ready' ? parties.data : []}
        onChanged={reload}
      />
      <EvidencePanel incidentId={incident.id} user={user} />
    </article>
  );
}
