// The prisoner-exchange ledger: running totals over time (uPlot) with each mediator's own count as claimed, then
// per exchange its parity, discrepancy badges and every claim side by side with what the ledger counts and why.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import uPlot from 'uplot';
import { api } from '../api.js';
import { Plot } from '../components/plot.js';
import { Await } from '../components/status.js';
import {
  claimRows,
  type Exchange,
  type LedgerSummary,
  runningSeries,
  type SideFlow,
} from '../exchanges/ledger.js';
import { useFormat, type Format } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useApi } from '../use-api.js';

interface Ledger {
  readonly items: readonly Exchange[];
  readonly summary: LedgerSummary;
}

async function loadLedger(signal: AbortSignal): Promise<Ledger> {
  const [list, summary] = await Promise.all([
    api.get<{ items: Exchange[] }>('/exchanges', undefined, signal),
    api.get<LedgerSummary>('/exchanges/summary', undefined, signal),
  ]);
  return { items: list.items, summary };
}

const PARTY_COLOURS = ['#1f5fa8', '#b0413e', '#2e7d32', '#8e5bb5'];

function flowsText(flows: readonly SideFlow[], format: Format): string {
  return flows.map((p) => `${p.party} ${format.number(p.gave)}`).join(', ');
}

/** Totals change only on the day of an exchange: drawn as steps, not as a slope between exchanges. */
const STEPPED = uPlot.paths.stepped?.({ align: 1 });

function RunningTotals({ items }: { readonly items: readonly Exchange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const series = useMemo(() => runningSeries(items), [items]);
  const data = useMemo<uPlot.AlignedData>(
    () => [series.x.slice(), ...series.gave.map((g) => g.slice())],
    [series],
  );
  const lines = useMemo<uPlot.Series[]>(
    () =>
      series.parties.map((party, i) => ({
        label: `${party}: ${t('exchanges.gave')}`,
        stroke: PARTY_COLOURS[i % PARTY_COLOURS.length] ?? '#333',
        width: 2,
        points: { show: true, size: 6 },
        ...(STEPPED ? { paths: STEPPED } : {}),
      })),
    [series, t],
  );
  const last = items.at(-1);
  const text = items
    .map((e) => `${format.day(e.date)} — ${flowsText(e.runningTotals.parties, format)}`)
    .join('; ');
  return (
    <section aria-labelledby="exchange-totals">
      <h2 id="exchange-totals">{t('exchanges.totals')}</h2>
      <p className="muted">{t('exchanges.totalsHelp')}</p>
      {items.length > 1 && (
        <Plot data={data} series={lines} label={t('exchanges.chartLabel', { text })} height={200} />
      )}
      {last && (
        <div className="scroll">
          <table data-testid="exchange-totals">
            <thead>
              <tr>
                <th scope="col">{t('exchanges.party')}</th>
                <th scope="col">{t('exchanges.gave')}</th>
                <th scope="col">{t('exchanges.received')}</th>
              </tr>
            </thead>
            <tbody>
              {last.runningTotals.parties.map((p) => (
                <tr key={p.party}>
                  <th scope="row">{p.party}</th>
                  <td className="num">{format.number(p.gave)}</td>
                  <td className="num">{format.number(p.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MediatorCounts({ summary }: { readonly summary: LedgerSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claimed = summary.mediators.filter((m) => m.claimed !== null);
  if (claimed.length === 0) return null;
  return (
    <section aria-labelledby="mediator-counts">
      <h2 id="mediator-counts">{t('exchanges.mediatorCount')}</h2>
      <p className="muted">{t('exchanges.mediatorCountHelp')}</p>
      <ul data-testid="mediator-counts">
        {claimed.map((m) => (
          <li key={m.party}>
            {t('exchanges.mediatorLine', {
              party: m.party,
              sequence: m.claimed?.sequence ?? '?',
              total:
                m.claimed?.total === null || m.claimed?.total === undefined
                  ? '?'
                  : format.number(m.claimed.total),
              date: m.claimed ? format.day(m.claimed.date) : '',
              exchanges: format.number(m.exchanges),
              people: format.number(m.people),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Badges({ exchange }: { readonly exchange: Exchange }) {
  const { t } = useTranslation();
  const { parity, discrepancies } = exchange;
  return (
    <p className="badges">
      {parity.kind === 'unilateral' && (
        <span className="badge verdict-unknown">{t('exchanges.unilateral')}</span>
      )}{' '}
      {parity.kind === 'exchange' && (
        <span className={`badge ${parity.balanced ? 'verdict-not-covered' : 'verdict-unknown'}`}>
          {t(parity.balanced ? 'exchanges.balanced' : 'exchanges.unbalanced')}
        </span>
      )}{' '}
      {discrepancies.map((d, i) => (
        <span
          key={i}
          className={`badge ${d.resolved ? 'verdict-contested' : 'verdict-covered'}`}
          data-testid="discrepancy-badge"
          title={d.text}
        >
          {t('exchanges.discrepancy')}: {t(d.resolved ? 'exchanges.reconciled' : 'exchanges.open')}
        </span>
      ))}
    </p>
  );
}

function ClaimsSideBySide({ exchange }: { readonly exchange: Exchange }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = claimRows(exchange);
  return (
    <div className="scroll">
      <table className="readouts" data-testid={`claims-${exchange.key}`}>
        <caption>{t('exchanges.claims')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('exchanges.figure')}</th>
            {exchange.claims.map((c) => (
              <th scope="col" key={c.id}>
                <strong>{c.claimant}</strong> {t(`exchanges.stage.${c.stage}`)}
                <br />
                <span className="small">
                  {c.source.url ? (
                    <a href={c.source.url}>{c.source.issuer ?? c.source.key}</a>
                  ) : (
                    (c.source.issuer ?? c.source.key)
                  )}
                  {c.source.publishedAt && `, ${format.day(c.source.publishedAt)}`}
                  {!c.source.verified && <> · {t('exchanges.unverified')}</>}
                </span>
              </th>
            ))}
            <th scope="col">{t('exchanges.ledger')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.from} ${row.category}`} className={row.differs ? 'differs' : undefined}>
              <th scope="row">
                {t('exchanges.from', {
                  category: t(`exchanges.category.${row.category}`),
                  from: row.from,
                  to: row.to,
                })}
                {row.differs && <span className="flag">{t('exchanges.discrepancy')}</span>}
              </th>
              {row.cells.map((cell) => (
                <td
                  key={cell.claimId}
                  className={`num${cell.group !== null && row.differs ? ` group-${cell.group % 4}` : ''}`}
                >
                  {cell.count === null ? (
                    <span className="muted">{t('exchanges.silent')}</span>
                  ) : (
                    format.number(cell.count)
                  )}
                </td>
              ))}
              <td className="num">
                <strong>
                  {row.figure?.count === null || row.figure === null
                    ? t('exchanges.status.disputed')
                    : format.number(row.figure.count)}
                </strong>
                <br />
                <span className="small muted">
                  {row.figure && t(`exchanges.status.${row.figure.status}`)}
                </span>
              </td>
            </tr>
          ))}
          {exchange.claims.some((c) => c.tally) && (
            <tr>
              <th scope="row">{t('exchanges.mediatorCount')}</th>
              {exchange.claims.map((c) => (
                <td key={c.id} className="small">
                  {c.tally &&
                    (c.tally.sequence === null
                      ? t('exchanges.ownCountNoSequence', { total: format.number(c.tally.total ?? 0) })
                      : t('exchanges.ownCount', {
                          sequence: c.tally.sequence,
                          total: c.tally.total === null ? '?' : format.number(c.tally.total),
                        }))}
                </td>
              ))}
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function ExchangeArticle({ exchange }: { readonly exchange: Exchange }) {
  const { t } = useTranslation();
  const format = useFormat();
  // A reconciled figure's reason is in its discrepancy's text; the others are said here.
  const explained = new Set(
    exchange.discrepancies.flatMap((d) => (d.kind === 'count' ? [`${d.from} ${d.category}`] : [])),
  );
  const reasons = exchange.figures.filter(
    (f) => f.status === 'reconciled' && f.reason && !explained.has(`${f.from} ${f.category}`),
  );
  const tally = exchange.mediatorTally;
  return (
    <article
      className="card"
      id={exchange.key}
      data-record-type="exchange"
      data-record-id={exchange.id}
      data-testid={`exchange-${exchange.key}`}
    >
      <h2>
        <time dateTime={exchange.date}>{format.day(exchange.date)}</time> · {exchange.sides.join(' – ')}
      </h2>
      <Badges exchange={exchange} />
      <dl className="facts">
        <dt>{t('exchanges.parity')}</dt>
        <dd data-testid="parity">{exchange.parity.text}</dd>
        <dt>{t('exchanges.mediator')}</dt>
        <dd>{exchange.mediator ?? t('exchanges.noMediator')}</dd>
        <dt>{t('exchanges.agreement')}</dt>
        <dd>
          {exchange.agreement ? (
            <>
              {t(`exchanges.${exchange.agreement.relation}`)}{' '}
              <Link to={`/agreements/${exchange.agreement.slug}`}>
                {exchange.agreement.title ?? exchange.agreement.slug}
              </Link>
              {exchange.agreement.clause &&
                ` (${exchange.agreement.clause.readout ?? ''} ${exchange.agreement.clause.key})`}
            </>
          ) : (
            t('exchanges.noAgreement')
          )}
        </dd>
      </dl>
      {exchange.summary && <p>{exchange.summary}</p>}
      <ClaimsSideBySide exchange={exchange} />
      {exchange.discrepancies.length > 0 && (
        <ul className="plain" data-testid="discrepancies">
          {exchange.discrepancies.map((d, i) => (
            <li key={i}>
              <span className={`badge ${d.resolved ? 'verdict-contested' : 'verdict-covered'}`}>
                {t('exchanges.discrepancy')}
              </span>{' '}
              {d.text}
            </li>
          ))}
        </ul>
      )}
      {reasons.length > 0 && (
        <p className="small">
          <strong>{t('exchanges.why')}:</strong> {reasons.map((f) => f.reason).join(' ')}
        </p>
      )}
      {tally?.implied !== null && tally?.implied !== undefined && tally.ledger !== null && (
        <p className="small muted">
          {tally.claimant}:{' '}
          {t('exchanges.implied', {
            implied: format.number(tally.implied),
            ledger: format.number(tally.ledger),
          })}
        </p>
      )}
      <p className="small muted">
        {t('exchanges.runningAfter', {
          text: `${flowsText(exchange.runningTotals.parties, format)} · ${t('exchanges.people', {
            count: exchange.runningTotals.people,
          })}`,
        })}
      </p>
    </article>
  );
}

export function ExchangesView() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('exchanges.title'));
  const ledger = useApi('exchanges', loadLedger);
  return (
    <>
      <h1>{t('exchanges.title')}</h1>
      <p className="lead">{t('exchanges.lead')}</p>
      <Await loaded={ledger}>
        {({ items, summary }) =>
          items.length === 0 ? (
            <p>{t('exchanges.none')}</p>
          ) : (
            <>
              <p data-testid="exchange-summary">
                {t('exchanges.summary', {
                  exchanges: format.number(summary.exchanges),
                  first: summary.first ? format.day(summary.first) : '',
                  last: summary.last ? format.day(summary.last) : '',
                  people: format.number(summary.people),
                  discrepancies: format.number(summary.discrepancies.total),
                  open: format.number(summary.discrepancies.open),
                })}
              </p>
              <RunningTotals items={items} />
              <MediatorCounts summary={summary} />
              <ul className="cards">
                {items.map((e) => (
                  <li key={e.id}>
                    <ExchangeArticle exchange={e} />
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Await>
    </>
  );
}
