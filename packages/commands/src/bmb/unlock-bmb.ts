import { recordAudit } from '@bmb/db/audit';
import type { Tx } from '@bmb/db/client';
import {
  closeOpenUnlockRequest,
  findBmbForUpdate,
  markUnlocked,
  queueUnlockAnsweredNotice,
  recordBmbEvent,
  workspaceNow,
} from '@bmb/db/queries';
import {
  fieldProblemsOf,
  may,
  transition,
  unlockSchema,
  type PersonActor,
  type Problem,
} from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { conflictOf, done, invalid, refusal, type CommandResult, type Untrusted } from '../result';

export interface Unlocked {
  /** The BMBs this call unlocked, in the order they were locked. */
  unlocked: string[];
  /** The ones it did not, with why (another admin was first, it was answered meanwhile, …). */
  refused: { bmbId: string; problem: Problem }[];
}

/**
 * Admin → Låsta BMB, "Lås upp": one or many BMBs, with one required reason.
 * One transaction per BMB: one that another admin just unlocked is reported,
 * not fatal to the rest.
 */
export const unlockBmbs = defineCommand(
  'bmb.unlock',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof unlockSchema>>,
  ): Promise<CommandResult<Unlocked>> => {
    if (actor.role !== 'admin') return refusal('forbidden', 'forbidden');
    const parsed = unlockSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldProblemsOf(parsed.error), 'unlock.check');
    const result: Unlocked = { unlocked: [], refused: [] };
    // In id order: two admins unlocking overlapping sets lock the rows in the same order.
    for (const bmbId of [...new Set(parsed.data.bmbIds)].sort()) {
      const outcome = await deps.db.transaction((tx) =>
        unlockOne(tx, actor, bmbId, parsed.data.reason),
      );
      if (outcome.ok) result.unlocked.push(bmbId);
      else result.refused.push({ bmbId, problem: outcome.problem });
    }
    return done(result);
  },
);

/**
 * Länsservice unlocks one locked BMB: it closes as Upplåst, its loans are free
 * for a new BMB, an open request is answered, it is audited, and the sender
 * is notified. The BMB row is locked first, so two admins at once unlock it once.
 */
export async function unlockOne(
  tx: Tx,
  admin: PersonActor,
  bmbId: string,
  reason: string,
): Promise<CommandResult<{ requestId: string | null }>> {
  const bmb = await findBmbForUpdate(tx, admin.workspaceId, bmbId);
  if (!bmb) return refusal('not-found', 'bmb.not-found');
  if (!may(admin, 'unlock', bmb)) return refusal('forbidden', 'forbidden');
  const now = await workspaceNow(tx, admin.workspaceId);
  const step = transition(bmb, 'unlock', now);
  if (!step.ok) return refusal(conflictOf(step.refusal), step.problem);
  await markUnlocked(tx, admin.workspaceId, bmb.id, {
    adminId: admin.prescriberId,
    reason,
    at: now,
  });
  await recordBmbEvent(tx, admin.workspaceId, 'bmb.unlocked', bmb.id, now);
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
  return done({ requestId });
}
