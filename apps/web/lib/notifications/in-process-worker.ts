import { getDbHandle } from '@bmb/db/client';
import { startConfiguredWorker } from '@bmb/notifications/configured-worker';
import type { NotificationWorker } from '@bmb/notifications/worker';
import { notificationWorkerMode } from '@/lib/env';
import { log } from '@/lib/log';

// Kept on globalThis: Next.js dev reloads modules, and two workers in one process would be pointless.
const globalForWorker = globalThis as unknown as { bmbNotificationWorker?: Promise<NotificationWorker | null> };

const workerLog = (event: string, fields: Record<string, unknown> = {}) =>
  event.endsWith('failed') || event.endsWith('error') ? log.warn(event, fields) : log.info(event, fields);

/**
 * Starts the notification worker inside the web server when configured so
 * (see NOTIFICATION_WORKER). A failure to start is logged, not fatal: the app
 * works without mail, and the outbox keeps every notice until a worker runs.
 */
export function startInProcessWorker(): Promise<NotificationWorker | null> {
  if (notificationWorkerMode() !== 'in-process') return Promise.resolve(null);
  globalForWorker.bmbNotificationWorker ??= getDbHandle()
    .then((handle) => startConfiguredWorker(handle, workerLog))
    .catch((error: unknown) => {
      workerLog('notifications.start-failed', { error: error instanceof Error ? error.message : String(error) });
      return null;
    });
  return globalForWorker.bmbNotificationWorker;
}

/** Stops the in-process worker, letting a job in flight finish. */
export async function stopInProcessWorker(): Promise<void> {
  const worker = await globalForWorker.bmbNotificationWorker;
  await worker?.stop();
}
