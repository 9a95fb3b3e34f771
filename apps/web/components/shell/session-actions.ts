'use server';

import { authorizeAction } from '@/lib/auth/authorize';
import type { FormState } from '@/lib/form-state';

export type KeepAliveState = FormState;

/**
 * "Fortsätt" in the idle warning: a request made with the session, which counts
 * as activity like any other (session-user.ts moves its last-seen time). Changes
 * nothing else. Without a live session it refuses like every action.
 */
export async function keepSessionAlive(): Promise<KeepAliveState> {
  const auth = await authorizeAction('session.keep-alive');
  if (!auth.ok) return { failure: auth };
  return { done: true };
}
