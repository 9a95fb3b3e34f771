'use server';

import * as commands from '@bmb/commands';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runCommand } from '@/lib/command-action';
import { FREE_TEXT_BOUND, textOf, type FormState } from '@/lib/form-state';

export interface AnswerFormValues {
  bmbId: string;
  approved: '' | 'ja' | 'nej';
  deliveryAddressId: string;
  payerId: string;
  message: string;
}

export type AnswerFormState = FormState<AnswerFormValues>;

/**
 * Kvittera BMB, step 3, "Verkställ": the named receiver answers Ja or Nej, once,
 * before the deadline (commands/bmb/answer-bmb.ts), and is back on Kvittera BMB.
 */
export async function answerBmb(_previous: unknown, formData: FormData): Promise<AnswerFormState> {
  const approved = textOf(formData, 'approved', 3);
  const values: AnswerFormValues = {
    bmbId: textOf(formData, 'bmbId', 64),
    approved: approved === 'ja' || approved === 'nej' ? approved : '',
    deliveryAddressId: textOf(formData, 'deliveryAddressId', 64),
    payerId: textOf(formData, 'payerId', 64),
    message: textOf(formData, 'message', FREE_TEXT_BOUND),
  };
  const answered = await runCommand(commands.answerBmb, values);
  if (!answered.ok) return { values, failure: answered.failure };
  // The whole layout: the menu's waiting count changes too.
  revalidatePath('/', 'layout');
  redirect(`/kvittera-bmb?besvarad=${values.approved}`);
}

export type MarkReadState = FormState;

/**
 * "Markera som läst" under Meddelanden: the sender's own declined BMB or
 * Länsservice's answer leaves the list (kept as read, and audited). The
 * command checks who may; a second click finds it read and changes nothing.
 */
export async function markMessageRead(_previous: unknown, formData: FormData): Promise<MarkReadState> {
  const read = await runCommand(commands.markMessageRead, {
    kind: textOf(formData, 'kind', 32),
    id: textOf(formData, 'id', 64),
  });
  if (!read.ok) return { failure: read.failure };
  revalidatePath('/kvittera-bmb');
  return { done: true };
}
