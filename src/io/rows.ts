// What every importer's parser yields: one result per row, good or bad, never an exception for a bad row.
// CSV files are read as a stream; a file that is not the expected kind ends with one fatal result.

import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { z } from 'zod';
import type { incidentInputSchema } from '../core/schemas.js';

/** An incident as a parser builds it: not yet validated (the import validates it like any other input). */
export type IncidentDraft = z.input<typeof incidentInputSchema>;

/** Why one row (or, when `fatal`, the whole file) could not be used; `field` names the input column. */
export interface RowProblem {
  readonly ok: false;
  /** The 1-based line of the file the row starts on (the feature's index + 1 for JSON). */
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  /** True when the file itself is unusable (not CSV, a required column missing); no rows follow it. */
  readonly fatal?: true;
}

export type RowResult<T = IncidentDraft> =
  { readonly ok: true; readonly line: number; readonly value: T } | RowProblem;

/** What a parser reads: the text itself, or a stream of it (a file stream, stdin). */
export type TextSource = string | Readable | AsyncIterable<string | Buffer>;

/** Thrown inside a row's mapping to reject it; the parser turns it into a `RowProblem`. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowError';
  }
}

export function problem(line: number, field: string, code: string, message: string): RowProblem {
  return { ok: false, line, field, code, message };
}

export function fatal(line: number, field: string, code: string, message: string): RowProblem {
  return { ok: false, line, field, code, message, fatal: true };
}

/** Maps one record, turning a `RowError` into a problem on that row. Other errors are bugs and propagate. */
export function mapRow<T>(line: number, map: () => T): RowResult<T> {
  try {
    return { ok: true, line, value: map() };
  } catch (error) {
    if (error instanceof RowError) return problem(line, error.field, error.code, error.message);
    throw error;
  }
}

/** One CSV record with its cells looked up by column name (trimmed; an empty cell is null). */
export interface CsvRecord {
  readonly line: number;
  get(column: string): string | null;
}

/**
 * Streams the records of a CSV file with a header row. When a required column is missing, or the text is not
 * CSV, yields one fatal problem naming the column or the parse error, and stops.
 */
export async function* csvRecords(
  source: TextSource,
  required: readonly string[],
  kind: string,
): AsyncGenerator<CsvRecord | RowProblem> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const input = typeof source === 'string' ? Readable.from([source]) : Readable.from(source);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let header: Map<string, number> | null = null;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = lastLine + 1;
      lastLine = item.info.lines;
      if (header === null) {
        header = new Map(item.record.map((name, i) => [name.trim(), i]));
        const missing = required.filter((column) => !header?.has(column));
        if (missing.length > 0) {
          yield fatal(
            line,
            missing[0] ?? '',
            'MISSING_COLUMN',
            `not ${kind}: the header has no column ${missing.map((c) => `"${c}"`).join(', ')}`,
          );
          return;
        }
        continue;
      }
      const columns = header;
      const cells = item.record;
      yield {
        line,
        get: (column) => {
          const index = columns.get(column);
          const cell = index === undefined ? undefined : cells[index]?.trim();
          return cell === undefined || cell === '' ? null : cell;
        },
      };
    }
    if (header === null) yield fatal(1, 'file', 'EMPTY_FILE', `not ${kind}: the file is empty`);
  } catch (error) {
    yield fatal(
      lastLine + 1,
      'file',
      'MALFORMED_CSV',
      `not ${kind}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
}

/** A whole number written as an integer or a float ("103.0"); null for an empty cell. */
export function countCell(value: string | null, field: string): number | null {
  if (value === null || value.toLowerCase() === 'nan') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
    throw new RowError(field, 'INVALID_COUNT', `"${value}" is not a whole number of at least 0`);
  }
  return n;
}

/** A number within [min, max]. */
export function numberCell(value: string, field: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new RowError(field, 'INVALID_NUMBER', `"${value}" is not a number`);
  }
  if (n < min || n > max) throw new RowError(field, 'OUT_OF_RANGE', `${n} is outside ${min} to ${max}`);
  return n;
}

export function required(value: string | null, field: string): string {
  if (value === null) throw new RowError(field, 'REQUIRED', 'is empty');
  return value;
}

/** The parties importers name as perpetrators; an import adds those the database does not know yet. */
export const IMPORT_PARTIES = {
  RU: { code: 'RU', name: 'Russian Federation', kind: 'state' },
  UA: { code: 'UA', name: 'Ukraine', kind: 'state' },
} as const satisfies Record<string, { code: string; name: string; kind: 'state' }>;
