'use server';

import { patientSearchSchema } from '@bmb/domain';
import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import { lookUpPatient } from '@/lib/patient-lookup';
import { noteTrainingMistake } from '@/lib/training/mistakes';

export type PatientSearchState = { personnummer: string; failure?: ActionFailure };

const PATIENT_NOT_FOUND = 'Ingen patient med det personnumret finns. Kontrollera numret och sök igen.';

/**
 * Hjälpmedel, step 1: find the patient by personnummer (limited and logged:
 * lib/patient-lookup.ts). The number travels in the POST body only; the
 * patient's page is addressed by an opaque id.
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

  const lookup = await lookUpPatient(user, parsed.data.personnummer, 'patient.search');
  if (!lookup.ok) return { personnummer: raw, failure: lookup.failure };
  const { patient } = lookup;
  if (!patient) {
    await noteTrainingMistake(user, PATIENT_NOT_FOUND);
    return {
      personnummer: raw,
      failure: failure('not-found', PATIENT_NOT_FOUND, { personnummer: [PATIENT_NOT_FOUND] }),
    };
  }
  redirect(`/hjalpmedel/${patient.id}`);
}
