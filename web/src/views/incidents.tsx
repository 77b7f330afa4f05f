// Incidents: a table filtered, sorted and paged by the server, the filters and order kept in the address so that
// a view can be shared and restored on reload.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { UKRAINE_ADMIN1 } from '../../../src/core/admin-areas.js';
import { api } from '../api.js';
import { Await, VerdictBadge } from '../components/status.js';
import {
  apiQuery,
  DEFAULT_SORT,
  nextSort,
  PAGE_SIZE,
  readFilters,
  SORT_KEYS,
  sortState,
  STATUSES,
  writeFilters,
  type FilterKey,
  type IncidentFilters,
  type SortKey,
} from '../filters.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';
import {
  VERDICTS,
  type AgreementSummary,
  type Incident,
  type Page,
  type Party,
  type Sector,
} from '../types.js';
import { useApi } from '../use-api.js';

interface Choices {
  readonly agreements: readonly AgreementSummary[];
  readonly parties: readonly Party[];
  readonly sectors: readonly Pick<Sector, 'key' | 'name'>[];
}

async function loadChoices(signal: AbortSignal): Promise<Choices> {
  const [agreements, parties, sectors] = await Promise.all([
    api.get<{ items: AgreementSummary[] }>('/agreements', undefined, signal),
    api.get<{ items: Party[] }>('/parties', undefined, signal),
    api.get<{ items: Sector[] }>('/sectors', undefined, signal),
  ]);
  return { agreements: agreements.items, parties: parties.items, sectors: sectors.items };
}

const OBLASTS = [...UKRAINE_ADMIN1].sort((a, b) => a.name.localeCompare(b.name));

function FilterForm({
  filters,
  onApply,
}: {
  readonly filters: IncidentFilters;
  readonly onApply: (f: IncidentFilters) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const choices = useApi('incident-choices', loadChoices);
  // The form edits a draft; the address changes (and the table reloads) when it is applied.
  const [draft, setDraft] = useState(filters);
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    setShown(filters);
    setDraft(filters);
  }
  const set = (key: FilterKey, value: string) => {
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
  const sectors = choices.state === 'ready' ? choices.data.sectors : [];
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
      <label>
        <span>{t('table.sector')}</span>
        <select
          value={draft.sector ?? ''}
          onChange={(e) => {
            set('sector', e.target.value);
          }}
        >
          <option value="">{t('incidents.any')}</option>
          {sectors.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
          {draft.sector && !sectors.some((s) => s.key === draft.sector) && (
            <option value={draft.sector}>{draft.sector}</option>
          )}
        </select>
      </label>
      <label>
        <span>{t('table.oblast')}</span>
        <select
          value={draft.oblast ?? ''}
          onChange={(e) => {
            set('oblast', e.target.value);
          }}
        >
          <option value="">{t('incidents.any')}</option>
          {OBLASTS.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {user && (
        <label>
          <span>{t('table.status')}</span>
          <select
            value={draft.status ?? ''}
            onChange={(e) => {
              set('status', e.target.value);
            }}
          >
            <option value="">{t('incidents.any')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`table.statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('table.order')}</span>
        <select
          value={draft.sort ?? DEFAULT_SORT}
          onChange={(e) => {
            set('sort', e.target.value);
          }}
        >
          {SORT_KEYS.flatMap((key) => [`-${key}`, key]).map((sort) => (
            <option key={sort} value={sort}>
              {t(`table.sorts.${sort}`)}
            </option>
          ))}
        </select>
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

/** A column header that sorts the table by its key; `aria-sort` says how it is sorted now. */
function SortableHeader({
  label,
  sortKey,
  filters,
  onApply,
}: {
  readonly label: string;
  readonly sortKey: SortKey;
  readonly filters: IncidentFilters;
  readonly onApply: (f: IncidentFilters) => void;
}) {
  const { t } = useTranslation();
  const state = sortState(filters.sort, sortKey);
  return (
    <th scope="col" aria-sort={state}>
      <button
        type="button"
        className="sort"
        data-sort={sortKey}
        title={t('table.sortBy', { column: label })}
        onClick={() => {
          onApply({ ...filters, sort: nextSort(filters.sort, sortKey), page: 1 });
        }}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function FindingCell({ incident }: { readonly incident: Incident }) {
  const { t } = useTranslation();
  if (!incident.finding) return <>—</>;
  return (
    <>
      {t(`occurrence.${incident.finding.occurrence}`)}
      <br />
      <span className="muted small">
        {incident.finding.published ? t('table.statuses.published') : t('table.statuses.unpublished')}
      </span>
    </>
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
  const { user } = useSession();
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
      {user && user.role !== 'verifier' && user.role !== 'analyst' && (
        <p>
          <Link to="/incidents/new" className="button">
            {t('report.title')}
          </Link>
        </p>
      )}
      <FilterForm filters={filters} onApply={apply} />
      <Await loaded={loaded}>
        {(page) => (
          <>
            <p role="status" data-testid="incident-count">
              {t('incidents.results', { count: page.total })} ·{' '}
              <span className="muted">{t(`table.sorts.${filters.sort ?? DEFAULT_SORT}`)}</span>
            </p>
            {page.items.length === 0 ? (
              <p>{t('incidents.none')}</p>
            ) : (
              <div className="scroll" tabIndex={0} role="region" aria-label={t('incidents.title')}>
                <table className="incidents" data-testid="incidents">
                  <thead>
                    <tr>
                      <SortableHeader
                        label={t('incidents.date')}
                        sortKey="occurredAt"
                        filters={filters}
                        onApply={apply}
                      />
                      <SortableHeader
                        label={t('incidents.incident')}
                        sortKey="title"
                        filters={filters}
                        onApply={apply}
                      />
                      <th scope="col">{t('incidents.place')}</th>
                      <th scope="col">{t('incidents.party')}</th>
                      <th scope="col">{t('incidents.target')}</th>
                      <SortableHeader
                        label={t('incidents.verdicts')}
                        sortKey="verdict"
                        filters={filters}
                        onApply={apply}
                      />
                      <SortableHeader
                        label={t('table.finding')}
                        sortKey="occurrence"
                        filters={filters}
                        onApply={apply}
                      />
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
                        <td>
                          {incident.locationName ??
                            incident.admin1 ??
                            incident.geography?.admin1?.name ??
                            '—'}
                        </td>
                        <td>{incident.perpetrator ?? '—'}</td>
                        <td>
                          <code>{incident.target ?? '—'}</code>
                        </td>
                        <td>
                          <Verdicts incident={incident} />
                        </td>
                        <td className="small">
                          <FindingCell incident={incident} />
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
