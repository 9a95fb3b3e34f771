import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

/**
 * The benchmark's third floor (checks/src/bench/bare-next.ts): Next.js with
 * nothing of the app but what every page of it pays for — the proxy's nonce
 * and security headers, a per-request root layout and one session read. Built
 * by the benchmark only, into its own folder; no `build` script, so turbo
 * never builds it.
 */
const nextConfig: NextConfig = {
  distDir: process.env.BMB_NEXT_DIST_DIR ?? '.next-bench',
  // As apps/web: the workspace packages export TypeScript source.
  transpilePackages: ['@bmb/db', '@bmb/domain'],
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  // @bmb/db/client imports PGlite, which breaks when bundled (never used here: DATABASE_URL is set).
  serverExternalPackages: ['@electric-sql/pglite'],
  // As apps/web: no compression (the load balancer's job), no X-Powered-By.
  poweredByHeader: false,
  compress: false,
  // `pnpm typecheck` checks this package; the benchmark's build need not.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
