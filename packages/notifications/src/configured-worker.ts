import { join } from 'node:path';
import { workspaceRoot, type DbHandle } from '@bmb/db/client';
import { readNotificationEnv } from './env';
import { folderMailer, smtpMailer, type Mailer } from './mailer';
import { startNotificationWorker, type NotificationWorker, type WorkerLog } from './worker';

/** Where development mail goes when no SMTP server is configured. */
export function devMailFolder(): string {
  return join(workspaceRoot(), '.data', 'mail');
}

/**
 * The worker as the environment configures it, or null when there is nowhere
 * to send: in production without SMTP_URL, notifications are only in the app.
 */
export async function startConfiguredWorker(handle: DbHandle, log?: WorkerLog): Promise<NotificationWorker | null> {
  const env = readNotificationEnv();
  let mailer: Mailer;
  if (env.smtpUrl) mailer = smtpMailer(env.smtpUrl, env.mailFrom);
  else if (!env.production) mailer = folderMailer(devMailFolder(), env.mailFrom);
  else {
    log?.('notifications.disabled', { reason: 'SMTP_URL is not set' });
    return null;
  }
  const worker = await startNotificationWorker({ handle, mailer, appUrl: env.appUrl, log });
  log?.('notifications.started', { transport: env.smtpUrl ? 'smtp' : 'folder' });
  return worker;
}
