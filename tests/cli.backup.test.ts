// Backup and restore: the demo plus written records (an incident with its allegation, an evidence file, a webhook)
// restored row for row on each engine and across engines, served by the app, and damaged files refused untouched.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTables, readRows } from '../src/db/backup.js';
import type { Db, Engine } from '../src/db/engine.js';
import { createFileStore } from '../src/io/files.js';
import { buildApp } from '../src/server/app.js';
import { BackupRefused, restoreBackup, writeBackup } from '../src/services/backup.js';
import { writeCheckpoint } from '../src/services/checkpoints.js';
import { createServices, DEFAULT_MAX_UPLOAD_BYTES, type Services } from '../src/services/context.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type IncidentDetail, type IncidentPage } from './support/requests.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-backup-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const pgConfigured = Boolean(process.env['TRUCELINE_TEST_PG'] ?? process.env['DATABASE_URL']);
const TARGETS: readonly Engine[] = pgConfigured ? ['sqlite', 'postgres'] : ['sqlite'];

/** A 1×1 PNG with random bytes after its end, so that each copy has a hash of its own. */
const PNG = Buffer.concat([
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
  randomBytes(16),
]);

/** Every table's rows, each table sorted by its rows' JSON (the engines collate text differently). */
async function allRows(db: Db): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of await describeTables(db)) {
    const rows: string[] = [];
    for await (const batch of readRows(db.kysely, table)) rows.push(...batch.map((r) => JSON.stringify(r)));
    result[table.name] = rows.sort();
  }
  return result;
}

interface Target {
  readonly database: TestDatabase;
  readonly services: Services;
  dispose(): Promise<void>;
}

/** A fresh, migrated database of `engine` with its own evidence store. */
async function freshTarget(engine: Engine): Promise<Target> {
  const database = await freshDatabase(engine);
  const data = mkdtempSync(join(dir, 'data-'));
  const files = createFileStore({ root: join(data, 'evidence'), maxBytes: DEFAULT_MAX_UPLOAD_BYTES });
  return {
    database,
    services: createServices(database.db, { files }),
    dispose: async () => {
      await database.dispose();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

function multipart(description: string, bytes: Buffer) {
  const boundary = `----truceline-${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The backup's lines, changed by `edit`, compressed again: a well-formed gzip around altered content. */
function rewritten(file: string, edit: (lines: string[]) => void): Buffer {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  edit(lines);
  return gzipSync(lines.join('\n'));
}

describeEachEngine('backup and restore', (engine) => {
  const h = useApp(engine, { demo: true });
  let backup: string;
  let evidenceId: string;

  beforeAll(async () => {
    const api = client(h);
    const incident = await api.post<IncidentDetail>('/api/v1/incidents', incidentInput());
    expect(incident.status).toBe(201);
    const body = multipart('Photo of the damaged substation', PNG);
    const evidence = await h.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.body.id}/evidence`,
      headers: { ...h.auth, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(evidence.statusCode).toBe(201);
    evidenceId = evidence.json<{ id: string }>().id;
    // A second version of the allegation: a row that refers to a row of its own table.
    const [allegation] = (incident.body as unknown as { allegations: { id: string }[] }).allegations;
    const version = await api.post(`/api/v1/allegations/${allegation?.id ?? ''}/versions`, {
      madeAt: '2024-06-11T10:00:00+03:00',
      summary: 'Ukraine corrects the time of the strike.',
    });
    expect(version.status).toBe(201);
    const hook = await api.post('/api/v1/webhooks', {
      url: 'https://hooks.example.org/truceline',
      events: ['incident.published'],
    });
    expect(hook.status).toBe(201);
    // Long text of two- and three-byte characters: the uncompressed stream's chunks end inside some of them.
    await h.services.db.kysely
      .insertInto('meta')
      .values({ key: 'test.unicode', value: 'Обстріл підстанції ⚡ Запоріжжя; '.repeat(4000) })
      .execute();
    expect(await writeCheckpoint(h.services)).not.toBeNull();
    backup = join(dir, `${engine}-${randomBytes(4).toString('hex')}.ndjson.gz`);
    await writeBackup(h.services, createWriteStream(backup));
  });

  for (const target of TARGETS) {
    it(`restores into a fresh ${target} database row for row, with the evidence file, and verifies the audit log`, async () => {
      const restored = await freshTarget(target);
      try {
        const report = await restoreBackup(restored.services, createReadStream(backup));
        expect(report.verification.ok).toBe(true);
        expect(report.verification.problems).toEqual([]);
        expect(report.verification.checkpoints).toBeGreaterThanOrEqual(1);
        expect(report.files).toBe(1);
        const superseding = await restored.database.db.kysely
          .selectFrom('allegations')
          .select('supersedes')
          .where('supersedes', 'is not', null)
          .execute();
        expect(superseding).toHaveLength(1);
        expect(report.header.engine).toBe(engine);
        expect(await allRows(restored.database.db)).toEqual(await allRows(h.services.db));

        const sha = await h.services.db.kysely
          .selectFrom('evidence')
          .select('sha256')
          .where('id', '=', evidenceId)
          .executeTakeFirstOrThrow();
        expect(await restored.services.files.check(sha.sha256 ?? '')).toBe('intact');

        // The restored app serves the same public data, and the old admin token (restored with it) still works.
        const app = await buildApp({ services: restored.services });
        try {
          const before = await client(h).getPublic<IncidentPage>('/api/v1/incidents?limit=200');
          const after = await app.inject({ url: '/api/v1/incidents?limit=200' });
          expect(after.statusCode).toBe(200);
          expect(after.json()).toEqual(before.body);
          const original = await app.inject({
            url: `/api/v1/evidence/${evidenceId}/original`,
            headers: h.auth,
          });
          expect(original.statusCode).toBe(200);
          expect(original.rawPayload.equals(PNG)).toBe(true);
        } finally {
          await app.close();
        }
      } finally {
        await restored.dispose();
      }
    });
  }

  describe('refusals leave the target as it was', () => {
    let target: Target;
    let snapshot: Record<string, string[]>;

    beforeAll(async () => {
      // A target that holds data: each damaged backup is restored with --force, so a refusal must undo the wipe.
      target = await freshTarget(engine);
      await restoreBackup(target.services, createReadStream(backup));
      snapshot = await allRows(target.database.db);
    });
    afterAll(async () => {
      await target.dispose();
    });

    async function refusal(bytes: Buffer, force = true): Promise<BackupRefused> {
      const error = await restoreBackup(target.services, Readable.from([bytes]), { force }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BackupRefused);
      expect(await allRows(target.database.db)).toEqual(snapshot);
      return error as BackupRefused;
    }

    it('refuses a non-empty database without --force', async () => {
      const error = await refusal(readFileSync(backup), false);
      expect(error.message).toMatch(
        /^The database is not empty \(\d+ audit events; rows in \w+ \(\d+\), .* and \d+ more tables\)/,
      );
      expect(error.message).toContain('--force');
    });

    it('refuses a truncated backup, naming the line where it ends', async () => {
      const bytes = readFileSync(backup);
      const error = await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)));
      expect(error.message).toMatch(
        /^line \d+ \(.+\): the compressed data is damaged or cut short here \(unexpected end of file\)/,
      );
      expect(error.line).toBeGreaterThan(1);
    });

    it('refuses a backup cut at a line boundary, before its trailer', async () => {
      const error = await refusal(rewritten(backup, (lines) => lines.splice(lines.length - 5)));
      expect(error.message).toMatch(/before its trailer: it is truncated/);
    });

    it('refuses a backup with a flipped byte', async () => {
      const bytes = Buffer.from(readFileSync(backup));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      const error = await refusal(bytes);
      // Whatever the damage turns into (an inflate error, a line that is not JSON, a bad row), it is named by line.
      expect(error.message).toMatch(/^line \d+ \(table \w+\): \S/);
      expect(error.line).toBeGreaterThan(1);
    });

    it('refuses a backup whose content was edited and compressed again, by its trailer digest', async () => {
      const tampered = rewritten(backup, (lines) => {
        const i = lines.findIndex((l) => l.includes('Drone strike on a substation'));
        lines[i] = (lines[i] ?? '').replace('Drone strike on a substation', 'Nothing happened');
      });
      const error = await refusal(tampered);
      expect(error.message).toMatch(
        /^line \d+ \(trailer\): the lines before the trailer do not match its SHA-256/,
      );
    });

    it('refuses another format version and a file that is not a backup', async () => {
      const newer = rewritten(backup, (lines) => {
        lines[0] = (lines[0] ?? '').replace('"version":1', '"version":2');
      });
      expect((await refusal(newer)).message).toMatch(/format version 2; this Truceline reads version 1/);
      expect((await refusal(gzipSync('{"hello":"world"}\n'))).message).toMatch(
        /not a Truceline backup header/,
      );
    });
  });
});

function truceline(args: readonly string[], file: string, data: string) {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file, TRUCELINE_DATA_DIR: data }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

it('`truceline backup` and `truceline restore` round-trip the demo and refuse to restore over it', async () => {
  const source = join(dir, 'cli-source.db');
  const copy = join(dir, 'cli-copy.db');
  const file = join(dir, 'cli.ndjson.gz');
  expect((await truceline(['demo', 'load'], source, join(dir, 'cli-data-a'))).code).toBe(0);

  const made = await truceline(['backup', '--quiet', file], source, join(dir, 'cli-data-a'));
  expect(made.code).toBe(0);
  expect(made.stdout).toMatch(/^Backup written to .*cli\.ndjson\.gz: \d+ tables, \d+ rows, 0 evidence files/);

  const restored = await truceline(['restore', '--quiet', file], copy, join(dir, 'cli-data-b'));
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.stdout).toMatch(/^Restored .* on sqlite\): \d+ tables, \d+ rows/m);
  expect(restored.stdout).toMatch(/^Audit log verified: \d+ events/m);

  const again = await truceline(['restore', '--quiet', file], copy, join(dir, 'cli-data-b'));
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(
    /^Restore refused, the database was left as it was: The database is not empty/,
  );

  writeFileSync(join(dir, 'not-a-backup.gz'), 'plain text');
  const junk = await truceline(['restore', join(dir, 'not-a-backup.gz')], copy, join(dir, 'cli-data-b'));
  expect(junk.code).toBe(1);
  expect(junk.stderr).toMatch(/Restore refused/);
}, 120_000);

it('documents both commands in --help', async () => {
  const file = join(dir, 'help.db');
  for (const command of ['backup', 'restore']) {
    const help = await truceline([command, '--help'], file, join(dir, 'help-data'));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: truceline ${command} [options] <file>`);
    expect(help.stdout).toContain('--force');
  }
}, 60_000);
