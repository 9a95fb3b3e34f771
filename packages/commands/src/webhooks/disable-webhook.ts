import { recordAudit } from '@bmb/db/audit';
import { disableWebhookEndpoint, findWebhookEndpointForUpdate } from '@bmb/db/queries';
import { fieldProblemsOf, webhookDisableSchema, type PersonActor } from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { wallClock } from '../deps';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';
import { mayManageWebhooks } from './webhook-admin';

/**
 * Admin → Webhooks, "Stäng av": nothing more is sent to the endpoint, its
 * deliveries still owed included. An endpoint is never deleted: the trail and
 * the deliveries name it. To receive again, register the address anew (with
 * a new secret).
 */
export const disableWebhook = defineCommand(
  'webhook.disable',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof webhookDisableSchema>>,
  ): Promise<CommandResult<{ webhookId: string }>> => {
    if (!mayManageWebhooks(actor)) return refusal('forbidden', 'forbidden');
    const parsed = webhookDisableSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error));
    const { webhookId } = parsed.data;
    return deps.db.transaction(async (tx) => {
      const endpoint = await findWebhookEndpointForUpdate(tx, actor.workspaceId, webhookId);
      if (!endpoint) return refusal('not-found', 'webhook.not-found');
      if (!endpoint.active) return refusal('conflict.webhook-disabled', 'webhook.already-disabled');
      const at = wallClock(deps);
      await disableWebhookEndpoint(tx, actor.workspaceId, webhookId, at);
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'webhook.disabled',
        entityType: 'webhook',
        entityId: webhookId,
        before: { url: endpoint.url, active: true },
        after: { url: endpoint.url, active: false, disabledAt: at.toISOString() },
      });
      return done({ webhookId });
    });
  },
);
