import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`, also run by .ci/run): tests that take minutes, such as the
// soak of the real server under mixed load. The quick reliability tests (crashes, fuzzing, backups, properties)
// are part of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
