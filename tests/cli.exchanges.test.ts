// `truceline exchange`, run as a child process on a demo database: the ledger printed with parity, the 19 March
// discrepancy and the mediator's own count, the same as JSON, and a bad option refused by name.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-exchanges-'));
const file = join(dir, 'demo.db');

function truceline(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  expect((await truceline(['demo', 'load'])).code).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('truceline exchange', () => {
  it('lists the ledger with parity, the 19 March discrepancy, running totals and the UAE’s own count', async () => {
    const { code, stdout } = await truceline(['exchange', 'list']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'parity: RU 197 for UA 175 (prisoners of war 175 for 175; seriously wounded 22 for none)',
    );
    expect(stdout).toMatch(
      /discrepancy \(reconciled\): seriously wounded handed over by RU to UA: 23 announced .* 22 reported/,
    );
    expect(stdout).toContain(
      'RU gave 474, received 436; UA gave 436, received 474; 910 people in 2 exchange(s)',
    );
    expect(stdout).toContain("AE's own count, as claimed (not our sum): no. 14, 3,771 exchanged in all");
  });

  it('prints the API’s JSON with --json', async () => {
    const { code, stdout } = await truceline(['exchange', 'list', '--json', '--from', '2025-04-01']);
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as {
      items: { key: string; parity: { people: number } }[];
      total: number;
    };
    expect(body.items.map((i) => [i.key, i.parity.people])).toEqual([['ru-ua-2025-04-19', 538]]);
  });

  it('refuses a day that does not exist, naming the option', async () => {
    const { code, stderr } = await truceline(['exchange', 'list', '--to', '2025-02-30']);
    expect(code).toBe(1);
    expect(stderr).toContain("option '--to <day>' argument '2025-02-30' is invalid");
  });
});
