import 'server-only';
import { getDb } from '@bmb/db/client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { env } from '@/lib/env';
import { SESSION_COOKIE } from './auth';
import { resolveSessionUser, type CurrentUser } from './session-user';

export type { CurrentUser } from './session-user';

/**
 * The data-access module for identity: the only code that reads the session
 * and decides the workspace. Pages, actions and route handlers ask here.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value ?? jar.get(`__Secure-${SESSION_COOKIE}`)?.value;
  if (!token) return null;
  return resolveSessionUser(await getDb(), token, {
    now: new Date(),
    idleMinutes: env().AUTH_SESSION_IDLE_MINUTES,
  });
});

/** For pages: the user, or off to the login page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/logga-in');
  return user;
}
