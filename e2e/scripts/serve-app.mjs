// Starts the built app for the e2e tests on a fresh embedded database:
// wipe, migrate and seed first (PGlite has no lock), then `next start`.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = `${root}.data/e2e`;
const port = process.env.WEB_PORT ?? '3100';
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PGLITE_DATA_DIR: dataDir,
  AUTH_URL: `http://localhost:${port}`,
  AUTH_SECRET: 'e2e-only-secret-0123456789abcdef0123456789abcdef',
  AUTH_OIDC_ISSUER: process.env.IDP_URL ?? 'http://localhost:3101',
  AUTH_OIDC_ID: 'bmb-web',
  AUTH_OIDC_SECRET: 'bmb-dev-secret',
};
rmSync(dataDir, { recursive: true, force: true });

const setup = spawnSync('pnpm', ['--filter', '@bmb/db', 'db:setup'], { cwd: root, env, stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const web = spawn('pnpm', ['exec', 'next', 'start', '--port', port], { cwd: `${root}apps/web`, env, stdio: 'inherit' });
const stop = () => web.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
web.on('exit', (code) => process.exit(code ?? 0));
