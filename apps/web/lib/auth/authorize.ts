import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findProductionWorkspaceId } from '@bmb/db/queries';
import { failure, messages, type ActionFailure } from '@/lib/action-result';
import { getCurrentUser, type CurrentUser } from './current-user';

export type Authorized = { ok: true; user: CurrentUser } | ActionFailure;

/**
 * The first step of every server action (they are public POST endpoints, so a
 * page's login check protects nothing): who is calling, and may they? A refusal
 * is recorded in the audit trail.
 */
export async function authorizeAction(
  action: string,
  options: { role?: CurrentUser['role'] } = {},
): Promise<Authorized> {
  const user = await getCurrentUser();
  if (!user) {
    await recordDenial(action, null, 'unauthenticated');
    return failure('unauthenticated', messages.unauthenticated);
  }
  if (options.role && user.role !== options.role) {
    await recordDenial(action, user, 'forbidden');
    return failure('forbidden', messages.forbidden);
  }
  return { ok: true, user };
}

/**
 * A refusal decided after authorizeAction, on the resource itself: not found in
 * the user's workspace (or not theirs: the answer does not say which), or not
 * allowed yet. Recorded like the others; a refusal on the form's content is not.
 * Call it outside any transaction (PGlite has one connection).
 */
export async function refuse(action: string, user: CurrentUser, refusal: ActionFailure): Promise<ActionFailure> {
  if (refusal.code === 'not-found' || refusal.code === 'forbidden') await recordDenial(action, user, refusal.code);
  return refusal;
}

async function recordDenial(action: string, user: CurrentUser | null, reason: string): Promise<void> {
  const db = await getDb();
  const workspaceId = user?.workspaceId ?? (await findProductionWorkspaceId(db));
  if (!workspaceId) return;
  await recordAudit(db, {
    workspaceId,
    actorId: user?.prescriberId ?? null,
    action: 'action.denied',
    entityType: 'action',
    after: { action, reason },
  });
}
