import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM by URL at run time; bundling it breaks every query.
  // pg-boss and nodemailer are plain Node libraries (the notification worker).
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'nodemailer'],
  // The workspace packages export TypeScript source.
  transpilePackages: ['@bmb/db', '@bmb/domain', '@bmb/notifications'],
  poweredByHeader: false,
};

export default nextConfig;
