import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A second `next start` of the e2e build (serve-app.mjs) on its own port, its
 * own embedded database and another identity provider. Started and stopped by
 * the spec that needs it; the process group is ours alone, so stopping it ends
 * the app and nothing else.
 */
export interface SecondApp {
  url: string;
  dataDir: string;
  /** The app's stdout and stderr so far (serve-app.mjs tees them to a file). */
  log(): string;
  stop(): Promise<void>;
}

export async function startSecondApp(options: {
  port: number;
  issuer: string;
  name: string;
}): Promise<SecondApp> {
  const url = `http://localhost:${options.port}`;
  const dataDir = `${root}.data/${options.name}`;
  const child: ChildProcess = spawn('node', ['e2e/scripts/serve-app.mjs'], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      WEB_PORT: String(options.port),
      IDP_URL: options.issuer,
      E2E_DATA_DIR: dataDir,
      // The e2e mail sink, started by the Playwright config; nothing here sends mail.
      SMTP_URL: 'smtp://127.0.0.1:3125',
      NOTIFICATION_WORKER: 'off',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the second app (port ${options.port}) exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/logga-in`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the second app (port ${options.port}) did not start in time`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return {
    url,
    dataDir,
    log: () => readFileSync(`${root}.data/e2e-logs/web-${options.port}.log`, 'utf8'),
    stop,
  };
}
