'use server';

import { individNumberMessage, isIndividNumber, looksLikePersonnummer, personnummerNotIndividMessage } from '@bmb/domain';
import { redirect } from 'next/navigation';
import { failure } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import type { FormState } from '@/lib/form-state';

export type IndividSearchState = FormState<{ individ: string }>;

/**
 * Individkort's Sök, by POST: what is typed reaches the server in the body, so
 * a personnummer typed here by mistake never lands in a URL or a proxy's log
 * (it is refused, and not echoed back). An individ number is not personal data
 * and becomes the page's address, so a card can be linked to.
 */
export async function searchIndivid(_previous: unknown, formData: FormData): Promise<IndividSearchState> {
  const raw = String(formData.get('individ') ?? '').trim().slice(0, 40);
  const auth = await authorizeAction('individ.search');
  if (!auth.ok) return { values: { individ: '' }, failure: auth };
  if (looksLikePersonnummer(raw)) {
    return { values: { individ: '' }, failure: failure('invalid-input', personnummerNotIndividMessage, { individ: [personnummerNotIndividMessage] }) };
  }
  if (!isIndividNumber(raw)) {
    return { values: { individ: raw }, failure: failure('invalid-input', individNumberMessage, { individ: [individNumberMessage] }) };
  }
  redirect(`/individkort?individ=${encodeURIComponent(raw)}`);
}
