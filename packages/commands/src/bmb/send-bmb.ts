import { recordAudit } from '@bmb/db/audit';
import { isUniqueViolation } from '@bmb/db/errors';
import {
  findBmbForUpdateWithClock,
  findPrescriberById,
  listPatientLoans,
  lockBmbLoans,
  markSent,
  queueSentBmbNotices,
  recordBmbEvent,
} from '@bmb/db/queries';
import {
  bmbSendSchema,
  checkDraft,
  fieldProblemsOf,
  may,
  messageText,
  swedishDate,
  transition,
  type PersonActor,
} from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { conflictOf, done, invalid, refusal, type CommandResult, type Untrusted } from '../result';
import { trainingRefusal } from '../training/requirement';

export type SendBmbInput = z.input<typeof bmbSendSchema>;

/**
 * Skicka BMB, "Verkställ": sends the sender's draft. Safe to click twice: the
 * idempotency key rendered into the form makes a repeat a no-op, and the
 * database refuses a loan in two open BMBs, whoever comes first.
 */
export const sendBmb = defineCommand(
  'bmb.send',
  { teachesInTraining: true },
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<SendBmbInput>,
  ): Promise<CommandResult<{ bmbId: string; sentAt: Date }>> => {
    const parsed = bmbSendSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldProblemsOf(parsed.error);
      return invalid(fieldErrors, Object.values(fieldErrors).flat()[0]);
    }
    const { bmbId, idempotencyKey } = parsed.data;
    const { db } = deps;
    const notTrained = await trainingRefusal(db, actor, 'skicka');
    if (notTrained) return notTrained;

    try {
      return await db.transaction(
        async (tx): Promise<CommandResult<{ bmbId: string; sentAt: Date }>> => {
          const locked = await findBmbForUpdateWithClock(tx, actor.workspaceId, bmbId);
          if (!locked || !may(actor, 'edit-draft', locked.bmb)) return refusal('not-found', 'bmb.not-found');
          const { bmb, now } = locked;
          if (bmb.status === 'sent' && bmb.sendKey === idempotencyKey)
            return done({ bmbId: bmb.id, sentAt: bmb.sentAt! });
          const step = transition(bmb, 'send', now);
          if (!step.ok) return refusal(conflictOf(step.refusal), step.problem);

          const loanIds = await lockBmbLoans(tx, actor.workspaceId, bmb.id);
          const [receiver, patientLoans] = await Promise.all([
            findPrescriberById(tx, actor.workspaceId, bmb.receiverId),
            listPatientLoans(tx, actor.workspaceId, bmb.fromPatientId),
          ]);
          // Much can change between Spara ändringarna and Verkställ: check it all again.
          const check = checkDraft({
            senderId: actor.prescriberId,
            receiver,
            fromPatientId: bmb.fromPatientId,
            toPatientId: bmb.toPatientId,
            patientLoans,
            requestedLoanIds: loanIds,
            needsAssessmentConfirmed: bmb.needsAssessmentConfirmed,
            deviceSafeConfirmed: bmb.deviceSafeConfirmed,
            now,
          });
          if (!check.ok) {
            const reasons = Object.values(check.fieldErrors).flat().map(messageText).join(' ');
            return refusal('conflict.draft-changed', {
              code: 'bmb.cannot-send',
              params: { reasons },
            });
          }

          await markSent(tx, actor.workspaceId, bmb.id, idempotencyKey, now, swedishDate(now));
          await queueSentBmbNotices(tx, actor.workspaceId, { ...bmb, sentAt: now });
          await recordBmbEvent(tx, actor.workspaceId, 'bmb.sent', bmb.id, now);
          await recordAudit(tx, {
            workspaceId: actor.workspaceId,
            actorId: actor.prescriberId,
            action: 'bmb.sent',
            entityType: 'bmb',
            entityId: bmb.id,
            before: { status: 'draft' },
            after: {
              status: 'sent',
              sentAt: now.toISOString(),
              receiverId: bmb.receiverId,
              fromPatientId: bmb.fromPatientId,
              toPatientId: bmb.toPatientId,
              loanIds,
              needsAssessmentConfirmed: bmb.needsAssessmentConfirmed,
              deviceSafeConfirmed: bmb.deviceSafeConfirmed,
            },
          });
          return done({ bmbId: bmb.id, sentAt: now });
        },
      );
    } catch (error) {
      // Both races end here: another BMB took a loan first, or the same form was sent twice at once.
      if (isUniqueViolation(error, 'bmb_lines_one_open_bmb_per_loan'))
        return refusal('conflict.loan-in-open-bmb', 'bmb.loan-in-open-bmb');
      if (isUniqueViolation(error, 'bmbs_send_key'))
        return refusal('conflict.form-used', 'form.already-used');
      throw error;
    }
  },
);
