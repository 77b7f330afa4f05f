// The receiver snippets of docs/webhooks.md, run for real: the Node.js and the Python `verify` accept a delivery
// signed by Truceline and refuse a changed body, another secret and a stale timestamp, so the docs cannot drift
// from the signing code.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../src/core/webhooks.js';

const doc = readFileSync('docs/webhooks.md', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'truceline-webhook-docs-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function block(language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(doc);
  if (!match?.[1]) throw new Error(`docs/webhooks.md has no ${language} block`);
  return match[1];
}

const SECRET = 'whsec_documentation-test';
const BODY = JSON.stringify({ id: 'e1', type: 'ping', data: { message: 'Перемир’я' } });

/** A delivery signed now, and the ways it can be wrong. */
function cases(): [string, string, string, boolean][] {
  const header = signatureHeader(SECRET, BODY, new Date());
  const stale = signatureHeader(SECRET, BODY, new Date(Date.now() - 600_000));
  return [
    ['a delivery as signed', header, BODY, true],
    ['a changed body', header, BODY.replace('e1', 'e2'), false],
    ['a stale timestamp', stale, BODY, false],
    ['garbage', 'nonsense', BODY, false],
    ['a signature of another length', `${header.split(',')[0] ?? ''},v1=ж,v1`, BODY, false],
  ];
}

describe('the Node.js snippet', () => {
  it('accepts a signed delivery and refuses a changed body, a stale one and garbage', async () => {
    const file = join(dir, 'verify.mjs');
    writeFileSync(file, block('js'));
    const { verify } = (await import(pathToFileURL(file).href)) as {
      verify: (secret: string, header: string, body: string) => boolean;
    };
    for (const [what, header, body, ok] of cases()) expect(verify(SECRET, header, body), what).toBe(ok);
    const [, header = ''] = cases()[0] ?? [];
    expect(verify('whsec_another', header, BODY)).toBe(false);
  });
});

const python = spawnSync('python3', ['--version']).status === 0;

describe.skipIf(!python)('the Python snippet', () => {
  it('accepts a signed delivery and refuses a changed body, a stale one and garbage', () => {
    const file = join(dir, 'verify.py');
    writeFileSync(
      file,
      `${block('python')}\n\nimport json, sys\ncases = json.load(sys.stdin)\nprint(json.dumps([verify(${JSON.stringify(SECRET)}, h, b.encode()) for h, b in cases]))\n`,
    );
    const all = cases();
    const output = execFileSync('python3', [file], { input: JSON.stringify(all.map(([, h, b]) => [h, b])) });
    expect(JSON.parse(output.toString()) as boolean[]).toEqual(all.map(([, , , ok]) => ok));
  });
});
