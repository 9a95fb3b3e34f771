'use server';

import * as commands from '@bmb/commands';
import { getDb } from '@bmb/db/client';
import { findPatientByPersonnummer } from '@bmb/db/queries';
import {
  looksLikePersonnummer,
  MESSAGE_MAX_LENGTH,
  messageText,
  parsePersonnummer,
} from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { failure } from '@/lib/action-result';
import { authorizeAdmin } from '@/lib/auth/authorize';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';
import { recordPatientsShown } from '@/lib/patient-access';
import { keepLockedSearch, type LockedSearch } from './locked-search';

export type UnlockState = FormState<{ reason: string }, { unlocked: number; refused: string[] }>;

/** Admin → Låsta BMB, "Lås upp": one or many BMBs, with one required reason (commands/bmb/unlock-bmb.ts). */
export async function unlockBmbs(_previous: unknown, formData: FormData): Promise<UnlockState> {
  const values = { reason: textOf(formData, 'reason', MESSAGE_MAX_LENGTH + 100) };
  const bmbIds = formData.getAll('bmbIds').slice(0, 500).map(String);
  const outcome = await runCommand(commands.unlockBmbs, { bmbIds, reason: values.reason });
  if (!outcome.ok) return { values, failure: outcome.failure };
  const { unlocked, refused } = outcome.value;
  revalidatePath('/', 'layout');
  return {
    values: unlocked.length > 0 ? { reason: '' } : values,
    done: { unlocked: unlocked.length, refused: refused.map((r) => messageText(r.problem)) },
  };
}

export type RequestAnswerState = FormState<{ message: string }>;

/** Admin → the queue of "Begär upplåsning": unlock (the message is the reason) or decline (the message says why). */
export async function answerUnlockRequest(
  _previous: unknown,
  formData: FormData,
): Promise<RequestAnswerState> {
  const values = { message: textOf(formData, 'message', MESSAGE_MAX_LENGTH + 100) };
  const answered = await runCommand(commands.answerUnlockRequest, {
    requestId: textOf(formData, 'requestId', 64),
    decision: textOf(formData, 'decision', 16) as 'unlock' | 'decline',
    message: values.message,
  });
  if (!answered.ok) return { values, failure: answered.failure };
  revalidatePath('/', 'layout');
  // The answered request leaves the queue, so say what happened at the top of the page.
  redirect(
    `/admin/lasta-bmb?besvarad=${answered.value.decision === 'unlocked' ? 'upplast' : 'nekad'}`,
  );
}

export type LockedSearchState = FormState;

/**
 * Låsta BMB's Filtrera, by POST: by username, article, individ, part of a
 * patient's name, or a personnummer (looked up here and kept only as the
 * patient's id, see locked-search.ts). "Rensa" clears the search.
 */
export async function searchLockedBmbs(
  _previous: unknown,
  formData: FormData,
): Promise<LockedSearchState> {
  const auth = await authorizeAdmin('bmb.locked.search');
  if (!auth.ok) return { values: {}, failure: auth };
  if (formData.get('rensa') === '1') {
    await keepLockedSearch(null);
    redirect('/admin/lasta-bmb');
  }
  const text = String(formData.get('sok') ?? '')
    .trim()
    .slice(0, 64);
  const requestedOnly = formData.get('begard') === '1';
  let search: LockedSearch = { query: text, requestedOnly };
  if (looksLikePersonnummer(text)) {
    const pnr = parsePersonnummer(text);
    if (!pnr.ok)
      return { values: {}, failure: failure('invalid-input', pnr.message, { sok: [pnr.message] }) };
    const patient = await findPatientByPersonnummer(
      await getDb(),
      auth.user.workspaceId,
      pnr.value,
    );
    if (!patient) {
      const message = 'Ingen patient med det personnumret finns.';
      return { values: {}, failure: failure('not-found', message, { sok: [message] }) };
    }
    await recordPatientsShown(auth.user, 'bmb.locked.search', [patient.id]);
    search = { query: '', patientId: patient.id, requestedOnly };
  }
  await keepLockedSearch(search);
  redirect('/admin/lasta-bmb');
}
