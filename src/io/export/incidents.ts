// Incidents as export rows: one column set for CSV, GeoJSON properties and KML ExtendedData alike, built from the
// public copy of each incident with its screening verdicts and, once published, its finding.

import type { Incident } from '../../core/model.js';
import { mostSerious, type Verdict } from '../../core/screening.js';
import { parseInstant, toUtcIso } from '../../core/time.js';
import type { Attribution, Grade, Occurrence, RulingStatus } from '../../core/verification.js';
import type { Feature } from './geojson.js';
import type { KmlStyle, Placemark } from './kml.js';

/** An incident as exported: what the anonymous public may see of it, and nothing else. */
export interface ExportedIncident {
  /** The public copy (`publicCopy`): blurred or withheld location, reporter only where shown. */
  readonly incident: Incident;
  /** Its screening verdict per agreement, agreements by slug. */
  readonly screenings: readonly { readonly agreement: string; readonly verdict: Verdict }[];
  /** Its finding, once published (null before). */
  readonly finding: {
    readonly occurrence: Occurrence;
    readonly attribution: Attribution;
    readonly grade: Grade;
    readonly rulings: readonly { readonly agreement: string; readonly status: RulingStatus }[];
  } | null;
}

/** The columns of `incidents.csv`, in order; GeoJSON and KML carry the same names minus the coordinates. */
export const INCIDENT_COLUMNS = [
  'id',
  'ref',
  'title',
  'occurred_at',
  'occurred_utc',
  'time_precision',
  'event_type',
  'sub_event_type',
  'act',
  'domain',
  'target',
  'weapon',
  'perpetrator',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location_name',
  'longitude',
  'latitude',
  'geo_precision',
  'location_disclosure',
  'oblast',
  'sector',
  'distance_km',
  'side',
  'snapshot_date',
  'fatalities',
  'killed_low',
  'killed_best',
  'killed_high',
  'injured_low',
  'injured_best',
  'injured_high',
  'counts',
  'effects',
  'observation',
  'source',
  'source_scale',
  'notes',
  'allegations',
  'reported_by',
  'verdict',
  'verdicts',
  'occurrence',
  'attribution',
  'attributed_party',
  'grade',
  'rulings',
  'published_at',
  'updated_at',
] as const;

export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];
export type IncidentRow = Readonly<Record<IncidentColumn, string | number | null>>;

const list = (items: readonly string[]) => (items.length === 0 ? null : items.join('; '));

/** UTC ISO text of an incident's time, for sorting across time zones. */
function utc(occurredAt: string): string | null {
  const instant = parseInstant(occurredAt);
  return instant ? toUtcIso(instant.epochMs) : null;
}

/** One incident as a row of `INCIDENT_COLUMNS`. */
export function incidentRow({ incident: i, screenings, finding }: ExportedIncident): IncidentRow {
  const g = i.geography;
  const attribution = finding?.attribution;
  return {
    id: i.id,
    ref: i.ref,
    title: i.title,
    occurred_at: i.occurredAt,
    occurred_utc: utc(i.occurredAt),
    time_precision: i.timePrecision,
    event_type: i.eventType,
    sub_event_type: i.subEventType,
    act: i.act,
    domain: i.domain,
    target: i.target,
    weapon: i.weapon,
    perpetrator: i.perpetrator,
    actor1: i.actor1,
    actor2: i.actor2,
    country: i.country,
    admin1: i.admin1,
    admin2: i.admin2,
    admin3: i.admin3,
    location_name: i.locationName,
    longitude: i.location ? i.location[0] : null,
    latitude: i.location ? i.location[1] : null,
    geo_precision: i.geoPrecision,
    location_disclosure: i.disclosure.location,
    oblast: g?.admin1 ?? null,
    sector: g?.sector ?? null,
    distance_km: g ? Math.round(g.distanceKm * 100) / 100 : null,
    side: g?.side ?? null,
    snapshot_date: g?.snapshotDate ?? null,
    fatalities: i.fatalities,
    killed_low: i.casualties.killed?.low ?? null,
    killed_best: i.casualties.killed?.best ?? null,
    killed_high: i.casualties.killed?.high ?? null,
    injured_low: i.casualties.injured?.low ?? null,
    injured_best: i.casualties.injured?.best ?? null,
    injured_high: i.casualties.injured?.high ?? null,
    counts: list(
      i.counts.map((c) => `${c.what}: ${c.qualifier === 'exact' ? '' : `${c.qualifier} `}${c.value}`),
    ),
    effects: list(
      i.effects.map((e) =>
        e.affected === null ? e.description : `${e.description} (${e.affected} affected)`,
      ),
    ),
    observation: i.observation,
    source: i.sourceText,
    source_scale: i.sourceScale,
    notes: i.notes,
    allegations: list(i.allegations.map((a) => `${a.accuser} accuses ${a.accused}`)),
    reported_by: i.reportedBy,
    verdict: mostSerious(screenings.map((s) => s.verdict)),
    verdicts: list(screenings.map((s) => `${s.agreement}: ${s.verdict}`)),
    occurrence: finding?.occurrence ?? null,
    attribution: attribution?.status ?? null,
    attributed_party: attribution && attribution.status !== 'unknown' ? attribution.party : null,
    grade: finding?.grade ?? null,
    rulings: finding ? list(finding.rulings.map((r) => `${r.agreement}: ${r.status}`)) : null,
    published_at: i.publishedAt,
    updated_at: i.updatedAt,
  };
}

/** The row without its coordinates, which GeoJSON and KML carry as geometry. */
function properties(row: IncidentRow) {
  const { longitude: _lon, latitude: _lat, ...rest } = row;
  return rest;
}

/** One incident as a GeoJSON Feature: a Point at its public location, or no geometry where it is withheld. */
export function incidentFeature(exported: ExportedIncident): Feature {
  const { location, id } = exported.incident;
  return {
    id,
    geometry: location ? { type: 'Point', coordinates: [location[0], location[1]] } : null,
    properties: properties(incidentRow(exported)),
  };
}

/** Placemark styles by verdict (KML colours are aabbggrr), the web map's colours. */
export const VERDICT_STYLES: readonly KmlStyle[] = [
  { id: 'verdict-covered', color: 'ff2b18b2' },
  { id: 'verdict-contested', color: 'ff1482e0' },
  { id: 'verdict-unknown', color: 'ff6b6b6b' },
  { id: 'verdict-not-covered', color: 'ffac6621' },
  { id: 'verdict-none', color: 'ff9e9e9e' },
];

/** One incident as a KML Placemark, styled by its most serious verdict. */
export function incidentPlacemark(exported: ExportedIncident): Placemark {
  const row = incidentRow(exported);
  const { incident } = exported;
  return {
    id: incident.id,
    name: incident.title,
    description: incident.notes,
    styleUrl: `#verdict-${row.verdict ?? 'none'}`,
    when: { at: incident.occurredAt },
    geometry: incident.location
      ? { type: 'Point', coordinates: [incident.location[0], incident.location[1]] }
      : null,
    data: properties(row),
  };
}
