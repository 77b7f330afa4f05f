import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Minutes-long tests run on their own: `npm run test:reliability`.
    exclude: ['**/node_modules/**', 'tests/reliability/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
