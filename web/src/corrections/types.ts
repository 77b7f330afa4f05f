// The API's shapes of corrections as the app reads them (see /api/openapi.json, tag `corrections`).

import type { CorrectionStatus, RecordRef, TextQuoteSelector } from '../../../src/core/corrections.js';

export interface CorrectionTargetShape {
  readonly source: string;
  readonly title: string | null;
  readonly record: RecordRef | null;
  readonly selector: TextQuoteSelector | null;
}

/** A correction as editors see it. */
export interface CorrectionRecord {
  readonly id: string;
  readonly status: CorrectionStatus;
  readonly target: CorrectionTargetShape;
  readonly suggestion: string;
  readonly comment: string;
  readonly contact: string | null;
  readonly submittedAt: string;
  readonly submittedBy: string | null;
  readonly review: {
    readonly decision: 'accepted' | 'rejected';
    readonly reply: string;
    readonly at: string;
    readonly by: string;
  } | null;
  readonly applied: { readonly note: string; readonly at: string; readonly by: string } | null;
}

/** An applied correction as the public log lists it. */
export interface LogEntry {
  readonly id: string;
  readonly appliedAt: string;
  readonly note: string;
  readonly target: CorrectionTargetShape;
}

export interface Listing<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
