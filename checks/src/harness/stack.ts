import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { checkEnv, inherited } from './env';
import { REPO_ROOT, WEB_DIR, onCleanup, runToEnd, scratchDir, start, waitForHttp, type Started } from './processes';

/**
 * Everything a check runs against: the production build of apps/web under
 * `next start` (NODE_ENV=production) on its own PostgreSQL database, and the
 * development IdP, all on ports 3200–3249.
 */

export const PG_SERVER = checkEnv.pgServer;
/** Both instances of a deployment share it (Auth.js encrypts the login's state, PKCE and nonce cookies with it). */
export const AUTH_SECRET = 'check-only-secret-0123456789abcdef0123456789abcdef';
const OIDC_CLIENT = { AUTH_OIDC_ID: 'bmb-web', AUTH_OIDC_SECRET: 'bmb-dev-secret' };
/**
 * Production refuses plain http and the dev IdP's secret; a check harness is the
 * exception it allows (apps/web/lib/env.ts), with a warning in the log.
 */
export const TEST_HARNESS_OPT_OUT = { BMB_ALLOW_INSECURE_DEV_SETTINGS: 'i-am-a-test-harness' };

const NEXT_BIN = join(WEB_DIR, 'node_modules/next/dist/bin/next');
const BUILD_ID = join(WEB_DIR, '.next/BUILD_ID');

/**
 * Builds apps/web once if there is no production build (or when asked to).
 * apps/web/.next is shared: when someone else's `next build` holds its lock,
 * wait for that build instead of failing on the lock.
 */
export async function ensureBuild(force = false): Promise<string> {
  const lock = join(WEB_DIR, '.next/lock');
  for (let waited = 0; !existsSync(BUILD_ID) && existsSync(lock) && waited < 600; waited += 2) {
    if (waited === 0) console.log('Another next build of apps/web is running: waiting for it …');
    await sleep(2000);
  }
  if (force || !existsSync(BUILD_ID)) {
    console.log(force ? 'Building apps/web (asked for) …' : 'No production build of apps/web: building it …');
    runToEnd('pnpm', ['--filter', '@bmb/web', 'build']);
  }
  return readFileSync(BUILD_ID, 'utf8').trim();
}

/** Server action ids of this build, by exported name (from the build's manifest). */
export function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(WEB_DIR, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName) {
      if (ids[entry.exportedName]) throw new Error(`Two server actions named ${entry.exportedName}`);
      ids[entry.exportedName] = id;
    }
  }
  return ids;
}

export interface CheckDatabase {
  name: string;
  url: string;
  /** A connection of the check's own, for fixtures, consistency SQL and samples. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/** A fresh `bmb_check_*` database, migrated and seeded by `pnpm --filter @bmb/db db:setup`; dropped at clean-up. */
export async function createDatabase(name: string): Promise<CheckDatabase> {
  if (!/^bmb_check_[a-z0-9_]+$/.test(name)) throw new Error(`Check databases are named bmb_check_*, not ${name}`);
  const admin = postgres(`${PG_SERVER}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = `${PG_SERVER}/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await sql.end({ timeout: 2 }).catch(() => {});
    const again = postgres(`${PG_SERVER}/postgres`, { max: 1, onnotice: () => {} });
    try {
      await again.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await again.end({ timeout: 2 });
    }
  };
  await admin.end({ timeout: 2 });
  const sql = postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: 'bmb-check' } });
  onCleanup(`drop database ${name}`, drop);
  runToEnd('pnpm', ['--filter', '@bmb/db', 'db:setup'], { env: { ...inherited, DATABASE_URL: url }, quiet: true });
  return { name, url, sql, drop };
}

export interface Idp {
  url: string;
  process: Started;
}

export async function startIdp(port: number, appUrls: string[]): Promise<Idp> {
  const url = `http://localhost:${port}`;
  const idp = start(`idp-${port}`, 'pnpm', ['--filter', '@bmb/idp', 'start'], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      IDP_PORT: String(port),
      IDP_APP_URLS: appUrls.join(','),
      IDP_DATA_DIR: join(scratchDir, `idp-${port}`),
    },
  });
  await waitForHttp(`${url}/.well-known/openid-configuration`, { process: idp, timeoutMs: 60_000 });
  return { url, process: idp };
}

export interface Web {
  name: string;
  port: number;
  url: string;
  process: Started;
  env: NodeJS.ProcessEnv;
}

export interface WebOptions {
  name: string;
  port: number;
  databaseUrl: string;
  idpUrl: string;
  /** The public URL (AUTH_URL); behind a load balancer every instance has the same one. Default: its own. */
  publicUrl?: string;
  authSecret?: string;
  extraEnv?: NodeJS.ProcessEnv;
}

/** `next start` of the production build, ready when /api/health/ready says so. */
export async function startWeb(options: WebOptions): Promise<Web> {
  const url = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    AUTH_URL: options.publicUrl ?? url,
    AUTH_SECRET: options.authSecret ?? AUTH_SECRET,
    AUTH_OIDC_ISSUER: options.idpUrl,
    ...OIDC_CLIENT,
    ...TEST_HARNESS_OPT_OUT,
    ...options.extraEnv,
  };
  const web = start(options.name, process.execPath, [NEXT_BIN, 'start', '--port', String(options.port)], { cwd: WEB_DIR, env });
  await waitForHttp(`${url}/api/health/ready`, { process: web, timeoutMs: 60_000 });
  return { name: options.name, port: options.port, url, process: web, env };
}

/** Starts the same instance again (same port and settings) after it was stopped or killed. */
export async function restartWeb(web: Web): Promise<Web> {
  const again = start(web.name, process.execPath, [NEXT_BIN, 'start', '--port', String(web.port)], { cwd: WEB_DIR, env: web.env });
  await waitForHttp(`${web.url}/api/health/ready`, { process: again, timeoutMs: 60_000 });
  return { ...web, process: again };
}

/** Lines the app logged at level error (JSON lines, apps/web/lib/log.ts) or Next printed as errors. */
export function serverErrors(web: Web): string[] {
  return web.process
    .log()
    .split('\n')
    .filter((line) => /"level":"error"/.test(line) || /^\s*(⨯|Error:)/.test(line));
}
