import { getDbHandle } from '@bmb/db/client';
import {
  startConfiguredWorker,
  type ConfiguredWorkers,
} from '@bmb/notifications/configured-worker';
import { notificationWorkerMode } from '@/lib/env';
import { log } from '@/lib/log';

// Kept on globalThis: Next.js dev reloads modules, and two workers in one process would be pointless.
const globalForWorker = globalThis as unknown as {
  bmbNotificationWorker?: Promise<ConfiguredWorkers | null>;
};

const workerLog = (event: string, fields: Record<string, unknown> = {}) =>
  event.endsWith('failed') || event.endsWith('error')
    ? log.warn(event, fields)
    : log.info(event, fields);

/**
 * Starts the job-queue workers (mail and webhooks) inside the web server when
 * configured so (see NOTIFICATION_WORKER). A failure to start is logged, not
 * fatal: the app works without them, and the outbox and the feed keep
 * everything until a worker runs.
 */
export function startInProcessWorker(): Promise<ConfiguredWorkers | null> {
  if (notificationWorkerMode() !== 'in-process') return Promise.resolve(null);
  globalForWorker.bmbNotificationWorker ??= getDbHandle()
    .then((handle) => startConfiguredWorker(handle, workerLog))
    .catch((error: unknown) => {
      workerLog('notifications.start-failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    });
  return globalForWorker.bmbNotificationWorker;
}

/** Stops the in-process worker, letting a job in flight finish. */
export async function stopInProcessWorker(): Promise<void> {
  const worker = await globalForWorker.bmbNotificationWorker;
  await worker?.stop();
}
