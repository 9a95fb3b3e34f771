import { recordAudit } from '@bmb/db/audit';
import { reactivateAccount as storeReactivation } from '@bmb/db/queries';
import { checkAdmin, usernameField, type PersonActor } from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';

const input = z.object({ username: usernameField });

/**
 * Admin → Konton, "Återaktivera": Länsservice gives back an account that the
 * region's rule deactivated for being unused. Audited; its months start again.
 */
export const reactivateAccount = defineCommand(
  'account.reactivate',
  {},
  async (
    deps,
    actor: PersonActor,
    raw: Untrusted<z.input<typeof input>>,
  ): Promise<CommandResult<{ username: string; name: string }>> => {
    const admin = checkAdmin(actor);
    if (!admin || actor.training) return refusal('forbidden', 'forbidden');
    const parsed = input.safeParse(raw);
    if (!parsed.success) return invalid({ username: ['account.not-deactivated'] }, 'account.not-deactivated');
    const person = await deps.db.transaction(async (tx) => {
      const row = await storeReactivation(tx, admin, parsed.data.username);
      if (row)
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorId: actor.prescriberId,
          action: 'account.reactivated',
          entityType: 'prescriber',
          entityId: row.id,
          before: { active: false },
          after: { active: true, username: row.username },
        });
      return row;
    });
    // Already active (a double click, another admin first) or never deactivated by the rule.
    return person ? done({ username: person.username, name: person.name }) : refusal('not-found', 'account.not-deactivated');
  },
);
