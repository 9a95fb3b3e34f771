import type { WebhookAttempt, WebhookAttemptOutcome } from '@bmb/db/queries';
import {
  checkWebhookUrl,
  messageText,
  webhookRetryDelay,
  type HostResolver,
  type WebhookTargetMode,
} from '@bmb/domain';
import { Webhook } from 'standardwebhooks';
import { postWebhook, WebhookPostError } from './post-webhook';

export interface WebhookDeliveryOptions {
  targets: WebhookTargetMode;
  resolveHost: HostResolver;
  /** Seconds after each failed attempt (WEBHOOK_RETRY_DELAYS_SECONDS unless a test says). */
  retryDelays: readonly number[];
  timeoutMs: number;
  /** The wall clock, for the signature's timestamp. */
  now?: () => Date;
}

/**
 * The body per Standard Webhooks (`type`, `timestamp`, `data`); `data` is the
 * event exactly as GET /api/v1/events gives it, so one parser reads both.
 */
export function webhookPayload(
  attempt: Pick<WebhookAttempt, 'eventId' | 'eventType' | 'occurredAt' | 'data'>,
): string {
  const occurredAt = new Date(attempt.occurredAt).toISOString();
  return JSON.stringify({
    type: attempt.eventType,
    timestamp: occurredAt,
    data: { id: String(attempt.eventId), type: attempt.eventType, occurredAt, data: attempt.data },
  });
}

/**
 * What a failed attempt is recorded as, for Admin: a status, a timeout, a
 * refused connection, in BMB's words and the system's code. Never the
 * receiver's body or BMB's payload, so no patient data.
 */
export function describeWebhookError(error: unknown): string {
  if (error instanceof WebhookPostError) return error.message;
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const known: Record<string, string> = {
    ECONNREFUSED: 'Anslutningen nekades',
    ECONNRESET: 'Anslutningen bröts',
    ENOTFOUND: 'Värdnamnet finns inte',
    EAI_AGAIN: 'Värdnamnet kunde inte slås upp just nu',
    EHOSTUNREACH: 'Servern kan inte nås',
    ENETUNREACH: 'Nätet kan inte nås',
    ETIMEDOUT: 'Anslutningen tog för lång tid',
  };
  if (known[code]) return `${known[code]} (${code}).`;
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) return `TLS-certifikatet godtogs inte (${code}).`;
  return code ? `Kunde inte skicka (${code}).` : 'Kunde inte skicka.';
}

/**
 * One attempt: checks the address again (DNS may have changed since it was
 * registered, and a production worker refuses what a development one
 * allowed), signs the payload with the endpoint's secret, POSTs it. A 2xx is
 * delivered; anything else is a failure, retried after the schedule's next
 * delay or, after the last, given up.
 */
export async function deliverWebhook(
  attempt: WebhookAttempt,
  options: WebhookDeliveryOptions,
): Promise<WebhookAttemptOutcome> {
  const failed = (statusCode: number | null, error: string): WebhookAttemptOutcome => ({
    ok: false,
    statusCode,
    error,
    retryAfterSeconds: webhookRetryDelay(attempt.attempts + 1, options.retryDelays),
  });
  const target = await checkWebhookUrl(attempt.url, options.targets, options.resolveHost);
  if (!target.ok) return failed(null, `Skickades inte: ${messageText(target.problem)}`);
  const body = webhookPayload(attempt);
  const messageId = String(attempt.eventId);
  const timestamp = options.now?.() ?? new Date();
  const signature = new Webhook(attempt.secret).sign(messageId, timestamp, body);
  try {
    const { statusCode } = await postWebhook({
      url: target.url,
      addresses: target.addresses,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'BMB-webhooks/1',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      timeoutMs: options.timeoutMs,
    });
    if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
    const redirect = statusCode >= 300 && statusCode < 400 ? ' (omdirigeringar följs inte)' : '';
    return failed(statusCode, `HTTP ${statusCode}${redirect}.`);
  } catch (error) {
    return failed(null, describeWebhookError(error));
  }
}
