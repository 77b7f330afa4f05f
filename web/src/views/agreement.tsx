// One agreement: its terms, the readouts side by side with their differences marked, the lifecycle as a
// timeline, its conditions, the incidents screened against it over time and by party, and its sources.

import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type uPlot from 'uplot';
import { api } from '../api.js';
import { Plot } from '../components/plot.js';
import { Await, VerdictBadge } from '../components/status.js';
import { writeFilters } from '../filters.js';
import { useFormat, type Format } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { compareReadouts, groupsOf, type Aspect, type Row, type Value } from '../readouts.js';
import { VERDICTS, type Agreement, type Stats, type Verdict } from '../types.js';
import { useApi } from '../use-api.js';

type T = ReturnType<typeof useTranslation>['t'];

function ValueText({ value, aspect }: { readonly value: Value; readonly aspect: Aspect }) {
  const { t } = useTranslation();
  const format = useFormat();
  return <>{valueText(value, aspect, t, format)}</>;
}

const NONE_TEXT: Partial<Record<Aspect, 'agreement.noStart' | 'agreement.noEnd'>> = {
  start: 'agreement.noStart',
  end: 'agreement.noEnd',
};

function valueText(value: Value, aspect: Aspect, t: T, format: Format): ReactNode {
  switch (value.kind) {
    case 'none':
      return <span className="muted">{t(NONE_TEXT[aspect] ?? 'agreement.none')}</span>;
    case 'text':
      return `“${value.text}”`;
    case 'day':
      return value.precision === 'day'
        ? format.day(value.day)
        : `${format.day(value.day)} (${value.precision})`;
    case 'duration':
      return t('agreement.durationDays', { count: value.days });
    case 'span':
      if (value.from === null) return t('agreement.neverBinds', { reason: value.reason ?? '' });
      return `${format.utc(value.from)} – ${value.until === null ? t('agreement.openEnd') : format.utc(value.until)}`;
    case 'list':
      return (
        <ul className="plain">
          {value.items.map((item) => (
            <li key={item}>
              <code>{item === 'everywhere' ? t('agreement.everywhere') : item}</code>
            </li>
          ))}
        </ul>
      );
    case 'conditions':
      return (
        <ul className="plain">
          {value.items.map((c) => (
            <li key={c.key}>
              {c.party} {c.kind}: <span className={`badge status-${c.status}`}>{c.status}</span>
            </li>
          ))}
        </ul>
      );
  }
}

/** A sentence per differing aspect among scope and window: which readouts say what. */
function AtAGlance({
  rows,
  issuers,
}: {
  readonly rows: readonly Row[];
  readonly issuers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const shown = rows.filter((r) => r.differs && ['scope', 'start', 'end'].includes(r.aspect));
  if (shown.length === 0) return null;
  return (
    <ul className="glance" data-testid="at-a-glance">
      {shown.map((row) => (
        <li key={row.aspect}>
          <strong>{t(`agreement.row.${row.aspect}`)}:</strong>{' '}
          {groupsOf(row).map((g, i) => (
            <span key={i} className={`group group-${i}`}>
              <ValueText value={g.value} aspect={row.aspect} /> —{' '}
              {g.readouts.map((k) => issuers.get(k) ?? k).join(', ')}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function ReadoutTable({ agreement }: { readonly agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = useMemo(() => compareReadouts(agreement.readouts, agreement.conditions), [agreement]);
  const issuers = new Map(agreement.readouts.map((r) => [r.key, r.issuer]));
  return (
    <section aria-labelledby="h-readouts">
      <h2 id="h-readouts">{t('agreement.readouts')}</h2>
      <p className="muted">{t('agreement.readoutsHelp')}</p>
      <AtAGlance rows={rows} issuers={issuers} />
      <div className="scroll" tabIndex={0} role="region" aria-labelledby="h-readouts">
        <table className="readouts" data-testid="readouts">
          <thead>
            <tr>
              <th scope="col">{t('agreement.aspect')}</th>
              {agreement.readouts.map((r) => (
                <th scope="col" key={r.id}>
                  {r.issuer}
                  <br />
                  <span className="muted small">
                    {r.key} · {format.day(r.issuedAt)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.aspect}
                data-aspect={row.aspect}
                data-differs={row.differs}
                className={row.differs ? 'differs' : ''}
              >
                <th scope="row">
                  {t(`agreement.row.${row.aspect}`)}
                  {row.differs && <span className="flag">{t('agreement.differs')}</span>}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.readout}
                    className={row.differs ? `group group-${cell.group}` : ''}
                    data-group={cell.group}
                  >
                    <ValueText value={cell.value} aspect={row.aspect} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Lifecycle({ agreement }: { readonly agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const steps = [...agreement.lifecycle].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <section aria-labelledby="h-lifecycle">
      <h2 id="h-lifecycle">{t('agreement.lifecycle')}</h2>
      <ol className="timeline">
        {steps.map((s, i) => (
          <li key={i} className={`step step-${s.status}`}>
            <time dateTime={s.at}>{format.day(s.at)}</time>
            <span className="badge">{s.status}</span> <strong>{s.party ?? t('agreement.allParties')}</strong>
            {s.note && <p>{s.note}</p>}
            {s.source && <p className="muted small">{s.source}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Conditions({ agreement }: { readonly agreement: Agreement }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="h-conditions">
      <h2 id="h-conditions">{t('agreement.conditions')}</h2>
      {agreement.conditions.length === 0 ? (
        <p className="muted">{t('agreement.noConditions')}</p>
      ) : (
        <ul className="cards">
          {agreement.conditions.map((c) => (
            <li key={c.key} className="card">
              <p>
                <strong>{c.party}</strong> · {c.kind} ·{' '}
                <span className={`badge status-${c.status}`}>{c.status}</span>
                {c.readout && <span className="muted small"> · {c.readout}</span>}
              </p>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const VERDICT_COLOURS: Record<Verdict, string> = {
  covered: '#b2182b',
  contested: '#e08214',
  unknown: '#6b6b6b',
  'not-covered': '#2166ac',
};

/** The Monday of a week (YYYY-MM-DD) in seconds since the epoch, for the plot's time axis. */
const seconds = (week: string) => Date.parse(`${week}T00:00:00Z`) / 1000;

function Screened({ agreement }: { readonly agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  // One request: the counts per week and per party, by verdict against this agreement, as the reader may see them.
  const loaded = useApi(`stats:${agreement.slug}`, (signal) =>
    api.get<Stats>('/stats', { agreement: agreement.slug }, signal),
  );
  return (
    <section aria-labelledby="h-screened">
      <h2 id="h-screened">{t('agreement.screened')}</h2>
      <Await loaded={loaded}>
        {(stats) => {
          if (stats.total === 0) return <p className="muted">{t('agreement.noIncidents')}</p>;
          const weeks = stats.byWeek.map((w) => seconds(w.week));
          const counts = VERDICTS.map((v) => stats.byWeek.map((w) => w.verdicts[v]));
          return (
            <>
              <p className="muted">{t('agreement.screenedHelp')}</p>
              <ScreenedPlot weeks={weeks} counts={counts} />
              <div className="scroll" tabIndex={0} role="region" aria-label={t('counts.byPartyVerdict')}>
                <table data-testid="screened-by-party">
                  <caption>{t('counts.byPartyVerdict')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('overview.party')}</th>
                      {VERDICTS.map((v) => (
                        <th scope="col" key={v}>
                          <VerdictBadge verdict={v} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {stats.byParty.map((p) => (
                      <tr key={p.party ?? ''}>
                        <th scope="row">{p.party ?? t('counts.unnamed')}</th>
                        {VERDICTS.map((v) => (
                          <td key={v} className="num">
                            {format.number(p.verdicts[v])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <Link to={`/incidents?${writeFilters({ agreement: agreement.slug, page: 1 }).toString()}`}>
                  {t('agreement.listIncidents')}
                </Link>{' '}
                <span className="muted">({t('incidents.results', { count: stats.total })})</span>
              </p>
            </>
          );
        }}
      </Await>
    </section>
  );
}

function ScreenedPlot({
  weeks,
  counts,
}: {
  readonly weeks: readonly number[];
  readonly counts: readonly number[][];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = useMemo<uPlot.AlignedData>(
    () => [weeks.slice(), ...counts.map((c) => c.slice())],
    [weeks, counts],
  );
  const series = useMemo<uPlot.Series[]>(
    () =>
      VERDICTS.map((v) => ({
        label: t(`verdict.${v}`),
        stroke: VERDICT_COLOURS[v],
        width: 2,
        points: { show: true, size: 6 },
      })),
    [t],
  );
  const summary = VERDICTS.map(
    (v, i) => `${t(`verdict.${v}`)}: ${format.number((counts[i] ?? []).reduce((a, b) => a + b, 0))}`,
  ).join('; ');
  return <Plot data={data} series={series} label={`${t('agreement.screened')}. ${summary}`} />;
}

function Sources({ agreement }: { readonly agreement: Agreement }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="h-sources">
      <h2 id="h-sources">{t('agreement.sources')}</h2>
      <ul className="sources">
        {agreement.sources.map((s) => (
          <li key={s.key} id={`source-${s.key}`}>
            <p>
              <strong>{s.issuer}</strong>
              {s.publishedAt && <> · {format.day(s.publishedAt)}</>} · {s.title}{' '}
              {s.url && <a href={s.url}>{new URL(s.url).hostname}</a>}
              {!s.verified && <span className="muted small"> ({t('agreement.unverified')})</span>}
            </p>
            {s.originalText && (
              <div className="side-by-side">
                <blockquote lang={s.language}>
                  <p className="muted small">{t('agreement.original')}</p>
                  {s.originalText}
                </blockquote>
                {s.translations.map((tr) => (
                  <blockquote key={tr.language} lang={tr.language}>
                    <p className="muted small">
                      {t('agreement.translation', { language: tr.translator ?? tr.language })}
                    </p>
                    {tr.text}
                  </blockquote>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AgreementView() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const loaded = useApi(`agreement:${slug}`, (signal) =>
    api.get<Agreement>(`/agreements/${encodeURIComponent(slug)}`, undefined, signal),
  );
  usePageTitle(loaded.state === 'ready' ? loaded.data.title : null);
  return (
    <Await loaded={loaded}>
      {(agreement) => (
        <article className="agreement" data-record-type="agreement" data-record-id={agreement.slug}>
          <h1>{agreement.title}</h1>
          <p className="lead">{agreement.summary}</p>
          <dl className="facts">
            <dt>{t('agreement.parties')}</dt>
            <dd>{agreement.parties.join(', ')}</dd>
            <dt>{t('agreement.mediators')}</dt>
            <dd>{agreement.mediators.join(', ') || '—'}</dd>
            <dt>{t('agreement.status')}</dt>
            <dd>{agreement.status ?? '—'}</dd>
            <dt>{t('agreement.form')}</dt>
            <dd>{agreement.form}</dd>
            {agreement.links.length > 0 && (
              <>
                <dt>{t('agreement.links')}</dt>
                <dd>
                  {agreement.links.map((l) => (
                    <span key={l.agreement}>
                      {l.relation} <Link to={`/agreements/${l.agreement}`}>{l.agreement}</Link>{' '}
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <ReadoutTable agreement={agreement} />
          <div className="two">
            <Lifecycle agreement={agreement} />
            <Conditions agreement={agreement} />
          </div>
          <Screened agreement={agreement} />
          <Sources agreement={agreement} />
        </article>
      )}
    </Await>
  );
}
