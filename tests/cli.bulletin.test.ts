// `truceline bulletin`, run as a child process on a temporary SQLite file with the demo loaded, as tests/cli.test.ts
// runs the CLI: the draft of 2 April 2025 printed as Markdown, naming that day's incidents with their verdicts, and a
// bad date refused by name. Kept to a few spawns.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIncidents } from '../src/demo/incidents.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-bulletin-'));
const file = join(dir, 'cli.db');

/** Runs the CLI from source on the test's database file; DATABASE_URL is unset. */
function truceline(args: readonly string[]): Promise<Run> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  const loaded = await truceline(['demo', 'load']);
  expect(loaded.code).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('truceline bulletin', () => {
  it('prints the Markdown of 2 April 2025, naming each incident of the day with its verdict', async () => {
    const run = await truceline(['bulletin', 'draft', '--date', '2025-04-02']);
    expect(run.code).toBe(0);
    const titles = demoIncidents.filter((i) => i.ref?.startsWith('demo-2025-04-02')).map((i) => i.title);
    expect(titles).toHaveLength(2);
    for (const title of titles) {
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(run.stdout).toMatch(
        new RegExp(`- \\*\\*covered\\*\\* — \\[${escaped}\\]\\(/incidents/[^)]+\\)`),
      );
    }
    expect(run.stdout).toContain('## Incidents');
    expect(run.stdout).toContain('Under [30-day moratorium on strikes on energy infrastructure]');
    // Printing is not saving: the list holds the demo's two published bulletins only.
    const list = await truceline(['bulletin', 'list']);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(list.stdout).not.toContain('draft');
  });

  it('refuses a date that is not a calendar date, naming the option, and prints nothing', async () => {
    const run = await truceline(['bulletin', 'draft', '--date', '2025-02-30']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--date');
    expect(run.stdout).toBe('');
  });

  it('describes itself with --help', async () => {
    const run = await truceline(['bulletin', 'draft', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: truceline bulletin draft[\s\S]*--date <date>[\s\S]*--save/);
  });
});
