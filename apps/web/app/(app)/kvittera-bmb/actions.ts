'use server';

import { recordAudit, recordPatientAccess } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import {
  findBmbForUpdate,
  findBmbLoanIds,
  listDeliveryAddressesOf,
  listPayersOf,
  markAnswered,
  moveLoans,
  queueAnsweredBmbNotices,
  workspaceNow,
} from '@bmb/db/queries';
import { bmbAnswerSchema, checkAnswerChoice, transition } from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction, refuse } from '@/lib/auth/authorize';
import { fieldErrorsOf } from '@/lib/field-errors';
import { noteTrainingMistake } from '@/lib/training/mistakes';
import { trainingRefusal } from '@/lib/training/requirement';

export interface AnswerFormValues {
  bmbId: string;
  approved: '' | 'ja' | 'nej';
  deliveryAddressId: string;
  payerId: string;
  message: string;
}

export type AnswerFormState = { values: AnswerFormValues; failure?: ActionFailure };

/**
 * Kvittera BMB, step 3, "Verkställ": the named receiver answers Ja or Nej, once,
 * before the deadline. Ja moves every loan in one transaction. The BMB row is
 * locked first, so of many concurrent answers exactly one takes effect, and the
 * deadline is judged by the database clock inside that transaction.
 */
export async function answerBmb(_previous: AnswerFormState, formData: FormData): Promise<AnswerFormState> {
  const text = (name: string, max = 1100) => String(formData.get(name) ?? '').slice(0, max);
  const approved = text('approved', 3);
  const values: AnswerFormValues = {
    bmbId: text('bmbId', 64),
    approved: approved === 'ja' || approved === 'nej' ? approved : '',
    deliveryAddressId: text('deliveryAddressId', 64),
    payerId: text('payerId', 64),
    message: text('message'),
  };
  const auth = await authorizeAction('bmb.answer');
  if (!auth.ok) return { values, failure: auth };
  const { user } = auth;

  const db = await getDb();
  const notTrained = await trainingRefusal(db, user, 'kvittera');
  if (notTrained) return { values, failure: await refuse('bmb.answer', user, notTrained) };
  const parsed = bmbAnswerSchema.safeParse(values);
  if (!parsed.success) {
    const refusal = failure('invalid-input', 'Kontrollera uppgifterna i formuläret.', fieldErrorsOf(parsed.error));
    await noteTrainingMistake(user, Object.values(refusal.fieldErrors ?? {}).flat().join(' '));
    return { values, failure: refusal };
  }
  const answer = parsed.data;
  const isYes = answer.approved === 'ja';

  const outcome = await db.transaction(async (tx): Promise<ActionFailure | 'answered'> => {
    const bmb = await findBmbForUpdate(tx, user.workspaceId, answer.bmbId);
    if (!bmb || bmb.receiverId !== user.prescriberId) return failure('not-found', 'BMB:n finns inte.');
    const now = await workspaceNow(tx, user.workspaceId);
    const step = transition(bmb, isYes ? 'accept' : 'reject', now);
    if (!step.ok) return failure('conflict', step.message);

    const loanIds = await findBmbLoanIds(tx, user.workspaceId, bmb.id);
    let moves: Awaited<ReturnType<typeof moveLoans>> = [];
    if (isYes) {
      const [addresses, payers] = await Promise.all([
        listDeliveryAddressesOf(tx, user.workspaceId, user.prescriberId),
        listPayersOf(tx, user.workspaceId, user.prescriberId),
      ]);
      const choice = checkAnswerChoice({
        approved: true,
        deliveryAddressId: answer.deliveryAddressId,
        payerId: answer.payerId,
        allowedDeliveryAddressIds: addresses.map((a) => a.id),
        allowedPayerIds: payers.map((p) => p.id),
      });
      if (!choice.ok) return failure('invalid-input', 'Kontrollera uppgifterna i formuläret.', choice.fieldErrors);
      moves = await moveLoans(
        tx,
        user.workspaceId,
        loanIds,
        {
          prescriberId: user.prescriberId,
          payerId: answer.payerId,
          deliveryAddressId: answer.deliveryAddressId,
          patientId: bmb.toPatientId,
        },
        now,
      );
    }
    await markAnswered(tx, user.workspaceId, bmb.id, {
      status: step.status as 'accepted' | 'rejected',
      at: now,
      message: answer.message,
      deliveryAddressId: isYes ? answer.deliveryAddressId : null,
      payerId: isYes ? answer.payerId : null,
    });
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: isYes ? 'bmb.accepted' : 'bmb.rejected',
      entityType: 'bmb',
      entityId: bmb.id,
      before: { status: 'sent' },
      after: {
        status: step.status,
        answeredAt: now.toISOString(),
        message: answer.message,
        deliveryAddressId: isYes ? answer.deliveryAddressId : null,
        payerId: isYes ? answer.payerId : null,
        loanIds,
        moves,
      },
    });
    await recordPatientAccess(tx, {
      workspaceId: user.workspaceId,
      userId: user.prescriberId,
      careUnitId: user.careUnitId,
      patientId: bmb.toPatientId,
      action: 'bmb.answer',
    });
    await queueAnsweredBmbNotices(tx, user.workspaceId, bmb, now);
    return 'answered';
  });
  if (outcome !== 'answered') {
    await noteTrainingMistake(user, outcome.message);
    return { values, failure: await refuse('bmb.answer', user, outcome) };
  }
  // The whole layout: the menu's waiting count changes too.
  revalidatePath('/', 'layout');
  redirect(`/kvittera-bmb?besvarad=${answer.approved}`);
}
