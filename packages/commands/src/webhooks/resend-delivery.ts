import { recordAudit } from '@bmb/db/audit';
import { findWebhookDeliveryForUpdate, resendWebhookDelivery } from '@bmb/db/queries';
import { fieldProblemsOf, webhookResendSchema, type PersonActor } from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';
import { mayManageWebhooks } from './webhook-admin';

/**
 * Admin → Webhooks, "Skicka igen": a failing or given-up delivery is due
 * again now, with the whole retry schedule ahead of it. The worker sends it
 * before the endpoint's later events (docs/decisions/012-webhooks.md).
 */
export const resendDelivery = defineCommand(
  'webhook.delivery.resend',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof webhookResendSchema>>,
  ): Promise<CommandResult<{ deliveryId: string }>> => {
    if (!mayManageWebhooks(actor)) return refusal('forbidden', 'forbidden');
    const parsed = webhookResendSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error));
    const { deliveryId } = parsed.data;
    return deps.db.transaction(async (tx) => {
      const delivery = await findWebhookDeliveryForUpdate(tx, actor.workspaceId, deliveryId);
      if (!delivery) return refusal('not-found', 'webhook.delivery-not-found');
      if (!delivery.endpointActive)
        return refusal('conflict.webhook-disabled', 'webhook.endpoint-disabled');
      if (delivery.status !== 'failing' && delivery.status !== 'given_up')
        return refusal('conflict.not-failing', 'webhook.delivery-not-failing');
      await resendWebhookDelivery(tx, actor.workspaceId, deliveryId);
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'webhook.delivery.resent',
        entityType: 'webhook-delivery',
        entityId: deliveryId,
        before: { status: delivery.status, attempts: delivery.attempts },
        after: {
          status: 'pending',
          endpointId: delivery.endpointId,
          eventId: delivery.eventId,
          eventType: delivery.eventType,
        },
      });
      return done({ deliveryId });
    });
  },
);
