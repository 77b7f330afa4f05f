// The overview: which agreements are in force today and which lapsed (with the days left in each readout's
// window), and how many incidents each agreement's screening put under each verdict and each party accused.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.js';
import { Await, VerdictBadge } from '../components/status.js';
import { writeFilters } from '../filters.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { VERDICTS, type Agreement, type AgreementSummary, type Page, type Party } from '../types.js';
import { useApi } from '../use-api.js';
import { agreementStanding, daysLeft, readoutStanding, type Standing } from '../windows.js';

interface Counts {
  readonly total: number;
  readonly byAgreement: readonly { agreement: AgreementSummary; verdicts: Record<string, number> }[];
  readonly byParty: readonly { party: Party; count: number }[];
}

const total = (query: Record<string, string>, signal: AbortSignal) =>
  api.get<Page<unknown>>('/incidents', { ...query, limit: 1 }, signal).then((p) => p.total);

/** Counts from the totals of filtered pages of one incident each. */
async function loadCounts(agreements: readonly AgreementSummary[], signal: AbortSignal): Promise<Counts> {
  const parties = (await api.get<{ items: Party[] }>('/parties', undefined, signal)).items;
  const [all, byAgreement, byParty] = await Promise.all([
    total({}, signal),
    Promise.all(
      agreements.map(async (agreement) => {
        const counts = await Promise.all(
          VERDICTS.map((verdict) => total({ agreement: agreement.slug, verdict }, signal)),
        );
        return { agreement, verdicts: Object.fromEntries(VERDICTS.map((v, i) => [v, counts[i] ?? 0])) };
      }),
    ),
    Promise.all(parties.map(async (party) => ({ party, count: await total({ party: party.code }, signal) }))),
  ]);
  return {
    total: all,
    byAgreement: byAgreement.filter((a) => Object.values(a.verdicts).some((n) => n > 0)),
    byParty: byParty.filter((p) => p.count > 0),
  };
}

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

function CountTables({ agreements }: { readonly agreements: readonly AgreementSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const loaded = useApi(`counts:${agreements.map((a) => a.slug).join(',')}`, (signal) =>
    loadCounts(agreements, signal),
  );
  return (
    <section aria-labelledby="h-incidents">
      <h2 id="h-incidents">{t('overview.incidents')}</h2>
      <Await loaded={loaded}>
        {(counts) => (
          <>
            <p>{t('overview.total', { count: counts.total })}</p>
            <div className="scroll">
              <table>
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
                  {counts.byAgreement.map(({ agreement, verdicts }) => (
                    <tr key={agreement.id}>
                      <th scope="row">
                        <Link to={`/agreements/${agreement.slug}`}>{agreement.title}</Link>
                      </th>
                      {VERDICTS.map((v) => (
                        <td key={v} className="num">
                          <Link
                            to={`/incidents?${writeFilters({ agreement: agreement.slug, verdict: v, page: 1 }).toString()}`}
                          >
                            {format.number(verdicts[v] ?? 0)}
                          </Link>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <table>
              <caption>{t('overview.byParty')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('overview.party')}</th>
                  <th scope="col">{t('overview.count')}</th>
                </tr>
              </thead>
              <tbody>
                {counts.byParty.map(({ party, count }) => (
                  <tr key={party.code}>
                    <th scope="row">{party.name}</th>
                    <td className="num">
                      <Link to={`/incidents?party=${party.code}`}>{format.number(count)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
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
            <CountTables agreements={agreements} />
          </div>
        )}
      </Await>
    </>
  );
}
