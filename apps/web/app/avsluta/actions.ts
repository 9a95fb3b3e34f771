'use server';

import { getDb } from '@bmb/db/client';
import { findIdToken } from '@bmb/db/queries';
import { redirect } from 'next/navigation';
import { OIDC_PROVIDER_ID, signOut } from '@/lib/auth/auth';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { endSessionEndpoint } from '@/lib/auth/end-session';

/**
 * Avsluta: ends the BMB session (its row is deleted, so a replayed cookie is
 * worthless) and then the IdP session, so the next person at this computer
 * must log in again. Needs no session itself: signing out is always allowed.
 */
export async function signOutEverywhere(): Promise<void> {
  const user = await getCurrentUser();
  const idToken = user ? await findIdToken(await getDb(), user.authUserId, OIDC_PROVIDER_ID) : null;
  await signOut({ redirect: false });

  const endpoint = await endSessionEndpoint(env().AUTH_OIDC_ISSUER).catch(() => null);
  if (!endpoint) redirect('/avsluta');
  const url = new URL(endpoint);
  url.searchParams.set('post_logout_redirect_uri', `${env().AUTH_URL}/avsluta`);
  url.searchParams.set('client_id', env().AUTH_OIDC_ID);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  redirect(url.toString());
}
