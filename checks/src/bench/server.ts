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
 * other checks and the e2e suite serve.
 */
export const DIST_DIR = '.next-bench';
const DIST = join(WEB_DIR, DIST_DIR);
const NEXT_BIN = join(WEB_DIR, 'node_modules/next/dist/bin/next');
const SOURCES = [
  'apps/web',
  'packages/db/src',
  'packages/domain/src',
  'packages/notifications/src',
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      entry.name === 'node_modules' ||
      entry.name.startsWith('.next') ||
      entry.name.startsWith('.')
    )
      continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds into `.next-bench` when there is no build there or a source file is newer than it. */
export function ensureBenchBuild(force: boolean, reuse = false): void {
  const buildId = join(DIST, 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const stale = SOURCES.some(
    (dir) => existsSync(join(REPO_ROOT, dir)) && newestSource(join(REPO_ROOT, dir)) > builtAt,
  );
  if (!force && builtAt > 0 && (reuse || !stale)) return;
  console.log(
    `Building apps/web into ${DIST_DIR} (${force ? 'asked for' : builtAt ? 'sources changed' : 'no build yet'}) …`,
  );
  runToEnd('pnpm', ['--filter', '@bmb/web', 'build'], {
    env: { ...inherited, BMB_NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' },
  });
}

/** Server action ids of the bench build, by exported name. */
export function benchActionIds(): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(DIST, 'server/server-reference-manifest.json'), 'utf8'),
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

export async function startBenchServer(port: number, databaseUrl: string): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'production',
    BMB_NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: databaseUrl,
    AUTH_URL: url,
    AUTH_SECRET,
    // Never contacted: the benchmark's sessions are rows in auth_sessions.
    AUTH_OIDC_ISSUER: 'http://localhost:3299',
    AUTH_OIDC_ID: 'bmb-web',
    AUTH_OIDC_SECRET: 'bmb-dev-secret',
    NOTIFICATION_WORKER: 'off',
    ...TEST_HARNESS_OPT_OUT,
    // As an instance runs in production (docs/scaling.md): V8's old space capped,
    // so the heap is collected instead of growing into the container's memory.
    NODE_OPTIONS: [inherited.NODE_OPTIONS, '--max-old-space-size=512'].filter(Boolean).join(' '),
  };
  const web = start(`web-${port}`, process.execPath, [NEXT_BIN, 'start', '--port', String(port)], {
    cwd: WEB_DIR,
    env,
  });
  await waitForHttp(`${url}/api/health/ready`, { process: web, timeoutMs: 90_000 });
  return { url, process: web };
}
