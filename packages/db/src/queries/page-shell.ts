import type { AdminScope } from '@bmb/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { bmbs, unlockRequests, workspaces } from '../schema';
import { isWaitingSql } from './deadline-sql';

/** What the frame around every page shows: the workspace clock and the menu's two counts. */
export interface PageShell {
  /** The workspace clock (clock.ts): deadlines on the page are judged by this instant. */
  now: Date;
  /** BMBs waiting for this prescriber's answer (the Kvittera BMB badge). */
  waiting: number;
  /** Open unlock requests in Länsservice's queue; 0 when the reader is not Länsservice. */
  openUnlockRequests: number;
}

/**
 * The clock and the menu's counts in one statement, so that a page's frame
 * costs one round trip, not three (issue 21). The waiting count is judged by
 * the same clock the statement returns. The unlock count is asked for only
 * with an admin scope: a prescriber's frame never reads the queue.
 */
export async function readPageShell(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
  admin: AdminScope | null,
): Promise<PageShell> {
  const clock = sql`(now() + make_interval(secs => ${workspaces.clockOffsetSeconds}))`;
  const [row] = await db
    .select({
      now: sql<string>`${clock}::text`,
      waiting: sql<number>`(select count(*) from ${bmbs} where ${and(
        eq(bmbs.workspaceId, workspaceId),
        eq(bmbs.receiverId, prescriberId),
        isWaitingSql(bmbs, clock),
      )})::int`,
      openUnlockRequests: admin
        ? sql<number>`(select count(*) from ${unlockRequests} where ${and(
            eq(unlockRequests.workspaceId, admin.workspaceId),
            eq(unlockRequests.status, 'open'),
          )})::int`
        : sql<number>`0`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error('unknown workspace');
  return { now: new Date(row.now), waiting: Number(row.waiting), openUnlockRequests: Number(row.openUnlockRequests) };
}
