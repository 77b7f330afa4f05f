// `truceline import acled --dry-run` as a child process on a temporary SQLite file: the summary, the rejected
// rows with line, field and reason, the JSON report, and nothing written.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-import-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const row = (id: string, lat: string) =>
  `${id},2022-03-11,2022,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia (2000-),,State Forces,Civilians (Ukraine),,Civilians,State Forces-Civilians,,804,Europe,Ukraine,Luhansk,,,Severodonetsk,${lat},38.4914,1,24 Channel,National,"Shelled, 2 wounded.",0,,1647376820`;

it('checks an ACLED file with --dry-run: summary, rejected rows, report, and nothing written', async () => {
  const csv = join(dir, 'acled.csv');
  const report = join(dir, 'report.json');
  const database = join(dir, 'cli.db');
  writeFileSync(csv, [HEADER, row('UKR1', '48.9467'), row('UKR2', '148.9'), row('UKR3', '48.1')].join('\n'));
  const { DATABASE_URL: _unset, ...env } = process.env;
  const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'import', 'acled', csv, '--dry-run', '--report', report],
      { env: { ...env, TRUCELINE_DB: database }, timeout: 20_000 },
      (error, stdout) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout });
      },
    );
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('3 rows, 2 would be accepted, 0 already present, 1 rejected.');
  expect(run.stdout).toContain('line 3  latitude  OUT_OF_RANGE: 148.9 is outside -90 to 90');
  expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
    dryRun: true,
    accepted: 2,
    rejected: [{ line: 3, field: 'latitude', code: 'OUT_OF_RANGE' }],
  });
  const db = openDatabase({ engine: 'sqlite', file: database });
  try {
    const incidents = await db.kysely.selectFrom('incidents').select('id').execute();
    const parties = await db.kysely.selectFrom('parties').select('code').execute();
    expect(incidents).toEqual([]);
    expect(parties).toEqual([]);
  } finally {
    await db.close();
  }
});
