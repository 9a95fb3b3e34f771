import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // PGlite takes a few seconds to create and migrate on two busy cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share one PostgreSQL server; each creates its own database.
    fileParallelism: false,
  },
});
