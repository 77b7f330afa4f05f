// Table-level access for backup and restore: which tables exist and in what order their rows may be inserted,
// rows read in primary-key order in batches, and rows written back. Every name comes from the engine's catalogue.

import { sql, type RawBuilder } from 'kysely';
import type { Db, Handle } from './engine.js';

/** Kysely's own bookkeeping, which a backup records as a list of migration names instead of as rows. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface TableInfo {
  readonly name: string;
  /** Every column, in the order the table declares them. */
  readonly columns: readonly string[];
  readonly primaryKey: readonly string[];
  /** Columns that refer to the table itself (a later version superseding an earlier one). */
  readonly selfReferences: readonly string[];
}

interface ForeignKey {
  readonly table: string;
  readonly column: string;
  readonly references: string;
}

async function sqliteCatalogue(
  db: Handle,
): Promise<{ tables: Map<string, { columns: string[]; primaryKey: string[] }>; keys: ForeignKey[] }> {
  const names = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const tables = new Map<string, { columns: string[]; primaryKey: string[] }>();
  const keys: ForeignKey[] = [];
  for (const { name } of names.rows) {
    if (MIGRATION_TABLES.has(name)) continue;
    const info = await sql<{ name: string; pk: number; cid: number }>`
      select name, pk, cid from pragma_table_info(${name}) order by cid`.execute(db);
    tables.set(name, {
      columns: info.rows.map((c) => c.name),
      primaryKey: info.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    });
    const fks = await sql<{ table: string; from: string }>`
      select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    for (const fk of fks.rows) keys.push({ table: name, column: fk.from, references: fk.table });
  }
  return { tables, keys };
}

async function postgresCatalogue(
  db: Handle,
): Promise<{ tables: Map<string, { columns: string[]; primaryKey: string[] }>; keys: ForeignKey[] }> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const primary = await sql<{ table_name: string; column_name: string }>`
    select k.table_name, k.column_name from information_schema.table_constraints c
    join information_schema.key_column_usage k
      on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
    where c.table_schema = current_schema() and c.constraint_type = 'PRIMARY KEY'
    order by k.table_name, k.ordinal_position`.execute(db);
  const foreign = await sql<{ table_name: string; column_name: string; referenced: string }>`
    select k.table_name, k.column_name, u.table_name as referenced
    from information_schema.table_constraints c
    join information_schema.key_column_usage k
      on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
    join information_schema.constraint_column_usage u
      on u.constraint_schema = c.constraint_schema and u.constraint_name = c.constraint_name
    where c.table_schema = current_schema() and c.constraint_type = 'FOREIGN KEY'`.execute(db);
  const tables = new Map<string, { columns: string[]; primaryKey: string[] }>();
  for (const row of columns.rows) {
    if (MIGRATION_TABLES.has(row.table_name)) continue;
    const table = tables.get(row.table_name) ?? { columns: [], primaryKey: [] };
    table.columns.push(row.column_name);
    tables.set(row.table_name, table);
  }
  for (const row of primary.rows) tables.get(row.table_name)?.primaryKey.push(row.column_name);
  const keys = foreign.rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    references: r.referenced,
  }));
  return { tables, keys };
}

/**
 * Every application table, parents before children (so that inserting in this order satisfies every foreign key
 * but a table's references to itself), ties broken by name so that the order is the same on both engines.
 */
export async function describeTables(db: Db, handle: Handle = db.kysely): Promise<TableInfo[]> {
  const { tables, keys } =
    db.engine === 'sqlite' ? await sqliteCatalogue(handle) : await postgresCatalogue(handle);
  const parents = new Map<string, Set<string>>();
  const selfReferences = new Map<string, string[]>();
  for (const name of tables.keys()) {
    parents.set(name, new Set());
    selfReferences.set(name, []);
  }
  for (const key of keys) {
    if (!tables.has(key.table)) continue;
    if (key.references === key.table) selfReferences.get(key.table)?.push(key.column);
    else parents.get(key.table)?.add(key.references);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const ready = [...tables.keys()]
      .filter((name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)))
      .sort();
    const next = ready[0];
    if (next === undefined)
      throw new Error('The tables refer to each other in a cycle; no insert order exists.');
    const table = tables.get(next);
    if (!table) continue;
    if (table.primaryKey.length === 0)
      throw new Error(`Table ${next} has no primary key to order its rows by.`);
    ordered.push({
      name: next,
      columns: table.columns,
      primaryKey: table.primaryKey,
      selfReferences: selfReferences.get(next) ?? [],
    });
    placed.add(next);
  }
  return ordered;
}

/** The names of the migrations applied to this database, in the order they ran. */
export async function appliedMigrations(db: Handle): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function countRows(db: Handle, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

function list(names: readonly string[]): RawBuilder<unknown> {
  return sql.join(names.map((n) => sql.ref(n)));
}

/**
 * The table's rows as arrays of values in `table.columns` order, in primary-key order, `batch` at a time. Pages by
 * key (`where (pk) > (last)`), so that each page costs the same however far into a large table it is.
 */
export async function* readRows(db: Handle, table: TableInfo, batch = 1000): AsyncGenerator<unknown[][]> {
  const keyAt = table.primaryKey.map((k) => table.columns.indexOf(k));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> =
      after === null
        ? sql``
        : sql`where (${list(table.primaryKey)}) > (${sql.join(after.map((v) => sql.val(v)))})`;
    const result = await sql<Record<string, unknown>>`
      select ${list(table.columns)} from ${sql.table(table.name)} ${where}
      order by ${list(table.primaryKey)} limit ${sql.lit(batch)}`.execute(db);
    if (result.rows.length === 0) return;
    const rows = result.rows.map((row) => table.columns.map((c) => row[c] ?? null));
    yield rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1] ?? [];
    after = keyAt.map((i) => last[i]);
  }
}

/** Inserts rows given as arrays of values in `columns` order, a few hundred per statement. */
export async function insertRows(
  trx: Handle,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  // Both engines cap the parameters of one statement (SQLite at 32,766, PostgreSQL at 65,535).
  const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns.length))));
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows
      .slice(start, start + perStatement)
      .map((row) => sql`(${sql.join(row.map((v) => sql.val(v)))})`);
    await sql`insert into ${sql.table(table)} (${list(columns)}) values ${sql.join(values)}`.execute(trx);
  }
}

/** Sets one column of one row, found by its primary key. */
export async function updateColumn(
  trx: Handle,
  table: TableInfo,
  key: readonly unknown[],
  column: string,
  value: unknown,
): Promise<void> {
  const where = sql.join(
    table.primaryKey.map((k, i) => sql`${sql.ref(k)} = ${key[i]}`),
    sql` and `,
  );
  await sql`update ${sql.table(table.name)} set ${sql.ref(column)} = ${value} where ${where}`.execute(trx);
}

/** Deletes every row of every table, children first. */
export async function deleteAllRows(trx: Handle, tables: readonly TableInfo[]): Promise<void> {
  for (const table of [...tables].reverse()) {
    // A table that refers to itself: clear those references first, so that no row outlives what it points at.
    for (const column of table.selfReferences) {
      await sql`update ${sql.table(table.name)} set ${sql.ref(column)} = null`.execute(trx);
    }
    await sql`delete from ${sql.table(table.name)}`.execute(trx);
  }
}
