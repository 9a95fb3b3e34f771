'use server';

import * as commands from '@bmb/commands';
import type { ContactDetailsInput } from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';

export type ContactDetailsState = FormState<ContactDetailsInput>;

const fields = ['phone', 'mobile', 'fax', 'email'] as const;

/** Dina uppgifter: the user edits their own contact card and reminder choice, and only their own. */
export async function saveContactDetails(_previous: unknown, formData: FormData): Promise<ContactDetailsState> {
  const values = {
    ...Object.fromEntries(fields.map((f) => [f, textOf(formData, f, 300)])),
    // A checkbox: present when ticked, absent when not.
    remindersEnabled: formData.get('remindersEnabled') === 'on',
  } as ContactDetailsInput;
  const saved = await runCommand(commands.updateContactDetails, values);
  if (!saved.ok) return { values, failure: saved.failure };
  revalidatePath('/dina-uppgifter');
  return { values: saved.value, done: true };
}
