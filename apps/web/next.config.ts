import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM by URL at run time; bundling it breaks every query.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The workspace packages export TypeScript source.
  transpilePackages: ['@bmb/db', '@bmb/domain'],
  poweredByHeader: false,
};

export default nextConfig;
