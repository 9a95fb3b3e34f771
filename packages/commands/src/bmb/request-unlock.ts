import { recordAudit } from '@bmb/db/audit';
import { isUniqueViolation } from '@bmb/db/errors';
import { createUnlockRequest, findBmbForUpdate, workspaceNow } from '@bmb/db/queries';
import {
  checkUnlockRequest,
  fieldProblemsOf,
  may,
  unlockRequestSchema,
  type PersonActor,
} from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult, type Untrusted } from '../result';

/**
 * "Begär upplåsning": the sender of a locked BMB asks Länsservice to unlock it,
 * instead of phoning. One open request per BMB; the database refuses a second.
 */
export const requestUnlock = defineCommand(
  'bmb.unlock-request',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof unlockRequestSchema>>,
  ): Promise<CommandResult<{ requestId: string }>> => {
    const parsed = unlockRequestSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldProblemsOf(parsed.error);
      return refusal('invalid-input', Object.values(fieldErrors).flat()[0]!, fieldErrors);
    }
    try {
      return await deps.db.transaction(
        async (tx): Promise<CommandResult<{ requestId: string }>> => {
          const bmb = await findBmbForUpdate(tx, actor.workspaceId, parsed.data.bmbId);
          if (!bmb) return refusal('not-found', 'bmb.not-found');
          // Someone else's BMB is a denial; one that is not locked (yet) is a conflict.
          if (!may(actor, 'request-unlock', bmb)) return refusal('forbidden', 'unlock.not-sender');
          const now = await workspaceNow(tx, actor.workspaceId);
          const allowed = checkUnlockRequest(bmb, now);
          if (!allowed.ok) return refusal('conflict.not-locked', allowed.problem);
          const requestId = await createUnlockRequest(tx, actor.workspaceId, {
            bmbId: bmb.id,
            requestedById: actor.prescriberId,
            message: parsed.data.message,
            at: now,
          });
          await recordAudit(tx, {
            workspaceId: actor.workspaceId,
            actorId: actor.prescriberId,
            action: 'bmb.unlock-request.created',
            entityType: 'bmb',
            entityId: bmb.id,
            after: { requestId, message: parsed.data.message },
          });
          return done({ requestId });
        },
      );
    } catch (error) {
      if (isUniqueViolation(error, 'unlock_requests_one_open_per_bmb'))
        return refusal('conflict.already-requested', 'unlock.already-requested');
      throw error;
    }
  },
);
