import 'server-only';
import { checkAdmin, type AdminScope } from '@bmb/domain';
import { failure, messages, type ActionFailure } from '@/lib/action-result';
import { getCurrentUser, type CurrentUser } from './current-user';
import { recordDenial } from './refusals';

export type Authorized = { ok: true; user: CurrentUser } | ActionFailure;

/**
 * The first step of every server action (they are public POST endpoints, so a
 * page's login check protects nothing): who is calling, and may they? A refusal
 * is recorded (refusals.ts: a signed-in user's in the audit trail).
 */
export async function authorizeAction(
  action: string,
  options: { role?: CurrentUser['role'] } = {},
): Promise<Authorized> {
  const user = await getCurrentUser();
  if (!user) {
    await recordDenial('action', action, null, 'unauthenticated');
    return failure('unauthenticated', messages.unauthenticated);
  }
  if (options.role && user.role !== options.role) {
    await recordDenial('action', action, user, 'forbidden');
    return failure('forbidden', messages.forbidden);
  }
  return { ok: true, user };
}

/** authorizeAction for Länsservice, with the scope the admin queries ask for. */
export async function authorizeAdmin(action: string): Promise<{ ok: true; user: CurrentUser; admin: AdminScope } | ActionFailure> {
  const auth = await authorizeAction(action, { role: 'admin' });
  if (!auth.ok) return auth;
  const admin = checkAdmin(auth.user);
  return admin ? { ok: true, user: auth.user, admin } : failure('forbidden', messages.forbidden);
}

/**
 * A refusal decided after authorizeAction, on the resource itself: not found in
 * the user's workspace (or not theirs: the answer does not say which), or not
 * allowed yet. Recorded like the others; a refusal on the form's content is not.
 * Call it outside any transaction (PGlite has one connection).
 */
export async function refuse(action: string, user: CurrentUser, refusal: ActionFailure): Promise<ActionFailure> {
  if (refusal.code === 'not-found' || refusal.code === 'forbidden') await recordDenial('action', action, user, refusal.code);
  return refusal;
}
