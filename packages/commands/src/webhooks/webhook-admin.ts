import { checkAdmin, type PersonActor } from '@bmb/domain';

/**
 * Webhooks are Länsservice's (the same check as the admin pages: `checkAdmin`),
 * and the production workspace's only: in Övningsläge there is no feed to push,
 * so nobody there may touch them.
 */
export const mayManageWebhooks = (actor: PersonActor): boolean =>
  checkAdmin(actor) !== null && actor.training === null;
