'use server';

import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findBmbForUpdate, findPatientByPersonnummer, queueUnlockAnsweredNotice, workspaceNow } from '@bmb/db/queries';
import { unlockRequests } from '@bmb/db/schema';
import { looksLikePersonnummer, MESSAGE_MAX_LENGTH, parsePersonnummer, unlockRequestAnswerSchema, unlockSchema } from '@bmb/domain';
import { and, eq } from 'drizzle-orm';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction, authorizeAdmin, refuse } from '@/lib/auth/authorize';
import { fieldErrorsOf } from '@/lib/field-errors';
import { recordPatientsShown } from '@/lib/patient-access';
import { keepLockedSearch, type LockedSearch } from './locked-search';
import { unlockOne } from './unlock-one';

export type UnlockState = {
  reason: string;
  failure?: ActionFailure;
  done?: { unlocked: number; refused: string[] };
};

/** Admin → Låsta BMB, "Lås upp": one or many BMBs, with one required reason. */
export async function unlockBmbs(_previous: UnlockState, formData: FormData): Promise<UnlockState> {
  const reason = String(formData.get('reason') ?? '').slice(0, MESSAGE_MAX_LENGTH + 100);
  const auth = await authorizeAction('bmb.unlock', { role: 'admin' });
  if (!auth.ok) return { reason, failure: auth };
  const parsed = unlockSchema.safeParse({ bmbIds: formData.getAll('bmbIds').slice(0, 500), reason });
  if (!parsed.success) {
    return { reason, failure: failure('invalid-input', 'Kontrollera uppgifterna.', fieldErrorsOf(parsed.error)) };
  }
  const db = await getDb();
  let unlocked = 0;
  const refused: string[] = [];
  // One transaction per BMB: one that another admin just unlocked is reported, not fatal.
  for (const bmbId of [...new Set(parsed.data.bmbIds)].sort()) {
    const outcome = await db.transaction((tx) => unlockOne(tx, auth.user, bmbId, parsed.data.reason));
    if (outcome.ok) unlocked++;
    else refused.push(outcome.message);
  }
  revalidatePath('/', 'layout');
  return { reason: unlocked > 0 ? '' : reason, done: { unlocked, refused } };
}

export type RequestAnswerState = { message: string; failure?: ActionFailure };

/** Admin → the queue of "Begär upplåsning": unlock (the message is the reason) or decline (the message says why). */
export async function answerUnlockRequest(_previous: RequestAnswerState, formData: FormData): Promise<RequestAnswerState> {
  const message = String(formData.get('message') ?? '').slice(0, MESSAGE_MAX_LENGTH + 100);
  const auth = await authorizeAction('bmb.unlock-request.answer', { role: 'admin' });
  if (!auth.ok) return { message, failure: auth };
  const parsed = unlockRequestAnswerSchema.safeParse({
    requestId: formData.get('requestId'),
    decision: formData.get('decision'),
    message,
  });
  if (!parsed.success) {
    return { message, failure: failure('invalid-input', parsed.error.issues[0]!.message, fieldErrorsOf(parsed.error)) };
  }
  const { requestId, decision } = parsed.data;

  const { user } = auth;
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<ActionFailure | 'unlocked' | 'declined'> => {
    // The BMB before the request, the order unlockOne and requestUnlock lock them in: the
    // other order deadlocks with a "Lås upp" of the same BMB from the list (model test).
    const [target] = await tx
      .select({ bmbId: unlockRequests.bmbId })
      .from(unlockRequests)
      .where(and(eq(unlockRequests.workspaceId, user.workspaceId), eq(unlockRequests.id, requestId)));
    if (target) await findBmbForUpdate(tx, user.workspaceId, target.bmbId);
    const [request] = await tx
      .select()
      .from(unlockRequests)
      .where(and(eq(unlockRequests.workspaceId, user.workspaceId), eq(unlockRequests.id, requestId)))
      .for('update');
    if (!request) return failure('not-found', 'Begäran finns inte.');
    if (request.status !== 'open') return failure('conflict', 'Begäran är redan besvarad.');
    if (decision === 'unlock') {
      const unlocked = await unlockOne(tx, user, request.bmbId, parsed.data.message);
      return unlocked.ok ? 'unlocked' : failure('conflict', unlocked.message);
    }
    const now = await workspaceNow(tx, user.workspaceId);
    await tx
      .update(unlockRequests)
      .set({ status: 'declined', answeredById: user.prescriberId, answeredAt: now, answerMessage: parsed.data.message })
      .where(and(eq(unlockRequests.workspaceId, user.workspaceId), eq(unlockRequests.id, requestId)));
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: 'bmb.unlock-request.declined',
      entityType: 'bmb',
      entityId: request.bmbId,
      before: { requestStatus: 'open' },
      after: { requestStatus: 'declined', requestId, message: parsed.data.message },
    });
    await queueUnlockAnsweredNotice(tx, user.workspaceId, {
      bmbId: request.bmbId,
      recipientId: request.requestedById,
      unlockRequestId: requestId,
      answeredAt: now,
    });
    return 'declined';
  });
  if (typeof outcome !== 'string') return { message, failure: await refuse('bmb.unlock-request.answer', user, outcome) };
  revalidatePath('/', 'layout');
  // The answered request leaves the queue, so say what happened at the top of the page.
  redirect(`/admin/lasta-bmb?besvarad=${outcome === 'unlocked' ? 'upplast' : 'nekad'}`);
}

export type LockedSearchState = { failure?: ActionFailure };

/**
 * Låsta BMB's Filtrera, by POST: by username, article, individ, part of a
 * patient's name, or a personnummer (looked up here and kept only as the
 * patient's id, see locked-search.ts). "Rensa" clears the search.
 */
export async function searchLockedBmbs(_previous: LockedSearchState, formData: FormData): Promise<LockedSearchState> {
  const auth = await authorizeAdmin('bmb.locked.search');
  if (!auth.ok) return { failure: auth };
  if (formData.get('rensa') === '1') {
    await keepLockedSearch(null);
    redirect('/admin/lasta-bmb');
  }
  const text = String(formData.get('sok') ?? '').trim().slice(0, 64);
  const requestedOnly = formData.get('begard') === '1';
  let search: LockedSearch = { query: text, requestedOnly };
  if (looksLikePersonnummer(text)) {
    const pnr = parsePersonnummer(text);
    if (!pnr.ok) return { failure: failure('invalid-input', pnr.message, { sok: [pnr.message] }) };
    const patient = await findPatientByPersonnummer(await getDb(), auth.user.workspaceId, pnr.value);
    if (!patient) {
      const message = 'Ingen patient med det personnumret finns.';
      return { failure: failure('not-found', message, { sok: [message] }) };
    }
    await recordPatientsShown(auth.user, 'bmb.locked.search', [patient.id]);
    search = { query: '', patientId: patient.id, requestedOnly };
  }
  await keepLockedSearch(search);
  redirect('/admin/lasta-bmb');
}
