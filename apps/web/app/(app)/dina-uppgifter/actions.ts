'use server';

import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { updateContactDetails } from '@bmb/db/queries';
import { contactDetailsSchema, type ContactDetailsInput } from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { failure, type ActionResult } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import { fieldErrorsOf } from '@/lib/field-errors';

export type ContactDetailsState = { values: ContactDetailsInput; result?: ActionResult };

const fields = ['phone', 'mobile', 'fax', 'email'] as const;

/** Dina uppgifter: the user edits their own contact card and reminder choice, and only their own. */
export async function saveContactDetails(
  _previous: ContactDetailsState,
  formData: FormData,
): Promise<ContactDetailsState> {
  const values = {
    ...Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? '').slice(0, 300)])),
    // A checkbox: present when ticked, absent when not.
    remindersEnabled: formData.get('remindersEnabled') === 'on',
  } as ContactDetailsInput;

  const auth = await authorizeAction('contact-details.update');
  if (!auth.ok) return { values, result: auth };
  const { user } = auth;

  const parsed = contactDetailsSchema.safeParse(values);
  if (!parsed.success) {
    return { values, result: failure('invalid-input', 'Kontrollera de markerade fälten.', fieldErrorsOf(parsed.error)) };
  }

  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const change = await updateContactDetails(tx, user.workspaceId, user.prescriberId, parsed.data);
    if (!change) return false;
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: 'contact-details.updated',
      entityType: 'prescriber',
      entityId: user.prescriberId,
      before: change.before,
      after: change.after,
    });
    return true;
  });
  if (!saved) return { values, result: failure('not-found', 'Ditt konto hittades inte.') };
  revalidatePath('/dina-uppgifter');
  return { values: parsed.data, result: { ok: true } };
}
