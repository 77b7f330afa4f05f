// The incident filters live in the page address (?verdict=covered&party=RU&page=2), so that a filtered view can
// be shared and survives a reload. Pure: parsing and writing URLSearchParams.

import { VERDICTS, type Verdict } from './types.js';

export interface IncidentFilters {
  readonly agreement?: string;
  readonly verdict?: Verdict;
  readonly party?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly to?: string;
  /** 1-based. */
  readonly page: number;
}

export const PAGE_SIZE = 25;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTY = /^[A-Z]{2,8}$/;

function isVerdict(value: string | null): value is Verdict {
  return (VERDICTS as readonly (string | null)[]).includes(value);
}

/** Reads the filters from a query string, dropping values the API would refuse. */
export function readFilters(params: URLSearchParams): IncidentFilters {
  const agreement = params.get('agreement')?.trim();
  const verdict = params.get('verdict');
  const party = params.get('party')?.trim().toUpperCase();
  const from = params.get('from');
  const to = params.get('to');
  const page = Number(params.get('page') ?? '1');
  return {
    ...(agreement ? { agreement } : {}),
    ...(isVerdict(verdict) ? { verdict } : {}),
    ...(party && PARTY.test(party) ? { party } : {}),
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string for the filters: only what is set, page 1 left out. */
export function writeFilters(filters: IncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['agreement', 'verdict', 'party', 'from', 'to'] as const) {
    const value = filters[key];
    if (value !== undefined) params.set(key, value);
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
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}
