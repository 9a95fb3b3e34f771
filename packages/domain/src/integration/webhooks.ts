import { z } from 'zod';
import type { MessageCode } from '../messages/catalogue';
import { hasNoNul } from '../schemas/bmb-forms';
import { BMB_EVENT_TYPES, type BmbEventType } from './bmb-events';

/**
 * Webhooks: the feed's events pushed to an address the stock system
 * registered in Admin → Webhooks, signed per Standard Webhooks
 * (docs/decisions/012-webhooks.md).
 */

/** What Admin shows for each event type (checkboxes, lists). */
export const bmbEventTypeLabels: Record<BmbEventType, string> = {
  'bmb.sent': 'BMB skickad',
  'bmb.accepted': 'BMB godkänd',
  'bmb.rejected': 'BMB ej godkänd',
  'bmb.unlocked': 'BMB upplåst',
  'bmb.line-closed': 'BMB-rad stängd (hjälpmedlet återlämnat)',
};

/**
 * A delivery of one event to one endpoint: waiting for its first attempt (or
 * sent back by "Skicka igen"), delivered, failed and waiting for the next
 * attempt, or failed every attempt.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sent', 'failing', 'given_up'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const webhookDeliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  pending: 'Väntar',
  sent: 'Skickad',
  failing: 'Misslyckad, försöker igen',
  given_up: 'Misslyckad, gav upp',
};

/**
 * Seconds to wait after each failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h.
 * Six attempts in all, about 15 hours; then the delivery is given up and waits
 * for "Skicka igen" (the feed still has the event).
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS: readonly number[] = [60, 300, 1800, 7200, 43_200];

/** After `failedAttempts` failures: seconds until the next attempt, or null to give up. */
export function webhookRetryDelay(
  failedAttempts: number,
  schedule: readonly number[] = WEBHOOK_RETRY_DELAYS_SECONDS,
): number | null {
  if (failedAttempts < 1) return 0;
  return schedule[failedAttempts - 1] ?? null;
}

/** The Standard Webhooks secret's prefix; the rest is base64 of the key. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Bytes of key in a new secret (Standard Webhooks: 24 to 64). */
export const WEBHOOK_SECRET_BYTES = 32;

export const WEBHOOK_URL_MAX_LENGTH = 2000;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;

const problem = (code: MessageCode) => ({ message: code });

/**
 * Admin → Webhooks, "Registrera": the form's fields. The address is only
 * checked for shape here; whether it may be called (https, no private
 * address) is `checkWebhookUrl`, which resolves the host.
 */
export const webhookCreateSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, problem('webhook.url-required'))
    .max(WEBHOOK_URL_MAX_LENGTH, problem('webhook.url-too-long'))
    .refine(hasNoNul, problem('webhook.url-invalid')),
  eventTypes: z
    .array(z.enum(BMB_EVENT_TYPES, problem('webhook.no-event-types')))
    .max(BMB_EVENT_TYPES.length * 2)
    .transform((types) => BMB_EVENT_TYPES.filter((t) => types.includes(t)))
    .pipe(z.array(z.enum(BMB_EVENT_TYPES)).min(1, problem('webhook.no-event-types'))),
  description: z
    .string()
    .trim()
    .max(WEBHOOK_DESCRIPTION_MAX_LENGTH, problem('webhook.description-too-long'))
    .refine(hasNoNul, problem('text.nul'))
    .default(''),
});
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

/** "Stäng av" on an endpoint. */
export const webhookDisableSchema = z.object({ webhookId: z.uuid(problem('webhook.invalid-id')) });

/** "Skicka igen" on a failing or given-up delivery. */
export const webhookResendSchema = z.object({ deliveryId: z.uuid(problem('webhook.invalid-id')) });
