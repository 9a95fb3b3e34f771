import { and, asc, count, desc, eq, gt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { bmbs, patients, prescribers } from '../schema';
import { deadlineSql, timestamptz } from './deadline-sql';

const counterpart = alias(prescribers, 'counterpart');
const toPatient = alias(patients, 'to_patient');

export interface InboxRow {
  id: string;
  sentAt: Date;
  patientName: string;
  counterpartId: string;
  counterpartUsername: string;
  counterpartName: string;
  answerMessage: string | null;
}

const inboxColumns = {
  id: bmbs.id,
  sentAt: sql<Date>`${bmbs.sentAt}`.mapWith((v: string | Date) => new Date(v)),
  patientName: toPatient.name,
  counterpartId: counterpart.id,
  counterpartUsername: counterpart.username,
  counterpartName: counterpart.name,
  answerMessage: bmbs.answerMessage,
};

/**
 * Kvittera BMB, "Överta betalningsansvar via BMB": sent to this user, not
 * answered and still answerable, oldest (closest to locking) first.
 */
export async function listBmbsAwaitingAnswer(
  db: DbOrTx,
  workspaceId: string,
  receiverId: string,
  now: Date,
): Promise<InboxRow[]> {
  return db
    .select(inboxColumns)
    .from(bmbs)
    .innerJoin(counterpart, and(eq(counterpart.workspaceId, bmbs.workspaceId), eq(counterpart.id, bmbs.senderId)))
    .innerJoin(toPatient, and(eq(toPatient.workspaceId, bmbs.workspaceId), eq(toPatient.id, bmbs.toPatientId)))
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        eq(bmbs.receiverId, receiverId),
        eq(bmbs.status, 'sent'),
        gt(deadlineSql(bmbs.sentAt), timestamptz(now)),
      ),
    )
    .orderBy(asc(bmbs.sentAt))
    .limit(500);
}

/** The number on the Kvittera BMB menu item: waiting and still answerable. */
export async function countBmbsAwaitingAnswer(
  db: DbOrTx,
  workspaceId: string,
  receiverId: string,
  now: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(bmbs)
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        eq(bmbs.receiverId, receiverId),
        eq(bmbs.status, 'sent'),
        gt(deadlineSql(bmbs.sentAt), timestamptz(now)),
      ),
    );
  return row?.n ?? 0;
}

export interface LockedRow extends InboxRow {
  sentByMe: boolean;
}

/**
 * Meddelanden, "Ej besvarad BMB": BMBs that locked unanswered, on either side:
 * sent by this user (ask Länsservice to unlock) or sent to them (too late now).
 */
export async function listLockedBmbsInvolving(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<LockedRow[]> {
  const sentByMe = sql<boolean>`${bmbs.senderId} = ${userId}`;
  return db
    .select({ ...inboxColumns, sentByMe })
    .from(bmbs)
    .innerJoin(
      counterpart,
      and(
        eq(counterpart.workspaceId, bmbs.workspaceId),
        eq(counterpart.id, sql`case when ${sentByMe} then ${bmbs.receiverId} else ${bmbs.senderId} end`),
      ),
    )
    .innerJoin(toPatient, and(eq(toPatient.workspaceId, bmbs.workspaceId), eq(toPatient.id, bmbs.toPatientId)))
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        or(eq(bmbs.senderId, userId), eq(bmbs.receiverId, userId)),
        eq(bmbs.status, 'sent'),
        lte(deadlineSql(bmbs.sentAt), timestamptz(now)),
      ),
    )
    .orderBy(desc(bmbs.sentAt))
    .limit(200);
}

/** Meddelanden, "Ej godkänt övertag av betalningsansvar via BMB": declined in the last `days` days. */
export async function listRejectedBmbsSentBy(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  days = 30,
): Promise<InboxRow[]> {
  return db
    .select(inboxColumns)
    .from(bmbs)
    .innerJoin(counterpart, and(eq(counterpart.workspaceId, bmbs.workspaceId), eq(counterpart.id, bmbs.receiverId)))
    .innerJoin(toPatient, and(eq(toPatient.workspaceId, bmbs.workspaceId), eq(toPatient.id, bmbs.toPatientId)))
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        eq(bmbs.senderId, senderId),
        eq(bmbs.status, 'rejected'),
        gt(bmbs.answeredAt, new Date(now.getTime() - days * 24 * 3600_000)),
      ),
    )
    .orderBy(desc(bmbs.answeredAt))
    .limit(200);
}
