'use server';

import { redirect } from 'next/navigation';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import { isPatientViewPath } from './paths';

export type OpenPatientViewState = { failure?: ActionFailure };

/**
 * "Visa": the user confirms a page with patient data that was opened from
 * outside BMB. The redirect is a same-origin navigation, so the page now shows
 * the patient and records the access.
 */
export async function openPatientView(_previous: OpenPatientViewState, formData: FormData): Promise<OpenPatientViewState> {
  const auth = await authorizeAction('patient-view.open');
  if (!auth.ok) return { failure: auth };
  const path = String(formData.get('path') ?? '');
  if (!isPatientViewPath(path)) return { failure: failure('invalid-input', 'Sidan kan inte öppnas härifrån.') };
  redirect(path);
}
