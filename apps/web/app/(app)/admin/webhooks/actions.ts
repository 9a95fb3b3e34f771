'use server';

import * as commands from '@bmb/commands';
import { WEBHOOK_DESCRIPTION_MAX_LENGTH, WEBHOOK_URL_MAX_LENGTH } from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';

export type CreateWebhookValues = { url: string; eventTypes: string[]; description: string };

/** After "Registrera": the address, and the secret, shown this once. */
export type CreateWebhookState = FormState<CreateWebhookValues, { url: string; secret: string }>;

const EMPTY: CreateWebhookValues = { url: '', eventTypes: [], description: '' };

/** Admin → Webhooks, "Registrera" (commands/webhooks/create-webhook.ts). */
export async function createWebhook(
  _previous: unknown,
  formData: FormData,
): Promise<CreateWebhookState> {
  const values: CreateWebhookValues = {
    url: textOf(formData, 'url', WEBHOOK_URL_MAX_LENGTH + 100),
    eventTypes: formData
      .getAll('eventTypes')
      .slice(0, 20)
      .map((v) => String(v).slice(0, 40)),
    description: textOf(formData, 'description', WEBHOOK_DESCRIPTION_MAX_LENGTH + 100),
  };
  const outcome = await runCommand(commands.createWebhook, values);
  if (!outcome.ok) return { values, failure: outcome.failure };
  revalidatePath('/admin/webhooks');
  // The secret goes to this answer only: nothing stores it outside the endpoint's row, and no page shows it again.
  return { values: EMPTY, done: { url: outcome.value.url, secret: outcome.value.secret } };
}

export type WebhookButtonState = FormState;

/** Admin → Webhooks, "Stäng av" (commands/webhooks/disable-webhook.ts). */
export async function disableWebhook(
  _previous: unknown,
  formData: FormData,
): Promise<WebhookButtonState> {
  const outcome = await runCommand(commands.disableWebhook, {
    webhookId: textOf(formData, 'webhookId', 64),
  });
  if (!outcome.ok) return { failure: outcome.failure };
  revalidatePath('/admin/webhooks');
  return { done: true };
}

/** Admin → Webhooks, "Skicka igen" on a failing delivery (commands/webhooks/resend-delivery.ts). */
export async function resendDelivery(
  _previous: unknown,
  formData: FormData,
): Promise<WebhookButtonState> {
  const outcome = await runCommand(commands.resendDelivery, {
    deliveryId: textOf(formData, 'deliveryId', 64),
  });
  if (!outcome.ok) return { failure: outcome.failure };
  revalidatePath('/admin/webhooks');
  return { done: true };
}
