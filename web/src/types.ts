// The API's shapes as the app reads them (see /api/openapi.json). Only the fields the app uses are listed;
// fields the server is still growing (findings, replies, evidence) are optional and rendered when present.

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

export interface Reply {
  readonly id?: string;
  readonly party: string;
  readonly kind: string;
  readonly text: string;
  readonly madeAt: string;
  readonly source?: string | null;
}

export interface Allegation {
  readonly id: string;
  readonly accuser: string;
  readonly accused: string;
  readonly madeAt: string;
  readonly source: string | null;
  readonly summary: string;
  readonly replies?: readonly Reply[];
}

export interface Finding {
  readonly occurrence: string;
  readonly attribution?: { readonly status?: string; readonly party?: string | null } | string | null;
  readonly rulings?: readonly { readonly agreement: string; readonly ruling: string }[];
  readonly grade?: string | null;
  readonly published?: boolean;
  readonly history?: readonly { readonly at: string; readonly by?: string; readonly change?: string }[];
}

export interface Evidence {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly sha256?: string | null;
  readonly url?: string | null;
  readonly mediaType?: string | null;
  readonly sizeBytes?: number | null;
  readonly capturedAt?: string | null;
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
  readonly target: string | null;
  readonly weapon: string | null;
  readonly perpetrator: string | null;
  readonly sourceText: string | null;
  readonly allegations: readonly Allegation[];
  readonly geography: {
    readonly snapshotDate: string;
    readonly distanceKm: number;
    readonly side: string;
    readonly sector: string | null;
    readonly admin1: { readonly code: string; readonly name: string } | null;
  } | null;
  readonly screening: readonly Screening[];
  readonly finding?: Finding | null;
  readonly evidence?: readonly Evidence[];
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
