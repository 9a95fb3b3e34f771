/**
 * Runs once when the server starts: a missing setting stops it with a clear
 * message, the notification worker starts here when it runs in-process, and
 * shutdown lets requests in flight finish before the database closes.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env } = await import('./lib/env');
    env();
    const { startInProcessWorker, stopInProcessWorker } = await import('./lib/notifications/in-process-worker');
    await startInProcessWorker();
    const { registerGracefulShutdown } = await import('./lib/graceful-shutdown');
    registerGracefulShutdown({ beforeClose: [stopInProcessWorker] });
  }
}
