import { and, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { articles, bmbs, unlockRequests, units } from '../schema';
import {
  bmbDevicesText,
  bmbInvolves,
  bmbOf,
  bmbReceiver,
  bmbSender,
  bmbToPatient,
  receiver,
  sender,
  toPatient,
} from './bmb-joins';
import { isLockedSql, isWaitingSql, reminderDueSql, timestamptzPlaceholder } from './deadline-sql';
import { listOrder, readListPage, type ListPage, type ListPageRequest, type ListSort } from './list-paging';
import type { InboxRow } from './bmb-inbox';
import { unreadBy } from './message-reads';
import { builtOnce, builtOncePer } from './prepared';

/*
 * The lists of Kvittera BMB and Skickade BMB as the region needs them: each row
 * names its devices (article, benämning, individ) and both prescribers, and the
 * long ones are sorted, filtered by state and paged (list-paging.ts).
 */

const toDate = (v: string | Date) => new Date(v);
const sentAtOf = sql<Date>`${bmbs.sentAt}`.mapWith(toDate);

/*
 * The lists below are built once per database handle and shape (prepared.ts):
 * the shape (sort order, state filter) picks the statement, and every value is
 * a placeholder bound at `execute`. `now` is bound as ISO text and cast, as
 * timestamptz() in deadline-sql.ts writes it: Drizzle maps a Date only through
 * a column.
 */
const nowSql = timestamptzPlaceholder('now');

/** A BMB's devices as one line: "10156 Sittdyna Roho (individ 170098), 15749 Skrivunderlägg". */
export const bmbDevicesLine = bmbDevicesText(
  sql`${articles.articleNo} || ' ' || ${articles.name} || coalesce(' (individ ' || ${units.individNo} || ')', '')`,
);

const openRequest = alias(unlockRequests, 'open_request');
const hasOpenRequest = (bmbId: AnyPgColumn) =>
  sql<boolean>`exists (select 1 from ${unlockRequests} q where q.workspace_id = ${bmbs.workspaceId} and q.bmb_id = ${bmbId} and q.status = 'open')`;

const person = (p: typeof sender | typeof receiver) => ({ id: p.id, username: p.username, name: p.name });

// ---- Kvittera BMB: waiting for my answer -------------------------------------

/** "Alla" or only those with REMINDER_DAYS_BEFORE_LOCK days or less left ("Låses snart"). */
export type IncomingState = 'all' | 'soon';

/** A row of the Kvittera BMB tables (the counterpart is the sender), with the BMB's devices. */
export interface IncomingRow extends InboxRow {
  devices: string;
}

const incomingWhere = (state: IncomingState) =>
  and(
    eq(bmbs.workspaceId, sql.placeholder('workspaceId')),
    eq(bmbs.receiverId, sql.placeholder('receiverId')),
    isWaitingSql(bmbs, nowSql),
    state === 'soon' ? sql`${reminderDueSql(bmbs.sentAt)} <= ${nowSql}` : undefined,
  );

const countIncoming = builtOncePer((db, state: IncomingState) =>
  db.select({ n: count() }).from(bmbs).where(incomingWhere(state)).prepare(`count_incoming_bmbs.${state}`),
);

const incomingPage = builtOncePer((db, shape: `${IncomingState}.${ListSort}`) => {
  const [state, sort] = shape.split('.') as [IncomingState, ListSort];
  return db
    .select({
      id: bmbs.id,
      senderId: bmbs.senderId,
      sentAt: sentAtOf,
      patientId: toPatient.id,
      patientName: toPatient.name,
      counterpartId: sender.id,
      counterpartUsername: sender.username,
      counterpartName: sender.name,
      answerMessage: bmbs.answerMessage,
      devices: bmbDevicesLine,
    })
    .from(bmbs)
    .innerJoin(sender, bmbSender)
    .innerJoin(toPatient, bmbToPatient)
    .where(incomingWhere(state))
    .orderBy(...listOrder(sort, bmbs.sentAt, bmbs.id))
    .offset(sql.placeholder('offset'))
    .limit(sql.placeholder('limit'))
    .prepare(`list_incoming_bmbs.${shape}`);
});

/** Kvittera BMB, "Överta betalningsansvar via BMB": sent to this user and still answerable, a page at a time. */
export async function listIncomingBmbs(
  db: DbOrTx,
  workspaceId: string,
  receiverId: string,
  now: Date,
  options: ListPageRequest & { state: IncomingState },
): Promise<ListPage<IncomingRow>> {
  const values = { workspaceId, receiverId, now: now.toISOString() };
  return readListPage(
    options,
    async () => (await countIncoming(db, options.state).execute(values))[0]?.n ?? 0,
    (offset, limit) => incomingPage(db, `${options.state}.${options.sort}`).execute({ ...values, offset, limit }),
  );
}

// ---- Kvittera BMB, Meddelanden -------------------------------------------------

export interface UnansweredRow {
  id: string;
  sentAt: Date;
  patientId: string;
  patientName: string;
  sender: { id: string; username: string; name: string };
  receiver: { id: string; username: string; name: string };
  devices: string;
  /** Sent by this user (they may ask for an unlock); otherwise sent to them. */
  sentByMe: boolean;
  unlockRequested: boolean;
}

const unansweredInvolving = builtOnce((db) =>
  db
    .select({
      id: bmbs.id,
      sentAt: sentAtOf,
      patientId: toPatient.id,
      patientName: toPatient.name,
      sender: person(sender),
      receiver: person(receiver),
      devices: bmbDevicesLine,
      unlockRequested: hasOpenRequest(bmbs.id),
    })
    .from(bmbs)
    .innerJoin(sender, bmbSender)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(and(eq(bmbs.workspaceId, sql.placeholder('workspaceId')), isLockedSql(bmbs, nowSql), bmbInvolves(sql.placeholder('userId'))))
    .orderBy(desc(bmbs.sentAt), desc(bmbs.id))
    .limit(sql.placeholder('limit'))
    .prepare('list_unanswered_bmbs_involving'),
);

/**
 * "Ej besvarad BMB": locked unanswered, sent by or to this user, newest first.
 * The same columns either way: Avsändare and Mottagande förskrivare.
 */
export async function listUnansweredBmbsInvolving(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  now: Date,
  limit = 200,
): Promise<UnansweredRow[]> {
  const rows = await unansweredInvolving(db).execute({ workspaceId, userId, now: now.toISOString(), limit });
  return rows.map((row) => ({ ...row, sentByMe: row.sender.id === userId }));
}

export interface DeclinedRow {
  id: string;
  sentAt: Date;
  answeredAt: Date;
  patientId: string;
  patientName: string;
  receiver: { id: string; username: string; name: string };
  devices: string;
  answerMessage: string;
}

/*
 * The news lists look back `days` days from `now`: the first instant counted
 * is bound as `since`, the ISO text a timestamptz column's Date becomes.
 */
const sinceOf = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const unreadDeclined = builtOnce((db) =>
  db
    .select({
      id: bmbs.id,
      sentAt: sentAtOf,
      answeredAt: sql<Date>`${bmbs.answeredAt}`.mapWith(toDate),
      patientId: toPatient.id,
      patientName: toPatient.name,
      receiver: person(receiver),
      devices: bmbDevicesLine,
      answerMessage: sql<string>`coalesce(${bmbs.answerMessage}, '')`,
    })
    .from(bmbs)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(
      and(
        eq(bmbs.workspaceId, sql.placeholder('workspaceId')),
        eq(bmbs.senderId, sql.placeholder('senderId')),
        eq(bmbs.status, 'rejected'),
        gt(bmbs.answeredAt, sql.placeholder('since')),
        unreadBy(sql.placeholder('senderId'), 'rejected', bmbs.id),
      ),
    )
    .orderBy(desc(bmbs.answeredAt), desc(bmbs.id))
    .limit(sql.placeholder('limit'))
    .prepare('list_unread_declined_bmbs'),
);

/**
 * "Ej godkänt övertag av betalningsansvar via BMB": the sender's BMBs declined
 * in the last `days` days and not yet marked as read, newest answer first.
 */
export async function listUnreadDeclinedBmbs(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  days = 30,
  limit = 200,
): Promise<DeclinedRow[]> {
  return unreadDeclined(db).execute({ workspaceId, senderId, since: sinceOf(now, days), limit });
}

export interface LansserviceAnswerRow {
  /** What "Markera som läst" names: the BMB (unlocked) or the request (declined). */
  kind: 'unlocked' | 'unlock_declined';
  subjectId: string;
  bmbId: string;
  at: Date;
  patientId: string;
  patientName: string;
  receiverUsername: string;
  receiverName: string;
  devices: string;
  message: string;
}

const lansserviceAnswer = {
  bmbId: bmbs.id,
  patientId: toPatient.id,
  patientName: toPatient.name,
  receiverUsername: receiver.username,
  receiverName: receiver.name,
  devices: bmbDevicesLine,
};

const unreadUnlocked = builtOnce((db) =>
  db
    .select({
      ...lansserviceAnswer,
      subjectId: bmbs.id,
      at: sql<Date>`${bmbs.unlockedAt}`.mapWith(toDate),
      message: sql<string>`coalesce(${bmbs.unlockReason}, '')`,
    })
    .from(bmbs)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(
      and(
        eq(bmbs.workspaceId, sql.placeholder('workspaceId')),
        eq(bmbs.senderId, sql.placeholder('senderId')),
        eq(bmbs.status, 'unlocked'),
        gt(bmbs.unlockedAt, sql.placeholder('since')),
        unreadBy(sql.placeholder('senderId'), 'unlocked', bmbs.id),
      ),
    )
    .orderBy(desc(bmbs.unlockedAt))
    .limit(sql.placeholder('limit'))
    .prepare('list_unread_unlocked_bmbs'),
);

const unreadUnlockDeclined = builtOnce((db) =>
  db
    .select({
      ...lansserviceAnswer,
      subjectId: unlockRequests.id,
      at: sql<Date>`${unlockRequests.answeredAt}`.mapWith(toDate),
      message: sql<string>`coalesce(${unlockRequests.answerMessage}, '')`,
    })
    .from(unlockRequests)
    .innerJoin(bmbs, bmbOf(unlockRequests))
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(
      and(
        eq(unlockRequests.workspaceId, sql.placeholder('workspaceId')),
        eq(unlockRequests.requestedById, sql.placeholder('senderId')),
        eq(unlockRequests.status, 'declined'),
        gt(unlockRequests.answeredAt, sql.placeholder('since')),
        unreadBy(sql.placeholder('senderId'), 'unlock_declined', unlockRequests.id),
      ),
    )
    .orderBy(desc(unlockRequests.answeredAt))
    .limit(sql.placeholder('limit'))
    .prepare('list_unread_unlock_declined'),
);

/**
 * "Svar från Länsservice": what Länsservice did with the sender's locked BMBs
 * in the last `days` days (unlocked with a reason, or a request declined),
 * newest first, without the ones marked as read.
 */
export async function listUnreadLansserviceAnswers(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  days = 30,
  limit = 200,
): Promise<LansserviceAnswerRow[]> {
  const values = { workspaceId, senderId, since: sinceOf(now, days), limit };
  const [unlocked, declined] = await Promise.all([
    unreadUnlocked(db).execute(values),
    unreadUnlockDeclined(db).execute(values),
  ]);
  return [
    ...unlocked.map((r) => ({ ...r, kind: 'unlocked' as const })),
    ...declined.map((r) => ({ ...r, kind: 'unlock_declined' as const })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}

// ---- Skickade BMB --------------------------------------------------------------

/** The states Skickade BMB filters on: what the Status column says, and "Upplåsning begärd". */
export const sentBmbStates = [
  'all',
  'draft',
  'waiting',
  'locked',
  'unlock-requested',
  'accepted',
  'rejected',
  'unlocked',
] as const;
export type SentBmbState = (typeof sentBmbStates)[number];

export interface SentListRow {
  id: string;
  status: (typeof bmbs.$inferSelect)['status'];
  createdAt: Date;
  sentAt: Date | null;
  answeredAt: Date | null;
  answerMessage: string | null;
  receiverUsername: string;
  receiverName: string;
  /** Shown by name: the page records the access (docs/decisions/009). */
  patientId: string;
  patientName: string;
  devices: string;
  /** When the sender asked Länsservice to unlock it, while that request is open. */
  unlockRequestedAt: Date | null;
}

function sentStateSql(state: SentBmbState): SQL | undefined {
  switch (state) {
    case 'all':
      return sql`${bmbs.status} <> 'discarded'`;
    case 'draft':
      return sql`${bmbs.status} = 'draft'`;
    case 'waiting':
      return isWaitingSql(bmbs, nowSql);
    case 'locked':
      return isLockedSql(bmbs, nowSql);
    case 'unlock-requested':
      return and(isLockedSql(bmbs, nowSql), hasOpenRequest(bmbs.id));
    case 'accepted':
      return sql`${bmbs.status} = 'accepted'`;
    case 'rejected':
      return sql`${bmbs.status} = 'rejected'`;
    case 'unlocked':
      return sql`${bmbs.status} = 'unlocked'`;
  }
}

const sentWhere = (state: SentBmbState) =>
  and(eq(bmbs.workspaceId, sql.placeholder('workspaceId')), eq(bmbs.senderId, sql.placeholder('senderId')), sentStateSql(state));

const countSent = builtOncePer((db, state: SentBmbState) =>
  db.select({ n: count() }).from(bmbs).where(sentWhere(state)).prepare(`count_sent_bmbs.${state}`),
);

const sentPage = builtOncePer((db, shape: `${SentBmbState}.${ListSort}`) => {
  const [state, sort] = shape.split('.') as [SentBmbState, ListSort];
  return db
    .select({
      id: bmbs.id,
      status: bmbs.status,
      createdAt: bmbs.createdAt,
      sentAt: bmbs.sentAt,
      answeredAt: bmbs.answeredAt,
      answerMessage: bmbs.answerMessage,
      receiverUsername: receiver.username,
      receiverName: receiver.name,
      patientId: toPatient.id,
      patientName: toPatient.name,
      devices: bmbDevicesLine,
      unlockRequestedAt: openRequest.createdAt,
    })
    .from(bmbs)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .leftJoin(
      openRequest,
      and(eq(openRequest.workspaceId, bmbs.workspaceId), eq(openRequest.bmbId, bmbs.id), eq(openRequest.status, 'open')),
    )
    .where(sentWhere(state))
    .orderBy(...listOrder(sort, sql`coalesce(${bmbs.sentAt}, ${bmbs.createdAt})`, bmbs.id))
    .offset(sql.placeholder('offset'))
    .limit(sql.placeholder('limit'))
    .prepare(`list_sent_bmbs.${shape}`);
});

/** Skickade BMB: the sender's BMBs (discarded drafts left out), by date, filtered by state, a page at a time. */
export async function listSentBmbs(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  options: ListPageRequest & { state: SentBmbState },
): Promise<ListPage<SentListRow>> {
  const values = { workspaceId, senderId, now: now.toISOString() };
  return readListPage(
    options,
    async () => (await countSent(db, options.state).execute(values))[0]?.n ?? 0,
    (offset, limit) => sentPage(db, `${options.state}.${options.sort}`).execute({ ...values, offset, limit }),
  );
}
