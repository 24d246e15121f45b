import { defineConfig } from 'vitest/config';

export default defineConfig({
  // HW3_STORE=off: the CLI and dashboard tests run fresh every time and keep nothing in the user's run store; the
  // run-store tests name their own temporary store with --store.
  test: { include: ['test/**/*.test.{ts,tsx}'], testTimeout: 60_000, env: { HW3_STORE: 'off' } },
});
