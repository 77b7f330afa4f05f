// Agreements as exported: one JSON record per agreement with its readouts, provisions, lifecycle and conditions,
// and a CSV of one row per provision per readout (a readout without provisions has one row of its own).

import type { Agreement, Area, Provision, Readout } from '../../core/model.js';
import { readoutSpan } from '../../core/terms.js';
import { toUtcIso } from '../../core/time.js';
import type { CsvRow } from './csv.js';

/** The agreement's status: its latest lifecycle step for the agreement as a whole (else for any party). */
function currentStatus(a: Agreement): string | null {
  const whole = a.lifecycle.filter((s) => s.party === null);
  return (whole.at(-1) ?? a.lifecycle.at(-1))?.status ?? null;
}

/** When a readout's terms bind, in UTC: cut short by the lifecycle, or why they never bind. */
function inForce(a: Agreement, r: Readout) {
  const span = readoutSpan(a, r);
  return span.inForce
    ? {
        from: toUtcIso(span.interval.startMs),
        until: Number.isFinite(span.interval.endMs) ? toUtcIso(span.interval.endMs) : null,
        cutShortBy: span.cappedBy,
        reason: null,
      }
    : { from: null, until: null, cutShortBy: null, reason: span.reason };
}

function provisionRecord(p: Provision) {
  return {
    key: p.key,
    kind: p.kind,
    acts: p.acts,
    domains: p.domains,
    targets: p.targets,
    area: p.area,
    bound: p.bound,
    quote: p.quote,
  };
}

/** An agreement as a JSON record (the shape of `GET /api/v1/agreements/{slug}` without its sources). */
export function agreementRecord(a: Agreement) {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    form: a.form,
    kind: a.kind,
    summary: a.summary,
    status: currentStatus(a),
    parties: a.parties,
    mediators: a.mediators,
    links: a.links.map((l) => ({ relation: l.relation, agreement: l.agreement })),
    lifecycle: a.lifecycle.map((s) => ({
      status: s.status,
      party: s.party,
      at: s.at,
      precision: s.precision,
      note: s.note,
      source: s.source,
    })),
    readouts: a.readouts.map((r) => ({
      key: r.key,
      issuedBy: r.issuedBy,
      issuer: r.issuer,
      issuedAt: r.issuedAt,
      source: r.source,
      scope: r.scope,
      summary: r.summary,
      window: {
        start: r.window.start,
        end: r.window.end,
        durationDays: r.window.durationDays,
        extension: r.window.extension,
        escapeClause: r.window.escapeClause,
      },
      inForce: inForce(a, r),
      provisions: r.provisions.map(provisionRecord),
    })),
    conditions: a.conditions.map((c) => ({
      key: c.key,
      party: c.party,
      kind: c.kind,
      text: c.text,
      status: c.status,
      readout: c.readout,
      source: c.source,
    })),
    version: a.version,
    updatedAt: a.updatedAt,
  };
}

export const AGREEMENT_COLUMNS = [
  'agreement_slug',
  'agreement_title',
  'agreement_kind',
  'agreement_form',
  'agreement_status',
  'parties',
  'mediators',
  'readout_key',
  'issued_by',
  'issuer',
  'issued_at',
  'readout_source',
  'scope',
  'window_start',
  'window_start_precision',
  'window_end',
  'window_end_precision',
  'duration_days',
  'in_force_from',
  'in_force_until',
  'cut_short_by',
  'not_in_force_because',
  'provision_key',
  'acts',
  'domains',
  'targets',
  'area',
  'bound',
  'quote',
  'agreement_id',
  'agreement_version',
] as const;

const listed = (values: readonly string[] | 'any' | 'parties') =>
  typeof values === 'string' ? values : values.join('; ');

/** An area in words: `everywhere`, `admin UA-65 UA-23`, `within 30 km of the line`, `all of (...)`. */
export function areaText(area: Area): string {
  switch (area.kind) {
    case 'everywhere':
    case 'black-sea':
      return area.kind;
    case 'admin':
      return `admin ${area.codes.join(' ')}`;
    case 'polygon':
      return 'polygon (see agreements.json)';
    case 'within-km-of-line':
      return `within ${area.km} km of the line`;
    case 'side':
      return `${area.side} side`;
    case 'all-of':
      return `all of (${area.areas.map(areaText).join('; ')})`;
  }
}

/** An agreement as CSV rows: one per provision of each readout, a readout without provisions as one row. */
export function agreementRows(a: Agreement): CsvRow[] {
  const agreement = {
    agreement_slug: a.slug,
    agreement_title: a.title,
    agreement_kind: a.kind,
    agreement_form: a.form,
    agreement_status: currentStatus(a),
    parties: a.parties.join('; '),
    mediators: a.mediators.join('; '),
    agreement_id: a.id,
    agreement_version: a.version,
  };
  return a.readouts.flatMap((r): CsvRow[] => {
    const span = inForce(a, r);
    const readout = {
      ...agreement,
      readout_key: r.key,
      issued_by: r.issuedBy,
      issuer: r.issuer,
      issued_at: r.issuedAt,
      readout_source: r.source,
      scope: r.scope,
      window_start: r.window.start?.at ?? null,
      window_start_precision: r.window.start?.precision ?? null,
      window_end: r.window.end?.at ?? null,
      window_end_precision: r.window.end?.precision ?? null,
      duration_days: r.window.durationDays,
      in_force_from: span.from,
      in_force_until: span.until,
      cut_short_by: span.cutShortBy,
      not_in_force_because: span.reason,
    };
    const none = {
      provision_key: null,
      acts: null,
      domains: null,
      targets: null,
      area: null,
      bound: null,
      quote: null,
    };
    if (r.provisions.length === 0) return [{ ...readout, ...none }];
    return r.provisions.map((p) => ({
      ...readout,
      provision_key: p.key,
      acts: listed(p.acts),
      domains: listed(p.domains),
      targets: listed(p.targets),
      area: areaText(p.area),
      bound: listed(p.bound),
      quote: p.quote,
    }));
  });
}
