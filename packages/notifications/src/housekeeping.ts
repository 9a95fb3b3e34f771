import type { DbHandle } from '@bmb/db/client';
import { createJobQueue, jobQueues } from '@bmb/db/job-queue';
import { deactivateUnusedAccounts, queueTrainingReminders } from '@bmb/db/queries';
import type { WorkerLog } from './worker';

const QUEUE = jobQueues.housekeeping;

export interface HousekeepingRun {
  deactivated: number;
  remindersQueued: number;
}

export interface Housekeeping {
  /** Runs the region's rules now. The hourly job calls the same. */
  run(): Promise<HousekeepingRun>;
  stop(): Promise<void>;
}

/**
 * The region's rules that run by themselves, on the job queue: every hour
 * (and once at start), prescriber accounts unused for the region's months
 * are deactivated and audited (queries/unused-accounts.ts), and new staff who
 * have not trained after the region's days get one reminder through the
 * outbox (queries/training-reminders.ts). With several instances, the
 * queue's "stately" policy keeps it to one run at a time.
 */
export async function startHousekeeping(options: { handle: DbHandle; log?: WorkerLog }): Promise<Housekeeping> {
  const { handle } = options;
  const log: WorkerLog = options.log ?? (() => {});
  const boss = createJobQueue(handle, { application: 'bmb-housekeeping' });
  boss.on('error', (error) => log('housekeeping.queue-error', { error: String(error) }));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 300 });

  async function run(): Promise<HousekeepingRun> {
    const deactivated = await handle.db.transaction((tx) => deactivateUnusedAccounts(tx));
    // The log says how many; the trail names whom.
    if (deactivated.length > 0) log('housekeeping.accounts-deactivated', { count: deactivated.length });
    // The mail worker sends them when it sweeps the outbox (or keeps them queued while mail is off).
    const remindersQueued = await handle.db.transaction((tx) => queueTrainingReminders(tx));
    if (remindersQueued > 0) log('housekeeping.training-reminders-queued', { count: remindersQueued });
    return { deactivated: deactivated.length, remindersQueued };
  }

  await boss.work(QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    await run();
  });
  await boss.schedule(QUEUE, '17 * * * *');
  await boss.send(QUEUE, {});

  let stopping: Promise<void> | undefined;
  return {
    run,
    stop() {
      stopping ??= boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      return stopping;
    },
  };
}
