// Starts the built app for the e2e tests on a fresh embedded database:
// wipe, migrate and seed first (PGlite has no lock), then `next start`.
//
// Everything the app writes to stdout and stderr is also written to
// .data/e2e-logs/web-<port>.log, so that a spec can read the server's log
// lines (the leak scan checks them for personnummer).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = process.env.WEB_PORT ?? '3100';
// A second instance (the OIDC negatives' own app) brings its own database.
const dataDir = process.env.E2E_DATA_DIR ?? `${root}.data/e2e`;
const logDir = `${root}.data/e2e-logs`;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PGLITE_DATA_DIR: dataDir,
  AUTH_URL: `http://localhost:${port}`,
  AUTH_SECRET: 'e2e-only-secret-0123456789abcdef0123456789abcdef',
  AUTH_OIDC_ISSUER: process.env.IDP_URL ?? 'http://localhost:3101',
  AUTH_OIDC_ID: 'bmb-web',
  AUTH_OIDC_SECRET: 'bmb-dev-secret',
  // Production refuses plain http and the dev IdP's secret; this harness is the
  // exception it allows (apps/web/lib/env.ts), with a warning in the log.
  BMB_ALLOW_INSECURE_DEV_SETTINGS: 'i-am-a-test-harness',
};
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const logFile = createWriteStream(`${logDir}/web-${port}.log`, { flags: 'w' });

/** Runs a command with its output teed to our own stdout/stderr and the log file. */
function run(command, args, cwd) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    logFile.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    logFile.write(chunk);
  });
  return child;
}

const exited = (child) => new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
const finish = (code) => logFile.end(() => process.exit(code));

// Whichever step runs (the database setup, then the app) is the one to stop.
let current = null;
const stop = () => current?.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

current = run('pnpm', ['--filter', '@bmb/db', 'db:setup'], root);
const setupCode = await exited(current);
if (setupCode !== 0) finish(setupCode);
else {
  current = run('pnpm', ['exec', 'next', 'start', '--port', port], `${root}apps/web`);
  current.on('exit', (code) => finish(code ?? 0));
}
