import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium against a `next start` server and a static export they start themselves.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
