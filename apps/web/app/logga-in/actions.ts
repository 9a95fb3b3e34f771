'use server';

import { signIn } from '@/lib/auth/auth';
import { safeReturnTo } from '@/lib/return-to';

/**
 * Public on purpose: starting a login needs no session. Goes to the region's IdP,
 * and back to `returnTo` (the page an idle timeout left) when that is a path on
 * this app. `prompt=login` makes the IdP ask for the password even though its
 * own session is alive: "Till inloggningen" lets someone else sign in.
 */
export async function signInWithSso(formData?: FormData): Promise<void> {
  // Called by hand it may get anything, or nothing: only a FormData is read.
  const form = formData instanceof FormData ? formData : null;
  const redirectTo = safeReturnTo(form?.get('returnTo')) ?? '/hjalpmedel';
  const askAgain = form?.get('prompt') === 'login';
  await signIn('oidc', { redirectTo }, askAgain ? { prompt: 'login' } : undefined);
}
