import { recordAudit } from '@bmb/db/audit';
import type { DbOrTx } from '@bmb/db/client';
import {
  closeLinesOfReturnedLoans,
  queueLineClosedNotices,
  recordBmbLineClosed,
} from '@bmb/db/queries';
import type { MachineActor } from '@bmb/domain';

/**
 * A loan the stock system reports `returned` while it is in a waiting BMB
 * closes that line: the BMB is locked first (the lock order of every command),
 * then the line closes, with its event, its trail and a notice to both
 * parties. Inside the import's transaction; answers how many lines closed.
 */
export async function closeReturnedLines(
  tx: DbOrTx,
  actor: MachineActor,
  returnedLoanIds: string[],
  now: Date,
): Promise<number> {
  const { workspaceId } = actor;
  const closed = await closeLinesOfReturnedLoans(tx, workspaceId, returnedLoanIds, now);
  for (const line of closed) {
    await recordBmbLineClosed(tx, workspaceId, line.bmbId, line.loanId, now);
    await recordAudit(tx, {
      workspaceId,
      actorId: null,
      action: 'bmb.line-closed',
      entityType: 'bmb',
      entityId: line.bmbId,
      before: { closedAt: null },
      after: {
        loanId: line.loanId,
        reason: 'returned',
        closedAt: now.toISOString(),
        client: actor.clientId,
      },
    });
  }
  await queueLineClosedNotices(tx, workspaceId, closed, now);
  return closed.length;
}
