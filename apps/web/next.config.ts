import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A second build beside the usual one (the benchmark's `.next-bench`), so
  // that building it never replaces the build another `next start` is serving.
  distDir: process.env.BMB_NEXT_DIST_DIR ?? '.next',
  // A self-contained server (`<distDir>/standalone/apps/web/server.js`) for
  // containers; `next start` still works. Tracing starts at the monorepo root
  // so that the workspace packages are copied in (docs/scaling.md).
  output: 'standalone',
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  // PGlite loads its WASM by URL at run time; bundling it breaks every query.
  // pg-boss and nodemailer are plain Node libraries (the notification worker);
  // swagger-ui-dist finds its own files by path.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'nodemailer', 'swagger-ui-dist'],
  // /api/docs serves Swagger UI's files from the package, read at run time: the standalone output needs them.
  outputFileTracingIncludes: {
    '/api/docs/[asset]': [
      './node_modules/swagger-ui-dist/swagger-ui-bundle.js',
      './node_modules/swagger-ui-dist/swagger-ui.css',
    ],
  },
  // The workspace packages export TypeScript source.
  transpilePackages: ['@bmb/commands', '@bmb/db', '@bmb/domain', '@bmb/notifications'],
  poweredByHeader: false,
  // Compression is the load balancer's job, like TLS (docs/scaling.md). In the
  // app it cost a tenth of the main thread on Verkställ: a server action that
  // redirects fetches the target page from this same server, and that internal
  // fetch was gzipped here and unzipped again before going out.
  compress: false,
};

export default nextConfig;
