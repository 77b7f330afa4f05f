// Small helpers for integration tests: typed requests through `app.inject()`, the API shapes the tests read,
// and the counts a test compares to show that a rejected request wrote nothing.

import { firstBrokenLink } from '../../src/core/audit.js';
import { type AuditEvent, listAuditEvents } from '../../src/db/audit.js';
import type { Harness } from './harness.js';

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, unknown>;
}

export interface ErrorReply {
  error: {
    code: string;
    message: string;
    details: { issues?: { path: string; message: string }[] } & Record<string, unknown>;
  };
}

export interface ReadoutDetail {
  id: string;
  key: string;
  issuedBy: string;
  source: string | null;
  window: { start: { at: string; precision: string } | null; end: unknown; durationDays: number | null };
  inForce: { from: string | null; until: string | null; cutShortBy: string | null; reason: string | null };
  provisions: { id: string; key: string; targets: string[] | 'any'; quote: string | null }[];
}

export interface AgreementDetail {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: string | null;
  parties: string[];
  mediators: string[];
  readoutCount: number;
  version: number;
  links: { relation: string; agreement: string }[];
  lifecycle: { status: string; party: string | null; at: string; source: string | null }[];
  conditions: { key: string; party: string; kind: string; status: string; readout: string | null }[];
  readouts: ReadoutDetail[];
  sources: { key: string; issuer: string; originalText: string | null }[];
  rescreened?: number;
}

export interface ReadoutScreeningDetail {
  id: string;
  key: string;
  issuedBy: string;
  result: string;
  provision?: { id: string; key: string };
  predicate: string | null;
  reason: string;
}

export interface ScreeningDetail {
  agreement: { id: string; slug: string | null; title: string | null };
  verdict: string;
  readouts: ReadoutScreeningDetail[];
  computedAt: string;
}

export interface IncidentDetail {
  id: string;
  ref: string | null;
  title: string;
  occurredAt: string;
  timePrecision: string;
  target: string | null;
  perpetrator: string | null;
  fatalities: number | null;
  location: { lon: number; lat: number } | null;
  allegations: { id: string; accuser: string; accused: string; source: string | null; summary: string }[];
  screening: ScreeningDetail[];
}

export interface IncidentPage {
  items: IncidentDetail[];
  total: number;
  limit: number;
  offset: number;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A JSON request as someone: their headers, `null` for the public; the admin token when `as` is left out. */
export async function request<T>(
  h: Harness,
  method: Method,
  url: string,
  payload?: unknown,
  as: Record<string, string> | null = h.auth,
): Promise<Reply<T>> {
  const res = await h.app.inject({
    method,
    url,
    ...(as ? { headers: as } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json<T>(), headers: res.headers };
}

function send<T>(h: Harness, method: Method, url: string, payload?: unknown, auth = true) {
  return request<T>(h, method, url, payload, auth ? h.auth : null);
}

/**
 * JSON requests on the harness's app. Every request carries the admin token unless `auth` is false: reads
 * then see unpublished incidents too; `getPublic` reads as the anonymous public.
 */
export function client(h: Harness) {
  return {
    get: <T>(url: string) => send<T>(h, 'GET', url),
    getPublic: <T>(url: string) => send<T>(h, 'GET', url, undefined, false),
    post: <T>(url: string, payload: unknown, auth = true) => send<T>(h, 'POST', url, payload, auth),
    patch: <T>(url: string, payload: unknown, auth = true) => send<T>(h, 'PATCH', url, payload, auth),
    put: <T>(url: string, payload: unknown, auth = true) => send<T>(h, 'PUT', url, payload, auth),
  };
}

/** How much is stored: agreements, incidents and audit events. Equal before and after = nothing written. */
export async function storedCounts(h: Harness) {
  const api = client(h);
  const agreements = await api.get<{ items: unknown[] }>('/api/v1/agreements');
  const incidents = await api.get<IncidentPage>('/api/v1/incidents?limit=1');
  const audit = await listAuditEvents(h.services.db.kysely);
  return {
    agreements: agreements.body.items.length,
    incidents: incidents.body.total,
    auditEvents: audit.length,
  };
}

export function auditEvents(h: Harness): Promise<AuditEvent[]> {
  return listAuditEvents(h.services.db.kysely);
}

export const GENESIS = '0'.repeat(64);

/** The seq of the first audit event whose link is broken, or null when the whole chain verifies. */
export async function brokenLink(h: Harness): Promise<number | null> {
  return firstBrokenLink(await auditEvents(h), GENESIS);
}

/** The stored screening of an incident against one agreement (by slug), if any. */
export function screeningFor(incident: IncidentDetail, slug: string): ScreeningDetail | undefined {
  return incident.screening.find((s) => s.agreement.slug === slug);
}
