import type { AdminScope } from '@bmb/domain';
import { lockNoticeDueAt, reminderDueAt, type NotificationKind } from '@bmb/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, RawQuery } from '../client';
import {
  articles,
  bmbLines,
  bmbs,
  loans,
  notifications,
  prescribers,
  unlockRequests,
  units,
  workspaces,
} from '../schema';
import {
  bmbFromPatient,
  bmbOf,
  bmbReceiver,
  bmbSender,
  bmbToPatient,
  fromPatient,
  receiver,
  sender,
  toPatient,
} from './bmb-joins';
import { isLockedSql, swedishMonthStartSql, timestamptz } from './deadline-sql';

interface Notice {
  kind: NotificationKind;
  recipientId: string;
  bmbId: string;
  unlockRequestId?: string;
  loanId?: string;
  dedupeKey: string;
  dueAt: Date;
}

/**
 * Writes notices to the outbox, inside the caller's transaction. Training
 * sandboxes get none (the database refuses them too); a notice already written
 * for the same event is not written again.
 */
async function queue(tx: DbOrTx, workspaceId: string, notices: Notice[]): Promise<void> {
  const [workspace] = await tx
    .select({ kind: workspaces.kind })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (workspace?.kind !== 'production' || notices.length === 0) return;
  await tx
    .insert(notifications)
    .values(notices.map((n) => ({ ...n, workspaceId })))
    .onConflictDoNothing({ target: [notifications.workspaceId, notifications.dedupeKey] });
}

interface SentBmb {
  id: string;
  senderId: string;
  receiverId: string;
  sentAt: Date;
}

/** Verkställ: the receiver hears now, is reminded at 2 days left, and the sender hears if it locks. */
export function queueSentBmbNotices(tx: DbOrTx, workspaceId: string, bmb: SentBmb): Promise<void> {
  return queue(tx, workspaceId, [
    {
      kind: 'bmb_arrived',
      recipientId: bmb.receiverId,
      bmbId: bmb.id,
      dedupeKey: `bmb_arrived:${bmb.id}`,
      dueAt: bmb.sentAt,
    },
    {
      kind: 'bmb_reminder',
      recipientId: bmb.receiverId,
      bmbId: bmb.id,
      dedupeKey: `bmb_reminder:${bmb.id}`,
      dueAt: reminderDueAt(bmb.sentAt),
    },
    {
      kind: 'bmb_locked',
      recipientId: bmb.senderId,
      bmbId: bmb.id,
      dedupeKey: `bmb_locked:${bmb.id}`,
      dueAt: lockNoticeDueAt(bmb.sentAt),
    },
  ]);
}

/** Kvittera: the sender hears the answer; the receiver's pending notices are moot. */
export async function queueAnsweredBmbNotices(
  tx: DbOrTx,
  workspaceId: string,
  bmb: { id: string; senderId: string },
  answeredAt: Date,
): Promise<void> {
  await cancelPendingNotices(
    tx,
    workspaceId,
    bmb.id,
    ['bmb_arrived', 'bmb_reminder', 'bmb_locked'],
    'answered',
  );
  await queue(tx, workspaceId, [
    {
      kind: 'bmb_answered',
      recipientId: bmb.senderId,
      bmbId: bmb.id,
      dedupeKey: `bmb_answered:${bmb.id}`,
      dueAt: answeredAt,
    },
  ]);
}

/** Länsservice unlocked or declined: the one who asked hears it. Unlocking without a request tells the sender. */
export function queueUnlockAnsweredNotice(
  tx: DbOrTx,
  workspaceId: string,
  notice: { bmbId: string; recipientId: string; unlockRequestId?: string; answeredAt: Date },
): Promise<void> {
  const key = notice.unlockRequestId ?? `unlocked:${notice.bmbId}`;
  return queue(tx, workspaceId, [
    {
      kind: 'unlock_answered',
      recipientId: notice.recipientId,
      bmbId: notice.bmbId,
      unlockRequestId: notice.unlockRequestId,
      dedupeKey: `unlock_answered:${key}`,
      dueAt: notice.answeredAt,
    },
  ]);
}

/**
 * A device of a waiting BMB went back to Länsservice and its line closed: the
 * sender and the receiver hear it, once per line. When no open line is left,
 * the reminder and the lock notice would speak of a BMB with nothing to take
 * over, so they are called off.
 */
export async function queueLineClosedNotices(
  tx: DbOrTx,
  workspaceId: string,
  lines: {
    bmbId: string;
    loanId: string;
    senderId: string;
    receiverId: string;
    noOpenLineLeft: boolean;
  }[],
  closedAt: Date,
): Promise<void> {
  for (const bmbId of new Set(lines.filter((l) => l.noOpenLineLeft).map((l) => l.bmbId)))
    await cancelPendingNotices(
      tx,
      workspaceId,
      bmbId,
      ['bmb_reminder', 'bmb_locked'],
      'all-lines-closed',
    );
  await queue(
    tx,
    workspaceId,
    lines.flatMap((line) =>
      (['sender', 'receiver'] as const).map((party) => ({
        kind: 'bmb_line_closed' as const,
        recipientId: party === 'sender' ? line.senderId : line.receiverId,
        bmbId: line.bmbId,
        loanId: line.loanId,
        dedupeKey: `bmb_line_closed:${line.bmbId}:${line.loanId}:${party}`,
        dueAt: closedAt,
      })),
    ),
  );
}

async function cancelPendingNotices(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  kinds: NotificationKind[],
  reason: string,
): Promise<void> {
  await tx
    .update(notifications)
    .set({ status: 'cancelled', cancelReason: reason })
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.bmbId, bmbId),
        eq(notifications.status, 'pending'),
        inArray(notifications.kind, kinds),
      ),
    );
}

export interface NotificationRef {
  workspaceId: string;
  id: string;
}

/**
 * The worker's sweep: marks due notices queued and returns them, so the caller
 * can put each on its job queue in the same transaction (hence raw SQL: the
 * queue library runs its own). SKIP LOCKED lets two workers sweep at once
 * without taking the same row. "Due" is judged by the workspace clock, like
 * deadlines; only the production workspace ever sends.
 */
export async function claimDueNotifications(
  query: RawQuery,
  limit: number,
): Promise<NotificationRef[]> {
  const { rows } = await query(
    `update notifications n set status = 'queued', queued_at = now()
     from (
       select n2.workspace_id, n2.id
       from notifications n2 join workspaces w on w.id = n2.workspace_id
       where n2.status = 'pending'
         and n2.due_at <= now() + make_interval(secs => w.clock_offset_seconds)
         and w.kind = 'production'
       order by n2.due_at
       limit $1
       for update of n2 skip locked
     ) due
     where n.workspace_id = due.workspace_id and n.id = due.id
     returning n.workspace_id::text as "workspaceId", n.id::text as "id"`,
    [limit],
  );
  return rows as unknown as NotificationRef[];
}

const recipient = alias(prescribers, 'recipient');

/** Everything the worker needs to decide on and write one notice, read at the moment of sending. */
export async function findNotificationForDelivery(db: DbOrTx, ref: NotificationRef) {
  const [row] = await db
    .select({
      id: notifications.id,
      workspaceId: notifications.workspaceId,
      kind: notifications.kind,
      status: notifications.status,
      attempts: notifications.attempts,
      recipientEmail: recipient.email,
      recipientActive: recipient.active,
      recipientWantsReminders: recipient.remindersEnabled,
      bmbId: bmbs.id,
      bmbStatus: bmbs.status,
      bmbDate: bmbs.bmbDate,
      sentAt: bmbs.sentAt,
      bmbLocked: sql<boolean>`coalesce(${isLockedSql(bmbs, sql`now() + make_interval(secs => ${workspaces.clockOffsetSeconds})`)}, false)`,
      answerMessage: bmbs.answerMessage,
      senderName: sender.name,
      receiverName: receiver.name,
      fromPatientName: fromPatient.name,
      toPatientName: toPatient.name,
      unlockStatus: unlockRequests.status,
      unlockAnswerMessage: unlockRequests.answerMessage,
      recipientIsSender: sql<boolean>`${notifications.recipientId} = ${bmbs.senderId}`,
      /** bmb_line_closed: the device that went back (article and individ; never the patient). */
      device: sql<string | null>`case when ${loans.id} is not null then
        ${articles.articleNo} || ' ' || ${articles.name} || coalesce(', individ ' || ${units.individNo}, '') end`,
      /** bmb_line_closed: nothing is left in the BMB to take over. */
      noOpenLineLeft: sql<boolean>`not exists (select 1 from ${bmbLines} x
        where x.workspace_id = ${bmbs.workspaceId} and x.bmb_id = ${bmbs.id} and x.closed_at is null)`,
    })
    .from(notifications)
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .innerJoin(
      recipient,
      and(
        eq(recipient.workspaceId, notifications.workspaceId),
        eq(recipient.id, notifications.recipientId),
      ),
    )
    .innerJoin(bmbs, bmbOf(notifications))
    .innerJoin(sender, bmbSender)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(fromPatient, bmbFromPatient)
    .innerJoin(toPatient, bmbToPatient)
    .leftJoin(
      unlockRequests,
      and(
        eq(unlockRequests.workspaceId, notifications.workspaceId),
        eq(unlockRequests.id, notifications.unlockRequestId),
      ),
    )
    .leftJoin(
      loans,
      and(eq(loans.workspaceId, notifications.workspaceId), eq(loans.id, notifications.loanId)),
    )
    .leftJoin(
      articles,
      and(eq(articles.workspaceId, loans.workspaceId), eq(articles.id, loans.articleId)),
    )
    .leftJoin(units, and(eq(units.workspaceId, loans.workspaceId), eq(units.id, loans.unitId)))
    .where(
      and(
        eq(notifications.workspaceId, ref.workspaceId),
        eq(notifications.id, ref.id),
        eq(workspaces.kind, 'production'),
      ),
    );
  return row ?? null;
}

export type NotificationForDelivery = NonNullable<
  Awaited<ReturnType<typeof findNotificationForDelivery>>
>;

const isQueued = (ref: NotificationRef) =>
  and(
    eq(notifications.workspaceId, ref.workspaceId),
    eq(notifications.id, ref.id),
    eq(notifications.status, 'queued'),
  );

/** Marks a queued notice sent; false when another delivery got there first. */
export async function markNotificationSent(db: DbOrTx, ref: NotificationRef): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
    .where(isQueued(ref))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

export async function markNotificationCancelled(
  db: DbOrTx,
  ref: NotificationRef,
  reason: string,
): Promise<void> {
  await db
    .update(notifications)
    .set({ status: 'cancelled', cancelReason: reason })
    .where(isQueued(ref));
}

/**
 * Records a failed attempt. When the queue has given up retrying, the notice
 * goes back to pending, due again later: a failing mail server delays mail but
 * never loses it.
 */
export async function recordNotificationFailure(
  db: DbOrTx,
  ref: NotificationRef,
  error: string,
  /** Set when the queue gave up: due again this many seconds from now. */
  requeueAfterSeconds: number | null,
): Promise<void> {
  await db
    .update(notifications)
    .set({
      attempts: sql`${notifications.attempts} + 1`,
      lastError: error.slice(0, 500),
      ...(requeueAfterSeconds === null
        ? {}
        : {
            status: 'pending' as const,
            dueAt: sql`now() + make_interval(secs => ${requeueAfterSeconds})`,
          }),
    })
    .where(isQueued(ref));
}

export interface NotificationCounts {
  sent: number;
  /** Not yet delivered after at least one failed attempt; being retried. */
  failing: number;
  /** Due and waiting for the worker (not counting reminders scheduled for later). */
  queued: number;
}

/** Admin → Översikt: mail sent this month, and what is failing or waiting now. */
export async function notificationCounts(
  db: DbOrTx,
  admin: AdminScope,
  now: Date,
): Promise<NotificationCounts> {
  const { workspaceId } = admin;
  const nowSql = timestamptz(now);
  const monthStart = swedishMonthStartSql(nowSql);
  const [row] = await db
    .select({
      sent: sql<number>`count(*) filter (where ${notifications.status} = 'sent' and ${notifications.sentAt} >= ${monthStart})::int`,
      failing: sql<number>`count(*) filter (where ${notifications.status} in ('pending', 'queued') and ${notifications.attempts} > 0)::int`,
      queued: sql<number>`count(*) filter (where (${notifications.status} = 'queued' or (${notifications.status} = 'pending' and ${notifications.dueAt} <= ${nowSql})) and ${notifications.attempts} = 0)::int`,
    })
    .from(notifications)
    .where(eq(notifications.workspaceId, workspaceId));
  return {
    sent: Number(row?.sent ?? 0),
    failing: Number(row?.failing ?? 0),
    queued: Number(row?.queued ?? 0),
  };
}
