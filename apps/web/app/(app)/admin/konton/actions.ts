'use server';

import * as commands from '@bmb/commands';
import { revalidatePath } from 'next/cache';
import { runCommand } from '@/lib/command-action';
import type { NumberRuleState } from '@/components/forms/number-rule-form';
import { textOf, type FormState } from '@/lib/form-state';

export type ReactivateState = FormState<{ username: string }, { username: string; name: string }>;

/** Admin → Konton, "Återaktivera" (commands/accounts/reactivate-account.ts). */
export async function reactivateAccount(_previous: unknown, formData: FormData): Promise<ReactivateState> {
  const values = { username: textOf(formData, 'username', 100) };
  const outcome = await runCommand(commands.reactivateAccount, values);
  if (!outcome.ok) return { values, failure: outcome.failure };
  revalidatePath('/admin/konton');
  return { values, done: outcome.value };
}

/** Admin → Konton: after how many months an unused account is deactivated (commands/accounts/set-region-rules.ts). */
export async function setRegionRules(_previous: unknown, formData: FormData): Promise<NumberRuleState> {
  const values = { value: textOf(formData, 'months', 10) };
  const outcome = await runCommand(commands.setRegionRules, { deactivateUnusedAfterMonths: values.value });
  if (!outcome.ok) return { values, failure: outcome.failure };
  revalidatePath('/admin/konton');
  return { values, done: { value: outcome.value.deactivateUnusedAfterMonths ?? Number(values.value) } };
}
