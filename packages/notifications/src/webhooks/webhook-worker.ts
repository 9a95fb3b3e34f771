import { lookup } from 'node:dns/promises';
import type { DbHandle } from '@bmb/db/client';
import {
  claimDueWebhookDeliveries,
  listActiveWebhookEndpoints,
  owedWebhookEvents,
  recordWebhookAttempt,
  startWebhookAttempt,
  type WebhookDeliveryClaim,
  type WebhookEndpointRef,
} from '@bmb/db/queries';
import { createJobQueue, jobQueues, type JobSendOptions } from '@bmb/db/job-queue';
import {
  WEBHOOK_RETRY_DELAYS_SECONDS,
  type HostResolver,
  type WebhookTargetMode,
} from '@bmb/domain';
import { describeDeliveryError } from '../deliver';
import type { WorkerLog } from '../worker';
import { deliverWebhook } from './deliver-webhook';

const DELIVERY_QUEUE = jobQueues.webhookDelivery;
const SWEEP_QUEUE = jobQueues.webhookSweep;

/** Events read from the feed per endpoint and transaction. */
const FEED_BATCH = 500;
/** Batches per endpoint and sweep: a backlog is read in a few sweeps, not one long one. */
const FEED_BATCHES_PER_SWEEP = 20;

/** The system resolver, as a connection would see the host (DNS and /etc/hosts). */
const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface WebhookWorkerOptions {
  handle: DbHandle;
  /** `production`: https and public addresses only, checked again before every attempt. */
  targets: WebhookTargetMode;
  resolveHost?: HostResolver;
  /** Seconds after each failed attempt; then given up. Default 1 min, 5 min, 30 min, 2 h, 12 h. */
  retryDelays?: readonly number[];
  /** How long one attempt may take, all in. */
  timeoutMs?: number;
  /**
   * How long a claimed delivery is reserved for its job: a worker that dies
   * mid-attempt delays the delivery by this much, never loses it.
   */
  leaseSeconds?: number;
  sweepIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  log?: WorkerLog;
}

export interface WebhookWorker {
  /** Reads the feed for every active endpoint and queues each endpoint's next due delivery; returns how many were queued. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Delivers the feed's events to the registered webhooks
 * (docs/decisions/012-webhooks.md), on the same job queue as the mail:
 *
 * - The sweep (every 15 s, like the mail's) reads the feed for each active
 *   endpoint after its cursor, with the feed's own reader, so an event that
 *   commits late is still delivered; it writes a delivery per subscribed event
 *   and moves the cursor, in one transaction. Then it claims each endpoint's
 *   next due delivery and queues a job for it, in one transaction.
 * - A job makes one attempt; success or failure is written on the delivery
 *   (failures with the next attempt's time, or given up after the last), and
 *   the endpoint's next delivery is claimed at once, so a backlog drains at
 *   the receiver's pace rather than one per sweep.
 * - One delivery per endpoint is in flight at a time, in the feed's order; a
 *   failing one holds the later ones back until it succeeds or is given up.
 */
export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<WebhookWorker> {
  const { handle } = options;
  const log: WorkerLog = options.log ?? (() => {});
  const sweepInterval = options.sweepIntervalSeconds ?? 15;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const delivery = {
    targets: options.targets,
    resolveHost: options.resolveHost ?? systemResolver,
    retryDelays: options.retryDelays ?? WEBHOOK_RETRY_DELAYS_SECONDS,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  const boss = createJobQueue(handle, { application: 'bmb-webhooks' });
  boss.on('error', (error) => log('webhooks.queue-error', { error: describeDeliveryError(error) }));
  await boss.start();
  // The schedule is the delivery row's: the queue itself never retries an attempt.
  const deliveryQueue = { policy: 'standard', retryLimit: 0, expireInSeconds: 60 } as const;
  const sweeping = { policy: 'stately', retryLimit: 0, expireInSeconds: 120 } as const;
  await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...deliveryQueue });
  await boss.updateQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...deliveryQueue });
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, ...sweeping });

  /** Claims what is due (all endpoints, or one) and queues a job for each, in one transaction. */
  function queueDue(endpoint?: WebhookEndpointRef): Promise<number> {
    return handle.raw.transaction(async (query) => {
      const claims = await claimDueWebhookDeliveries(query, leaseSeconds, endpoint);
      for (const claim of claims)
        await boss.send(DELIVERY_QUEUE, claim, { db: { executeSql: query } } as JobSendOptions);
      return claims.length;
    });
  }

  async function readFeed(endpoint: WebhookEndpointRef): Promise<void> {
    for (let batch = 0; batch < FEED_BATCHES_PER_SWEEP; batch++) {
      const { read, owed } = await handle.db.transaction((tx) =>
        owedWebhookEvents(tx, endpoint, FEED_BATCH),
      );
      if (owed > 0) log('webhooks.owed', { endpoint: endpoint.id, count: owed });
      if (read < FEED_BATCH) return;
    }
  }

  async function sweep(): Promise<number> {
    for (const endpoint of await listActiveWebhookEndpoints(handle.db)) await readFeed(endpoint);
    const queued = await queueDue();
    if (queued > 0) log('webhooks.queued', { count: queued });
    return queued;
  }

  async function attempt(claim: WebhookDeliveryClaim): Promise<void> {
    const started = await startWebhookAttempt(handle.db, claim, leaseSeconds);
    // Another job has it, or "Skicka igen" or a new lease came first: nothing to do.
    if (!started) return;
    // Switched off meanwhile: nothing more goes to it (the claim only takes active endpoints).
    if (!started.endpointActive) return;
    const outcome = await deliverWebhook(started, delivery);
    await recordWebhookAttempt(handle.db, started, outcome);
    if (outcome.ok)
      log('webhooks.delivered', {
        endpoint: started.endpointId,
        event: started.eventId,
        status: outcome.statusCode,
      });
    else
      log('webhooks.failed', {
        endpoint: started.endpointId,
        event: started.eventId,
        attempt: started.attempts + 1,
        gaveUp: outcome.retryAfterSeconds === null,
        error: outcome.error,
      });
    // The endpoint's next event, now rather than at the next sweep (nothing, if this one waits for a retry).
    await queueDue({ workspaceId: started.workspaceId, id: started.endpointId });
  }

  await boss.work<WebhookDeliveryClaim>(
    DELIVERY_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async ([job]) => {
      if (job) await attempt(job.data);
    },
  );

  // The sweep re-schedules itself; the minutely schedule restarts the chain if a run was lost.
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: Math.min(sweepInterval, 2) }, async () => {
    try {
      await sweep();
    } catch (error) {
      log('webhooks.sweep-failed', { error: describeDeliveryError(error) });
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
      stopping ??= boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      return stopping;
    },
  };
}
