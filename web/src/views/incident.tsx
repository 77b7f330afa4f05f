// One incident: what was alleged, where and when; its screening under each readout (the provision that matched
// or the predicate that failed); allegations with the accused party's replies beside them; and, once the
// verification API sends them, the finding with its history and the evidence with its hashes.

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.js';
import { Await, VerdictBadge } from '../components/status.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import type { Allegation, Evidence, Finding, Incident } from '../types.js';
import { useApi } from '../use-api.js';

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
      {incident.screening.map((s) => (
        <div key={s.agreement.id} className="screening">
          <h3>
            {s.agreement.slug ? (
              <Link to={`/agreements/${s.agreement.slug}`}>{s.agreement.title}</Link>
            ) : (
              s.agreement.id
            )}{' '}
            <VerdictBadge verdict={s.verdict} />
          </h3>
          <div className="scroll" tabIndex={0} role="region" aria-label={s.agreement.title ?? s.agreement.id}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('incident.readout')}</th>
                  <th scope="col">{t('incident.result')}</th>
                  <th scope="col">{t('incident.provision')}</th>
                  <th scope="col">{t('incident.predicate')}</th>
                  <th scope="col">{t('incident.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {s.readouts.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.issuer}
                      <br />
                      <span className="muted small">{r.key}</span>
                    </th>
                    <td>
                      <VerdictBadge verdict={r.result} />
                    </td>
                    <td>{r.provision?.key ?? '—'}</td>
                    <td>{r.predicate ? <code>{r.predicate}</code> : '—'}</td>
                    <td className="small">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}

function Allegations({ allegations }: { readonly allegations: readonly Allegation[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-allegations">
      <h2 id="h-allegations">{t('incident.allegations')}</h2>
      {allegations.map((a) => (
        <div key={a.id} className="side-by-side allegation">
          <div className="card">
            <p>
              <strong>{t('incident.alleges', { accuser: a.accuser, accused: a.accused })}</strong> ·{' '}
              <time dateTime={a.madeAt}>{format.day(a.madeAt)}</time>
              {a.source && <span className="muted small"> · {a.source}</span>}
            </p>
            <p>{a.summary}</p>
          </div>
          <div className="card reply">
            <p>
              <strong>{t('incident.replies')}</strong>
            </p>
            {a.replies && a.replies.length > 0 ? (
              a.replies.map((r, i) => (
                <div key={r.id ?? i}>
                  <p>
                    <strong>{r.party}</strong> · {r.kind} ·{' '}
                    <time dateTime={r.madeAt}>{format.day(r.madeAt)}</time>
                  </p>
                  <p>{r.text}</p>
                </div>
              ))
            ) : (
              <p className="muted">{t('incident.noReplies')}</p>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

function attributionText(attribution: Finding['attribution']): string {
  if (attribution === null || attribution === undefined) return '—';
  if (typeof attribution === 'string') return attribution;
  return [attribution.status, attribution.party].filter(Boolean).join(' · ') || '—';
}

function FindingSection({ finding }: { readonly finding: Finding | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-finding">
      <h2 id="h-finding">{t('incident.finding')}</h2>
      {!finding ? (
        <p className="muted">{t('incident.noFinding')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('incident.occurrence')}</dt>
            <dd>{finding.occurrence}</dd>
            <dt>{t('incident.attribution')}</dt>
            <dd>{attributionText(finding.attribution)}</dd>
            {finding.grade && (
              <>
                <dt>{t('incident.grade')}</dt>
                <dd>{finding.grade}</dd>
              </>
            )}
            {finding.rulings && finding.rulings.length > 0 && (
              <>
                <dt>{t('incident.rulings')}</dt>
                <dd>
                  <ul className="plain">
                    {finding.rulings.map((r) => (
                      <li key={r.agreement}>
                        {r.agreement}: <strong>{r.ruling}</strong>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          {finding.history && finding.history.length > 0 && (
            <>
              <h3>{t('incident.history')}</h3>
              <ol className="timeline">
                {finding.history.map((h, i) => (
                  <li key={i}>
                    <time dateTime={h.at}>{format.utc(h.at)}</time> {h.by && <strong>{h.by}</strong>}{' '}
                    {h.change}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

function EvidenceSection({ evidence }: { readonly evidence: readonly Evidence[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-evidence">
      <h2 id="h-evidence">{t('incident.evidence')}</h2>
      {!evidence || evidence.length === 0 ? (
        <p className="muted">{t('incident.noEvidence')}</p>
      ) : (
        <ul className="cards">
          {evidence.map((e) => (
            <li key={e.id} className="card">
              <p>
                <strong>{e.description}</strong> · {e.kind}
                {e.mediaType && ` · ${e.mediaType}`}
                {typeof e.sizeBytes === 'number' && ` · ${format.number(e.sizeBytes)} B`}
              </p>
              {e.url && (
                <p>
                  <a href={e.url}>{e.url}</a>
                </p>
              )}
              {e.sha256 && (
                <p className="small">
                  {t('incident.sha256')}: <code className="hash">{e.sha256}</code>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function IncidentView() {
  const { id = '' } = useParams();
  const loaded = useApi(`incident:${id}`, (signal) =>
    api.get<Incident>(`/incidents/${encodeURIComponent(id)}`, undefined, signal),
  );
  const { t } = useTranslation();
  usePageTitle(loaded.state === 'ready' ? loaded.data.title : null);
  return (
    <Await loaded={loaded}>
      {(incident) => (
        <article className="incident">
          <h1>{incident.title}</h1>
          <Facts incident={incident} />
          {incident.notes && (
            <section aria-labelledby="h-notes">
              <h2 id="h-notes">{t('incident.notes')}</h2>
              <p>{incident.notes}</p>
            </section>
          )}
          <ScreeningTables incident={incident} />
          <Allegations allegations={incident.allegations} />
          <FindingSection finding={incident.finding} />
          <EvidenceSection evidence={incident.evidence} />
        </article>
      )}
    </Await>
  );
}
