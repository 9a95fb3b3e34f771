'use server';

import * as commands from '@bmb/commands';
import { redirect } from 'next/navigation';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';

export type PatientSearchState = FormState<{ personnummer: string }>;

/**
 * Hjälpmedel, step 1: find the patient by personnummer (limited and logged:
 * commands/patients/look-up-patient.ts). The number travels in the POST body
 * only; the patient's page is addressed by an opaque id.
 */
export async function searchPatient(_previous: unknown, formData: FormData): Promise<PatientSearchState> {
  const values = { personnummer: textOf(formData, 'personnummer', 40) };
  const found = await runCommand(commands.searchPatient, values);
  if (!found.ok) return { values, failure: found.failure };
  redirect(`/hjalpmedel/${found.value.patientId}`);
}
