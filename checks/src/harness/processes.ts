import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkEnv, inherited } from './env';

/**
 * The processes a check starts (IdP, web servers), each in its own process
 * group so that it and its children can be stopped by that group's id, and
 * the clean-up that runs however the check ends.
 */

export const REPO_ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
export const WEB_DIR = join(REPO_ROOT, 'apps/web');

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
let cleaning: Promise<void> | null = null;

/** Runs on the way out, last registered first. */
export function onCleanup(name: string, run: () => Promise<void> | void): void {
  cleanups.push({ name, run });
}

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`clean-up "${name}" failed:`, error instanceof Error ? error.message : error);
      }
    }
  })();
  return cleaning;
}

/** Runs `main`, cleans up whatever happened, and exits 0 only when main says every target was met. */
export function runCheck(main: () => Promise<boolean>): void {
  const bail = (why: string) => {
    console.error(`\n${why}: cleaning up …`);
    void cleanupAll().finally(() => process.exit(1));
  };
  process.on('SIGINT', () => bail('interrupted'));
  process.on('SIGTERM', () => bail('terminated'));
  main()
    .then(async (ok) => {
      await cleanupAll();
      process.exit(ok ? 0 : 1);
    })
    .catch(async (error: unknown) => {
      console.error('\nThe check failed to run:', error);
      await cleanupAll();
      process.exit(1);
    });
}

export const scratchDir = mkdtempSync(join(tmpdir(), 'bmb-check-'));
onCleanup('scratch dir', () => {
  if (checkEnv.keepLogs) console.log(`Logs kept in ${scratchDir}`);
  else rmSync(scratchDir, { recursive: true, force: true });
});

let starts = 0;

export interface Started {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the whole process group; resolves once the leader has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  log(): string;
}

export function start(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Started {
  const logFile = join(scratchDir, `${name}-${++starts}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  const pid = child.pid!;
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 8000) => {
    // Once the leader is gone its group id may be reused: never signal it later.
    if (done) return;
    signalGroup(signal);
    const timer = sleep(graceMs).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timer])) === 'timeout') signalGroup('SIGKILL');
    await exited;
    // Children of the group (e.g. tsx's node under pnpm) may outlive the leader by a moment.
    signalGroup('SIGKILL');
  };
  const started: Started = { name, child, pid, logFile, exited, stop, log: () => safeRead(logFile) };
  onCleanup(`stop ${name}`, () => stop());
  return started;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export async function requireFreePorts(ports: number[]): Promise<void> {
  for (const port of ports) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use: stop what runs there, or pass other ports.`);
  }
}

/** Polls until `url` answers with one of `ok` statuses, or the process dies, or the time is up. */
export async function waitForHttp(url: string, options: { timeoutMs?: number; process?: Started; ok?: number[] } = {}): Promise<number> {
  const began = performance.now();
  const deadline = began + (options.timeoutMs ?? 60_000);
  let exited = false;
  void options.process?.exited.then(() => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`${options.process!.name} exited while starting:\n${options.process!.log().slice(-3000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: 'manual' });
      await response.arrayBuffer();
      if ((options.ok ?? [200]).includes(response.status)) return performance.now() - began;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs ?? 60_000} ms${options.process ? `:\n${options.process.log().slice(-3000)}` : ''}`);
}

/** Runs a command to the end, its output passed through; throws on a non-zero exit. */
export function runToEnd(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? inherited,
    encoding: 'utf8',
    stdio: options.quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}${options.quiet ? `:\n${result.stdout}\n${result.stderr}` : ''}`);
  }
  return result.stdout ?? '';
}

/** Resident memory of a process in MB, from /proc (Linux), or null once it is gone. */
export function rssMb(pid: number): number | null {
  const status = safeRead(`/proc/${pid}/status`);
  const match = status.match(/^VmRSS:\s+(\d+) kB/m);
  return match ? Number(match[1]) / 1024 : null;
}
