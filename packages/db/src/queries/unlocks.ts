import type { AdminScope } from '@bmb/domain';
import { and, asc, count, desc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { articles, bmbs, patients, units, unlockRequests } from '../schema';
import {
  bmbConcernsPatient,
  bmbDevicesText,
  bmbOf,
  bmbReceiver,
  bmbSender,
  bmbToPatient,
  receiver,
  sender,
  toPatient,
} from './bmb-joins';
import { afterBmb, BMB_PAGE_SIZE, bmbPageLimit, bmbPageOrder, toBmbPage, type BmbPage, type BmbPageRequest } from './bmb-pages';
import { deadlineSql, isLockedSql, timestamptzPlaceholder } from './deadline-sql';
import { countOpenUnlockRequests } from './overview';
import { listOrder, readListPage, type ListPage, type ListPageRequest, type ListSort } from './list-paging';
import { builtOncePer } from './prepared';

const openRequest = alias(unlockRequests, 'open_request');

/** Articles and individ numbers of a BMB, as one line of text. */
const devicesOf = bmbDevicesText(
  sql`${articles.articleNo} || ' ' || ${articles.name} || coalesce(' (individ ' || ${units.individNo} || ')', '')`,
);

/*
 * The lists of Låsta BMB are built once per database handle and shape
 * (prepared.ts): the sort order, the state filter and which parts of the
 * search are given pick the statement; every value is a placeholder bound at
 * `execute`. `now` is bound as ISO text and cast, as timestamptz() in
 * deadline-sql.ts writes it: Drizzle maps a Date only through a column.
 */
const nowSql = timestamptzPlaceholder('now');

export interface LockedBmbRow {
  id: string;
  sentAt: Date;
  deadline: Date;
  senderUsername: string;
  senderName: string;
  receiverUsername: string;
  receiverName: string;
  /** Shown by name: the page records the access (docs/decisions/009). */
  patientId: string;
  patientName: string;
  devices: string;
  requestId: string | null;
  requestedAt: Date | null;
  requestMessage: string | null;
}

const toDate = (v: string | Date) => new Date(v);

function lockedBmbsQuery(db: DbOrTx) {
  return db
    .select({
      id: bmbs.id,
      sentAt: sql<Date>`${bmbs.sentAt}`.mapWith(toDate),
      deadline: sql<Date>`${deadlineSql(bmbs.sentAt)}`.mapWith(toDate),
      senderUsername: sender.username,
      senderName: sender.name,
      receiverUsername: receiver.username,
      receiverName: receiver.name,
      patientId: toPatient.id,
      patientName: toPatient.name,
      devices: devicesOf,
      requestId: openRequest.id,
      requestedAt: openRequest.createdAt,
      requestMessage: openRequest.message,
    })
    .from(bmbs)
    .innerJoin(sender, bmbSender)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .leftJoin(
      openRequest,
      and(eq(openRequest.workspaceId, bmbs.workspaceId), eq(openRequest.bmbId, bmbs.id), eq(openRequest.status, 'open')),
    )
    .$dynamic();
}

const isLocked = and(eq(bmbs.workspaceId, sql.placeholder('workspaceId')), isLockedSql(bmbs, nowSql));

export interface LockedBmbFilter {
  /** A username or part of a name (sender or receiver), an article or individ number, or part of a patient's name. */
  query?: string;
  /** The patient (from or to) found by a personnummer: the number itself never reaches a query string. */
  patientId?: string;
  requestedOnly?: boolean;
}

/**
 * A search as the statement's shape, which of its parts are given ("query",
 * "patient", "requested-only", joined by "+"), and the values to bind.
 */
function lockedSearch(filter: LockedBmbFilter) {
  const q = (filter.query ?? '').trim().replace(/[%_\\]/g, '');
  const given = [q && 'query', filter.patientId && 'patient', filter.requestedOnly && 'requested-only'];
  return {
    shape: given.filter(Boolean).join('+'),
    values: { startsWith: `${q}%`, contains: `%${q}%`, patientId: filter.patientId ?? null },
  };
}

function lockedFilterSql(shape: string): SQL | undefined {
  const given = shape.split('+');
  const contains = sql.placeholder('contains');
  return and(
    given.includes('requested-only') ? sql`${openRequest.id} is not null` : undefined,
    given.includes('patient') ? bmbConcernsPatient(sql.placeholder('patientId')) : undefined,
    given.includes('query')
      ? or(
          ilike(sender.username, sql.placeholder('startsWith')),
          ilike(receiver.username, sql.placeholder('startsWith')),
          // The caller on the phone names people, not usernames.
          ilike(sender.name, contains),
          ilike(receiver.name, contains),
          ilike(toPatient.name, contains),
          // The patient the devices leave, where a BMB goes between patients.
          sql`exists (select 1 from ${patients} fp where fp.workspace_id = ${bmbs.workspaceId}
            and fp.id = ${bmbs.fromPatientId} and fp.name ilike ${contains})`,
          sql`${devicesOf} ilike ${contains}`,
        )
      : undefined,
  );
}

const lockedAfter = builtOncePer((db, key: `${string}.${'first' | 'after'}`) => {
  const [search, from] = key.split('.') as [string, 'first' | 'after'];
  return lockedBmbsQuery(db)
    .where(and(isLocked, lockedFilterSql(search), from === 'after' ? afterBmb(sql.placeholder('workspaceId'), sql.placeholder('after')) : undefined))
    .orderBy(...bmbPageOrder)
    .limit(sql.placeholder('limit'))
    .prepare(`list_locked_bmbs_after.${key}`);
});

/** Admin → Låsta BMB: locked BMBs, oldest first, a page at a time, found by user, device or patient. */
export async function listLockedBmbs(
  db: DbOrTx,
  admin: AdminScope,
  now: Date,
  filter: LockedBmbFilter = {},
  page: BmbPageRequest = { size: BMB_PAGE_SIZE },
): Promise<BmbPage<LockedBmbRow>> {
  const { workspaceId } = admin;
  const search = lockedSearch(filter);
  const rows = await lockedAfter(db, `${search.shape}.${page.after ? 'after' : 'first'}`).execute({
    workspaceId,
    now: now.toISOString(),
    ...search.values,
    after: page.after ?? null,
    limit: bmbPageLimit(page),
  });
  return toBmbPage(rows, page.size);
}

/** Låsta BMB's state filter: every locked BMB, or those whose sender has (not) asked for an unlock. */
export type LockedBmbState = 'all' | 'requested' | 'not-requested';

const lockedPageWhere = (state: LockedBmbState, search: string) =>
  and(
    isLocked,
    lockedFilterSql(search),
    state === 'requested' ? sql`${openRequest.id} is not null` : undefined,
    state === 'not-requested' ? sql`${openRequest.id} is null` : undefined,
  );

/*
 * The count joins only what its filter reads: the people and the patient for a text search, the
 * open request for a state or "requested only". Every BMB has its sender, receiver and patient, so
 * the inner joins never change the count, but the planner cannot know that, and at region scale
 * it paid 16 ms (three index probes per locked BMB, in parallel workers) for a count that needs
 * none of them.
 */
const countLockedPage = builtOncePer((db, key: `${LockedBmbState}.${string}`) => {
  const [state, search] = key.split('.') as [LockedBmbState, string];
  const given = search.split('+');
  let query = db.select({ n: count() }).from(bmbs).$dynamic();
  if (given.includes('query'))
    query = query.innerJoin(sender, bmbSender).innerJoin(receiver, bmbReceiver).innerJoin(toPatient, bmbToPatient);
  if (state !== 'all' || given.includes('requested-only'))
    query = query.leftJoin(
      openRequest,
      and(eq(openRequest.workspaceId, bmbs.workspaceId), eq(openRequest.bmbId, bmbs.id), eq(openRequest.status, 'open')),
    );
  return query.where(lockedPageWhere(state, search)).prepare(`count_locked_bmbs.${key}`);
});

const lockedPage = builtOncePer((db, key: `${ListSort}.${LockedBmbState}.${string}`) => {
  const [sort, state, search] = key.split('.') as [ListSort, LockedBmbState, string];
  return lockedBmbsQuery(db)
    .where(lockedPageWhere(state, search))
    .orderBy(...listOrder(sort, bmbs.sentAt, bmbs.id))
    .offset(sql.placeholder('offset'))
    .limit(sql.placeholder('limit'))
    .prepare(`list_locked_bmbs.${key}`);
});

/**
 * Admin → Låsta BMB, "Alla låsta BMB" at region scale: newest or oldest first,
 * filtered by state and the search, a numbered page at a time with the total.
 */
export async function listLockedBmbsPage(
  db: DbOrTx,
  admin: AdminScope,
  now: Date,
  filter: LockedBmbFilter,
  options: ListPageRequest & { state: LockedBmbState },
): Promise<ListPage<LockedBmbRow>> {
  const search = lockedSearch(filter);
  const values = { workspaceId: admin.workspaceId, now: now.toISOString(), ...search.values };
  return readListPage(
    options,
    async () => (await countLockedPage(db, `${options.state}.${search.shape}`).execute(values))[0]?.n ?? 0,
    (offset, limit) =>
      lockedPage(db, `${options.sort}.${options.state}.${search.shape}`).execute({ ...values, offset, limit }),
  );
}

const unlockRequestQueue = builtOncePer((db, search: string) =>
  lockedBmbsQuery(db)
    .where(and(isLocked, sql`${openRequest.id} is not null`, lockedFilterSql(search)))
    .orderBy(asc(openRequest.createdAt), asc(openRequest.id))
    .limit(sql.placeholder('limit'))
    .prepare(`list_unlock_request_queue.${search}`),
);

/**
 * Admin → Låsta BMB, "Begärd upplåsning": the oldest `size` open requests
 * first, and how many there are in all. Answered ones leave the queue, so the
 * queue needs no paging: the next ones move up.
 */
export async function listUnlockRequestQueue(
  db: DbOrTx,
  admin: AdminScope,
  now: Date,
  size = BMB_PAGE_SIZE,
  filter: LockedBmbFilter = {},
): Promise<{ rows: (LockedBmbRow & { requestId: string; requestedAt: Date })[]; total: number }> {
  const search = lockedSearch(filter);
  const [rows, counted] = await Promise.all([
    unlockRequestQueue(db, search.shape).execute({
      workspaceId: admin.workspaceId,
      now: now.toISOString(),
      ...search.values,
      limit: size,
    }),
    countOpenUnlockRequests(db, admin),
  ]);
  return {
    rows: rows.filter((r): r is LockedBmbRow & { requestId: string; requestedAt: Date } => r.requestId !== null && r.requestedAt !== null),
    total: counted,
  };
}

/** Unlock: the BMB closes as Upplåst, its lines follow (cascade) and the loans are free. */
export async function markUnlocked(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  unlock: { adminId: string; reason: string; at: Date },
): Promise<void> {
  await tx
    .update(bmbs)
    .set({
      status: 'unlocked',
      unlockedAt: unlock.at,
      unlockedById: unlock.adminId,
      unlockReason: unlock.reason,
      updatedAt: unlock.at,
    })
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId), eq(bmbs.status, 'sent')));
}

/** Closes the BMB's open request, if any, with Länsservice's answer. Returns its id. */
export async function closeOpenUnlockRequest(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  answer: { status: 'unlocked' | 'declined'; adminId: string; at: Date; message: string },
): Promise<string | null> {
  const [row] = await tx
    .update(unlockRequests)
    .set({ status: answer.status, answeredById: answer.adminId, answeredAt: answer.at, answerMessage: answer.message })
    .where(
      and(eq(unlockRequests.workspaceId, workspaceId), eq(unlockRequests.bmbId, bmbId), eq(unlockRequests.status, 'open')),
    )
    .returning({ id: unlockRequests.id });
  return row?.id ?? null;
}

export async function createUnlockRequest(
  tx: DbOrTx,
  workspaceId: string,
  request: { bmbId: string; requestedById: string; message: string; at: Date },
): Promise<string> {
  const [row] = await tx
    .insert(unlockRequests)
    .values({ workspaceId, bmbId: request.bmbId, requestedById: request.requestedById, message: request.message, createdAt: request.at })
    .returning({ id: unlockRequests.id });
  return row!.id;
}

export type UnlockRequest = typeof unlockRequests.$inferSelect;

/** The BMB's unlock requests, newest first (the sender's view on the BMB page). */
export async function listUnlockRequestsForBmb(db: DbOrTx, workspaceId: string, bmbId: string): Promise<UnlockRequest[]> {
  return db
    .select()
    .from(unlockRequests)
    .where(and(eq(unlockRequests.workspaceId, workspaceId), eq(unlockRequests.bmbId, bmbId)))
    .orderBy(desc(unlockRequests.createdAt));
}

export interface UnlockNewsRow {
  bmbId: string;
  at: Date;
  /** Shown by name: the page records the access (docs/decisions/009). */
  patientId: string;
  patientName: string;
  receiverUsername: string;
  outcome: 'unlocked' | 'declined';
  message: string;
}

/**
 * Meddelanden for the sender: what Länsservice did with their locked BMBs in
 * the last `days` days (unlocked, with the reason; or a request declined).
 */
export async function listUnlockNewsForSender(
  db: DbOrTx,
  workspaceId: string,
  senderId: string,
  now: Date,
  days = 30,
): Promise<UnlockNewsRow[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  // Both kinds of news show the same: the BMB, its patient and receiver, when, and Länsservice's words.
  const news = (at: AnyPgColumn, message: AnyPgColumn) => ({
    bmbId: bmbs.id,
    at: sql<Date>`${at}`.mapWith(toDate),
    patientId: toPatient.id,
    patientName: toPatient.name,
    receiverUsername: receiver.username,
    message: sql<string>`coalesce(${message}, '')`,
  });
  const unlocked = await db
    .select(news(bmbs.unlockedAt, bmbs.unlockReason))
    .from(bmbs)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(
      and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.senderId, senderId), eq(bmbs.status, 'unlocked'), gt(bmbs.unlockedAt, since)),
    );
  const declined = await db
    .select(news(unlockRequests.answeredAt, unlockRequests.answerMessage))
    .from(unlockRequests)
    .innerJoin(bmbs, bmbOf(unlockRequests))
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(toPatient, bmbToPatient)
    .where(
      and(
        eq(unlockRequests.workspaceId, workspaceId),
        eq(unlockRequests.requestedById, senderId),
        eq(unlockRequests.status, 'declined'),
        gt(unlockRequests.answeredAt, since),
      ),
    );
  return [
    ...unlocked.map((r) => ({ ...r, outcome: 'unlocked' as const })),
    ...declined.map((r) => ({ ...r, outcome: 'declined' as const })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The BMB an unlock request is about, without locking anything (to lock the BMB first: see answerUnlockRequest). */
export async function findUnlockRequestBmbId(db: DbOrTx, workspaceId: string, requestId: string): Promise<string | null> {
  const [row] = await db
    .select({ bmbId: unlockRequests.bmbId })
    .from(unlockRequests)
    .where(and(eq(unlockRequests.workspaceId, workspaceId), eq(unlockRequests.id, requestId)));
  return row?.bmbId ?? null;
}

/** An unlock request, locked to the end of the transaction. */
export async function findUnlockRequestForUpdate(tx: DbOrTx, workspaceId: string, requestId: string): Promise<UnlockRequest | null> {
  const [row] = await tx
    .select()
    .from(unlockRequests)
    .where(and(eq(unlockRequests.workspaceId, workspaceId), eq(unlockRequests.id, requestId)))
    .for('update');
  return row ?? null;
}

/** Länsservice declines a request: the BMB stays locked, the message says why. */
export async function declineUnlockRequest(
  tx: DbOrTx,
  workspaceId: string,
  requestId: string,
  answer: { adminId: string; at: Date; message: string },
): Promise<void> {
  await tx
    .update(unlockRequests)
    .set({ status: 'declined', answeredById: answer.adminId, answeredAt: answer.at, answerMessage: answer.message })
    .where(and(eq(unlockRequests.workspaceId, workspaceId), eq(unlockRequests.id, requestId)));
}
