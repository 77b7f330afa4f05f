// Importing incidents from a parser's per-row results: each good row is filed through `createIncident` (the
// same validation, screening and audit as any other write, one transaction each), refs already stored are
// skipped, and everything else is reported rather than thrown.

import { TrucelineError } from '../core/errors.js';
import type { Actor } from '../core/policy.js';
import { incidentInputSchema, type PartyInput } from '../core/schemas.js';
import { findIncidentIdByRef } from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import type { RowResult } from '../io/rows.js';
import { authorise, type Services } from './context.js';
import { createIncident } from './incidents.js';
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
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** The first field a zod issue names, as a dotted path. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || 'row';
}

/**
 * Imports incident drafts row by row. Every accepted row is committed in its own transaction before the next is
 * read, so an interrupted import keeps everything it reported as accepted, and running it again only adds
 * what is missing. Errors that are not about a row (the database is gone) propagate.
 */
export async function importIncidents(
  services: Services,
  actor: Actor,
  rows: AsyncIterable<RowResult>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  authorise(actor, 'import');
  const dryRun = options.dryRun ?? false;
  const db = services.db.kysely;
  const known = await partyCodes(db);
  const partiesAdded: string[] = [];
  for (const party of options.parties ?? []) {
    if (known.has(party.code)) continue;
    if (!dryRun) await saveParty(services, actor, party);
    known.add(party.code);
    partiesAdded.push(party.code);
  }
  const seen = new Set<string>();
  const rejected: RejectedRow[] = [];
  let error: RejectedRow | null = null;
  let count = 0;
  let accepted = 0;
  let duplicates = 0;
  const reject = (r: RejectedRow) =>
    rejected.push({ line: r.line, field: r.field, code: r.code, message: r.message });
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
      } else if (ref !== null && (seen.has(ref) || (await findIncidentIdByRef(db, ref)) !== null)) {
        duplicates++;
      } else if (parsed.data.perpetrator && !known.has(parsed.data.perpetrator)) {
        reject({
          line: row.line,
          field: 'perpetrator',
          code: 'PARTY_UNKNOWN',
          message: `unknown party "${parsed.data.perpetrator}"`,
        });
      } else if (dryRun) {
        accepted++;
      } else {
        try {
          await createIncident(services, actor, parsed.data);
          accepted++;
        } catch (e) {
          if (!(e instanceof TrucelineError)) throw e;
          if (e.code === 'INCIDENT_REF_TAKEN') duplicates++;
          else
            reject({
              line: row.line,
              field: e.details.issues?.[0]?.path ?? 'row',
              code: e.code,
              message: e.message,
            });
        }
      }
      if (ref !== null) seen.add(ref);
    }
    options.onProgress?.({ rows: count, accepted, duplicates, rejected: rejected.length });
  }
  return { dryRun, rows: count, accepted, duplicates, rejected, partiesAdded, error };
}
