import { randomBytes } from 'node:crypto';
import { recordAudit } from '@bmb/db/audit';
import { insertWebhookEndpoint } from '@bmb/db/queries';
import {
  checkWebhookUrl,
  fieldProblemsOf,
  WEBHOOK_SECRET_BYTES,
  WEBHOOK_SECRET_PREFIX,
  webhookCreateSchema,
  type BmbEventType,
  type PersonActor,
  type WebhookCreateInput,
} from '@bmb/domain';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';
import { systemResolver } from './system-resolver';
import { mayManageWebhooks } from './webhook-admin';

export interface WebhookCreated {
  webhookId: string;
  /** The address as stored (normalised). */
  url: string;
  eventTypes: BmbEventType[];
  /**
   * The signing secret, in Standard Webhooks' form (`whsec_` + base64 of 32
   * random bytes). Answered here once: no query for a screen or the API reads it
   * again, so whoever registers the endpoint must copy it now.
   */
  secret: string;
}

/** A new secret, as Standard Webhooks' libraries expect it. */
export const newWebhookSecret = (): string =>
  WEBHOOK_SECRET_PREFIX + randomBytes(WEBHOOK_SECRET_BYTES).toString('base64');

/**
 * Admin → Webhooks, "Registrera": an address and the event types it wants.
 * In production the address must be https and reach only public addresses
 * (docs/decisions/012-webhooks.md); the adapter says which rule applies. The
 * endpoint receives what happens from now on; the feed has the rest.
 */
export const createWebhook = defineCommand(
  'webhook.create',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<WebhookCreateInput>,
  ): Promise<CommandResult<WebhookCreated>> => {
    if (!mayManageWebhooks(actor)) return refusal('forbidden', 'forbidden');
    const parsed = webhookCreateSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error));
    const { eventTypes, description } = parsed.data;
    const target = await checkWebhookUrl(
      parsed.data.url,
      deps.webhookTargets ?? 'production',
      deps.resolveHost ?? systemResolver,
    );
    if (!target.ok) return invalid({ url: [target.problem] });
    const secret = newWebhookSecret();
    const webhookId = await deps.db.transaction(async (tx) => {
      const id = await insertWebhookEndpoint(tx, actor.workspaceId, {
        url: target.url,
        eventTypes,
        secret,
        description,
        createdBy: actor.prescriberId,
      });
      // The trail says what was registered; the secret is nobody's to read there.
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: id,
        after: { url: target.url, eventTypes, description },
      });
      return id;
    });
    return done({ webhookId, url: target.url, eventTypes, secret });
  },
);
