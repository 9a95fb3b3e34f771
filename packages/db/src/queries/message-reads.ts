import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { bmbMessageReads, bmbs, unlockRequests } from '../schema';

export type BmbMessageKind = (typeof bmbMessageReads.$inferSelect)['kind'];
export const bmbMessageKinds = bmbMessageReads.kind.enumValues;

/**
 * Not yet marked as read by `prescriberId`: the message of `kind` about
 * `subjectId` (a BMB's or an unlock request's id column). Served by the key.
 */
export function unreadBy(prescriberId: string | SQLWrapper, kind: BmbMessageKind, subjectId: AnyPgColumn): SQL {
  return sql`not exists (select 1 from ${bmbMessageReads} r where r.workspace_id = ${bmbs.workspaceId} and r.prescriber_id = ${prescriberId} and r.kind = ${sql.raw(`'${kind}'`)} and r.subject_id = ${subjectId})`;
}

/**
 * The BMB a message is about, if `prescriberId` may mark it as read: only the
 * sender's own news (their BMB declined or unlocked, their request declined).
 * Anything else, including someone else's message, is null.
 */
export async function findBmbMessage(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
  kind: BmbMessageKind,
  subjectId: string,
): Promise<{ bmbId: string } | null> {
  if (kind === 'unlock_declined') {
    const [row] = await db
      .select({ bmbId: unlockRequests.bmbId })
      .from(unlockRequests)
      .where(
        and(
          eq(unlockRequests.workspaceId, workspaceId),
          eq(unlockRequests.id, subjectId),
          eq(unlockRequests.requestedById, prescriberId),
          eq(unlockRequests.status, 'declined'),
        ),
      );
    return row ?? null;
  }
  const [row] = await db
    .select({ bmbId: bmbs.id })
    .from(bmbs)
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        eq(bmbs.id, subjectId),
        eq(bmbs.senderId, prescriberId),
        eq(bmbs.status, kind === 'rejected' ? 'rejected' : 'unlocked'),
      ),
    );
  return row ?? null;
}

/** Marks a message as read; false if it already was (a second click changes nothing). */
export async function markBmbMessageRead(
  db: DbOrTx,
  workspaceId: string,
  read: { prescriberId: string; kind: BmbMessageKind; subjectId: string; bmbId: string; at: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(bmbMessageReads)
    .values({
      workspaceId,
      prescriberId: read.prescriberId,
      kind: read.kind,
      subjectId: read.subjectId,
      bmbId: read.bmbId,
      readAt: read.at,
    })
    .onConflictDoNothing()
    .returning({ subjectId: bmbMessageReads.subjectId });
  return inserted.length > 0;
}

/** A prescriber's read marks on one BMB's messages (the history). */
export async function listBmbMessageReads(db: DbOrTx, workspaceId: string, prescriberId: string) {
  return db
    .select()
    .from(bmbMessageReads)
    .where(and(eq(bmbMessageReads.workspaceId, workspaceId), eq(bmbMessageReads.prescriberId, prescriberId)))
    .orderBy(bmbMessageReads.readAt);
}
