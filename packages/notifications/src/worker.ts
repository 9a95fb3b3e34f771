import type { DbHandle } from '@bmb/db/client';
import { claimDueNotifications, recordNotificationFailure, type NotificationRef } from '@bmb/db/queries';
import { createJobQueue, jobQueues, type JobSendOptions } from '@bmb/db/job-queue';
import { deliverNotification, describeDeliveryError } from './deliver';
import type { Mailer } from './mailer';

const DELIVERY_QUEUE = jobQueues.notificationDelivery;
const SWEEP_QUEUE = jobQueues.notificationSweep;

export interface RetryPolicy {
  /** Attempts after the first before the queue gives up on a job. */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time (with jitter). */
  retryDelay: number;
  /** When the queue gives up, the notice is due again this much later: mail is delayed, never lost. */
  requeueAfterSeconds: number;
}

/** About an hour of doubling retries (15 s … 32 min), then again every half hour. */
export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 8, retryDelay: 15, requeueAfterSeconds: 1800 };

export type WorkerLog = (event: string, fields?: Record<string, unknown>) => void;

export interface WorkerOptions {
  handle: DbHandle;
  mailer: Mailer;
  appUrl: string;
  /** How often due notices are swept onto the queue (reminders become due by time). */
  sweepIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  retry?: RetryPolicy;
  log?: WorkerLog;
}

export interface NotificationWorker {
  /** Queues every due notice now; returns how many. The scheduled sweep calls the same. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

const SWEEP_BATCH = 500;

/**
 * Starts the notification worker: a pg-boss queue on the app's own database
 * (docs/decisions/007). Several workers may run at once; each notice is still
 * sent once, because claiming a due row and queueing its job is one
 * transaction, and the queue hands a job to one worker at a time.
 */
export async function startNotificationWorker(options: WorkerOptions): Promise<NotificationWorker> {
  const { handle, mailer, appUrl } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const log: WorkerLog = options.log ?? (() => {});
  const sweepInterval = options.sweepIntervalSeconds ?? 15;
  const boss = createJobQueue(handle, { application: 'bmb-notifications' });
  boss.on('error', (error) => log('notifications.queue-error', { error: describeDeliveryError(error) }));
  await boss.start();
  // Created by db:migrate on PostgreSQL (a no-op then); the settings are this worker's.
  const delivery = { policy: 'standard', retryLimit: retry.retryLimit, retryDelay: retry.retryDelay, retryBackoff: true, expireInSeconds: 120 } as const;
  const sweeping = { policy: 'stately', retryLimit: 0, expireInSeconds: 60 } as const;
  await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...delivery });
  await boss.updateQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...delivery });
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, ...sweeping });

  async function sweep(): Promise<number> {
    return handle.raw.transaction(async (query) => {
      const due = await claimDueNotifications(query, SWEEP_BATCH);
      for (const ref of due) {
        await boss.send(DELIVERY_QUEUE, ref, { db: { executeSql: query } } as JobSendOptions);
      }
      if (due.length > 0) log('notifications.queued', { count: due.length });
      return due.length;
    });
  }

  await boss.work<NotificationRef>(
    DELIVERY_QUEUE,
    { includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      try {
        const outcome = await deliverNotification(handle.db, mailer, appUrl, job.data);
        log('notifications.delivered', { id: job.data.id, outcome });
      } catch (error) {
        const gaveUp = job.retryCount >= job.retryLimit;
        await recordNotificationFailure(handle.db, job.data, describeDeliveryError(error), gaveUp ? retry.requeueAfterSeconds : null);
        log('notifications.failed', { id: job.data.id, attempt: job.retryCount + 1, gaveUp, error: describeDeliveryError(error) });
        throw error;
      }
    },
  );

  // The sweep re-schedules itself; the minutely schedule restarts the chain if a run was lost.
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: Math.min(sweepInterval, 2) }, async () => {
    try {
      await sweep();
    } finally {
      await boss.send(SWEEP_QUEUE, {}, { startAfter: sweepInterval });
    }
  });
  await boss.schedule(SWEEP_QUEUE, '* * * * *');
  await boss.send(SWEEP_QUEUE, {});

  let stopping: Promise<void> | undefined;
  return {
    sweep,
    stop() {
      stopping ??= (async () => {
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        mailer.close();
      })();
      return stopping;
    },
  };
}
