// Generated documents stay in step with the code they describe.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { errorTable } from '../scripts/error-table.js';

it('docs/errors.md lists the error catalogue as it is (run `npm run docs` after changing it)', () => {
  expect(readFileSync('docs/errors.md', 'utf8')).toBe(errorTable());
});
