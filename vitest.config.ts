import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/boundary-checks.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file gets its own database cloned from a migrated template, so files run in parallel safely.
    fileParallelism: true,
  },
});
