'use server';

import { signIn } from '@/lib/auth/auth';

/** Public on purpose: starting a login needs no session. Goes to the region's IdP. */
export async function signInWithSso(): Promise<void> {
  await signIn('oidc', { redirectTo: '/hjalpmedel' });
}
