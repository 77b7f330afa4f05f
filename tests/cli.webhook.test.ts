// `truceline webhook` as a child process on a temporary SQLite file: add prints the secret once, list shows the
// webhook without it, disable stops it, and a bad URL is refused by name with exit code 1.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-webhook-'));
const file = join(dir, 'webhooks.db');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function truceline(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env: { ...inherited, TRUCELINE_DB: file }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

it('describes `truceline webhook --help` with its commands', async () => {
  const run = await truceline(['webhook', '--help']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Usage: truceline webhook[\s\S]*add[\s\S]*list[\s\S]*disable/);
});

it('adds a webhook printing its secret once, lists it without the secret, and disables it', async () => {
  const added = await truceline([
    'webhook',
    'add',
    'http://127.0.0.1:9999/hook',
    '--events',
    'incident.published,finding.ruled',
    '--description',
    'Duty officer',
  ]);
  expect(added.code, added.stderr).toBe(0);
  const id = /Added webhook (\S+) for incident\.published, finding\.ruled/.exec(added.stdout)?.[1] ?? '';
  const secret = /Signing secret \(shown only now\): (whsec_\S+)/.exec(added.stdout)?.[1] ?? '';
  expect(id).not.toBe('');
  expect(secret).not.toBe('');

  const listed = await truceline(['webhook', 'list']);
  expect(listed.stdout).toContain(`${id}  active    http://127.0.0.1:9999/hook`);
  expect(listed.stdout).toContain('0 pending, 0 delivered, 0 failed');
  expect(listed.stdout).not.toContain(secret);

  const disabled = await truceline(['webhook', 'disable', id]);
  expect(disabled.stdout).toContain(`Disabled webhook ${id}`);
  expect((await truceline(['webhook', 'list'])).stdout).toContain(`${id}  disabled`);
});

it('refuses a URL that is not http(s), naming the field, with exit code 1', async () => {
  const run = await truceline(['webhook', 'add', 'ftp://files.example/', '--events', 'all']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('url: must be an http:// or https:// URL');
});
