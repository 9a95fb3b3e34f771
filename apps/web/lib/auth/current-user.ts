import 'server-only';
import { getDb } from '@bmb/db/client';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { env } from '@/lib/env';
import { REQUEST_PATH_HEADER } from '@/lib/request-path';
import { recordDenial } from './refusals';
import { readSessionToken } from './session-cookie';
import { resolveSessionUser, type CurrentUser } from './session-user';

export type { CurrentUser } from './session-user';

/**
 * The data-access module for identity: the only code that reads the session
 * and decides the workspace. Pages, actions and route handlers ask here.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const token = readSessionToken((name) => jar.get(name)?.value, env().AUTH_URL);
  if (!token) return null;
  return resolveSessionUser(await getDb(), token, {
    now: new Date(),
    idleMinutes: env().AUTH_SESSION_IDLE_MINUTES,
  });
});

// A layout and its page both ask: one refusal per request.
const noteAnonymousPage = cache(async (): Promise<void> => {
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? 'unknown';
  await recordDenial('page', path, null, 'unauthenticated');
});

/** For pages: the user, or off to the login page (counted per source, see refusals.ts). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    await noteAnonymousPage();
    redirect('/logga-in');
  }
  return user;
}
