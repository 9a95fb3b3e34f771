import { closeDb } from '@bmb/db/client';
import { log as defaultLog, type Logger } from '@/lib/log';

/**
 * Closing the database last, when the server stops.
 *
 * `next start` (Next 16, server/lib/start-server.js) already handles SIGTERM
 * and SIGINT: it stops accepting connections, waits for the requests in flight
 * (`server.close`), runs its own cleanup (`after()` callbacks), then calls
 * `process.exit(143)` (130 for SIGINT). It offers no hook between the last
 * request and that exit, and never closes our database handle: PostgreSQL then
 * sees its connections cut, and PGlite's data folder is left without a clean
 * shutdown (it recovers on the next start, like a crash).
 *
 * So on the signal this module starts `beforeClose` work at once (e.g. stopping
 * the notification worker, beside Next's draining), and takes over the
 * `process.exit` that Next calls once drained: it waits for that work, closes
 * the database, logs, and exits with Next's code. If nothing else handles the
 * signal (NEXT_MANUAL_SIG_HANDLE, a custom server), it does the same at once.
 * A request that never ends cannot hold the shutdown past `timeoutMs`.
 */

type Signal = 'SIGTERM' | 'SIGINT';
const SIGNALS: Signal[] = ['SIGTERM', 'SIGINT'];
const EXIT_CODE: Record<Signal, number> = { SIGTERM: 143, SIGINT: 130 };

/** The parts of `process` used here (tests pass their own). */
export interface ShutdownProcess {
  on(signal: Signal, listener: (signal: Signal) => void): unknown;
  listenerCount(signal: Signal): number;
  exit: (code?: number) => never;
}

export interface ShutdownOptions {
  /** Work to finish before the database closes, e.g. `stopInProcessWorker`. Started when the signal arrives. */
  beforeClose?: (() => Promise<void>)[];
  /** After the signal, exit within this long whatever is still running (below Kubernetes' default 30 s). */
  timeoutMs?: number;
  process?: ShutdownProcess;
  closeDb?: () => Promise<void>;
  log?: Logger;
}

const registered = ((
  globalThis as unknown as { bmbShutdownRegistered?: WeakSet<object> }
).bmbShutdownRegistered ??= new WeakSet<object>());

/**
 * Call once from `instrumentation.ts` (Node.js runtime only). Idempotent: a
 * second call, e.g. after a dev reload, does nothing and returns false.
 */
export function registerGracefulShutdown(options: ShutdownOptions = {}): boolean {
  const proc = options.process ?? (process as unknown as ShutdownProcess);
  if (registered.has(proc)) return false;
  registered.add(proc);
  const {
    beforeClose = [],
    timeoutMs = 25_000,
    closeDb: close = closeDb,
    log = defaultLog,
  } = options;
  const exit = proc.exit.bind(proc);
  let started: number | null = null;
  let finishing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const finish = async (code: number, beforeCloseDone: Promise<unknown>) => {
    if (finishing) return;
    finishing = true;
    await beforeCloseDone;
    try {
      await close();
      log.info('shutdown.finished', { code, ms: Math.round(performance.now() - started!) });
    } catch (err) {
      log.error('shutdown.close-failed', { err });
    }
    clearTimeout(timer);
    exit(code);
  };

  const onSignal = (signal: Signal) => {
    if (started !== null) return; // a shell sends Ctrl+C twice: to the group and via the parent
    started = performance.now();
    // Next.js (or whoever else listens) drains the server and then exits.
    const othersHandleIt = proc.listenerCount(signal) > 1;
    log.info('shutdown.started', { signal, drainedBy: othersHandleIt ? 'next' : 'none' });

    const beforeCloseDone = Promise.all(
      beforeClose.map((task) =>
        task().catch((err: unknown) => log.error('shutdown.task-failed', { err })),
      ),
    );
    timer = setTimeout(() => {
      log.error('shutdown.timeout', { timeoutMs });
      exit(1);
    }, timeoutMs);
    timer.unref?.();

    if (othersHandleIt) {
      proc.exit = ((code?: number) => {
        void finish(code ?? 0, beforeCloseDone);
      }) as ShutdownProcess['exit'];
    } else {
      void finish(EXIT_CODE[signal], beforeCloseDone);
    }
  };
  for (const signal of SIGNALS) proc.on(signal, onSignal);
  return true;
}
