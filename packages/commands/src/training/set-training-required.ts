import { recordAudit } from '@bmb/db/audit';
import { setTrainingRequired as storeTrainingRequired } from '@bmb/db/queries';
import { checkAdmin, usernameField, type PersonActor } from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';

const input = z.object({
  username: usernameField,
  required: z.enum(['ja', 'nej']),
});

export interface TrainingRequirementSet {
  username: string;
  name: string;
  required: boolean;
  /** False when it already was so: nothing written. */
  changed: boolean;
}

/**
 * Admin → Övningar: Länsservice marks a prescriber as new staff (they must
 * complete the region's required scenarios before a real BMB) or releases
 * them. Audited with the value before and after; a repeat changes nothing.
 */
export const setTrainingRequired = defineCommand(
  'training.requirement',
  {},
  async (
    deps,
    actor: PersonActor,
    raw: Untrusted<z.input<typeof input>>,
  ): Promise<CommandResult<TrainingRequirementSet>> => {
    const admin = checkAdmin(actor);
    if (!admin || actor.training) return refusal('forbidden', 'forbidden');
    const parsed = input.safeParse(raw);
    if (!parsed.success) return invalid({ username: ['training.requirement-username'] }, 'training.requirement-username');
    const required = parsed.data.required === 'ja';
    const result = await deps.db.transaction(async (tx) => {
      const person = await storeTrainingRequired(tx, admin, parsed.data.username, required);
      if (!person) return null;
      const changed = person.before !== required;
      if (changed)
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorId: actor.prescriberId,
          action: 'training.requirement.changed',
          entityType: 'prescriber',
          entityId: person.id,
          before: { trainingRequired: person.before },
          after: { trainingRequired: required, username: person.username },
        });
      return { username: person.username, name: person.name, required, changed };
    });
    return result ? done(result) : refusal('not-found', 'training.requirement-username');
  },
);
