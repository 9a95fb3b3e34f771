import PgBoss from 'pg-boss';
import type { DbHandle } from './client';

/**
 * The job queue (pg-boss, docs/decisions/007) lives in its own schema of the
 * app's database. Its tables are created by the owner role, like every other
 * table (db:migrate), so that the app role needs no DDL; the app role only
 * reads and writes them (privileges.ts).
 */
export const JOB_QUEUE_SCHEMA = 'pgboss';

export const jobQueues = {
  /** One job per notification: sending it, with retries and back-off. */
  notificationDelivery: 'bmb-notification-delivery',
  /** Moves due outbox rows onto the delivery queue; at most one waiting and one running. */
  notificationSweep: 'bmb-notification-sweep',
  /** One job per attempt to deliver a webhook; the retry schedule is the delivery row's, not the queue's. */
  webhookDelivery: 'bmb-webhook-delivery',
  /** Reads the feed for every webhook endpoint and queues what is due; at most one waiting and one running. */
  webhookSweep: 'bmb-webhook-sweep',
  /** The region's rules that run by themselves (unused accounts deactivated): hourly, at most one waiting and one running. */
  housekeeping: 'bmb-housekeeping',
} as const;

/** A pg-boss instance on this database. Call `start()` before use. */
export function createJobQueue(handle: DbHandle, options: { application?: string } = {}): PgBoss {
  // PostgreSQL: the queue keeps its own small pool. PGlite allows one connection
  // per process, so the queue shares ours.
  if (handle.kind === 'postgres' && handle.url) {
    return new PgBoss({
      connectionString: handle.url,
      schema: JOB_QUEUE_SCHEMA,
      max: 3,
      application_name: options.application ?? 'bmb-jobs',
    });
  }
  return new PgBoss({
    schema: JOB_QUEUE_SCHEMA,
    db: { executeSql: (text: string, values?: unknown[]) => handle.raw.query(text, values) },
  });
}

/**
 * Creates or upgrades the queue's schema and its queues, as the owner role.
 * Idempotent; db:migrate runs it after the migrations.
 */
export async function installJobQueue(handle: DbHandle): Promise<void> {
  const boss = createJobQueue(handle, { application: 'bmb-migrate' });
  boss.on('error', () => {});
  await boss.start();
  try {
    await boss.createQueue(jobQueues.notificationDelivery, {
      name: jobQueues.notificationDelivery,
      policy: 'standard',
    });
    await boss.createQueue(jobQueues.notificationSweep, {
      name: jobQueues.notificationSweep,
      policy: 'stately',
    });
    await boss.createQueue(jobQueues.webhookDelivery, {
      name: jobQueues.webhookDelivery,
      policy: 'standard',
    });
    await boss.createQueue(jobQueues.webhookSweep, {
      name: jobQueues.webhookSweep,
      policy: 'stately',
    });
    await boss.createQueue(jobQueues.housekeeping, {
      name: jobQueues.housekeeping,
      policy: 'stately',
    });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export type JobQueue = PgBoss;
export type JobSendOptions = PgBoss.SendOptions;
