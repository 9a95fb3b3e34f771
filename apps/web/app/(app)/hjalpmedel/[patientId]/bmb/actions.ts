'use server';

import * as commands from '@bmb/commands';
import { redirect } from 'next/navigation';
import { runCommand } from '@/lib/command-action';
import { FREE_TEXT_BOUND, textOf, type FormState } from '@/lib/form-state';

export interface BmbFormValues {
  bmbId: string;
  fromPatientId: string;
  newPrescriberUsername: string;
  newPatientPersonnummer: string;
  loanIds: string[];
  message: string;
  needsAssessmentConfirmed: boolean;
  deviceSafeConfirmed: boolean;
}

export type BmbFormState = FormState<BmbFormValues>;

function readForm(formData: FormData): BmbFormValues {
  return {
    bmbId: textOf(formData, 'bmbId', 64),
    fromPatientId: textOf(formData, 'fromPatientId', 64),
    newPrescriberUsername: textOf(formData, 'newPrescriberUsername', 100),
    newPatientPersonnummer: textOf(formData, 'newPatientPersonnummer', 40),
    loanIds: formData.getAll('loanIds').slice(0, 500).map(String),
    message: textOf(formData, 'message', FREE_TEXT_BOUND),
    needsAssessmentConfirmed: formData.get('needsAssessmentConfirmed') === 'on',
    deviceSafeConfirmed: formData.get('deviceSafeConfirmed') === 'on',
  };
}

/**
 * Skicka BMB, "Spara ändringarna": saves the form as a draft and goes on to its
 * page, the summary with Verkställ (commands/bmb/save-draft.ts).
 */
export async function saveBmbDraft(_previous: unknown, formData: FormData): Promise<BmbFormState> {
  const values = readForm(formData);
  const saved = await runCommand(commands.saveBmbDraft, {
    ...values,
    bmbId: values.bmbId || undefined,
  });
  if (!saved.ok) return { values, failure: saved.failure };
  redirect(`/skickade-bmb/${saved.value.bmbId}`);
}
