// docs/api.md cannot drift from the API: every curl GET in its shell examples is run through app.inject() against
// the demo and must answer 200, in JSON unless its path names another format; a write followed by a JSON block
// must answer exactly that block. `$TOKEN` stands for an admin token, as the page tells its reader to set it.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

interface Curl {
  /** The command as written, for messages. */
  readonly line: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** The JSON block that follows the shell block, when this is the block's only command. */
  readonly answer: unknown;
}

/** Splits a shell command into words, honouring quotes; stops at an unquoted pipe or comment. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = null;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if ((c === '|' || c === '#') && word === null) break;
    else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * A shell block's commands: a line ends one unless it ends in a backslash or a quote is still open. Comments are
 * dropped (an apostrophe in one opens no quote).
 */
function commandsOf(text: string): string[] {
  const commands: string[] = [];
  let current = '';
  let quote: string | null = null;
  let comment = false;
  for (const c of text.replace(/\\\n\s*/g, ' ')) {
    if (comment && c !== '\n') continue;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (current === '' || /\s$/.test(current))) {
      comment = true;
      continue;
    } else if (c === '\n') {
      commands.push(current);
      current = '';
      comment = false;
      continue;
    }
    current += c;
  }
  return [...commands, current].filter((c) => c.trim() !== '');
}

/** The curl commands of the page's ```sh blocks, continuation lines joined. */
function curlsOf(markdown: string): Curl[] {
  const fences = [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    language: m[1],
    text: m[2] ?? '',
  }));
  return fences.flatMap((fence, i) => {
    if (fence.language !== 'sh') return [];
    const commands = commandsOf(fence.text);
    const curls = commands.filter((c) => c.trimStart().startsWith('curl '));
    // The JSON block right after a shell block (prose between them allowed) shows what its one command answers.
    const following = fences[i + 1];
    const answer: unknown = following?.language === 'json' ? JSON.parse(following.text) : undefined;
    return curls.map((line) => parseCurl(line, curls.length === 1 ? answer : undefined));
  });
}

function parseCurl(line: string, answer: unknown): Curl {
  const words = shellWords(line.trim()).slice(1);
  let method = 'GET';
  let body: string | undefined;
  let url = '';
  const headers: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = () => words[++i] ?? '';
    if (word === '-X') method = next();
    else if (word === '-H') {
      const [name = '', ...value] = next().split(':');
      headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (word === '-d') {
      body = next();
      if (method === 'GET') method = 'POST';
    } else if (word === '-c' || word === '-o') next();
    else if (!word.startsWith('-')) url = word;
  }
  return { line, method, url: url.replace(/^(https?:\/\/)?localhost:8080/, ''), headers, body, answer };
}

/** What a path's extension says it sends; anything else is JSON (`application/json` or `application/geo+json`). */
const FORMATS: [RegExp, RegExp][] = [
  [/\.csv$/, /^text\/csv/],
  [/\.kml$/, /^application\/vnd\.google-earth\.kml\+xml/],
  [/\.atom$/, /^application\/atom\+xml/],
  [/\.ics$/, /^text\/calendar/],
];

const page = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
const curls = curlsOf(page);
const reads = curls.filter((c) => c.method === 'GET' && !/\$(?!TOKEN\b)\w/.test(c.line));
const checkedWrites = curls.filter((c) => c.method !== 'GET' && c.answer !== undefined);

it('finds the examples of docs/api.md: reads, with and without a token, and a write with its answer', () => {
  expect(reads.length).toBeGreaterThanOrEqual(25);
  expect(reads.some((c) => c.headers['authorization'] === 'Bearer $TOKEN')).toBe(true);
  expect(checkedWrites.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/incidents']);
});

it('reads a shell command as the shell would: quotes kept together, a pipe or a comment ending it', () => {
  expect(shellWords(`curl -s 'a?b=1&c=2' -H "x: y z" | jq '.items'`)).toEqual([
    'curl',
    '-s',
    'a?b=1&c=2',
    '-H',
    'x: y z',
  ]);
  expect(shellWords('curl -s localhost:8080/api/v1/stats   # counts')).toEqual([
    'curl',
    '-s',
    'localhost:8080/api/v1/stats',
  ]);
});

describeEachEngine('docs/api.md against the demo', (engine) => {
  const h = useApp(engine, { demo: true });

  const headersOf = (c: Curl) =>
    Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.replace('$TOKEN', h.token)]));

  it.each(reads.map((c) => [c.line, c] as const))('%s', async (_line, c) => {
    const res = await h.app.inject({ method: 'GET', url: c.url, headers: headersOf(c) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const type = String(res.headers['content-type']);
    const path = c.url.split('?')[0] ?? '';
    const format = FORMATS.find(([extension]) => extension.test(path));
    if (format) expect(type).toMatch(format[1]);
    else {
      expect(type).toMatch(/^application\/(geo\+)?json/);
      expect(() => res.json<unknown>()).not.toThrow();
    }
  });

  it.each(checkedWrites.map((c) => [c.line, c] as const))(
    '%s answers as the page shows',
    async (_line, c) => {
      const res = await h.app.inject({
        method: c.method as 'POST',
        url: c.url,
        headers: headersOf(c),
        payload: c.body ?? '',
      });
      expect(res.json()).toEqual(c.answer);
    },
  );
});
