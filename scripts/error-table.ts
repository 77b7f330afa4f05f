// Writes docs/errors.md from the error catalogue (`npm run docs`); a test keeps the two in step.

import { writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '../src/core/errors.js';

export function errorTable(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(
    ([code, { status, message }]) => `| \`${code}\` | ${status} | ${message} |`,
  );
  return [
    '# Errors',
    '',
    'Every error response has one shape: `{ "error": { "code", "message", "details" } }`. Field problems are',
    'listed in `details.issues` as `{ path, message }`, with paths such as `readouts.0.window.end`.',
    '',
    'This table is generated from `src/core/errors.ts` by `npm run docs`.',
    '',
    '| code | HTTP status | meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('error-table.ts')) writeFileSync('docs/errors.md', errorTable());
