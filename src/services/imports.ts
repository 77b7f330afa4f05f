// Importing incidents from a parser's per-row results, in batches: every row is validated and reported on its
// own, the good rows of a batch are filed together in one transaction through `fileIncidents` (the same
// enrichment, screening and audit events as any other write), refs already stored are skipped, and everything
// else is reported rather than thrown.

import { setTimeout as delay } from 'node:timers/promises';
import { TrucelineError } from '../core/errors.js';
import type { Actor } from '../core/policy.js';
import { type IncidentInput, incidentInputSchema, type PartyInput } from '../core/schemas.js';
import { storedRefs } from '../db/incidents.js';
import type { RowResult } from '../io/rows.js';
import { authorise, inTransaction, type Services } from './context.js';
import { authoriseDraft, checkDraft, draftReferences, fileIncidents } from './incidents.js';
import { saveParty } from './reference.js';

export interface RejectedRow {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly dryRun: boolean;
  /** Rows read, good or bad. */
  readonly rows: number;
  /** Incidents written (or, in a dry run, that would be). */
  readonly accepted: number;
  /** Rows whose ref is already stored, or repeats an earlier row of the same file. */
  readonly duplicates: number;
  readonly rejected: readonly RejectedRow[];
  /** Party codes the import added because rows name them as perpetrators and the database lacked them. */
  readonly partiesAdded: readonly string[];
  /** Set when the file itself could not be read (not CSV, a required column missing); no rows follow it. */
  readonly error: RejectedRow | null;
}

export interface ImportProgress {
  readonly rows: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export interface ImportOptions {
  /** Validate and report, write nothing. */
  readonly dryRun?: boolean;
  /** Parties rows may name as perpetrators; those the database lacks are added (audited) before the first row. */
  readonly parties?: readonly PartyInput[];
  /** Rows filed per transaction (1,000 by default). */
  readonly batchSize?: number;
  /** Called after each batch is committed (in a dry run, checked): everything it counts is settled. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

export const DEFAULT_BATCH_SIZE = 1000;

/** After this many batches in a row fail to commit, the database is taken to be gone and the import stops. */
const MAX_FAILED_BATCHES = 3;

/**
 * A write (a batch, a party) that found the database busy (another writer held it past the lock wait, so nothing
 * was written) is sent again this many times, after 0.1 s, 0.2 s, ..., before it counts as failed.
 */
const BUSY_RETRIES = 5;

/** Runs a write, again after a pause each time the database was busy. */
async function retryingBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof TrucelineError && e.code === 'BUSY') || attempt > BUSY_RETRIES) throw e;
      await delay(attempt * 100);
    }
  }
}

interface PendingRow {
  readonly line: number;
  readonly input: IncidentInput;
}

/** The first field a TrucelineError names, or `row`. */
function errorField(e: TrucelineError): string {
  return e.details.issues?.[0]?.path ?? 'row';
}

/** The first field a zod issue names, as a dotted path. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || 'row';
}

/**
 * Imports incident drafts in batches of `batchSize` rows. A row that fails validation is reported and skipped
 * without touching its batch; the good rows of a batch are written in one transaction, so an interrupted import
 * keeps every batch it reported through `onProgress`, none of a batch it had not, and running it again only adds
 * what is missing (refs already stored count as duplicates). A batch the database refuses (a ref another writer
 * stored meanwhile, a constraint) is rolled back and its rows reported; after three such batches in a row the
 * error propagates, as do errors before the first row.
 */
export async function importIncidents(
  services: Services,
  actor: Actor,
  rows: AsyncIterable<RowResult>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  authorise(actor, 'import');
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batch size ${batchSize} is not positive`);
  const db = services.db.kysely;
  const references = await draftReferences(db);
  const known = new Set(references.parties);
  const partiesAdded: string[] = [];
  for (const party of options.parties ?? []) {
    if (known.has(party.code)) continue;
    if (!dryRun) await retryingBusy(() => saveParty(services, actor, party));
    known.add(party.code);
    partiesAdded.push(party.code);
  }
  const checking = { parties: known, sources: references.sources };
  const seen = new Set<string>();
  const rejected: RejectedRow[] = [];
  let error: RejectedRow | null = null;
  let count = 0;
  let accepted = 0;
  let duplicates = 0;
  let failedInARow = 0;
  /** Rows read when progress was last reported. */
  let reported = 0;
  let pending: PendingRow[] = [];
  const reject = (r: RejectedRow) =>
    rejected.push({ line: r.line, field: r.field, code: r.code, message: r.message });

  /** Files the pending rows in one transaction (a dry run only looks their refs up), then reports progress. */
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length > 0) {
      const refs = batch.flatMap((r) => (r.input.ref ? [r.input.ref] : []));
      const stored = await storedRefs(db, refs);
      const fresh = batch.filter((r) => !(r.input.ref && stored.has(r.input.ref)));
      duplicates += batch.length - fresh.length;
      if (dryRun) accepted += fresh.length;
      else if (fresh.length > 0) {
        try {
          await retryingBusy(() =>
            inTransaction(services, (trx) =>
              fileIncidents(
                services,
                trx,
                actor,
                fresh.map((r) => r.input),
              ),
            ),
          );
          accepted += fresh.length;
          failedInARow = 0;
        } catch (e) {
          if (++failedInARow >= MAX_FAILED_BATCHES) throw e;
          const first = fresh[0]?.line ?? 0;
          const last = fresh.at(-1)?.line ?? 0;
          const why = e instanceof Error ? e.message : String(e);
          for (const r of fresh) {
            reject({
              line: r.line,
              field: e instanceof TrucelineError ? errorField(e) : 'row',
              code: e instanceof TrucelineError ? e.code : 'BATCH_FAILED',
              message: `not written: the batch of lines ${first}-${last} was rolled back (${why})`,
            });
          }
        }
      }
    }
    if (count === reported) return;
    reported = count;
    options.onProgress?.({ rows: count, accepted, duplicates, rejected: rejected.length });
  };

  for await (const row of rows) {
    if (!row.ok && row.fatal) {
      error = { line: row.line, field: row.field, code: row.code, message: row.message };
      break;
    }
    count++;
    if (!row.ok) reject(row);
    else {
      const parsed = incidentInputSchema.safeParse(row.value);
      const ref = parsed.success ? (parsed.data.ref ?? null) : null;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reject({
          line: row.line,
          field: issuePath(issue?.path ?? []),
          code: 'VALIDATION_FAILED',
          message: issue?.message ?? 'not valid',
        });
      } else if (ref !== null && seen.has(ref)) {
        duplicates++;
      } else if (parsed.data.perpetrator && !known.has(parsed.data.perpetrator)) {
        reject({
          line: row.line,
          field: 'perpetrator',
          code: 'PARTY_UNKNOWN',
          message: `unknown party "${parsed.data.perpetrator}"`,
        });
      } else {
        try {
          authoriseDraft(actor, parsed.data);
          checkDraft(parsed.data, checking);
          pending.push({ line: row.line, input: parsed.data });
        } catch (e) {
          if (!(e instanceof TrucelineError)) throw e;
          reject({ line: row.line, field: errorField(e), code: e.code, message: e.message });
        }
      }
      if (ref !== null) seen.add(ref);
    }
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return { dryRun, rows: count, accepted, duplicates, rejected, partiesAdded, error };
}
