// The public representations of the core records: the shapes in which the API sends incidents and agreements,
// and in which webhooks announce them. Each lists every field it sends; records are never spread into them.

import { adminAreaByCode } from './admin-areas.js';
import { publicCopy } from './disclosure.js';
import type { Agreement, Incident, IncidentGeography, Provision, Readout, Source } from './model.js';
import { readoutSpan } from './terms.js';
import { toUtcIso } from './time.js';

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

/** An agreement's terms as the public reads them: everything but the sources it cites. */
export function presentAgreementTerms(a: Agreement) {
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
  };
}

/** An agreement with the sources it cites (`GET /agreements/:slug`). */
export function presentAgreement(a: Agreement, sources: readonly Source[]) {
  return { ...presentAgreementTerms(a), sources: sources.map(presentSource) };
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
