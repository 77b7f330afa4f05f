// The incident filters and order live in the page address (?verdict=covered&party=RU&sort=title&page=2), so
// that a filtered view can be shared and survives a reload. Pure: parsing and writing URLSearchParams.

import { VERDICTS, type Verdict } from './types.js';

export const SORT_KEYS = ['occurredAt', 'title', 'verdict', 'occurrence', 'publishedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** A sort key, descending with `-` in front, as GET /incidents takes it. */
export type Sort = SortKey | `-${SortKey}`;
export const DEFAULT_SORT: Sort = '-occurredAt';

export const STATUSES = ['published', 'unpublished'] as const;
export type Status = (typeof STATUSES)[number];

export interface IncidentFilters {
  readonly agreement?: string;
  readonly verdict?: Verdict;
  readonly party?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly to?: string;
  /** Sector key. */
  readonly sector?: string;
  /** Oblast code (ISO 3166-2:UA, `UA-14`). */
  readonly oblast?: string;
  /** Staff only. */
  readonly status?: Status;
  /** Left out: newest first. */
  readonly sort?: Sort;
  /** 1-based. */
  readonly page: number;
}

export const PAGE_SIZE = 25;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTY = /^[A-Z]{2,8}$/;
const SECTOR = /^[a-z0-9][a-z0-9-]*$/;
const OBLAST = /^UA-\d{2}$/;

const FILTER_KEYS = [
  'agreement',
  'verdict',
  'party',
  'from',
  'to',
  'sector',
  'oblast',
  'status',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

function isVerdict(value: string | null): value is Verdict {
  return (VERDICTS as readonly (string | null)[]).includes(value);
}

export function isSort(value: string | null | undefined): value is Sort {
  if (!value) return false;
  return (SORT_KEYS as readonly string[]).includes(value.startsWith('-') ? value.slice(1) : value);
}

function isStatus(value: string | null): value is Status {
  return (STATUSES as readonly (string | null)[]).includes(value);
}

/** Reads the filters from a query string, dropping values the API would refuse. */
export function readFilters(params: URLSearchParams): IncidentFilters {
  const agreement = params.get('agreement')?.trim();
  const verdict = params.get('verdict');
  const party = params.get('party')?.trim().toUpperCase();
  const from = params.get('from');
  const to = params.get('to');
  const sector = params.get('sector')?.trim();
  const oblast = params.get('oblast')?.trim().toUpperCase();
  const status = params.get('status');
  const sort = params.get('sort');
  const page = Number(params.get('page') ?? '1');
  return {
    ...(agreement ? { agreement } : {}),
    ...(isVerdict(verdict) ? { verdict } : {}),
    ...(party && PARTY.test(party) ? { party } : {}),
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
    ...(sector && SECTOR.test(sector) ? { sector } : {}),
    ...(oblast && OBLAST.test(oblast) ? { oblast } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(isSort(sort) && sort !== DEFAULT_SORT ? { sort } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string for the filters: only what is set, the default order and page 1 left out. */
export function writeFilters(filters: IncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && !(key === 'sort' && value === DEFAULT_SORT)) params.set(key, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** The query of GET /api/v1/incidents for the filters. */
export function apiQuery(filters: IncidentFilters): Record<string, string | number | undefined> {
  return {
    agreement: filters.agreement,
    verdict: filters.verdict,
    party: filters.party,
    from: filters.from,
    to: filters.to,
    sector: filters.sector,
    oblast: filters.oblast,
    status: filters.status,
    sort: filters.sort,
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}

/**
 * The order after a click on a column's header: that column, in its natural first direction (newest, most
 * serious, most verified, latest published first; titles A to Z), then the other way on the next click.
 */
export function nextSort(current: Sort | undefined, key: SortKey): Sort {
  const active = current ?? DEFAULT_SORT;
  if (active === key) return `-${key}`;
  if (active === `-${key}`) return key;
  return key === 'title' ? key : `-${key}`;
}

/** How a column is sorted now, for `aria-sort`. */
export function sortState(current: Sort | undefined, key: SortKey): 'ascending' | 'descending' | 'none' {
  const active = current ?? DEFAULT_SORT;
  if (active === key) return 'ascending';
  if (active === `-${key}`) return 'descending';
  return 'none';
}
