// Findings, prisoner exchanges and front-line snapshots as export rows and features. Counts only: no record here
// names a person (who recorded, reconciled or ruled is never exported).

import { type ExchangeCategory, type LedgerEntry, parityText } from '../../core/exchanges.js';
import type { MultiPolygon, Polyline } from '../../core/geometry/types.js';
import type { Verdict } from '../../core/screening.js';
import type { Attribution, Grade, Occurrence, RulingStatus } from '../../core/verification.js';
import type { CsvRow } from './csv.js';
import type { Feature } from './geojson.js';
import type { KmlStyle, Placemark } from './kml.js';

// ---- findings ----

/** A published finding with what identifies its incident; rulings name agreements by slug. */
export interface ExportedFinding {
  readonly incident: {
    readonly id: string;
    readonly ref: string | null;
    readonly title: string;
    readonly occurredAt: string;
    readonly publishedAt: string | null;
  };
  readonly occurrence: Occurrence;
  readonly attribution: Attribution;
  readonly grade: Grade;
  readonly rulings: readonly {
    readonly agreement: string;
    readonly status: RulingStatus;
    /** The incident's screening verdict against that agreement; null when it no longer screens against it. */
    readonly verdict: Verdict | null;
  }[];
  readonly updatedAt: string;
}

export const FINDING_COLUMNS = [
  'incident_id',
  'incident_ref',
  'incident_title',
  'occurred_at',
  'published_at',
  'occurrence',
  'attribution',
  'attributed_party',
  'confidence',
  'grade',
  'agreement',
  'verdict',
  'ruling',
  'updated_at',
] as const;

/** A finding as CSV rows: one per agreement it rules on, or one without an agreement when it rules on none. */
export function findingRows(f: ExportedFinding): CsvRow[] {
  const a = f.attribution;
  const base = {
    incident_id: f.incident.id,
    incident_ref: f.incident.ref,
    incident_title: f.incident.title,
    occurred_at: f.incident.occurredAt,
    published_at: f.incident.publishedAt,
    occurrence: f.occurrence,
    attribution: a.status,
    attributed_party: a.status === 'unknown' ? null : a.party,
    confidence: a.status === 'attributed' ? a.confidence : null,
    grade: f.grade,
    updated_at: f.updatedAt,
  };
  if (f.rulings.length === 0) return [{ ...base, agreement: null, verdict: null, ruling: null }];
  return f.rulings.map((r) => ({ ...base, agreement: r.agreement, verdict: r.verdict, ruling: r.status }));
}

// ---- exchanges ----

export const EXCHANGE_COLUMNS = [
  'exchange_key',
  'date',
  'side_a',
  'side_b',
  'mediator',
  'agreement',
  'agreement_relation',
  'from',
  'to',
  'category',
  'count',
  'at_least',
  'status',
  'reason',
  'claimed',
  'parity',
  'running_total_people',
  'summary',
  'exchange_id',
] as const;

/**
 * An exchange as CSV rows: one per side and category, with the figure the ledger counts, how it stands
 * (reconciled, consistent, disputed) and what each claim said (`UA announced 175 (ua-coordination-hq)`).
 */
export function exchangeRows(
  entry: LedgerEntry,
  agreements: ReadonlyMap<string, { readonly slug: string }>,
): CsvRow[] {
  const x = entry.exchange;
  const base = {
    exchange_key: x.key,
    date: x.date,
    side_a: x.sides[0],
    side_b: x.sides[1],
    mediator: x.mediator,
    agreement: x.agreement
      ? (agreements.get(x.agreement.agreementId)?.slug ?? x.agreement.agreementId)
      : null,
    agreement_relation: x.agreement?.relation ?? null,
    parity: parityText(entry.parity),
    running_total_people: entry.runningTotals.people,
    summary: x.summary,
    exchange_id: x.id,
  };
  const none = {
    from: null,
    to: null,
    category: null as ExchangeCategory | null,
    count: null,
    at_least: null,
    status: null,
    reason: null,
    claimed: null,
  };
  if (entry.figures.length === 0) return [{ ...base, ...none }];
  return entry.figures.map((f) => ({
    ...base,
    from: f.from,
    to: f.to,
    category: f.category,
    count: f.count,
    at_least: f.atLeast,
    status: f.status,
    reason: f.reason,
    claimed: f.claimed.map((c) => `${c.claimant} ${c.stage} ${c.count} (${c.source})`).join('; ') || null,
  }));
}

// ---- front line ----

/** A front-line snapshot as exported: the line of contact and the occupied area valid from its date. */
export interface ExportedSnapshot {
  readonly validFrom: string;
  /** The date the next snapshot takes over; null for the latest. */
  readonly validUntil: string | null;
  readonly source: string;
  readonly lineKm: number;
  readonly areaKm2: number;
  readonly line: readonly Polyline[];
  readonly occupied: MultiPolygon;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function snapshotProperties(s: ExportedSnapshot, kind: 'line-of-contact' | 'occupied-area') {
  return {
    kind,
    valid_from: s.validFrom,
    valid_until: s.validUntil,
    source: s.source,
    length_km: kind === 'line-of-contact' ? round(s.lineKm, 1) : null,
    area_km2: kind === 'occupied-area' ? round(s.areaKm2, 1) : null,
  };
}

const lines = (s: ExportedSnapshot) => s.line.map((part) => part.map((p) => [p[0], p[1]] as const));
const polygons = (s: ExportedSnapshot) =>
  s.occupied.map((polygon) => polygon.map((ring) => ring.map((p) => [p[0], p[1]] as const)));

/** A snapshot as two GeoJSON features: the line of contact (MultiLineString) and the occupied area (MultiPolygon). */
export function snapshotFeatures(s: ExportedSnapshot): Feature[] {
  return [
    {
      id: `line-${s.validFrom}`,
      geometry: { type: 'MultiLineString', coordinates: lines(s) },
      properties: snapshotProperties(s, 'line-of-contact'),
    },
    {
      id: `occupied-${s.validFrom}`,
      geometry: { type: 'MultiPolygon', coordinates: polygons(s) },
      properties: snapshotProperties(s, 'occupied-area'),
    },
  ];
}

export const FRONTLINE_STYLES: readonly KmlStyle[] = [
  { id: 'line-of-contact', color: 'ff0000cc' },
  { id: 'occupied-area', color: '4d0000cc' },
];

/** A snapshot as two KML placemarks valid over its span (Google Earth's time slider plays them). */
export function snapshotPlacemarks(s: ExportedSnapshot): Placemark[] {
  const when = { begin: s.validFrom, end: s.validUntil };
  return [
    {
      id: `line-${s.validFrom}`,
      name: `Line of contact from ${s.validFrom}`,
      styleUrl: '#line-of-contact',
      when,
      geometry: { type: 'MultiLineString', coordinates: lines(s) },
      data: snapshotProperties(s, 'line-of-contact'),
    },
    {
      id: `occupied-${s.validFrom}`,
      name: `Occupied area from ${s.validFrom}`,
      styleUrl: '#occupied-area',
      when,
      geometry: { type: 'MultiPolygon', coordinates: polygons(s) },
      data: snapshotProperties(s, 'occupied-area'),
    },
  ];
}
