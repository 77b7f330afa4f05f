// The API's shapes as the app reads them (see /api/openapi.json). Only the fields the app uses are listed;
// fields some responses leave out are optional.

export const VERDICTS = ['covered', 'contested', 'unknown', 'not-covered'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Party {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

export interface AgreementSummary {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly form: string;
  readonly kind: string;
  readonly summary: string;
  readonly parties: readonly string[];
  readonly mediators: readonly string[];
  readonly status: string | null;
  readonly readoutCount: number;
}

export interface InstantPrecision {
  readonly at: string;
  readonly precision: string;
}

export interface Provision {
  readonly id: string;
  readonly key: string;
  readonly kind: string;
  readonly acts: readonly string[];
  readonly domains: readonly string[] | 'any';
  readonly targets: readonly string[];
  readonly area: unknown;
  readonly bound: readonly string[] | string;
  readonly quote: string | null;
}

export interface InForce {
  readonly from: string | null;
  readonly until: string | null;
  readonly cutShortBy: string | null;
  readonly reason: string | null;
}

export interface Readout {
  readonly id: string;
  readonly key: string;
  readonly issuedBy: string;
  readonly issuer: string;
  readonly issuedAt: string;
  readonly source: string | null;
  readonly scope: string;
  readonly summary: string;
  readonly window: {
    readonly start: InstantPrecision | null;
    readonly end: InstantPrecision | null;
    readonly durationDays: number | null;
    readonly extension: string | null;
    readonly escapeClause: string | null;
  };
  readonly inForce: InForce;
  readonly provisions: readonly Provision[];
}

export interface LifecycleStep {
  readonly status: string;
  readonly party: string | null;
  readonly at: string;
  readonly precision: string;
  readonly note: string | null;
  readonly source: string | null;
}

export interface Condition {
  readonly key: string;
  readonly party: string;
  readonly kind: string;
  readonly text: string;
  readonly status: string;
  readonly readout: string | null;
  readonly source: string | null;
}

export interface Source {
  readonly key: string;
  readonly issuer: string;
  readonly publishedAt: string | null;
  readonly url: string | null;
  readonly title: string;
  readonly language: string;
  readonly originalText: string | null;
  readonly translations: readonly { language: string; text: string; translator: string | null }[];
  readonly verified: boolean;
}

export interface Agreement extends AgreementSummary {
  readonly links: readonly { relation: string; agreement: string }[];
  readonly lifecycle: readonly LifecycleStep[];
  readonly readouts: readonly Readout[];
  readonly conditions: readonly Condition[];
  readonly sources: readonly Source[];
}

export interface ReadoutScreening {
  readonly id: string;
  readonly key: string;
  readonly issuedBy: string;
  readonly issuer: string;
  readonly result: Verdict;
  readonly provision?: { readonly id: string; readonly key: string };
  readonly predicate: string | null;
  readonly reason: string;
}

export interface Screening {
  readonly agreement: { readonly id: string; readonly slug: string | null; readonly title: string | null };
  readonly verdict: Verdict;
  readonly readouts: readonly ReadoutScreening[];
}

export interface AgreementRef {
  readonly id: string;
  readonly slug: string | null;
  readonly title: string | null;
}

export const REPLY_KINDS = ['denial', 'counter-claim', 'context'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** One version of the accused party's reply to an allegation. */
export interface Reply {
  readonly id: string;
  readonly allegationId: string;
  readonly party: string;
  readonly kind: ReplyKind;
  readonly text: string;
  readonly madeAt: string;
  readonly source: string | null;
  readonly version: number;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
}

/** The current version of an allegation, as an incident carries it, with the current reply beside it. */
export interface Allegation {
  readonly id: string;
  readonly accuser: string;
  readonly accused: string;
  readonly madeAt: string;
  readonly source: string | null;
  readonly summary: string;
  readonly version?: number;
  readonly reply?: Reply | null;
}

/** One allegation with every version of it and of its reply (GET /allegations, /incidents/:id/allegations). */
export interface AllegationThread {
  readonly incidentId: string;
  readonly allegation: Allegation & { readonly version: number; readonly incidentId: string };
  readonly reply: Reply | null;
  readonly awaitingReply: boolean;
  readonly versions: readonly (Allegation & { readonly version: number })[];
  readonly replies: readonly Reply[];
}

export const OCCURRENCES = [
  'alleged',
  'corroborated',
  'verified',
  'unfounded',
  'unable-to-determine',
] as const;
export type Occurrence = (typeof OCCURRENCES)[number];
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export type Grade = (typeof GRADES)[number];
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type RulingStatus = 'pending' | 'violation' | 'not-a-violation' | 'unable-to-rule';

export interface Attribution {
  readonly status: 'unknown' | 'alleged' | 'attributed';
  readonly party: string | null;
  readonly confidence: string | null;
}

/** The finding in brief, as incidents carry it. */
export interface FindingSummary {
  readonly occurrence: Occurrence;
  readonly attribution: Attribution;
  readonly grade: Grade;
  readonly published: boolean;
  readonly rulings: readonly { readonly agreement: AgreementRef; readonly status: RulingStatus }[];
}

export interface Ruling {
  readonly agreement: AgreementRef;
  readonly status: RulingStatus;
  /** An open proposal of `violation`, awaiting a second verifier; `by` is null to readers outside the staff. */
  readonly proposal: { readonly by: string | null; readonly at: string; readonly reason: string } | null;
  readonly proposedBy: string | null;
  readonly confirmedBy: string | null;
}

export interface FindingState {
  readonly occurrence: Occurrence;
  readonly attribution: Attribution;
  readonly grade: Grade;
  readonly published: boolean;
  readonly rulings: readonly Ruling[];
}

export const CHANGE_KINDS = [
  'occurrence',
  'attribution',
  'grade',
  'rule',
  'propose-violation',
  'confirm-violation',
  'reject-violation',
  'reopen-ruling',
  'publish',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** GET /incidents/:id/finding: the finding in full, with what blocks publication and its history. */
export interface Finding extends FindingState {
  readonly incidentId: string;
  readonly reportedBy: string | null;
  readonly publishedAt: string | null;
  readonly publishBlockers: readonly string[];
  readonly history: readonly {
    readonly at: string;
    readonly by: string | null;
    readonly change: {
      readonly kind: ChangeKind;
      readonly to: string | Attribution | null;
      readonly agreement: AgreementRef | null;
    };
    readonly reason: string;
    readonly previous: FindingState;
  }[];
}

export const QUEUE_KINDS = ['confirm-violation', 'rule', 'review-occurrence', 'publish'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export interface QueueItem {
  readonly kind: QueueKind;
  readonly incident: { readonly id: string; readonly title: string; readonly occurredAt: string };
  readonly agreement: AgreementRef | null;
  readonly occurrence: Occurrence | null;
}

export interface ReviewQueue {
  readonly items: readonly QueueItem[];
  readonly window: {
    readonly offset: number;
    readonly limit: number;
    readonly examined: number;
    readonly unpublished: number;
  };
}

export interface Evidence {
  readonly id: string;
  readonly incidentId: string;
  readonly kind: 'file' | 'url';
  readonly sha256: string | null;
  readonly mediaType: string | null;
  readonly sizeBytes: number | null;
  readonly description: string;
  readonly capturedAt: string | null;
  readonly collectedAt: string;
  /** Staff only. */
  readonly collectedBy: string | null;
  readonly filename: string | null;
  readonly url: string | null;
  /** The sealed original's link, for the roles that may view it. */
  readonly original: string | null;
  readonly publicCopy: {
    readonly sha256: string;
    readonly mediaType: string;
    readonly sizeBytes: number;
    readonly redactionNote: string;
    readonly href: string;
  } | null;
}

export interface CustodyEvent {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly note: string | null;
}

export interface Incident {
  readonly id: string;
  readonly ref: string | null;
  readonly title: string;
  readonly occurredAt: string;
  readonly timePrecision: string;
  readonly locationName: string | null;
  readonly admin1: string | null;
  readonly location: { readonly lon: number; readonly lat: number } | null;
  readonly notes: string | null;
  readonly act: string | null;
  readonly domain?: string | null;
  readonly target: string | null;
  readonly weapon: string | null;
  readonly perpetrator: string | null;
  readonly sourceText: string | null;
  readonly reportedBy?: string | null;
  readonly publishedAt?: string | null;
  readonly allegations: readonly Allegation[];
  readonly geography: {
    readonly snapshotDate: string;
    readonly distanceKm: number;
    readonly side: string;
    readonly sector: string | null;
    readonly admin1: { readonly code: string; readonly name: string } | null;
  } | null;
  readonly screening: readonly Screening[];
  readonly finding: FindingSummary | null;
}

/** Incidents per verdict: against the agreement asked for, else each incident's most serious; `none`: unscreened. */
export type VerdictCounts = Readonly<Record<Verdict | 'none', number>>;

/** GET /stats. */
export interface Stats {
  readonly total: number;
  readonly byAgreement: readonly {
    readonly agreement: AgreementRef;
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly byParty: readonly {
    readonly party: string | null;
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly byWeek: readonly {
    readonly week: string;
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly bySector: readonly {
    readonly sector: { readonly key: string; readonly name: string } | null;
    readonly total: number;
  }[];
  readonly byOblast: readonly {
    readonly oblast: { readonly code: string; readonly name: string } | null;
    readonly total: number;
  }[];
}

export interface TaxonomyNode {
  readonly code: string;
  readonly label: string;
  readonly children: readonly TaxonomyNode[];
}

/** GET /taxonomy. */
export interface Taxonomy {
  readonly targets: readonly TaxonomyNode[];
  readonly acts: readonly string[];
  readonly domains: readonly string[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface SnapshotSummary {
  readonly validFrom: string;
  readonly source: string;
  readonly lineKm: number;
  readonly areaKm2: number;
}

export interface Sector {
  readonly key: string;
  readonly name: string;
  readonly region: { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly party: string | null;
}

export interface WhoAmI {
  readonly via: 'session' | 'token' | null;
  readonly user: User | null;
  readonly role: string | null;
  readonly csrfToken: string | null;
}
