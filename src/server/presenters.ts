// The API shapes. Each presenter lists every field it sends; domain records are never spread into a response.
// Incidents and agreements are presented by src/core/representations.ts, which webhooks share.

import type { Agreement, Party } from '../core/model.js';
import type { AgreementScreening, ReadoutScreening } from '../core/screening.js';
import type { MultiPolygon } from '../core/geometry/types.js';
import type { Snapshot, SnapshotSummary } from '../db/frontline.js';
import type { StoredScreening } from '../db/incidents.js';
import type { FrontlineChanges, SectorWithCounts } from '../services/frontline.js';
import type { User } from '../services/users.js';

export {
  presentAgreement,
  presentAgreementSummary,
  presentAgreementTerms,
  presentGeography,
  presentIncident,
  presentLocation,
  presentSource,
} from '../core/representations.js';

export function presentParty(p: Party) {
  return { code: p.code, name: p.name, kind: p.kind };
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
