// Incidents: a table filtered and paged by the server, the filters kept in the address so that a view can be
// shared and restored on reload.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { Await, VerdictBadge } from '../components/status.js';
import { apiQuery, PAGE_SIZE, readFilters, writeFilters, type IncidentFilters } from '../filters.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { VERDICTS, type AgreementSummary, type Incident, type Page, type Party } from '../types.js';
import { useApi } from '../use-api.js';

interface Choices {
  readonly agreements: readonly AgreementSummary[];
  readonly parties: readonly Party[];
}

async function loadChoices(signal: AbortSignal): Promise<Choices> {
  const [agreements, parties] = await Promise.all([
    api.get<{ items: AgreementSummary[] }>('/agreements', undefined, signal),
    api.get<{ items: Party[] }>('/parties', undefined, signal),
  ]);
  return { agreements: agreements.items, parties: parties.items };
}

function FilterForm({
  filters,
  onApply,
}: {
  readonly filters: IncidentFilters;
  readonly onApply: (f: IncidentFilters) => void;
}) {
  const { t } = useTranslation();
  const choices = useApi('incident-choices', loadChoices);
  // The form edits a draft; the address changes (and the table reloads) when it is applied.
  const [draft, setDraft] = useState(filters);
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    setShown(filters);
    setDraft(filters);
  }
  const set = (key: keyof Omit<IncidentFilters, 'page'>, value: string) => {
    const params = writeFilters({ ...draft, page: 1 });
    if (value === '') params.delete(key);
    else params.set(key, value);
    setDraft(readFilters(params));
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const agreements = choices.state === 'ready' ? choices.data.agreements : [];
  const parties = choices.state === 'ready' ? choices.data.parties : [];
  return (
    <form className="filters" onSubmit={submit} aria-label={t('incidents.filters')}>
      <label>
        <span>{t('incidents.agreement')}</span>
        <select
          value={draft.agreement ?? ''}
          onChange={(e) => {
            set('agreement', e.target.value);
          }}
        >
          <option value="">{t('incidents.any')}</option>
          {agreements.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.title}
            </option>
          ))}
          {draft.agreement && !agreements.some((a) => a.slug === draft.agreement) && (
            <option value={draft.agreement}>{draft.agreement}</option>
          )}
        </select>
      </label>
      <label>
        <span>{t('incidents.verdict')}</span>
        <select
          name="verdict"
          value={draft.verdict ?? ''}
          onChange={(e) => {
            set('verdict', e.target.value);
          }}
        >
          <option value="">{t('incidents.any')}</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {t(`verdict.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('incidents.party')}</span>
        <select
          value={draft.party ?? ''}
          onChange={(e) => {
            set('party', e.target.value);
          }}
        >
          <option value="">{t('incidents.any')}</option>
          {parties.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
          {draft.party && !parties.some((p) => p.code === draft.party) && (
            <option value={draft.party}>{draft.party}</option>
          )}
        </select>
      </label>
      <label>
        <span>{t('incidents.from')}</span>
        <input
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => {
            set('from', e.target.value);
          }}
        />
      </label>
      <label>
        <span>{t('incidents.to')}</span>
        <input
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => {
            set('to', e.target.value);
          }}
        />
      </label>
      <div className="actions">
        <button type="submit">{t('incidents.apply')}</button>
        <button
          type="button"
          onClick={() => {
            onApply({ page: 1 });
          }}
        >
          {t('incidents.clear')}
        </button>
      </div>
    </form>
  );
}

/** The verdicts of an incident, one per agreement it was screened against. */
export function Verdicts({ incident }: { readonly incident: Incident }) {
  return (
    <ul className="plain verdicts">
      {incident.screening.map((s) => (
        <li key={s.agreement.id}>
          <VerdictBadge verdict={s.verdict} />{' '}
          <span className="small">{s.agreement.title ?? s.agreement.slug}</span>
        </li>
      ))}
    </ul>
  );
}

function Pager({
  page,
  total,
  onPage,
}: {
  readonly page: Page<Incident>;
  readonly total: number;
  readonly onPage: (n: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = Math.floor(page.offset / PAGE_SIZE) + 1;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <nav className="pager" aria-label={t('incidents.pages')}>
      <button
        type="button"
        disabled={current <= 1}
        onClick={() => {
          onPage(current - 1);
        }}
      >
        {t('incidents.previous')}
      </button>
      <span>
        {t('incidents.range', {
          from: format.number(total === 0 ? 0 : page.offset + 1),
          to: format.number(page.offset + page.items.length),
          total: format.number(total),
        })}
      </span>
      <button
        type="button"
        disabled={current >= last}
        onClick={() => {
          onPage(current + 1);
        }}
      >
        {t('incidents.next')}
      </button>
    </nav>
  );
}

export function IncidentsView() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('incidents.title'));
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const search = writeFilters(filters).toString();
  const loaded = useApi(`incidents:${search}`, (signal) =>
    api.get<Page<Incident>>('/incidents', apiQuery(filters), signal),
  );
  const apply = (next: IncidentFilters) => {
    setParams(writeFilters(next));
  };
  return (
    <>
      <h1>{t('incidents.title')}</h1>
      <FilterForm filters={filters} onApply={apply} />
      <Await loaded={loaded}>
        {(page) => (
          <>
            <p role="status" data-testid="incident-count">
              {t('incidents.results', { count: page.total })} ·{' '}
              <span className="muted">{t('incidents.sortedBy')}</span>
            </p>
            {page.items.length === 0 ? (
              <p>{t('incidents.none')}</p>
            ) : (
              <div className="scroll" tabIndex={0} role="region" aria-label={t('incidents.title')}>
                <table className="incidents" data-testid="incidents">
                  <thead>
                    <tr>
                      <th scope="col">{t('incidents.date')}</th>
                      <th scope="col">{t('incidents.incident')}</th>
                      <th scope="col">{t('incidents.place')}</th>
                      <th scope="col">{t('incidents.party')}</th>
                      <th scope="col">{t('incidents.target')}</th>
                      <th scope="col">{t('incidents.verdicts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((incident) => (
                      <tr
                        key={incident.id}
                        data-verdicts={incident.screening.map((s) => s.verdict).join(' ')}
                      >
                        <td className="nowrap">
                          <time dateTime={incident.occurredAt}>{format.day(incident.occurredAt)}</time>
                        </td>
                        <td>
                          <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
                        </td>
                        <td>{incident.locationName ?? incident.admin1 ?? '—'}</td>
                        <td>{incident.perpetrator ?? '—'}</td>
                        <td>
                          <code>{incident.target ?? '—'}</code>
                        </td>
                        <td>
                          <Verdicts incident={incident} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager
              page={page}
              total={page.total}
              onPage={(n) => {
                apply({ ...filters, page: n });
              }}
            />
          </>
        )}
      </Await>
    </>
  );
}
