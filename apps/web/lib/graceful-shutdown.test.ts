import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { registerGracefulShutdown, type ShutdownProcess } from './graceful-shutdown';
import { createLogger } from './log';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process stand-in that records what happens, in order. */
function world() {
  const events: string[] = [];
  const emitter = new EventEmitter();
  const proc = Object.assign(emitter, {
    exit: ((code?: number) => {
      events.push(`exit ${code}`);
    }) as ShutdownProcess['exit'],
  }) as unknown as ShutdownProcess & EventEmitter;
  const lines: string[] = [];
  const log = createLogger((line) => {
    lines.push(line);
    events.push(`log ${JSON.parse(line).msg}`);
  });
  const closeDb = async () => {
    events.push('db closing');
    await tick(5);
    events.push('db closed');
  };
  /** What `next start` does on the signal: drain the requests in flight, then process.exit(143). */
  const nextStart = (inFlight: Promise<void>) =>
    emitter.on('SIGTERM', () => {
      void inFlight.then(() => proc.exit(143));
    });
  return { events, proc, log, closeDb, nextStart, lines };
}

describe('registerGracefulShutdown', () => {
  it("closes the database after Next's last request, then exits with Next's code", async () => {
    const w = world();
    let finishRequest!: () => void;
    const inFlight = new Promise<void>((resolve) => (finishRequest = resolve)).then(() => {
      w.events.push('request done');
    });
    w.nextStart(inFlight); // Next registers its listener before instrumentation runs
    const stopWorker = async () => {
      w.events.push('worker stopping');
      await tick(1);
      w.events.push('worker stopped');
    };
    expect(
      registerGracefulShutdown({
        process: w.proc,
        closeDb: w.closeDb,
        log: w.log,
        beforeClose: [stopWorker],
      }),
    ).toBe(true);

    w.proc.emit('SIGTERM', 'SIGTERM');
    await tick(20);
    expect(w.events).toEqual(['log shutdown.started', 'worker stopping', 'worker stopped']); // the request still runs

    finishRequest();
    await tick(20);
    expect(w.events).toEqual([
      'log shutdown.started',
      'worker stopping',
      'worker stopped',
      'request done',
      'db closing',
      'db closed',
      'log shutdown.finished',
      'exit 143',
    ]);
    expect(JSON.parse(w.lines[0]!)).toMatchObject({
      level: 'info',
      signal: 'SIGTERM',
      drainedBy: 'next',
    });
  });

  it('registers once and acts once', async () => {
    const w = world();
    w.nextStart(Promise.resolve());
    expect(registerGracefulShutdown({ process: w.proc, closeDb: w.closeDb, log: w.log })).toBe(
      true,
    );
    expect(registerGracefulShutdown({ process: w.proc, closeDb: w.closeDb, log: w.log })).toBe(
      false,
    );
    w.proc.emit('SIGTERM', 'SIGTERM');
    w.proc.emit('SIGTERM', 'SIGTERM');
    await tick(20);
    expect(w.events.filter((e) => e === 'db closed')).toHaveLength(1);
    expect(w.events.filter((e) => e.startsWith('exit'))).toEqual(['exit 143']);
  });

  it('shuts down by itself when nothing else handles the signal', async () => {
    const w = world();
    registerGracefulShutdown({ process: w.proc, closeDb: w.closeDb, log: w.log });
    w.proc.emit('SIGINT', 'SIGINT');
    await tick(20);
    expect(w.events).toEqual([
      'log shutdown.started',
      'db closing',
      'db closed',
      'log shutdown.finished',
      'exit 130',
    ]);
  });

  it('exits after the timeout when a request never ends', async () => {
    const w = world();
    w.nextStart(new Promise(() => {}));
    registerGracefulShutdown({ process: w.proc, closeDb: w.closeDb, log: w.log, timeoutMs: 30 });
    w.proc.emit('SIGTERM', 'SIGTERM');
    await tick(60);
    expect(w.events).toEqual(['log shutdown.started', 'log shutdown.timeout', 'exit 1']);
  });

  it('still exits when closing the database fails, and says so', async () => {
    const w = world();
    registerGracefulShutdown({
      process: w.proc,
      log: w.log,
      closeDb: async () => {
        throw new Error('already closed');
      },
    });
    w.proc.emit('SIGTERM', 'SIGTERM');
    await tick(20);
    expect(w.events).toEqual(['log shutdown.started', 'log shutdown.close-failed', 'exit 143']);
  });
});
