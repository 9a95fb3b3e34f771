'use server';

import * as commands from '@bmb/commands';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';
import { MESSAGE_MAX_LENGTH } from '@bmb/domain';

export type BmbCommandState = FormState;

/**
 * Skicka BMB, "Verkställ": sends the sender's draft and shows its page again,
 * sent. Safe to click twice (commands/bmb/send-bmb.ts).
 */
export async function sendBmb(_previous: unknown, formData: FormData): Promise<BmbCommandState> {
  const sent = await runCommand(commands.sendBmb, {
    bmbId: textOf(formData, 'bmbId', 64),
    idempotencyKey: textOf(formData, 'idempotencyKey', 64),
  });
  if (!sent.ok) return { values: {}, failure: sent.failure };
  // Verkställ is clicked on this BMB's own page: revalidating makes the action's
  // response carry that page again, now sent, rendered in the same request. (A
  // redirect to the same URL made Next.js fetch it from this server over HTTP.)
  revalidatePath('/', 'layout');
  return { values: {}, done: true };
}

/** "Kassera utkastet": throws away the sender's own draft (kept, marked discarded, for traceability). */
export async function discardBmbDraft(_previous: unknown, formData: FormData): Promise<BmbCommandState> {
  const discarded = await runCommand(commands.discardBmbDraft, { bmbId: textOf(formData, 'bmbId', 64) });
  if (!discarded.ok) return { values: {}, failure: discarded.failure };
  revalidatePath('/skickade-bmb');
  redirect('/skickade-bmb?kasserad=1');
}

export type UnlockRequestState = FormState<{ message: string }>;

/** "Begär upplåsning": the sender of a locked BMB asks Länsservice to unlock it, instead of phoning. */
export async function requestUnlock(_previous: unknown, formData: FormData): Promise<UnlockRequestState> {
  const values = { message: textOf(formData, 'message', MESSAGE_MAX_LENGTH + 100) };
  const bmbId = textOf(formData, 'bmbId', 64);
  const requested = await runCommand(commands.requestUnlock, { bmbId, message: values.message });
  if (!requested.ok) return { values, failure: requested.failure };
  revalidatePath(`/skickade-bmb/${bmbId}`);
  return { values: { message: '' }, done: true };
}
