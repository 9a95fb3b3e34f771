import { recordAudit } from '@bmb/db/audit';
import { updateContactDetails as storeContactDetails } from '@bmb/db/queries';
import {
  contactDetailsSchema,
  fieldProblemsOf,
  type ContactDetailsInput,
  type PersonActor,
} from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';

export type ContactDetails = z.output<typeof contactDetailsSchema>;

/** Dina uppgifter: the user edits their own contact card and reminder choice, and only their own. */
export const updateContactDetails = defineCommand(
  'contact-details.update',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<ContactDetailsInput>,
  ): Promise<CommandResult<ContactDetails>> => {
    const parsed = contactDetailsSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error), 'form.check-marked-fields');
    const saved = await deps.db.transaction(async (tx) => {
      const change = await storeContactDetails(
        tx,
        actor.workspaceId,
        actor.prescriberId,
        parsed.data,
      );
      if (!change) return false;
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'contact-details.updated',
        entityType: 'prescriber',
        entityId: actor.prescriberId,
        before: change.before,
        after: change.after,
      });
      return true;
    });
    return saved ? done(parsed.data) : refusal('not-found', 'contact.account-not-found');
  },
);
