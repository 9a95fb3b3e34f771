import { and, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { bmbs, prescribers } from '../schema';
import { bmbInvolves, bmbPrescriber, bmbToPatient, toPatient } from './bmb-joins';
import { afterBmb, BMB_PAGE_SIZE, bmbPageLimit, bmbPageOrder, toBmbPage, type BmbPage, type BmbPageRequest } from './bmb-pages';
import { isLockedSql, isWaitingSql, reminderDueSql, timestamptz } from './deadline-sql';

const counterpart = alias(prescribers, 'counterpart');

export interface InboxRow {
  id: string;
  senderId: string;
  sentAt: Date;
  /** Shown by name: the page records the access (docs/decisions/009). */
  patientId: string;
  patientName: string;
  counterpartId: string;
  counterpartUsername: string;
  counterpartName: string;
  answerMessage: string | null;
}

/**
 * The shape of every Kvittera BMB table: a BMB, its patient and the person on
 * the other side of it (`counterpartOf`: the sender or the receiver column).
 */
function inboxQuery(db: DbOrTx, counterpartOf: AnyPgColumn | SQL, where: SQL | undefined) {
  return db
    .select({
      id: bmbs.id,
      senderId: bmbs.senderId,
      sentAt: sql<Date>`${bmbs.sentAt}`.mapWith((v: string | Date) => new Date(v)),
      patientId: toPatient.id,
      patientName: toPatient.name,
      counterpartId: counterpart.id,
      counterpartUsername: counterpart.username,
      counterpartName: counterpart.name,
      answerMessage: bmbs.answerMessage,
    })
    .from(bmbs)
    .innerJoin(counterpart, bmbPrescriber(counterpart, counterpartOf))
    .innerJoin(toPatient, bmbToPatient)
    .where(where);
}

const waiting = (workspaceId: string, now: Date) => and(eq(bmbs.workspaceId, workspaceId), isWaitingSql(bmbs, now));
const locked = (workspaceId: string, now: Date) => and(eq(bmbs.workspaceId, workspaceId), isLockedSql(bmbs, now));

/**
 * Kvittera BMB, "Överta betalningsansvar via BMB": sent to this user, not
 * answered and still answerable, oldest (closest to locking) first.
 */
export async function listBmbsAwaitingAnswer(
  db: DbOrTx,
  workspaceId: string,
  receiverId: string,
  now: Date,
  page: BmbPageRequest = { size: BMB_PAGE_SIZE },
): Promise<BmbPage<InboxRow>> {
  const rows = await inboxQuery(
    db,
    bmbs.senderId,
    and(waiting(workspaceId, now), eq(bmbs.receiverId, receiverId), afterBmb(workspaceId, page.after)),
  )
    .orderBy(...bmbPageOrder)
    .limit(bmbPageLimit(page));
  return toBmbPage(rows, page.size);
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
    .where(and(waiting(workspaceId, now), eq(bmbs.receiverId, receiverId)));
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
  const rows = await inboxQuery(
    db,
    sql`case when ${sentByMe} then ${bmbs.receiverId} else ${bmbs.senderId} end`,
    and(locked(workspaceId, now), bmbInvolves(userId)),
  )
    .orderBy(desc(bmbs.sentAt))
    .limit(200);
  return rows.map((row) => ({ ...row, sentByMe: row.senderId === userId }));
}

/** Meddelanden, "Ej godkänt övertag av betalningsansvar via BMB": declined in the last `days` days. */
export async function listRejectedBmbsSentBy(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  days = 30,
): Promise<InboxRow[]> {
  return inboxQuery(
    db,
    bmbs.receiverId,
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

export interface WhatWaits {
  /** Sent to this user, still answerable. */
  toAnswer: number;
  /** Of those, the ones with 2 days or less left. */
  aboutToLock: number;
  /** Sent by this user and answered (Ja or Nej) in the last 7 days. */
  answered: number;
  /** Locked unanswered, sent by or to this user. */
  locked: number;
}

/** The start page's notice: what waits for this user, in one pass over their BMBs. */
export async function countWhatWaits(db: DbOrTx, workspaceId: string, userId: string, now: Date): Promise<WhatWaits> {
  const at = timestamptz(now);
  const toMe = sql`${bmbs.receiverId} = ${userId}`;
  const byMe = sql`${bmbs.senderId} = ${userId}`;
  const waitsForMe = sql`${toMe} and ${isWaitingSql(bmbs, at)}`;
  const [row] = await db
    .select({
      toAnswer: sql<number>`count(*) filter (where ${waitsForMe})::int`,
      aboutToLock: sql<number>`count(*) filter (where ${waitsForMe} and ${reminderDueSql(bmbs.sentAt)} <= ${at})::int`,
      answered: sql<number>`count(*) filter (where ${byMe} and ${bmbs.status} in ('accepted', 'rejected') and ${bmbs.answeredAt} > ${at} - interval '7 days')::int`,
      locked: sql<number>`count(*) filter (where ${isLockedSql(bmbs, at)})::int`,
    })
    .from(bmbs)
    .where(
      and(
        eq(bmbs.workspaceId, workspaceId),
        bmbInvolves(userId),
        sql`${bmbs.status} in ('sent', 'accepted', 'rejected')`,
      ),
    );
  return {
    toAnswer: Number(row?.toAnswer ?? 0),
    aboutToLock: Number(row?.aboutToLock ?? 0),
    answered: Number(row?.answered ?? 0),
    locked: Number(row?.locked ?? 0),
  };
}
