'use server';

import { recordPatientAccess } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findPatientByPersonnummer } from '@bmb/db/queries';
import { patientSearchSchema } from '@bmb/domain';
import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import { noteTrainingMistake } from '@/lib/training/mistakes';

export type PatientSearchState = { personnummer: string; failure?: ActionFailure };

const PATIENT_NOT_FOUND = 'Ingen patient med det personnumret finns. Kontrollera numret och sök igen.';

/**
 * Hjälpmedel, step 1: find the patient by personnummer. The number travels in
 * the POST body only; the patient's page is addressed by an opaque id.
 */
export async function searchPatient(_previous: PatientSearchState, formData: FormData): Promise<PatientSearchState> {
  const raw = String(formData.get('personnummer') ?? '').slice(0, 40);
  const auth = await authorizeAction('patient.search');
  if (!auth.ok) return { personnummer: raw, failure: auth };
  const { user } = auth;

  const parsed = patientSearchSchema.safeParse({ personnummer: raw });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Ogiltigt personnummer.';
    await noteTrainingMistake(user, message);
    return { personnummer: raw, failure: failure('invalid-input', message, { personnummer: [message] }) };
  }

  const db = await getDb();
  const patient = await findPatientByPersonnummer(db, user.workspaceId, parsed.data.personnummer);
  if (!patient) {
    await noteTrainingMistake(user, PATIENT_NOT_FOUND);
    return {
      personnummer: raw,
      failure: failure('not-found', PATIENT_NOT_FOUND, { personnummer: [PATIENT_NOT_FOUND] }),
    };
  }
  await recordPatientAccess(db, {
    workspaceId: user.workspaceId,
    userId: user.prescriberId,
    careUnitId: user.careUnitId,
    patientId: patient.id,
    action: 'patient.search',
  });
  redirect(`/hjalpmedel/${patient.id}`);
}
