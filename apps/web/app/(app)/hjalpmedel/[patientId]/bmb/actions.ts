'use server';

import { recordAudit } from '@bmb/db/audit';
import { getDb, type Db } from '@bmb/db/client';
import {
  findPatient,
  findPrescriberByUsername,
  listPatientLoans,
  saveDraft,
  workspaceNow,
  type Patient,
} from '@bmb/db/queries';
import { bmbDraftSchema, checkDraft, draftMessages, swedishDate } from '@bmb/domain';
import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction, refuse } from '@/lib/auth/authorize';
import { fieldErrorsOf } from '@/lib/field-errors';
import { lookUpPatient } from '@/lib/patient-lookup';
import { noteTrainingMistake } from '@/lib/training/mistakes';

/** Stands for the other patient while the rest of the form is judged (never stored). */
const NOT_YET_LOOKED_UP = 'not-yet-looked-up';

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

export type BmbFormState = { values: BmbFormValues; failure?: ActionFailure };

function readForm(formData: FormData): BmbFormValues {
  const text = (name: string, max = 1100) => String(formData.get(name) ?? '').slice(0, max);
  return {
    bmbId: text('bmbId', 64),
    fromPatientId: text('fromPatientId', 64),
    newPrescriberUsername: text('newPrescriberUsername', 100),
    newPatientPersonnummer: text('newPatientPersonnummer', 40),
    loanIds: formData.getAll('loanIds').slice(0, 500).map(String),
    message: text('message'),
    needsAssessmentConfirmed: formData.get('needsAssessmentConfirmed') === 'on',
    deviceSafeConfirmed: formData.get('deviceSafeConfirmed') === 'on',
  };
}

/**
 * When some fields are malformed, still check the receiver's username, so that
 * the person sees more than one problem at once. The patient is never looked
 * up on a form with errors: a lookup answers "does this personnummer exist",
 * so it is made only for an otherwise valid form, and limited and logged
 * (lib/patient-lookup.ts).
 */
async function addReceiverError(db: Db, workspaceId: string, values: BmbFormValues, fieldErrors: Record<string, string[]>): Promise<void> {
  if (fieldErrors.newPrescriberUsername) return;
  const receiver = await findPrescriberByUsername(db, workspaceId, values.newPrescriberUsername.trim());
  if (!receiver) fieldErrors.newPrescriberUsername = [draftMessages.unknownReceiver];
  else if (!receiver.active) fieldErrors.newPrescriberUsername = [draftMessages.inactiveReceiver];
}

/**
 * Skicka BMB, "Spara ändringarna": saves the form as a draft (new, or the
 * sender's own draft again) and goes on to the summary with Verkställ.
 */
export async function saveBmbDraft(_previous: BmbFormState, formData: FormData): Promise<BmbFormState> {
  const values = readForm(formData);
  const auth = await authorizeAction('bmb.draft.save');
  if (!auth.ok) return { values, failure: auth };
  const { user } = auth;

  const db = await getDb();
  const parsed = bmbDraftSchema.safeParse({ ...values, bmbId: values.bmbId || undefined });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    await addReceiverError(db, user.workspaceId, values, fieldErrors);
    await noteTrainingMistake(user, Object.values(fieldErrors).flat().join(' '));
    return { values, failure: failure('invalid-input', 'Kontrollera uppgifterna i formuläret.', fieldErrors) };
  }
  const input = parsed.data;

  const fromPatient = await findPatient(db, user.workspaceId, input.fromPatientId);
  if (!fromPatient) {
    return { values, failure: await refuse('bmb.draft.save', user, failure('not-found', 'Patienten finns inte. Sök patienten igen.')) };
  }
  const [receiver, patientLoans, now] = await Promise.all([
    findPrescriberByUsername(db, user.workspaceId, input.newPrescriberUsername),
    listPatientLoans(db, user.workspaceId, fromPatient.id),
    workspaceNow(db, user.workspaceId),
  ]);
  const facts = {
    senderId: user.prescriberId,
    receiver,
    fromPatientId: fromPatient.id,
    patientLoans,
    requestedLoanIds: input.loanIds,
    needsAssessmentConfirmed: input.needsAssessmentConfirmed,
    deviceSafeConfirmed: input.deviceSafeConfirmed,
    now,
  };
  const refuseForm = async (fieldErrors: Record<string, string[]>): Promise<BmbFormState> => {
    await noteTrainingMistake(user, Object.values(fieldErrors).flat().join(' '));
    return { values, failure: failure('invalid-input', 'Kontrollera uppgifterna i formuläret.', fieldErrors) };
  };

  // The current patient needs no lookup. Another one (Ny mottagare) is looked
  // up only once everything else on the form holds, judged as the
  // patient-to-patient BMB it would be.
  let toPatient: Patient | null = fromPatient;
  if (input.newPatientPersonnummer !== fromPatient.personnummer) {
    const rest = checkDraft({ ...facts, toPatientId: NOT_YET_LOOKED_UP });
    if (!rest.ok) return refuseForm(rest.fieldErrors);
    const lookup = await lookUpPatient(user, input.newPatientPersonnummer, 'bmb.new-patient.lookup');
    if (!lookup.ok) {
      return { values, failure: { ...lookup.failure, fieldErrors: { newPatientPersonnummer: [lookup.failure.message] } } };
    }
    toPatient = lookup.patient;
  }

  const check = checkDraft({ ...facts, toPatientId: toPatient?.id ?? null });
  if (!check.ok) return refuseForm(check.fieldErrors);

  const saved = await db.transaction(async (tx): Promise<{ id: string } | null> => {
    const draft = await saveDraft(
      tx,
      {
        workspaceId: user.workspaceId,
        senderId: user.prescriberId,
        receiverId: receiver!.id,
        fromPatientId: fromPatient.id,
        toPatientId: toPatient!.id,
        bmbDate: swedishDate(now),
        message: input.message,
        needsAssessmentConfirmed: check.patientToPatient && input.needsAssessmentConfirmed,
        deviceSafeConfirmed: check.patientToPatient && input.deviceSafeConfirmed,
        loanIds: input.loanIds,
      },
      input.bmbId,
    );
    if (!draft) return null;
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: 'bmb.draft.saved',
      entityType: 'bmb',
      entityId: draft.id,
      before: input.bmbId ? { loanIds: draft.previousLoanIds } : null,
      after: {
        receiverId: receiver!.id,
        fromPatientId: fromPatient.id,
        toPatientId: toPatient!.id,
        loanIds: [...new Set(input.loanIds)],
        patientToPatient: check.patientToPatient,
      },
    });
    return draft;
  });
  if (!saved) {
    return { values, failure: failure('conflict', 'Utkastet är redan skickat eller kasserat och kan inte ändras.') };
  }
  redirect(`/skickade-bmb/${saved.id}`);
}
