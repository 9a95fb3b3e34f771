import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  WEB_DIR,
  runToEnd,
  start,
  waitForHttp,
  type Started,
} from '../harness/processes';
import { inherited } from '../harness/env';
import { AUTH_SECRET, TEST_HARNESS_OPT_OUT } from '../harness/stack';

/**
 * The app as it runs in production: `next start` of a build of its own
 * (`apps/web/.next-bench`), so that building never replaces the `.next` that
 * other checks and the e2e suite serve. `--dist-dir` serves another build
 * kept beside it (e.g. a baseline), which the benchmark never builds.
 */
export const DIST_DIR = '.next-bench';
const NEXT_BIN = join(WEB_DIR, 'node_modules/next/dist/bin/next');
const SOURCES = [
  'apps/web',
  'packages/db/src',
  'packages/domain/src',
  'packages/notifications/src',
];

/** The bare Next.js floor (checks/bare-next): its own package, built into its own `.next-bench`. */
export const BARE_DIR = join(REPO_ROOT, 'checks/bare-next');
const BARE_NEXT_BIN = join(BARE_DIR, 'node_modules/next/dist/bin/next');
const BARE_SOURCES = [
  'checks/bare-next',
  'apps/web/lib/security-headers.ts',
  'apps/web/lib/request-path.ts',
  'apps/web/lib/auth/session-cookie.ts',
  'packages/db/src',
  'packages/domain/src',
];

function newestSource(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (
      entry.name === 'node_modules' ||
      entry.name.startsWith('.next') ||
      entry.name.startsWith('.')
    )
      continue;
    newest = Math.max(newest, newestSource(join(path, entry.name)));
  }
  return newest;
}

const builtAt = (dist: string) => {
  const buildId = join(dist, 'BUILD_ID');
  return existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
};
const staleAgainst = (sources: string[], at: number) =>
  sources.some((p) => existsSync(join(REPO_ROOT, p)) && newestSource(join(REPO_ROOT, p)) > at);

/** Builds into `.next-bench` when there is no build there or a source file is newer than it. */
export function ensureBenchBuild(force: boolean, reuse = false, distDir = DIST_DIR): void {
  const at = builtAt(join(WEB_DIR, distDir));
  if (distDir !== DIST_DIR) {
    if (!at) throw new Error(`No build in apps/web/${distDir}`);
    return;
  }
  if (!force && at > 0 && (reuse || !staleAgainst(SOURCES, at))) return;
  console.log(
    `Building apps/web into ${DIST_DIR} (${force ? 'asked for' : at ? 'sources changed' : 'no build yet'}) …`,
  );
  runToEnd('pnpm', ['--filter', '@bmb/web', 'build'], {
    env: { ...inherited, BMB_NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' },
  });
}

/** Builds the bare floor when it has no build or its sources (or the app's policy it imports) are newer. */
export function ensureBareBuild(force: boolean): void {
  const at = builtAt(join(BARE_DIR, DIST_DIR));
  if (!force && at > 0 && !staleAgainst(BARE_SOURCES, at)) return;
  console.log(`Building checks/bare-next into ${DIST_DIR} (${at ? 'sources changed' : 'no build yet'}) …`);
  runToEnd(process.execPath, [BARE_NEXT_BIN, 'build'], {
    cwd: BARE_DIR,
    env: { ...inherited, BMB_NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' },
    quiet: true,
  });
}

/** Server action ids of the bench build, by exported name. */
export function benchActionIds(distDir = DIST_DIR): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(WEB_DIR, distDir, 'server/server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node))
    if (entry.exportedName) ids[entry.exportedName] = id;
  return ids;
}

export interface BenchServer {
  url: string;
  process: Started;
}

/** What both servers get: production mode, the region's database, the app's heap cap. */
/** The V8 flags docs/scaling.md gives a production instance. */
export const PRODUCTION_NODE_OPTIONS = ['--max-old-space-size=512', '--max-semi-space-size=64'];

function serverEnv(url: string, databaseUrl: string, distDir: string): NodeJS.ProcessEnv {
  return {
    ...inherited,
    NODE_ENV: 'production',
    BMB_NEXT_DIST_DIR: distDir,
    DATABASE_URL: databaseUrl,
    AUTH_URL: url,
    AUTH_SECRET,
    // Never contacted: the benchmark's sessions are rows in auth_sessions.
    AUTH_OIDC_ISSUER: 'http://localhost:3299',
    AUTH_OIDC_ID: 'bmb-web',
    AUTH_OIDC_SECRET: 'bmb-dev-secret',
    NOTIFICATION_WORKER: 'off',
    ...TEST_HARNESS_OPT_OUT,
    // As an instance runs in production (docs/scaling.md): V8's old space capped, so the heap is
    // collected instead of growing into the container's memory, and a 64 MB young generation, so a
    // render's short-lived objects die young (issue 21). The bare floor runs with the same options.
    NODE_OPTIONS: [inherited.NODE_OPTIONS, ...PRODUCTION_NODE_OPTIONS].filter(Boolean).join(' '),
  };
}

/** `next start` of the app's build on `node` (a Node.js binary; the benchmark's own by default). */
export async function startBenchServer(
  port: number,
  databaseUrl: string,
  options: { node?: string; distDir?: string } = {},
): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  const env = serverEnv(url, databaseUrl, options.distDir ?? DIST_DIR);
  const web = start(`web-${port}`, options.node ?? process.execPath, [NEXT_BIN, 'start', '--port', String(port)], {
    cwd: WEB_DIR,
    env,
  });
  await waitForHttp(`${url}/api/health/ready`, { process: web, timeoutMs: 90_000 });
  return { url, process: web };
}

/** `next start` of the bare floor, on the same Node.js, NODE_ENV and NODE_OPTIONS as the app. */
export async function startBareServer(
  port: number,
  databaseUrl: string,
  options: { node?: string } = {},
): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  const bare = start(`bare-${port}`, options.node ?? process.execPath, [BARE_NEXT_BIN, 'start', '--port', String(port)], {
    cwd: BARE_DIR,
    env: serverEnv(url, databaseUrl, DIST_DIR),
  });
  // Without a session cookie the page sends the caller away (307).
  await waitForHttp(`${url}/`, { process: bare, timeoutMs: 90_000, ok: [307] });
  return { url, process: bare };
}
