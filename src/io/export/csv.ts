// CSV as RFC 4180 writes it (UTF-8, a header row, CRLF line ends, quotes where a cell needs them), produced batch by
// batch from any stream of rows, so that an export of a million rows never holds more than one batch.

import { stringify } from 'csv-stringify/sync';

/** A cell: text, a number, a truth value or nothing (an empty cell). Dates are ISO 8601 text. */
export type Cell = string | number | boolean | null;
export type CsvRow = Readonly<Record<string, Cell>>;

export interface CsvOptions {
  /**
   * For spreadsheets (Excel, LibreOffice, Google Sheets): a byte-order mark so they read UTF-8, and every text cell
   * that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
   * prefixed with an apostrophe (OWASP's advice against CSV injection). Numbers are left alone. Off by default:
   * programs (pandas, R, QGIS, our own importer) get every value exactly as stored.
   */
  readonly spreadsheet?: boolean;
  /** Rows per chunk of text; the default suits an HTTP response. */
  readonly batchSize?: number;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading formula character is preceded by an apostrophe. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The rows as CSV text, in chunks: the header first (also when there are no rows), then about `batchSize` rows
 * per chunk. Cells are read by column name; a column a row lacks is empty.
 */
export async function* csvText(
  columns: readonly string[],
  rows: AsyncIterable<CsvRow> | Iterable<CsvRow>,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const spreadsheet = options.spreadsheet ?? false;
  const batchSize = options.batchSize ?? 500;
  const format = (batch: readonly CsvRow[], header: boolean) =>
    stringify(batch as CsvRow[], {
      header,
      columns: [...columns],
      record_delimiter: '\r\n',
      // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a bare LF or CR, which a reader
      // would take for the end of the row.
      quoted_match: /[\r\n]/,
      cast: {
        boolean: (value) => (value ? 'true' : 'false'),
        ...(spreadsheet ? { string: defuseFormula } : {}),
      },
    });
  yield `${spreadsheet ? '\ufeff' : ''}${format([], true)}`;
  let batch: CsvRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) {
      yield format(batch, false);
      batch = [];
    }
  }
  if (batch.length > 0) yield format(batch, false);
}
