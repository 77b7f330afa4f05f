// Multi-row inserts for bulk writes (imports): rows go in chunks of one statement each, and the SQL text of a
// chunk is compiled by Kysely once per table, column list and row count, then reused with new parameters, so
// that filing thousands of rows does not rebuild and recompile thousands of query trees.

import { CompiledQuery, type Insertable } from 'kysely';
import type { Handle } from './engine.js';
import type { Database } from './schema.js';

/** Well inside SQLite's 32,766 and PostgreSQL's 65,535 bound parameters for the widest table (about 45 columns). */
const MAX_PARAMETERS = 9000;

/** Compiled INSERT texts by dialect (each engine writes its own placeholders), then by table, columns and rows. */
const compiled = new WeakMap<object, Map<string, string>>();

/**
 * Inserts `rows` of one table. Every row must have the same keys in the same order and no undefined value (the
 * rows a repository maps from its records); otherwise they are handed to Kysely as they are.
 */
export async function insertRows<T extends keyof Database>(
  trx: Handle,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const uniform = rows.every((row) => hasColumns(row, columns));
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    if (!uniform) {
      await trx.insertInto(table).values(chunk).execute();
      continue;
    }
    const text = statement(trx, table, columns, chunk);
    const parameters: unknown[] = [];
    for (const row of chunk)
      for (const column of columns) parameters.push((row as Record<string, unknown>)[column]);
    await trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/** Whether a row has exactly these keys, in this order, none undefined (without listing its keys anew). */
function hasColumns(row: object, columns: readonly string[]): boolean {
  let n = 0;
  for (const key in row) {
    if (key !== columns[n] || (row as Record<string, unknown>)[key] === undefined) return false;
    n++;
  }
  return n === columns.length;
}

/** The SQL of an insert of `chunk.length` rows with these columns, compiled once and remembered. */
function statement<T extends keyof Database>(
  trx: Handle,
  table: T,
  columns: readonly string[],
  chunk: readonly Insertable<Database[T]>[],
): string {
  const adapter = trx.getExecutor().adapter;
  let texts = compiled.get(adapter);
  if (!texts) {
    texts = new Map<string, string>();
    compiled.set(adapter, texts);
  }
  const key = `${table}(${columns.join(',')})x${chunk.length}`;
  let text = texts.get(key);
  if (text === undefined) {
    const query = trx.insertInto(table).values(chunk).compile();
    // One parameter per cell, row by row, column by column, or the text cannot be reused with other rows.
    if (query.parameters.length !== chunk.length * columns.length) {
      throw new Error(`insert into ${table}: ${query.parameters.length} parameters for ${chunk.length} rows`);
    }
    text = query.sql;
    texts.set(key, text);
  }
  return text;
}
