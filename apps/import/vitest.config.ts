import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // PGlite takes a few seconds to create and migrate on two busy cores; the round trip seeds a region.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Files share one PostgreSQL server; each creates its own databases.
    fileParallelism: false,
  },
});
