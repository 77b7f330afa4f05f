// The API shapes. Each presenter lists every field it sends; domain records are never spread into a response.

import { publicCopy } from '../core/disclosure.js';
import { adminAreaByCode } from '../core/admin-areas.js';
import type {
  Agreement,
  Incident,
  IncidentGeography,
  Party,
  Provision,
  Readout,
  Source,
} from '../core/model.js';
import type { AgreementScreening, ReadoutScreening } from '../core/screening.js';
import { readoutSpan } from '../core/terms.js';
import { toUtcIso } from '../core/time.js';
import type { MultiPolygon } from '../core/geometry/types.js';
import type { Snapshot, SnapshotSummary } from '../db/frontline.js';
import type { StoredScreening } from '../db/incidents.js';
import type { FrontlineChanges, SectorWithCounts } from '../services/frontline.js';
import type { User } from '../services/users.js';

export function presentParty(p: Party) {
  return { code: p.code, name: p.name, kind: p.kind };
}

export function presentSource(s: Source) {
  return {
    key: s.key,
    issuer: s.issuer,
    issuerParty: s.issuerParty,
    channel: s.channel,
    publishedAt: s.publishedAt,
    url: s.url,
    title: s.title,
    language: s.language,
    originalText: s.originalText,
    translations: s.translations.map((t) => ({
      language: t.language,
      text: t.text,
      translator: t.translator,
    })),
    verified: s.verified,
  };
}

function presentProvision(p: Provision) {
  return {
    id: p.id,
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

function presentReadout(agreement: Agreement, r: Readout) {
  const span = readoutSpan(agreement, r);
  return {
    id: r.id,
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
    /** The window as it binds: in UTC, cut short by the lifecycle, or why it never binds. */
    inForce: span.inForce
      ? {
          from: toUtcIso(span.interval.startMs),
          until: Number.isFinite(span.interval.endMs) ? toUtcIso(span.interval.endMs) : null,
          cutShortBy: span.cappedBy,
          reason: null,
        }
      : { from: null, until: null, cutShortBy: null, reason: span.reason },
    provisions: r.provisions.map(presentProvision),
  };
}

/** An agreement as listed: no readout detail. */
export function presentAgreementSummary(a: Agreement) {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    form: a.form,
    kind: a.kind,
    summary: a.summary,
    parties: a.parties,
    mediators: a.mediators,
    status: currentStatus(a),
    readoutCount: a.readouts.length,
    version: a.version,
    updatedAt: a.updatedAt,
  };
}

function currentStatus(a: Agreement): string | null {
  const whole = a.lifecycle.filter((s) => s.party === null);
  return (whole.at(-1) ?? a.lifecycle.at(-1))?.status ?? null;
}

export function presentAgreement(a: Agreement, sources: readonly Source[]) {
  return {
    ...presentAgreementSummary(a),
    links: a.links.map((l) => ({ relation: l.relation, agreement: l.agreement })),
    lifecycle: a.lifecycle.map((s) => ({
      status: s.status,
      party: s.party,
      at: s.at,
      precision: s.precision,
      note: s.note,
      source: s.source,
    })),
    readouts: a.readouts.map((r) => presentReadout(a, r)),
    conditions: a.conditions.map((c) => ({
      key: c.key,
      party: c.party,
      kind: c.kind,
      text: c.text,
      status: c.status,
      readout: c.readout,
      source: c.source,
    })),
    sources: sources.map(presentSource),
  };
}

/** Every source key an agreement cites, for loading them alongside it. */
export function citedSources(a: Agreement): string[] {
  const keys = new Set<string>();
  for (const r of a.readouts) if (r.source) keys.add(r.source);
  for (const s of a.lifecycle) if (s.source) keys.add(s.source);
  for (const c of a.conditions) if (c.source) keys.add(c.source);
  return [...keys];
}

function presentReadoutScreening(r: ReadoutScreening) {
  return {
    id: r.readoutId,
    key: r.readoutKey,
    issuedBy: r.issuedBy,
    issuer: r.issuer,
    result: r.result,
    ...(r.provision ? { provision: { id: r.provision.id, key: r.provision.key } } : {}),
    predicate: r.predicate,
    reason: r.reason,
  };
}

/** A screening result for `POST /screen`: agreement, verdict and one line per readout. */
export function presentScreening(s: AgreementScreening) {
  return {
    agreement: { id: s.agreementId, slug: s.slug, title: s.title },
    verdict: s.verdict,
    readouts: s.readouts.map(presentReadoutScreening),
  };
}

export function presentStoredScreening(
  s: StoredScreening,
  agreements: ReadonlyMap<string, Pick<Agreement, 'slug' | 'title'>>,
) {
  const a = agreements.get(s.agreementId);
  return {
    agreement: { id: s.agreementId, slug: a?.slug ?? null, title: a?.title ?? null },
    verdict: s.verdict,
    readouts: s.readouts.map(presentReadoutScreening),
    computedAt: s.computedAt,
  };
}

/**
 * An incident as the API sends it: the sealed record to those who may read it, else the public copy (see
 * `publicCopy`: reporter and exact location withheld where the record says so).
 */
export function presentIncident(incident: Incident, sealed: boolean) {
  const i = sealed ? incident : publicCopy(incident);
  return {
    id: i.id,
    ref: i.ref,
    title: i.title,
    occurredAt: i.occurredAt,
    timePrecision: i.timePrecision,
    eventType: i.eventType,
    subEventType: i.subEventType,
    actor1: i.actor1,
    actor2: i.actor2,
    country: i.country,
    admin1: i.admin1,
    admin2: i.admin2,
    admin3: i.admin3,
    locationName: i.locationName,
    location: i.location ? { lon: i.location[0], lat: i.location[1] } : null,
    geoPrecision: i.geoPrecision,
    sourceText: i.sourceText,
    sourceScale: i.sourceScale,
    notes: i.notes,
    fatalities: i.fatalities,
    act: i.act,
    domain: i.domain,
    target: i.target,
    weapon: i.weapon,
    perpetrator: i.perpetrator,
    counts: i.counts.map((c) => ({ what: c.what, value: c.value, qualifier: c.qualifier })),
    effects: i.effects.map((e) => ({ description: e.description, affected: e.affected })),
    observation: i.observation,
    casualties: { killed: i.casualties.killed, injured: i.casualties.injured },
    allegations: i.allegations.map((a) => ({
      id: a.id,
      accuser: a.accuser,
      accused: a.accused,
      madeAt: a.madeAt,
      source: a.source,
      summary: a.summary,
      version: a.version,
      supersedes: a.supersedes,
    })),
    geography: presentGeography(i.geography),
    reportedBy: i.reportedBy,
    publishedAt: i.publishedAt,
    disclosure: { reporter: i.disclosure.reporter, location: i.disclosure.location },
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** Derived geography as the API sends it (incidents and `GET /frontline/locate`): admin1 with its name. */
export function presentGeography(g: IncidentGeography | null) {
  return g === null ? null : presentLocation(g);
}

/** Where a point lies: the same fields as an incident's geography. */
export function presentLocation(g: IncidentGeography) {
  const area = g.admin1 === null ? null : adminAreaByCode(g.admin1);
  return {
    snapshotDate: g.snapshotDate,
    distanceKm: g.distanceKm,
    side: g.side,
    sector: g.sector,
    admin1: g.admin1 === null ? null : { code: g.admin1, name: area?.name ?? g.admin1 },
  };
}

export function presentSnapshotSummary(s: SnapshotSummary) {
  return {
    validFrom: s.validFrom,
    source: s.source,
    lineKm: s.lineKm,
    areaKm2: s.areaKm2,
    createdAt: s.createdAt,
  };
}

const coordinatesOf = (multi: MultiPolygon) =>
  multi.map((polygon) => polygon.map((ring) => ring.map((p) => [p[0], p[1]])));

/**
 * A snapshot as an RFC 7946 FeatureCollection: the line of contact and the occupied area, with the date asked
 * for and the date of the snapshot actually used (the last one on or before it) as foreign members.
 */
export function presentFrontline(s: Snapshot, requestedDate: string | null) {
  return {
    type: 'FeatureCollection' as const,
    requestedDate,
    snapshotDate: s.validFrom,
    fallback: requestedDate !== null && requestedDate !== s.validFrom,
    source: s.source,
    features: [
      {
        type: 'Feature' as const,
        properties: { kind: 'line-of-contact', snapshotDate: s.validFrom, lengthKm: s.lineKm },
        geometry: {
          type: 'MultiLineString' as const,
          coordinates: s.line.map((part) => part.map((p) => [p[0], p[1]])),
        },
      },
      {
        type: 'Feature' as const,
        properties: { kind: 'occupied-area', snapshotDate: s.validFrom, areaKm2: s.areaKm2 },
        geometry: { type: 'MultiPolygon' as const, coordinates: coordinatesOf(s.occupied) },
      },
    ],
  };
}

/** Area that changed hands between two dates: numbers, and the areas as an RFC 7946 FeatureCollection. */
export function presentChanges(c: FrontlineChanges, from: string, to: string) {
  return {
    from: { requestedDate: from, snapshotDate: c.from.validFrom },
    to: { requestedDate: to, snapshotDate: c.to.validFrom },
    gainedKm2: c.gained.areaKm2,
    regainedKm2: c.regained.areaKm2,
    sectors: c.sectors.map((s) => ({ key: s.key, gainedKm2: s.gainedKm2, regainedKm2: s.regainedKm2 })),
    geojson: {
      type: 'FeatureCollection' as const,
      features: [
        { change: 'gained' as const, area: c.gained },
        { change: 'regained' as const, area: c.regained },
      ].map(({ change, area }) => ({
        type: 'Feature' as const,
        properties: { change, areaKm2: area.areaKm2 },
        geometry: { type: 'MultiPolygon' as const, coordinates: coordinatesOf(area.geometry) },
      })),
    },
  };
}

export function presentSector(s: SectorWithCounts) {
  return {
    key: s.sector.key,
    name: s.sector.name,
    position: s.sector.position,
    region: { type: 'MultiPolygon' as const, coordinates: coordinatesOf(s.sector.region) },
    incidents: s.incidents,
    verdicts: { ...s.verdicts },
  };
}

/** A user as the API shows them: never the password hash. */
export function presentUser(u: User) {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    party: u.party,
    createdAt: u.createdAt,
    disabled: u.disabled,
  };
}
