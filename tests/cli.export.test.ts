// `truceline export` as a child process, on every engine: the ACLED round trip for real (export the public
// incidents in ACLED's columns, import the file with `truceline import acled` into a fresh database, compare the
// incidents, export again and get the same rows), and the command's help, output and refusals.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicCopy } from '../src/core/disclosure.js';
import type { Incident } from '../src/core/model.js';
import { incidentInputSchema } from '../src/core/schemas.js';
import type { Engine } from '../src/db/engine.js';
import { findIncident, markIncidentPublished } from '../src/db/incidents.js';
import { acledPerpetrator } from '../src/io/acled.js';
import { createServices, type Services } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { createIncident } from '../src/services/incidents.js';
import { CLI_ACTOR } from '../src/cli/context.js';
import { describeEachEngine } from './support/engines.js';
import { freshDatabase, type TestDatabase } from './support/engines.js';
import { incidentInput } from './support/factories.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-export-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI from source against a database: a PostgreSQL URL, or else a SQLite file. */
function truceline(args: readonly string[], database: string): Promise<Run> {
  const { DATABASE_URL: _unset, TRUCELINE_DB: _file, ...inherited } = process.env;
  const target = database.startsWith('postgres') ? { DATABASE_URL: database } : { TRUCELINE_DB: database };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, ...target }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh database of the engine, and how the CLI names it. */
async function database(engine: Engine, name: string): Promise<{ test: TestDatabase; target: string }> {
  if (engine === 'postgres') {
    const test = await freshDatabase('postgres');
    return { test, target: test.url ?? '' };
  }
  const file = join(dir, `${name}.db`);
  const { openDatabase, migrateToLatest } = await import('../src/db/engine.js');
  const db = openDatabase({ engine: 'sqlite', file });
  await migrateToLatest(db);
  return { test: { db, dispose: () => db.close() }, target: file };
}

const csvRows = (text: string) => parse<Record<string, string>>(text, { columns: true, bom: true });

/** The published incidents, as the public sees them. */
async function publicIncidents(services: Services): Promise<Incident[]> {
  const ids = await services.db.kysely
    .selectFrom('incidents')
    .select('id')
    .where('published_at', 'is not', null)
    .execute();
  const incidents = await Promise.all(ids.map((r) => findIncident(services.db.kysely, r.id)));
  return incidents.flatMap((i) => (i ? [publicCopy(i)] : []));
}

describeEachEngine('truceline export', (engine) => {
  let source: { test: TestDatabase; target: string };
  let copy: { test: TestDatabase; target: string };
  let originals: Incident[] = [];

  beforeAll(async () => {
    source = await database(engine, 'source');
    copy = await database(engine, 'copy');
    const services = createServices(source.test.db);
    await loadDemo(services);
    for (const location of ['blurred', 'withheld'] as const) {
      const { incident } = await createIncident(
        services,
        CLI_ACTOR,
        incidentInputSchema.parse(
          incidentInput({
            title: `A ${location} strike`,
            eventType: 'Explosions/Remote violence',
            subEventType: 'Air/drone strike',
            locationName: 'Secret village',
            location: { lon: 36.2304, lat: 49.9935 },
            disclosure: { reporter: 'withheld', location },
          }),
        ),
      );
      await markIncidentPublished(source.test.db.kysely, incident.id, '2024-06-12T00:00:00.000Z');
    }
    originals = await publicIncidents(services);
    // The CLI opens the databases itself; SQLite wants them closed here.
    if (engine === 'sqlite') {
      await source.test.db.close();
      await copy.test.db.close();
    }
  }, 60_000);

  afterAll(async () => {
    if (engine === 'postgres') {
      await source.test.dispose();
      await copy.test.dispose();
    }
  });

  it('exports ACLED columns that `truceline import acled` reads back into the same incidents, and again into the same rows', async () => {
    const file = join(dir, `acled-${engine}.csv`);
    const exported = await truceline(['export', 'incidents', '--format', 'acled', '-o', file], source.target);
    expect(exported.stderr.split('\n').filter((l) => /rror/.test(l))).toEqual([]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Wrote ${file}: ${originals.length} incidents.`);
    const imported = await truceline(['import', 'acled', file], copy.target);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      `${originals.length} rows, ${originals.length} accepted, 0 already present, 0 rejected.`,
    );

    const { openDatabase } = await import('../src/db/engine.js');
    const db = openDatabase(
      engine === 'postgres' ? { engine, url: copy.target } : { engine, file: copy.target },
    );
    try {
      const ids = await db.kysely.selectFrom('incidents').select(['id', 'ref']).execute();
      const byRef = new Map(ids.map((r) => [r.ref, r.id]));
      for (const original of originals) {
        const id = byRef.get(`acled:${original.ref ?? original.id}`);
        const back = id === undefined ? null : await findIncident(db.kysely, id);
        expect(back, original.title).not.toBeNull();
        const widened = ['minute', 'hour'].includes(original.timePrecision) ? 'day' : original.timePrecision;
        const row = exportedRow(readFileSync(file, 'utf8'), original.ref ?? original.id);
        expect(back, original.title).toMatchObject({
          occurredAt: original.occurredAt.slice(0, 10),
          timePrecision: widened,
          location: original.location,
          geoPrecision: original.geoPrecision,
          actor1: row['actor1'] || null,
          actor2: original.actor2,
          eventType: row['event_type'] || null,
          subEventType: row['sub_event_type'] || null,
          country: original.country,
          admin1: original.admin1,
          admin2: original.admin2,
          admin3: original.admin3,
          locationName: original.locationName,
          sourceText: original.sourceText,
          sourceScale: original.sourceScale,
          notes: original.notes,
          fatalities: original.fatalities,
        });
        // Where the event type makes actor1 the one acting, the perpetrator comes back with it.
        const acting = acledPerpetrator(row['event_type'] ?? '', row['actor1'] ?? '');
        expect(back?.perpetrator, original.title).toBe(acting);
        if (acting !== null) expect(acting).toBe(original.perpetrator);
        if (id !== undefined) await markIncidentPublished(db.kysely, id, '2025-05-01T00:00:00.000Z');
      }
      expect(ids).toHaveLength(originals.length);
    } finally {
      await db.close();
    }

    const second = join(dir, `acled-${engine}-again.csv`);
    expect(
      (await truceline(['export', 'incidents', '--format', 'acled', '-o', second], copy.target)).code,
    ).toBe(0);
    const withoutTimestamp = (text: string) =>
      csvRows(text)
        .map(({ timestamp: _t, ...row }) => JSON.stringify(row))
        .sort();
    expect(withoutTimestamp(readFileSync(second, 'utf8'))).toEqual(
      withoutTimestamp(readFileSync(file, 'utf8')),
    );
    const again = await truceline(['import', 'acled', file], copy.target);
    expect(again.stdout).toContain(`0 accepted, ${originals.length} already present`);
  }, 90_000);

  it('writes to stdout with the filters of the API, and refuses what it cannot do by the option', async () => {
    const out = await truceline(
      ['export', 'incidents', '--party', 'UA', '--from', '2025-03-01'],
      source.target,
    );
    expect(out.code).toBe(0);
    const rows = csvRows(out.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['perpetrator'] === 'UA' && (r['occurred_utc'] ?? '') >= '2025-02-28')).toBe(
      true,
    );
    expect(out.stdout).not.toContain('Secret village');
    const refusals = [
      [['export', 'incidents', '--bbox', '36,50'], '--bbox: four numbers west,south,east,north are needed'],
      [
        ['export', 'agreements', '--format', 'kml'],
        '--format: agreements can be exported as json, csv, not kml',
      ],
      [['export', 'exchanges', '--party', 'RU'], '--party: filters only incidents'],
      [['export', 'incidents', '--agreement', 'no-such-thing'], 'no-such-thing'],
    ] as const;
    const runs = await Promise.all(refusals.map(([args]) => truceline(args, source.target)));
    refusals.forEach(([args, message], i) => {
      expect(runs[i]?.code, args.join(' ')).toBe(1);
      expect(runs[i]?.stderr, args.join(' ')).toContain(message);
    });
  }, 60_000);
});

/** The row of an ACLED export with this event id. */
function exportedRow(text: string, eventId: string): Record<string, string> {
  const row = csvRows(text).find((r) => r['event_id_cnty'] === eventId);
  if (!row) throw new Error(`no row ${eventId}`);
  return row;
}

it('describes every option of `truceline export --help`', async () => {
  const run = await truceline(['export', '--help'], join(dir, 'help.db'));
  expect(run.code).toBe(0);
  for (const option of [
    '<what>',
    '--format',
    '--output',
    '--spreadsheet',
    '--agreement',
    '--verdict',
    '--party',
    '--from',
    '--to',
    '--target',
    '--sector',
    '--oblast',
    '--bbox',
    '--date',
    'docs/exports.md',
  ])
    expect(run.stdout).toContain(option);
});
