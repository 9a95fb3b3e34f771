import type { WebhookTargetMode } from '@bmb/domain';
import { z } from 'zod';

/**
 * The notification worker's configuration. Without SMTP_URL there is no mail:
 * in development the worker writes each message to `.data/mail/` instead, so
 * the README's first command shows what would have been sent.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** e.g. smtp://user:password@smtp.region.se:587 (smtps:// for implicit TLS). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('BMB <bmb-noreply@localhost>'),
  /** The app's public address, for links in mail. */
  AUTH_URL: z.url().default('http://localhost:3000'),
  APP_URL: z.url().optional(),
  /** The test harnesses' opt-out (apps/web/lib/env.ts): their webhooks go to http://127.0.0.1. */
  BMB_ALLOW_INSECURE_DEV_SETTINGS: z.literal('i-am-a-test-harness').optional(),
});

export interface NotificationEnv {
  smtpUrl?: string;
  mailFrom: string;
  appUrl: string;
  production: boolean;
  /**
   * Where webhooks may go: in production only to https and public addresses
   * (docs/decisions/012-webhooks.md); elsewhere, and for the test harness, anywhere.
   */
  webhookTargets: WebhookTargetMode;
}

export function readNotificationEnv(
  source: Record<string, string | undefined> = process.env,
): NotificationEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid notification configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const env = parsed.data;
  return {
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    appUrl: (env.APP_URL ?? env.AUTH_URL).replace(/\/$/, ''),
    production: env.NODE_ENV === 'production',
    webhookTargets:
      env.NODE_ENV === 'production' && !env.BMB_ALLOW_INSECURE_DEV_SETTINGS
        ? 'production'
        : 'development',
  };
}
