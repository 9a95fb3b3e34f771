import { recordAudit, recordPatientAccess } from '@bmb/db/audit';
import {
  findBmbForUpdate,
  findBmbLoanIds,
  listDeliveryAddressesOf,
  listPayersOf,
  markAnswered,
  moveLoans,
  queueAnsweredBmbNotices,
  recordBmbEvent,
  workspaceNow,
} from '@bmb/db/queries';
import {
  bmbAnswerSchema,
  checkAnswerChoice,
  fieldProblemsOf,
  may,
  transition,
  type PersonActor,
} from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { conflictOf, done, invalid, refusal, type CommandResult, type Untrusted } from '../result';
import { trainingRefusal } from '../training/requirement';

export type AnswerBmbInput = z.input<typeof bmbAnswerSchema>;

export interface BmbAnswered {
  bmbId: string;
  status: 'accepted' | 'rejected';
  /** The loans that moved to the receiver (none on a Nej). */
  movedLoanIds: string[];
}

/**
 * Kvittera BMB, step 3, "Verkställ": the named receiver answers Ja or Nej, once,
 * before the deadline. Ja moves every loan in one transaction. The BMB row is
 * locked first, so of many concurrent answers exactly one takes effect, and the
 * deadline is judged by the database clock inside that transaction.
 */
export const answerBmb = defineCommand(
  'bmb.answer',
  { teachesInTraining: true },
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<AnswerBmbInput>,
  ): Promise<CommandResult<BmbAnswered>> => {
    const { db } = deps;
    const notTrained = await trainingRefusal(db, actor, 'kvittera');
    if (notTrained) return notTrained;
    const parsed = bmbAnswerSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error));
    const answer = parsed.data;
    const isYes = answer.approved === 'ja';

    return db.transaction(async (tx): Promise<CommandResult<BmbAnswered>> => {
      const bmb = await findBmbForUpdate(tx, actor.workspaceId, answer.bmbId);
      if (!bmb || !may(actor, 'answer', bmb)) return refusal('not-found', 'bmb.not-found');
      const now = await workspaceNow(tx, actor.workspaceId);
      const step = transition(bmb, isYes ? 'accept' : 'reject', now);
      if (!step.ok) return refusal(conflictOf(step.refusal), step.problem);

      const loanIds = await findBmbLoanIds(tx, actor.workspaceId, bmb.id);
      // Lines close when their devices go back to Länsservice; a Nej is still an answer, a Ja would take over nothing.
      if (isYes && loanIds.length === 0)
        return refusal('conflict.no-open-lines', 'bmb.all-lines-closed');
      let moves: Awaited<ReturnType<typeof moveLoans>> = [];
      if (isYes) {
        const [addresses, payers] = await Promise.all([
          listDeliveryAddressesOf(tx, actor.workspaceId, actor.prescriberId),
          listPayersOf(tx, actor.workspaceId, actor.prescriberId),
        ]);
        const choice = checkAnswerChoice({
          approved: true,
          deliveryAddressId: answer.deliveryAddressId,
          payerId: answer.payerId,
          allowedDeliveryAddressIds: addresses.map((a) => a.id),
          allowedPayerIds: payers.map((p) => p.id),
        });
        if (!choice.ok) return invalid(choice.fieldErrors);
        moves = await moveLoans(
          tx,
          actor.workspaceId,
          loanIds,
          {
            prescriberId: actor.prescriberId,
            payerId: answer.payerId,
            deliveryAddressId: answer.deliveryAddressId,
            patientId: bmb.toPatientId,
          },
          now,
        );
      }
      const status = isYes ? 'accepted' : 'rejected';
      const chosen = {
        deliveryAddressId: isYes ? answer.deliveryAddressId : null,
        payerId: isYes ? answer.payerId : null,
      };
      await markAnswered(tx, actor.workspaceId, bmb.id, {
        status,
        at: now,
        message: answer.message,
        ...chosen,
      });
      await recordBmbEvent(
        tx,
        actor.workspaceId,
        isYes ? 'bmb.accepted' : 'bmb.rejected',
        bmb.id,
        now,
      );
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: isYes ? 'bmb.accepted' : 'bmb.rejected',
        entityType: 'bmb',
        entityId: bmb.id,
        before: { status: 'sent' },
        after: {
          status,
          answeredAt: now.toISOString(),
          message: answer.message,
          ...chosen,
          loanIds,
          moves,
        },
      });
      await recordPatientAccess(tx, {
        workspaceId: actor.workspaceId,
        userId: actor.prescriberId,
        careUnitId: actor.careUnitId,
        patientId: bmb.toPatientId,
        action: 'bmb.answer',
      });
      await queueAnsweredBmbNotices(tx, actor.workspaceId, bmb, now);
      return done({ bmbId: bmb.id, status, movedLoanIds: isYes ? loanIds : [] });
    });
  },
);
