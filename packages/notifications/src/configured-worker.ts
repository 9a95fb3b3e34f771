import { join } from 'node:path';
import { workspaceRoot, type DbHandle } from '@bmb/db/client';
import { readNotificationEnv } from './env';
import { folderMailer, smtpMailer, type Mailer } from './mailer';
import { startHousekeeping, type Housekeeping } from './housekeeping';
import { startWebhookWorker, type WebhookWorker } from './webhooks/webhook-worker';
import { startNotificationWorker, type NotificationWorker, type WorkerLog } from './worker';

/** Where development mail goes when no SMTP server is configured. */
export function devMailFolder(): string {
  return join(workspaceRoot(), '.data', 'mail');
}

/** The job-queue workers of one process: mail (when there is somewhere to send it) and webhooks. */
export interface ConfiguredWorkers {
  mail: NotificationWorker | null;
  webhooks: WebhookWorker;
  housekeeping: Housekeeping;
  stop(): Promise<void>;
}

/**
 * The workers as the environment configures them. Mail needs somewhere to
 * send: in production without SMTP_URL, notifications are only in the app.
 * Webhooks always run (with no endpoint registered, a sweep reads nothing),
 * and so does the region's housekeeping (unused accounts).
 */
export async function startConfiguredWorker(
  handle: DbHandle,
  log?: WorkerLog,
): Promise<ConfiguredWorkers> {
  const env = readNotificationEnv();
  let mailer: Mailer | null = null;
  if (env.smtpUrl) mailer = smtpMailer(env.smtpUrl, env.mailFrom);
  else if (!env.production) mailer = folderMailer(devMailFolder(), env.mailFrom);
  else log?.('notifications.disabled', { reason: 'SMTP_URL is not set' });
  const mail = mailer
    ? await startNotificationWorker({ handle, mailer, appUrl: env.appUrl, log })
    : null;
  if (mail) log?.('notifications.started', { transport: env.smtpUrl ? 'smtp' : 'folder' });
  const webhooks = await startWebhookWorker({ handle, targets: env.webhookTargets, log });
  log?.('webhooks.started', { targets: env.webhookTargets });
  const housekeeping = await startHousekeeping({ handle, log });
  let stopping: Promise<void> | undefined;
  return {
    mail,
    webhooks,
    housekeeping,
    stop() {
      stopping ??= Promise.all([mail?.stop(), webhooks.stop(), housekeeping.stop()]).then(() => undefined);
      return stopping;
    },
  };
}
