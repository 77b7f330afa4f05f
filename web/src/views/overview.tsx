// The overview: which agreements are in force today and which lapsed (with the days left in each readout's
// window), how many incidents each agreement's screening put under each verdict, by party, oblast and sector (one
// GET /stats), and the findings published last.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.js';
import { Await, VerdictBadge } from '../components/status.js';
import { writeFilters } from '../filters.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import {
  VERDICTS,
  type Agreement,
  type AgreementSummary,
  type Incident,
  type Page,
  type Stats,
} from '../types.js';
import { useApi } from '../use-api.js';
import { agreementStanding, daysLeft, readoutStanding, type Standing } from '../windows.js';

async function loadAgreements(signal: AbortSignal): Promise<Agreement[]> {
  const { items } = await api.get<{ items: AgreementSummary[] }>('/agreements', undefined, signal);
  return Promise.all(
    items.map((a) => api.get<Agreement>(`/agreements/${encodeURIComponent(a.slug)}`, undefined, signal)),
  );
}

function AgreementCard({ agreement, now }: { readonly agreement: Agreement; readonly now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="card">
      <h3>
        <Link to={`/agreements/${agreement.slug}`}>{agreement.title}</Link>
      </h3>
      <p className="muted">
        {agreement.parties.join(', ')} · {t('overview.readouts', { count: agreement.readouts.length })}
      </p>
      <ul className="windows">
        {agreement.readouts.map((r) => {
          const standing = readoutStanding(r.inForce, now);
          const left = daysLeft(r.inForce, now);
          let note: string;
          if (standing === 'never') note = t('overview.never');
          else if (standing === 'lapsed' && r.inForce.until)
            note = t('overview.endedOn', { date: format.day(r.inForce.until) });
          else if (left === null) note = t('overview.openEnded');
          else note = t('overview.daysLeft', { count: left });
          return (
            <li key={r.id} className={`window window-${standing}`}>
              <span>{r.issuer}</span>
              <span>
                {r.window.start ? `${t('agreement.row.start')}: ${format.day(r.window.start.at)}` : ''}
              </span>
              <strong>{note}</strong>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

function Standings({ agreements }: { readonly agreements: readonly Agreement[] }) {
  const { t } = useTranslation();
  const now = Date.now();
  const by = (standing: Standing[]) =>
    agreements.filter((a) =>
      standing.includes(
        agreementStanding(
          a.readouts.map((r) => r.inForce),
          now,
        ),
      ),
    );
  const sections = [
    {
      id: 'in-force',
      title: t('overview.inForce'),
      items: by(['in-force', 'not-yet']),
      empty: t('overview.noneInForce'),
    },
    { id: 'lapsed', title: t('overview.lapsed'), items: by(['lapsed']), empty: t('overview.noneLapsed') },
    { id: 'never', title: t('overview.never'), items: by(['never']), empty: t('overview.noneLapsed') },
  ];
  return (
    <>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`h-${s.id}`}>
          <h2 id={`h-${s.id}`}>{s.title}</h2>
          {s.items.length === 0 ? (
            <p className="muted">{s.empty}</p>
          ) : (
            <ul className="cards" data-testid={`agreements-${s.id}`}>
              {s.items.map((a) => (
                <AgreementCard key={a.id} agreement={a} now={now} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function CountTables() {
  const { t } = useTranslation();
  const format = useFormat();
  const loaded = useApi('stats', (signal) => api.get<Stats>('/stats', undefined, signal));
  return (
    <section aria-labelledby="h-incidents">
      <h2 id="h-incidents">{t('overview.incidents')}</h2>
      <Await loaded={loaded}>
        {(stats) => (
          <>
            <p data-testid="incident-total">{t('overview.total', { count: stats.total })}</p>
            <div className="scroll" tabIndex={0} role="region" aria-label={t('overview.byVerdict')}>
              <table data-testid="counts-by-verdict">
                <caption>{t('overview.byVerdict')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.agreement')}</th>
                    {VERDICTS.map((v) => (
                      <th scope="col" key={v}>
                        <VerdictBadge verdict={v} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stats.byAgreement.map(({ agreement, verdicts }) => (
                    <tr key={agreement.id}>
                      <th scope="row">
                        {agreement.slug ? (
                          <Link to={`/agreements/${agreement.slug}`}>
                            {agreement.title ?? agreement.slug}
                          </Link>
                        ) : (
                          agreement.id
                        )}
                      </th>
                      {VERDICTS.map((v) => (
                        <td key={v} className="num">
                          <Link
                            to={`/incidents?${writeFilters({ agreement: agreement.slug ?? agreement.id, verdict: v, page: 1 }).toString()}`}
                          >
                            {format.number(verdicts[v])}
                          </Link>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="count-grid">
              <CountList
                caption={t('overview.byParty')}
                head={t('overview.party')}
                rows={stats.byParty.map((p) => ({
                  key: p.party ?? '',
                  label: p.party ?? t('counts.unnamed'),
                  total: p.total,
                  href: p.party ? `/incidents?party=${p.party}` : null,
                }))}
              />
              <CountList
                caption={t('counts.byOblast')}
                head={t('counts.oblast')}
                rows={stats.byOblast.map((o) => ({
                  key: o.oblast?.code ?? '',
                  label: o.oblast?.name ?? t('counts.unlocated'),
                  total: o.total,
                  href: o.oblast ? `/incidents?oblast=${o.oblast.code}` : null,
                }))}
              />
              <CountList
                caption={t('counts.bySector')}
                head={t('counts.sector')}
                rows={stats.bySector.map((s) => ({
                  key: s.sector?.key ?? '',
                  label: s.sector?.name ?? t('counts.noSector'),
                  total: s.total,
                  href: s.sector ? `/incidents?sector=${s.sector.key}` : null,
                }))}
              />
            </div>
          </>
        )}
      </Await>
    </section>
  );
}

/** A small table of counts under one heading, each linking to the incidents it counts. */
function CountList({
  caption,
  head,
  rows,
}: {
  readonly caption: string;
  readonly head: string;
  readonly rows: readonly { key: string; label: string; total: number; href: string | null }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('overview.count')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="num">
              {row.href ? <Link to={row.href}>{format.number(row.total)}</Link> : format.number(row.total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The findings published last, newest first: what the mission has said most recently. */
function LatestFindings() {
  const { t } = useTranslation();
  const format = useFormat();
  const loaded = useApi('latest-findings', (signal) =>
    api.get<Page<Incident>>('/incidents', { status: 'published', sort: '-publishedAt', limit: 5 }, signal),
  );
  return (
    <section aria-labelledby="h-latest">
      <h2 id="h-latest">{t('counts.latest')}</h2>
      <Await loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t('counts.noneLatest')}</p>
          ) : (
            <ul className="plain latest" data-testid="latest-findings">
              {page.items.map((incident) => (
                <li key={incident.id}>
                  <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>{' '}
                  <span className="muted small">
                    {format.day(incident.occurredAt)}
                    {incident.finding && ` · ${t(`occurrence.${incident.finding.occurrence}`)}`}
                    {incident.publishedAt &&
                      ` · ${t('counts.publishedOn', { date: format.day(incident.publishedAt) })}`}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}

export function Overview() {
  const { t } = useTranslation();
  usePageTitle(t('overview.title'));
  const loaded = useApi('agreements', loadAgreements);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      <Await loaded={loaded}>
        {(agreements) => (
          <div className="overview">
            <div>
              <Standings agreements={agreements} />
            </div>
            <div>
              <CountTables />
              <LatestFindings />
            </div>
          </div>
        )}
      </Await>
    </>
  );
}
