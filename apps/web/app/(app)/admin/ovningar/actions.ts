'use server';

import * as commands from '@bmb/commands';
import { revalidatePath } from 'next/cache';
import { runCommand } from '@/lib/command-action';
import type { NumberRuleState } from '@/components/forms/number-rule-form';
import { textOf, type FormState } from '@/lib/form-state';

export type TrainingRequirementState = FormState<{ username: string }, { username: string; name: string; required: boolean }>;

/** Admin → Övningar: mark a prescriber as new staff, or release them (commands/training/set-training-required.ts). */
export async function setTrainingRequirement(_previous: unknown, formData: FormData): Promise<TrainingRequirementState> {
  const values = { username: textOf(formData, 'username', 100) };
  const outcome = await runCommand(commands.setTrainingRequired, {
    username: values.username,
    required: textOf(formData, 'required', 10) as 'ja' | 'nej',
  });
  if (!outcome.ok) return { values, failure: outcome.failure };
  revalidatePath('/', 'layout');
  const { username, name, required } = outcome.value;
  return { values: { username: '' }, done: { username, name, required } };
}

/** Admin → Övningar: after how many days untrained new staff get a reminder by e-mail (a region rule). */
export async function setTrainingReminderDays(_previous: unknown, formData: FormData): Promise<NumberRuleState> {
  const values = { value: textOf(formData, 'days', 10) };
  const outcome = await runCommand(commands.setRegionRules, { trainingReminderDays: values.value });
  if (!outcome.ok) return { values, failure: outcome.failure };
  revalidatePath('/admin/ovningar');
  return { values, done: { value: outcome.value.trainingReminderDays ?? Number(values.value) } };
}
