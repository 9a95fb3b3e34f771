import { recordAudit } from '@bmb/db/audit';
import {
  declineUnlockRequest,
  findBmbForUpdate,
  findUnlockRequestBmbId,
  findUnlockRequestForUpdate,
  queueUnlockAnsweredNotice,
  workspaceNow,
} from '@bmb/db/queries';
import { fieldProblemsOf, unlockRequestAnswerSchema, type PersonActor } from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult, type Untrusted } from '../result';
import { unlockOne } from './unlock-bmb';

export interface UnlockRequestAnswered {
  bmbId: string;
  decision: 'unlocked' | 'declined';
}

/** Admin → the queue of "Begär upplåsning": unlock (the message is the reason) or decline (the message says why). */
export const answerUnlockRequest = defineCommand(
  'bmb.unlock-request.answer',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof unlockRequestAnswerSchema>>,
  ): Promise<CommandResult<UnlockRequestAnswered>> => {
    if (actor.role !== 'admin') return refusal('forbidden', 'forbidden');
    const parsed = unlockRequestAnswerSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldProblemsOf(parsed.error);
      return refusal('invalid-input', Object.values(fieldErrors).flat()[0]!, fieldErrors);
    }
    const { requestId, decision, message } = parsed.data;
    const ws = actor.workspaceId;

    return deps.db.transaction(async (tx): Promise<CommandResult<UnlockRequestAnswered>> => {
      // The BMB before the request, the order unlockOne and requestUnlock lock them in: the
      // other order deadlocks with a "Lås upp" of the same BMB from the list (model test).
      const target = await findUnlockRequestBmbId(tx, ws, requestId);
      if (target) await findBmbForUpdate(tx, ws, target);
      const request = await findUnlockRequestForUpdate(tx, ws, requestId);
      if (!request) return refusal('not-found', 'unlock-request.not-found');
      if (request.status !== 'open')
        return refusal('conflict.request-answered', 'unlock-request.already-answered');
      if (decision === 'unlock') {
        const unlocked = await unlockOne(tx, actor, request.bmbId, message);
        return unlocked.ok ? done({ bmbId: request.bmbId, decision: 'unlocked' }) : unlocked;
      }
      const now = await workspaceNow(tx, ws);
      await declineUnlockRequest(tx, ws, requestId, {
        adminId: actor.prescriberId,
        at: now,
        message,
      });
      await recordAudit(tx, {
        workspaceId: ws,
        actorId: actor.prescriberId,
        action: 'bmb.unlock-request.declined',
        entityType: 'bmb',
        entityId: request.bmbId,
        before: { requestStatus: 'open' },
        after: { requestStatus: 'declined', requestId, message },
      });
      await queueUnlockAnsweredNotice(tx, ws, {
        bmbId: request.bmbId,
        recipientId: request.requestedById,
        unlockRequestId: requestId,
        answeredAt: now,
      });
      return done({ bmbId: request.bmbId, decision: 'declined' });
    });
  },
);
