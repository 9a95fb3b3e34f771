'use server';

import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { isUniqueViolation } from '@bmb/db/errors';
import {
  findBmbForUpdate,
  findBmbLoanIds,
  createUnlockRequest,
  findPrescriberById,
  listPatientLoans,
  lockLoans,
  markDiscarded,
  markSent,
  queueSentBmbNotices,
  workspaceNow,
} from '@bmb/db/queries';
import {
  bmbSendSchema,
  checkDraft,
  checkUnlockRequest,
  hasNoNul,
  MESSAGE_MAX_LENGTH,
  NUL_MESSAGE,
  swedishDate,
  transition,
  unlockMessages,
} from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction, refuse } from '@/lib/auth/authorize';
import { noteTrainingMistake } from '@/lib/training/mistakes';
import { trainingRefusal } from '@/lib/training/requirement';

export type BmbCommandState = { failure?: ActionFailure; sent?: true };

const ALREADY_IN_OPEN_BMB =
  'Ett eller flera av hjälpmedlen har just skickats i en annan BMB. Den här BMB:n skickades inte.';

/**
 * Skicka BMB, "Verkställ": sends the sender's draft and shows its page again, sent. Safe to click twice: the
 * idempotency key rendered into the form makes a repeat a no-op, and the
 * database refuses a loan in two open BMBs, whoever comes first.
 */
export async function sendBmb(_previous: BmbCommandState, formData: FormData): Promise<BmbCommandState> {
  const auth = await authorizeAction('bmb.send');
  if (!auth.ok) return { failure: auth };
  const { user } = auth;
  const parsed = bmbSendSchema.safeParse({
    bmbId: formData.get('bmbId'),
    idempotencyKey: formData.get('idempotencyKey'),
  });
  if (!parsed.success) return { failure: failure('invalid-input', parsed.error.issues[0]!.message) };
  const { bmbId, idempotencyKey } = parsed.data;

  const db = await getDb();
  const notTrained = await trainingRefusal(db, user, 'skicka');
  if (notTrained) return { failure: await refuse('bmb.send', user, notTrained) };
  let outcome: ActionFailure | 'sent';
  try {
    outcome = await db.transaction(async (tx): Promise<ActionFailure | 'sent'> => {
      const bmb = await findBmbForUpdate(tx, user.workspaceId, bmbId);
      if (!bmb || bmb.senderId !== user.prescriberId) return failure('not-found', 'BMB:n finns inte.');
      if (bmb.status === 'sent' && bmb.sendKey === idempotencyKey) return 'sent';
      const now = await workspaceNow(tx, user.workspaceId);
      const step = transition(bmb, 'send', now);
      if (!step.ok) return failure('conflict', step.message);

      const loanIds = await findBmbLoanIds(tx, user.workspaceId, bmb.id);
      await lockLoans(tx, user.workspaceId, loanIds);
      const [receiver, patientLoans] = await Promise.all([
        findPrescriberById(tx, user.workspaceId, bmb.receiverId),
        listPatientLoans(tx, user.workspaceId, bmb.fromPatientId),
      ]);
      // Much can change between Spara ändringarna and Verkställ: check it all again.
      const check = checkDraft({
        senderId: user.prescriberId,
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
        return failure('conflict', `BMB:n kan inte skickas: ${Object.values(check.fieldErrors).flat().join(' ')}`);
      }

      await markSent(tx, user.workspaceId, bmb.id, idempotencyKey, now, swedishDate(now));
      await queueSentBmbNotices(tx, user.workspaceId, { ...bmb, sentAt: now });
      await recordAudit(tx, {
        workspaceId: user.workspaceId,
        actorId: user.prescriberId,
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
      return 'sent';
    });
  } catch (error) {
    if (isUniqueViolation(error, 'bmb_lines_one_open_bmb_per_loan')) {
      return { failure: failure('conflict', ALREADY_IN_OPEN_BMB) };
    }
    if (isUniqueViolation(error, 'bmbs_send_key')) {
      return { failure: failure('conflict', 'Formuläret har redan använts. Ladda om sidan och försök igen.') };
    }
    throw error;
  }
  if (outcome !== 'sent') {
    await noteTrainingMistake(user, outcome.message);
    return { failure: await refuse('bmb.send', user, outcome) };
  }
  // Verkställ is clicked on this BMB's own page: revalidating makes the action's
  // response carry that page again, now sent, rendered in the same request. (A
  // redirect to the same URL made Next.js fetch it from this server over HTTP.)
  revalidatePath('/', 'layout');
  return { sent: true };
}

/** Throws away the sender's own draft. The row stays, marked discarded, for traceability. */
export async function discardBmbDraft(_previous: BmbCommandState, formData: FormData): Promise<BmbCommandState> {
  const auth = await authorizeAction('bmb.draft.discard');
  if (!auth.ok) return { failure: auth };
  const { user } = auth;
  const bmbId = z.uuid().safeParse(formData.get('bmbId'));
  if (!bmbId.success) return { failure: failure('invalid-input', 'Ogiltig BMB. Ladda om sidan.') };

  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<ActionFailure | 'discarded'> => {
    const bmb = await findBmbForUpdate(tx, user.workspaceId, bmbId.data);
    if (!bmb || bmb.senderId !== user.prescriberId) return failure('not-found', 'BMB:n finns inte.');
    const now = await workspaceNow(tx, user.workspaceId);
    const step = transition(bmb, 'discard', now);
    if (!step.ok) return failure('conflict', step.message);
    await markDiscarded(tx, user.workspaceId, bmb.id, now);
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: 'bmb.draft.discarded',
      entityType: 'bmb',
      entityId: bmb.id,
      before: { status: 'draft' },
      after: { status: 'discarded' },
    });
    return 'discarded';
  });
  if (outcome !== 'discarded') return { failure: await refuse('bmb.draft.discard', user, outcome) };
  revalidatePath('/skickade-bmb');
  redirect('/skickade-bmb');
}

export type UnlockRequestState = { message: string; failure?: ActionFailure; done?: boolean };

/**
 * "Begär upplåsning": the sender of a locked BMB asks Länsservice to unlock it,
 * instead of phoning. One open request per BMB; the database refuses a second.
 */
export async function requestUnlock(_previous: UnlockRequestState, formData: FormData): Promise<UnlockRequestState> {
  const message = String(formData.get('message') ?? '').slice(0, MESSAGE_MAX_LENGTH + 100);
  const auth = await authorizeAction('bmb.unlock-request');
  if (!auth.ok) return { message, failure: auth };
  const { user } = auth;
  const parsed = z
    .object({ bmbId: z.uuid({ message: 'Ogiltig BMB. Ladda om sidan.' }), message: z.string().trim().max(MESSAGE_MAX_LENGTH, `Meddelandet får vara högst ${MESSAGE_MAX_LENGTH} tecken.`).refine(hasNoNul, NUL_MESSAGE) })
    .safeParse({ bmbId: formData.get('bmbId'), message });
  if (!parsed.success) return { message, failure: failure('invalid-input', parsed.error.issues[0]!.message) };

  const db = await getDb();
  try {
    const outcome = await db.transaction(async (tx): Promise<ActionFailure | 'requested'> => {
      const bmb = await findBmbForUpdate(tx, user.workspaceId, parsed.data.bmbId);
      if (!bmb) return failure('not-found', 'BMB:n finns inte.');
      const now = await workspaceNow(tx, user.workspaceId);
      const allowed = checkUnlockRequest(bmb, user.prescriberId, now);
      // Someone else's BMB is a denial; one that is not locked (yet) is a conflict.
      if (!allowed.ok) return failure(bmb.senderId === user.prescriberId ? 'conflict' : 'forbidden', allowed.message);
      const requestId = await createUnlockRequest(tx, user.workspaceId, {
        bmbId: bmb.id,
        requestedById: user.prescriberId,
        message: parsed.data.message,
        at: now,
      });
      await recordAudit(tx, {
        workspaceId: user.workspaceId,
        actorId: user.prescriberId,
        action: 'bmb.unlock-request.created',
        entityType: 'bmb',
        entityId: bmb.id,
        after: { requestId, message: parsed.data.message },
      });
      return 'requested';
    });
    if (outcome !== 'requested') return { message, failure: await refuse('bmb.unlock-request', user, outcome) };
  } catch (error) {
    if (isUniqueViolation(error, 'unlock_requests_one_open_per_bmb')) {
      return { message, failure: failure('conflict', unlockMessages.alreadyRequested) };
    }
    throw error;
  }
  revalidatePath(`/skickade-bmb/${parsed.data.bmbId}`);
  return { message: '', done: true };
}
