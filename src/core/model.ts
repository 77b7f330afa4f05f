// The domain records: parties, sources, agreements with readouts and provisions, incidents and allegations.
// Readouts are one issuer's version of the terms; they are compared, never merged.

import type { LonLat } from './geo.js';
import type { Act, Domain, TargetCode } from './taxonomy.js';
import type { Precision } from './time.js';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AgreementId = Brand<string, 'AgreementId'>;
export type ReadoutId = Brand<string, 'ReadoutId'>;
export type ProvisionId = Brand<string, 'ProvisionId'>;
export type IncidentId = Brand<string, 'IncidentId'>;
export type SourceId = Brand<string, 'SourceId'>;
/** A party's short code: `RU`, `UA`, `US`, ... */
export type PartyCode = string;

export const PARTY_KINDS = ['state', 'armed-group', 'mediator', 'monitor', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Party {
  readonly code: PartyCode;
  readonly name: string;
  readonly kind: PartyKind;
}

export interface Translation {
  readonly language: string;
  readonly text: string;
  readonly translator: string | null;
}

/** A publication: a readout, a statement on social media, a news report. */
export interface Source {
  readonly id: SourceId;
  readonly key: string;
  readonly issuer: string;
  readonly issuerParty: PartyCode | null;
  readonly channel: string | null;
  readonly publishedAt: string | null;
  readonly url: string | null;
  readonly title: string;
  readonly language: string | null;
  readonly originalText: string | null;
  readonly translations: readonly Translation[];
  readonly verified: boolean;
}

export const AGREEMENT_FORMS = [
  'leaders-call',
  'joint-statement',
  'unilateral-declaration',
  'signed-text',
  'proposal',
] as const;
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];

export const AGREEMENT_KINDS = [
  'ceasefire',
  'moratorium',
  'truce',
  'maritime-arrangement',
  'exchange-deal',
  'humanitarian-pause',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const LINK_RELATIONS = ['implements', 'supersedes', 'narrows', 'follows', 'related'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface AgreementLink {
  readonly relation: LinkRelation;
  readonly agreement: string;
}

export const LIFECYCLE_STATUSES = [
  'proposed',
  'accepted',
  'accepted-conditionally',
  'rejected',
  'in-force',
  'suspended',
  'expired',
  'collapsed',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Lifecycle statuses after which the agreement binds nobody, whatever a readout's window says. */
export const TERMINAL_STATUSES: readonly LifecycleStatus[] = ['expired', 'collapsed'];

export interface LifecycleStep {
  readonly status: LifecycleStatus;
  /** The party this step is about (one party's acceptance), or null for the agreement as a whole. */
  readonly party: PartyCode | null;
  readonly at: string;
  readonly precision: Precision;
  readonly note: string;
  readonly source: string | null;
}

export const BOUND_PRECISIONS = ['minute', 'hour', 'day'] as const;
export type BoundPrecision = (typeof BOUND_PRECISIONS)[number];

/** One edge of a window, as stated: "from 18 March" is `{ at: '2025-03-18T00:00+03:00', precision: 'day' }`. */
export interface WindowBound {
  readonly at: string;
  readonly precision: BoundPrecision;
}

/**
 * A readout's time window. A start covers from the beginning of its unit; an explicit end covers through the
 * end of its unit ("until 16 April" includes 16 April); a duration counts whole days from the start.
 * A null start means the terms are not in force under this readout.
 */
export interface TermWindow {
  readonly start: WindowBound | null;
  readonly end: WindowBound | null;
  readonly durationDays: number | null;
  readonly extension: string | null;
  readonly escapeClause: string | null;
}

/** A position as GeoJSON writes it, `[lon, lat]`; a provision's polygon stores plain numbers as given. */
export type Position = readonly [lon: number, lat: number];

/** A GeoJSON Polygon or MultiPolygon (RFC 7946, WGS84), its rings closed. */
export type AreaGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

/** An area that stands on its own; `all-of` combines these. */
export type SimpleArea =
  | { readonly kind: 'everywhere' }
  /** First-level administrative areas by ISO 3166-2 code (`UA-65`), matched on the incident's derived admin1. */
  | { readonly kind: 'admin'; readonly codes: readonly string[] }
  | { readonly kind: 'polygon'; readonly geometry: AreaGeometry }
  /** The Black Sea and the Sea of Azov, as the outline shipped in `core/areas/black-sea.ts`. */
  | { readonly kind: 'black-sea' }
  /** Within `km` of the line of contact in force on the incident's date, on either side. */
  | { readonly kind: 'within-km-of-line'; readonly km: number }
  | { readonly kind: 'side'; readonly side: Side };

/** Where a provision applies: one area, or the intersection of several (`all-of`). */
export type Area = SimpleArea | { readonly kind: 'all-of'; readonly areas: readonly SimpleArea[] };

export type AreaKind = Area['kind'];

export const PROVISION_KINDS = ['prohibition'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

/** A machine-checkable clause of a readout. `'any'` matches every value, including a missing one. */
export interface Provision {
  readonly id: ProvisionId;
  readonly key: string;
  readonly kind: ProvisionKind;
  readonly acts: readonly Act[] | 'any';
  readonly domains: readonly Domain[] | 'any';
  readonly targets: readonly TargetCode[] | 'any';
  readonly area: Area;
  /** The parties the clause binds, or `'parties'` for every party of the agreement. */
  readonly bound: readonly PartyCode[] | 'parties';
  /** The words of the readout this clause encodes. */
  readonly quote: string | null;
}

export interface Readout {
  readonly id: ReadoutId;
  readonly key: string;
  readonly issuedBy: PartyCode;
  readonly issuer: string;
  readonly issuedAt: string;
  readonly source: string | null;
  /** How this readout names what is covered, in its own words ("energy and infrastructure"). */
  readonly scope: string;
  readonly summary: string;
  readonly window: TermWindow;
  readonly provisions: readonly Provision[];
}

export const CONDITION_KINDS = ['precondition', 'demand', 'commitment'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export const CONDITION_STATUSES = ['open', 'met', 'partly-met', 'unmet', 'withdrawn'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/**
 * What a party demands or promises. A precondition tied to a readout keeps that readout's terms out of force
 * until it is met.
 */
export interface Condition {
  readonly key: string;
  readonly party: PartyCode;
  readonly kind: ConditionKind;
  readonly text: string;
  readonly status: ConditionStatus;
  readonly readout: string | null;
  readonly source: string | null;
}

export interface Agreement {
  readonly id: AgreementId;
  readonly slug: string;
  readonly title: string;
  readonly form: AgreementForm;
  readonly kind: AgreementKind;
  readonly summary: string;
  readonly parties: readonly PartyCode[];
  readonly mediators: readonly PartyCode[];
  readonly links: readonly AgreementLink[];
  readonly lifecycle: readonly LifecycleStep[];
  readonly readouts: readonly Readout[];
  readonly conditions: readonly Condition[];
  readonly version: number;
  readonly updatedAt: string;
}

export const OBSERVATION_METHODS = [
  'heard',
  'saw',
  'camera',
  'uav',
  'satellite',
  'follow-up',
  'reported',
] as const;
export type ObservationMethod = (typeof OBSERVATION_METHODS)[number];

export const QUALIFIERS = ['exact', 'at-least', 'about'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export interface Count {
  readonly what: string;
  readonly value: number;
  readonly qualifier: Qualifier;
}

export interface CasualtyRange {
  readonly low: number | null;
  readonly best: number | null;
  readonly high: number | null;
}

export interface Casualties {
  readonly killed: CasualtyRange | null;
  readonly injured: CasualtyRange | null;
}

export interface Effect {
  readonly description: string;
  readonly affected: number | null;
}

/**
 * Party `accuser` accuses party `accused` of an incident, at `madeAt`, in a source. Never edited: a correction is
 * a new version that `supersedes` the old one, which stays on record.
 */
export interface Allegation {
  readonly id: string;
  readonly accuser: PartyCode;
  readonly accused: PartyCode;
  readonly madeAt: string;
  readonly source: string | null;
  readonly summary: string;
  readonly version: number;
  /** The id of the version this one replaces; null for a first version. */
  readonly supersedes: string | null;
  /** Who filed it (a person id); null for records older than filing by person. */
  readonly filedBy: string | null;
  readonly filedAt: string | null;
}

export const REPLY_KINDS = ['denial', 'counter-claim', 'context'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** The accused party's answer to an allegation, versioned like the allegation itself. */
export interface AllegationReply {
  readonly id: string;
  readonly allegationId: string;
  readonly party: PartyCode;
  readonly kind: ReplyKind;
  readonly text: string;
  readonly madeAt: string;
  readonly source: string | null;
  readonly version: number;
  readonly supersedes: string | null;
  readonly filedBy: string;
  readonly filedAt: string;
}

export const LOCATION_DISCLOSURES = ['exact', 'blurred', 'withheld'] as const;
/** How much of an incident's location the public sees: all of it, rounded to about 10 km, or nothing. */
export type LocationDisclosure = (typeof LOCATION_DISCLOSURES)[number];

/** What the public copy of an incident shows; the sealed record keeps everything. */
export interface Disclosure {
  /** Whether the public may see who reported the incident. */
  readonly reporter: 'shown' | 'withheld';
  readonly location: LocationDisclosure;
}

export const SIDES = ['occupied', 'controlled'] as const;
/** Which side of the line of contact a place is on: inside the occupied area, or not. */
export type Side = (typeof SIDES)[number];

/**
 * Where an incident lies relative to the line of contact in force on its date, derived at write time from
 * its coordinates and stored with it.
 */
export interface IncidentGeography {
  /** The date of the front-line snapshot used (the last one on or before the incident's date). */
  readonly snapshotDate: string;
  readonly distanceKm: number;
  readonly side: Side;
  /** The key of the sector of the line nearest the incident, if sectors are defined. */
  readonly sector: string | null;
  /** ISO 3166-2 code of the first-level administrative area containing the incident (UA-65), if any. */
  readonly admin1: string | null;
}

/** ACLED's geo_precision: 1 town, 2 near a place or small part of a region, 3 only the region. */
export type GeoPrecision = 1 | 2 | 3;

/** An incident: ACLED-compatible where ACLED has a field, plus what monitoring needs. */
export interface Incident {
  readonly id: IncidentId;
  readonly ref: string | null;
  readonly occurredAt: string;
  readonly timePrecision: Precision;
  readonly title: string;
  readonly eventType: string | null;
  readonly subEventType: string | null;
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly country: string | null;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly admin3: string | null;
  readonly locationName: string | null;
  readonly location: LonLat | null;
  readonly geoPrecision: GeoPrecision | null;
  readonly sourceText: string | null;
  readonly sourceScale: string | null;
  readonly notes: string | null;
  readonly fatalities: number | null;
  readonly act: Act | null;
  readonly domain: Domain | null;
  readonly target: TargetCode | null;
  readonly weapon: string | null;
  /** The party alleged to have done it; screening asks what the incident would break if the allegation holds. */
  readonly perpetrator: PartyCode | null;
  readonly counts: readonly Count[];
  readonly effects: readonly Effect[];
  readonly observation: ObservationMethod | null;
  readonly casualties: Casualties;
  readonly allegations: readonly Allegation[];
  /** Derived from `location` and the front-line snapshot in force on the incident's date; never typed in. */
  readonly geography: IncidentGeography | null;
  /** The person who filed it (see `personId` in verification.ts); null for records filed before accounts. */
  readonly reportedBy: string | null;
  /** When its finding was published; null while unpublished (the public cannot see it). */
  readonly publishedAt: string | null;
  readonly disclosure: Disclosure;
  readonly createdAt: string;
  readonly updatedAt: string;
}
