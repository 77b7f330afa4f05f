// Backup and restore of a whole installation as one portable file: a gzip'd stream of JSON lines with a header
// (format version, migrations, audit head, row counts), every table's rows parents first, every evidence file the
// records refer to, and a trailer that seals the lot with a SHA-256. Either engine can read what either wrote.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Handle } from '../db/engine.js';
import { lockAuditHead, readAuditHead } from '../db/audit.js';
import {
  appliedMigrations,
  countRows,
  deleteAllRows,
  describeTables,
  insertRows,
  readRows,
  type TableInfo,
  updateColumn,
} from '../db/backup.js';
import { createFileStore, type FileStore, type StagedFile } from '../io/files.js';
import { type AuditVerification, verifyAudit } from './audit-verify.js';
import type { Services } from './context.js';
import { noteWrite } from './data-version.js';

export const BACKUP_FORMAT = 'truceline-backup';
export const BACKUP_VERSION = 1;

/** Base64 lines of an evidence file carry this many bytes each. */
const FILE_CHUNK = 48 * 1024;
/** Rows are inserted this many at a time while restoring. */
const INSERT_BATCH = 500;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly createdAt: string;
  readonly engine: string;
  readonly migrations: readonly string[];
  readonly auditHead: { readonly seq: number; readonly hash: string };
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  readonly files: { readonly count: number; readonly bytes: number };
  /** Evidence files the records refer to that were not in the store, or no longer had their hash; not included. */
  readonly skippedFiles: readonly { readonly sha256: string; readonly state: 'missing' | 'altered' }[];
}

/** What a backup wrote, for the command's summary. */
export interface BackupSummary {
  readonly header: BackupHeader;
  readonly rows: number;
  readonly sha256: string;
}

/** Reports progress in steps: one per row and one per evidence file. */
export interface StepProgress {
  start(label: string, total: number | null): void;
  update(done: number): void;
  stop(): void;
}

const quiet: StepProgress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/** A backup that cannot be restored, or a target that must not be restored into; nothing was written. */
export class BackupRefused extends Error {
  constructor(
    message: string,
    /** The line of the (uncompressed) backup where it broke, when the problem is in the file. */
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'BackupRefused';
  }
}

/** Every evidence file a record refers to: the sealed originals and their redacted public copies. */
async function referencedFiles(db: Handle): Promise<string[]> {
  const rows = await db.selectFrom('evidence').select(['sha256', 'public_sha256']).execute();
  const hashes = new Set<string>();
  for (const row of rows) {
    if (row.sha256 !== null) hashes.add(row.sha256);
    if (row.public_sha256 !== null) hashes.add(row.public_sha256);
  }
  return [...hashes].sort();
}

async function fileSize(store: FileStore, sha256: string): Promise<number> {
  let size = 0;
  for await (const chunk of store.read(sha256)) size += (chunk as Buffer).length;
  return size;
}

/**
 * Writes a backup of the whole database and its evidence files to `output`, from one consistent snapshot (a
 * repeatable-read transaction on PostgreSQL; a read transaction on SQLite). Rows are streamed a batch at a time.
 */
export async function writeBackup(
  services: Services,
  output: Writable,
  progress: StepProgress = quiet,
): Promise<BackupSummary> {
  const { db, files } = services;
  const gzip = createGzip();
  const written = pipeline(gzip, output);
  const hash = createHash('sha256');
  let lines = 0;
  /** Writes values as lines, a batch at a time (one hash update and one write per batch). */
  const write = async (...values: unknown[]) => {
    let text = '';
    for (const value of values) text += `${JSON.stringify(value)}\n`;
    hash.update(text);
    lines += values.length;
    if (!gzip.write(text)) await once(gzip, 'drain');
  };

  const snapshot =
    db.engine === 'postgres'
      ? db.kysely.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : db.kysely.transaction().setAccessMode('read only');
  try {
    const summary = await snapshot.execute(async (trx) => {
      const tables = await describeTables(db, trx);
      const counts = [];
      for (const table of tables) counts.push({ name: table.name, rows: await countRows(trx, table.name) });
      const included: { sha256: string; size: number }[] = [];
      const skippedFiles: { sha256: string; state: 'missing' | 'altered' }[] = [];
      for (const sha256 of await referencedFiles(trx)) {
        const state = await files.check(sha256);
        if (state === 'intact') included.push({ sha256, size: await fileSize(files, sha256) });
        else skippedFiles.push({ sha256, state });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: services.now().toISOString(),
        engine: db.engine,
        migrations: await appliedMigrations(trx),
        auditHead: await readAuditHead(trx),
        tables: counts,
        files: { count: included.length, bytes: included.reduce((sum, f) => sum + f.size, 0) },
        skippedFiles,
      };
      const totalRows = counts.reduce((sum, t) => sum + t.rows, 0);
      progress.start('Backing up', totalRows + included.length);
      let done = 0;
      await write(header);
      for (const table of tables) {
        await write({ table: table.name, columns: table.columns });
        let rows = 0;
        for await (const batch of readRows(trx, table)) {
          await write(...batch);
          rows += batch.length;
          done += batch.length;
          progress.update(done);
        }
        await write({ end: table.name, rows });
      }
      for (const file of included) {
        await write({ file: file.sha256, size: file.size });
        let pending = Buffer.alloc(0);
        for await (const chunk of files.read(file.sha256)) {
          pending = Buffer.concat([pending, chunk as Buffer]);
          while (pending.length >= FILE_CHUNK) {
            await write({ data: pending.subarray(0, FILE_CHUNK).toString('base64') });
            pending = pending.subarray(FILE_CHUNK);
          }
        }
        if (pending.length > 0) await write({ data: pending.toString('base64') });
        await write({ end: 'file', file: file.sha256 });
        done += 1;
        progress.update(done);
      }
      const sha256 = hash.copy().digest('hex');
      await write({ trailer: true, lines, sha256 });
      return { header, rows: totalRows, sha256 };
    });
    gzip.end();
    await written;
    return summary;
  } catch (error) {
    gzip.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => undefined);
    throw error;
  } finally {
    progress.stop();
  }
}

/** The uncompressed lines of a backup, one at a time. */
async function* linesOf(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  // Decoded as a stream, so that a character whose bytes straddle two chunks stays whole.
  gunzip.setEncoding('utf8');
  let rest = '';
  for await (const chunk of gunzip) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest.length > 0) yield rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Checks the first line and returns the header, or says why the file is not a backup this version can read. */
function readHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw new BackupRefused('The backup is empty.', 1);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupRefused('The first line is not a Truceline backup header.', 1);
  }
  if (!isRecord(value) || value['format'] !== BACKUP_FORMAT)
    throw new BackupRefused('The first line is not a Truceline backup header.', 1);
  if (value['version'] !== BACKUP_VERSION)
    throw new BackupRefused(
      `The backup is in format version ${String(value['version'])}; this Truceline reads version ${BACKUP_VERSION}.`,
      1,
    );
  const header = value as unknown as BackupHeader;
  if (
    !Array.isArray(header.migrations) ||
    !Array.isArray(header.tables) ||
    !isRecord(header.auditHead) ||
    !isRecord(header.files)
  )
    throw new BackupRefused('The header lacks its migrations, tables, audit head or files.', 1);
  return header;
}

export interface RestoreReport {
  readonly header: BackupHeader;
  readonly rows: number;
  readonly files: number;
  /** `truceline audit verify` on the restored database. */
  readonly verification: AuditVerification;
}

/** Where the restore is in the file, to name where a backup broke. */
interface Position {
  line: number;
  where: string;
}

/**
 * Restores a backup into this database, in one transaction: refused unless the database holds no records (or
 * `force` is set, which wipes it first), unless the backup was made at the same schema version, and wherever the
 * file is damaged, truncated or does not match its header. Evidence files go into the store once the rows are
 * committed. Afterwards the audit log is verified as `truceline audit verify` does.
 */
export async function restoreBackup(
  services: Services,
  input: Readable,
  options: { readonly force?: boolean; readonly progress?: StepProgress } = {},
): Promise<RestoreReport> {
  const { db } = services;
  const progress = options.progress ?? quiet;
  // A store on the same directory without the upload limit: a backup brings back whatever was accepted before.
  const store = createFileStore({ root: services.files.root, maxBytes: Number.MAX_SAFE_INTEGER });
  const staged: StagedFile[] = [];
  const at: Position = { line: 0, where: 'header' };
  const lines = linesOf(input);
  const next = async (): Promise<string | undefined> => {
    const result = await lines.next();
    if (result.done) return undefined;
    at.line += 1;
    return result.value;
  };
  const refuse = (message: string) => new BackupRefused(`line ${at.line} (${at.where}): ${message}`, at.line);

  try {
    const outcome = await db.kysely.transaction().execute(async (trx) => {
      // Writers on this database wait, as they wait for each other, until the restore commits or rolls back.
      await lockAuditHead(trx, db.engine);
      const first = await next();
      const header = readHeader(first);
      const hash = createHash('sha256').update(`${first ?? ''}\n`);
      const parse = (line: string): unknown => {
        hash.update(`${line}\n`);
        try {
          return JSON.parse(line);
        } catch {
          throw refuse('not a JSON line');
        }
      };

      const tables = await describeTables(db, trx);
      const migrations = await appliedMigrations(trx);
      if (!sameList(header.migrations, migrations))
        throw new BackupRefused(
          `The backup was made at schema version ${header.migrations.at(-1) ?? '(none)'} and this database is at ${migrations.at(-1) ?? '(none)'}: restore it with the Truceline version that made it, then upgrade.`,
          1,
        );
      if (options.force) await deleteAllRows(trx, tables);
      else await assertEmpty(trx, tables);

      const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
      const totalRows = header.tables.reduce((sum, t) => sum + t.rows, 0);
      progress.start('Restoring', totalRows + header.files.count);
      let done = 0;
      const restoredTables = new Set<string>();
      let filesRestored = 0;

      for (;;) {
        const line = await next();
        if (line === undefined) throw refuse('the backup ends here, before its trailer: it is truncated');
        // The trailer seals every line before it, so it is checked before it is added to the hash.
        const digest = hash.copy().digest('hex');
        const item = parse(line);
        if (!isRecord(item)) throw refuse('expected the start of a table, a file or the trailer');
        const tableName = item['table'];
        if (typeof tableName === 'string') {
          const table = tables.find((t) => t.name === tableName);
          at.where = `table ${tableName}`;
          if (!table || restoredTables.has(table.name))
            throw refuse('not a table of this schema, or a repeat');
          if (!Array.isArray(item['columns']) || !sameList(item['columns'], table.columns))
            throw refuse(`the columns differ from this schema's (${table.columns.join(', ')})`);
          const rows = await restoreTable(trx, table, next, parse, refuse, (n) => {
            done += n;
            progress.update(done);
          });
          if (rows !== expected.get(table.name))
            throw refuse(`${rows} rows, but the header promised ${expected.get(table.name) ?? 0}`);
          restoredTables.add(table.name);
        } else if (typeof item['file'] === 'string') {
          at.where = `evidence file ${item['file']}`;
          staged.push(await restoreFile(store, item['file'], next, parse, refuse));
          filesRestored += 1;
          done += 1;
          progress.update(done);
        } else if (item['trailer'] === true) {
          at.where = 'trailer';
          if (item['lines'] !== at.line - 1)
            throw refuse(`the trailer counts ${String(item['lines'])} lines`);
          if (item['sha256'] !== digest)
            throw refuse('the lines before the trailer do not match its SHA-256');
          if ((await next()) !== undefined) throw refuse('there is more after the trailer');
          break;
        } else {
          throw refuse('expected the start of a table, a file or the trailer');
        }
      }

      at.where = 'after the trailer';
      for (const table of tables) {
        const count = await countRows(trx, table.name);
        if (count !== (expected.get(table.name) ?? 0))
          throw refuse(
            `table ${table.name} holds ${count} rows; the header says ${expected.get(table.name) ?? 0}`,
          );
      }
      if (filesRestored !== header.files.count)
        throw refuse(`${filesRestored} evidence files, but the header promised ${header.files.count}`);
      const head = await readAuditHead(trx);
      if (head.seq !== header.auditHead.seq || head.hash !== header.auditHead.hash)
        throw refuse(
          `the restored audit head is ${head.seq}/${head.hash}; the header says ${header.auditHead.seq}/${header.auditHead.hash}`,
        );
      return { header, rows: totalRows, files: filesRestored };
    });
    noteWrite(services);
    for (const file of staged) await file.commit();
    progress.stop();
    return { ...outcome, verification: await verifyAudit(services) };
  } catch (error) {
    progress.stop();
    for (const file of staged) await file.discard();
    if (error instanceof BackupRefused) throw error;
    const zlib = error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('Z_') === true;
    const reason = error instanceof Error ? error.message : String(error);
    const message = zlib ? `the compressed data is damaged or cut short here (${reason})` : reason;
    throw new BackupRefused(`line ${at.line} (${at.where}): ${message}`, at.line);
  } finally {
    await lines.return(undefined);
  }
}

/** The first few of a list, and how many more. */
function listed(items: readonly string[]): string {
  if (items.length === 0) return 'no other table';
  const shown = items.slice(0, 4).join(', ');
  return items.length > 4 ? `${shown} and ${items.length - 4} more tables` : shown;
}

/** Refuses to restore over records: a database is empty when it holds no rows but those its migrations write. */
async function assertEmpty(trx: Handle, tables: readonly TableInfo[]): Promise<void> {
  const head = await readAuditHead(trx);
  // The migrations write the audit head (at seq 0) and the default front-line sectors; anything else is data.
  const seeded = new Set(['audit_head', 'sectors']);
  const holding: string[] = [];
  for (const table of tables) {
    if (seeded.has(table.name)) continue;
    const n = await countRows(trx, table.name);
    if (n > 0) holding.push(`${table.name} (${n})`);
  }
  if (head.seq > 0 || holding.length > 0)
    throw new BackupRefused(
      `The database is not empty (${head.seq} audit events; rows in ${listed(holding)}): restore into a new database, or pass --force to wipe this one first.`,
    );
  await deleteAllRows(
    trx,
    tables.filter((t) => seeded.has(t.name)),
  );
}

/** Inserts one table's rows, up to its end line; returns how many there were. */
async function restoreTable(
  trx: Handle,
  table: TableInfo,
  next: () => Promise<string | undefined>,
  parse: (line: string) => unknown,
  refuse: (message: string) => BackupRefused,
  advanced: (rows: number) => void,
): Promise<number> {
  const selfAt = table.selfReferences.map((c) => table.columns.indexOf(c));
  const keyAt = table.primaryKey.map((k) => table.columns.indexOf(k));
  // Rows that refer to rows of their own table are inserted without that reference, which is set once all are in.
  const deferred: { key: unknown[]; column: string; value: unknown }[] = [];
  let batch: unknown[][] = [];
  let rows = 0;
  const flush = async () => {
    await insertRows(trx, table.name, table.columns, batch);
    advanced(batch.length);
    batch = [];
  };
  for (;;) {
    const line = await next();
    if (line === undefined) throw refuse('the backup ends inside this table: it is truncated');
    const item = parse(line);
    if (Array.isArray(item)) {
      if (item.length !== table.columns.length)
        throw refuse(`a row of ${item.length} values; the table has ${table.columns.length} columns`);
      if (!item.every((v) => v === null || typeof v === 'string' || typeof v === 'number'))
        throw refuse('a row holds a value that is not text, a number or null');
      const row: unknown[] = [...(item as unknown[])];
      selfAt.forEach((i, n) => {
        if (row[i] !== null) {
          deferred.push({
            key: keyAt.map((k) => row[k]),
            column: table.selfReferences[n] ?? '',
            value: row[i],
          });
          row[i] = null;
        }
      });
      batch.push(row);
      rows += 1;
      if (batch.length >= INSERT_BATCH) await flush();
    } else if (isRecord(item) && item['end'] === table.name) {
      if (item['rows'] !== rows)
        throw refuse(`the table's end line counts ${String(item['rows'])} rows, not ${rows}`);
      await flush();
      for (const ref of deferred) await updateColumn(trx, table, ref.key, ref.column, ref.value);
      return rows;
    } else {
      throw refuse('expected a row or the end of the table');
    }
  }
}

/** Stages one evidence file from its base64 lines and checks that its bytes have the SHA-256 it is filed under. */
async function restoreFile(
  store: FileStore,
  sha256: string,
  next: () => Promise<string | undefined>,
  parse: (line: string) => unknown,
  refuse: (message: string) => BackupRefused,
): Promise<StagedFile> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw refuse('not a SHA-256');
  const bytes = new PassThrough();
  const staging = store.stage(bytes);
  // Keep a failure of the store from going unhandled while lines are still being read.
  staging.catch(() => undefined);
  try {
    for (;;) {
      const line = await next();
      if (line === undefined) throw refuse('the backup ends inside this file: it is truncated');
      const item = parse(line);
      if (isRecord(item) && typeof item['data'] === 'string') {
        if (!bytes.write(Buffer.from(item['data'], 'base64'))) await once(bytes, 'drain');
      } else if (isRecord(item) && item['end'] === 'file' && item['file'] === sha256) {
        break;
      } else {
        throw refuse('expected file data or the end of the file');
      }
    }
    bytes.end();
  } catch (error) {
    bytes.destroy();
    await staging.then((s) => s.discard()).catch(() => undefined);
    throw error;
  }
  const file = await staging;
  if (file.sha256 !== sha256) {
    await file.discard();
    throw refuse(`the file's bytes have SHA-256 ${file.sha256}`);
  }
  return file;
}
