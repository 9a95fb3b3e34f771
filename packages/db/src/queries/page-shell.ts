import type { AdminScope } from '@bmb/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { bmbs, unlockRequests, workspaces } from '../schema';
import { workspaceRowClock } from './clock';
import { isWaitingSql } from './deadline-sql';
import { builtOnce } from './prepared';

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
const clock = workspaceRowClock;

/** Built once per handle (prepared.ts): with or without the admin's count, the statement's text is fixed. */
const pageShellQuery = (withUnlockRequests: boolean) =>
  builtOnce((db) =>
    db
      .select({
        now: sql<string>`${clock}::text`,
        waiting: sql<number>`(select count(*) from ${bmbs} where ${and(
          eq(bmbs.workspaceId, sql.placeholder('workspaceId')),
          eq(bmbs.receiverId, sql.placeholder('prescriberId')),
          isWaitingSql(bmbs, clock),
        )})::int`,
        openUnlockRequests: withUnlockRequests
          ? sql<number>`(select count(*) from ${unlockRequests} where ${and(
              eq(unlockRequests.workspaceId, sql.placeholder('workspaceId')),
              eq(unlockRequests.status, 'open'),
            )})::int`
          : sql<number>`0`,
      })
      .from(workspaces)
      .where(eq(workspaces.id, sql.placeholder('workspaceId')))
      .prepare(withUnlockRequests ? 'read_page_shell_admin' : 'read_page_shell'),
  );
const prescriberShell = pageShellQuery(false);
const adminShell = pageShellQuery(true);

export async function readPageShell(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
  admin: AdminScope | null,
): Promise<PageShell> {
  // The admin scope is the reader's own workspace: the queue counted is theirs.
  const query = admin && admin.workspaceId === workspaceId ? adminShell : prescriberShell;
  const [row] = await query(db).execute({ workspaceId, prescriberId });
  if (!row) throw new Error('unknown workspace');
  return { now: new Date(row.now), waiting: Number(row.waiting), openUnlockRequests: Number(row.openUnlockRequests) };
}
