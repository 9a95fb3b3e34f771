import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import type { Tx } from '@bmb/db/client';
import {
  closeOpenUnlockRequest,
  findBmbForUpdate,
  markUnlocked,
  queueUnlockAnsweredNotice,
  workspaceNow,
} from '@bmb/db/queries';
import { transition } from '@bmb/domain';
import type { CurrentUser } from '@/lib/auth/session-user';

/**
 * Länsservice unlocks one locked BMB: it closes as Upplåst, its loans are free
 * for a new BMB, an open request is answered, it is audited, and the sender
 * is notified. The BMB row is
 * locked first, so two admins at once unlock it once.
 */
export async function unlockOne(
  tx: Tx,
  admin: CurrentUser,
  bmbId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const bmb = await findBmbForUpdate(tx, admin.workspaceId, bmbId);
  if (!bmb) return { ok: false, message: 'BMB:n finns inte.' };
  const now = await workspaceNow(tx, admin.workspaceId);
  const step = transition(bmb, 'unlock', now);
  if (!step.ok) return { ok: false, message: step.message };
  await markUnlocked(tx, admin.workspaceId, bmb.id, { adminId: admin.prescriberId, reason, at: now });
  const requestId = await closeOpenUnlockRequest(tx, admin.workspaceId, bmb.id, {
    status: 'unlocked',
    adminId: admin.prescriberId,
    at: now,
    message: reason,
  });
  await recordAudit(tx, {
    workspaceId: admin.workspaceId,
    actorId: admin.prescriberId,
    action: 'bmb.unlocked',
    entityType: 'bmb',
    entityId: bmb.id,
    before: { status: 'sent', locked: true },
    after: { status: 'unlocked', unlockedAt: now.toISOString(), reason, requestId },
  });
  // The sender may now send a new BMB: tell them, whether or not they asked.
  await queueUnlockAnsweredNotice(tx, admin.workspaceId, {
    bmbId: bmb.id,
    recipientId: bmb.senderId,
    unlockRequestId: requestId ?? undefined,
    answeredAt: now,
  });
  return { ok: true };
}
