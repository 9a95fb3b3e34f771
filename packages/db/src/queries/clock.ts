import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { workspaces } from '../schema';

/**
 * "Now" for a workspace: the database clock plus the workspace's offset. One
 * clock for everyone, so that deadlines are decided consistently, and one that
 * tests and training can move without touching production.
 */
/** The clock of the `workspaces` row in scope: the database clock plus that workspace's offset. */
export const workspaceRowClock = sql<Date>`(now() + make_interval(secs => ${workspaces.clockOffsetSeconds}))`;

export async function workspaceNow(db: DbOrTx, workspaceId: string): Promise<Date> {
  const [row] = await db
    .select({ now: sql<string>`${workspaceRowClock}::text` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error('unknown workspace');
  return new Date(row.now);
}

/** Moves a workspace's clock (tests and training only; production never calls this). */
export async function setClockOffset(db: DbOrTx, workspaceId: string, seconds: number): Promise<void> {
  await db.update(workspaces).set({ clockOffsetSeconds: seconds }).where(eq(workspaces.id, workspaceId));
}

/** A workspace's clock as SQL, for statements that judge time by it (the training sandbox's deadlines, unused accounts). */
export function workspaceClockSql(workspaceId: string): SQL<Date> {
  return sql<Date>`(select ${workspaceRowClock} from ${workspaces} where ${workspaces.id} = ${workspaceId})`;
}
