import { and, isNull, eq, ilike, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  bmbFromPatient,
  bmbReceiver,
  bmbSender,
  bmbToPatient,
  fromPatient,
  lineLoan,
  receiver,
  sender,
  toPatient,
} from './bmb-joins';
import { workspaceClockSql } from './clock';
import { builtOnce } from './prepared';
import { loanArticle, loanDeliveryAddress, loanPayer, loanUnit } from './loan-joins';
import {
  articles,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  payers,
  prescribers,
  units,
} from '../schema';

export type Bmb = typeof bmbs.$inferSelect;

/** The receiver's choice on a BMB answered Ja, beside the loans' own (current) ones. */
const chosenAddress = alias(deliveryAddresses, 'chosen_address');
const chosenPayer = alias(payers, 'chosen_payer');

/** Suggestions for "Ny förskrivare/betalare": active prescribers by username or name. */
export async function searchActivePrescribers(
  db: DbOrTx,
  workspaceId: string,
  query: string,
  limit = 10,
): Promise<{ username: string; name: string }[]> {
  const q = query.trim().replace(/[%_\\]/g, '');
  if (q.length === 0) return [];
  return db
    .select({ username: prescribers.username, name: prescribers.name })
    .from(prescribers)
    .where(
      and(
        eq(prescribers.workspaceId, workspaceId),
        eq(prescribers.active, true),
        or(ilike(prescribers.username, `${q}%`), ilike(prescribers.name, `%${q}%`)),
      ),
    )
    .orderBy(prescribers.username)
    .limit(limit);
}

export interface DraftValues {
  workspaceId: string;
  senderId: string;
  receiverId: string;
  fromPatientId: string;
  toPatientId: string;
  bmbDate: string;
  message: string;
  needsAssessmentConfirmed: boolean;
  deviceSafeConfirmed: boolean;
  loanIds: string[];
}

/**
 * Creates a draft, or replaces the content of the sender's own draft. Returns
 * the id and the loans it held before (for the audit trail), or null when
 * `bmbId` is not a draft of this sender.
 */
export async function saveDraft(
  tx: DbOrTx,
  values: DraftValues,
  bmbId?: string,
): Promise<{ id: string; previousLoanIds: string[] } | null> {
  const { workspaceId, loanIds, ...fields } = values;
  let id: string;
  let previousLoanIds: string[] = [];
  if (bmbId) {
    const [updated] = await tx
      .update(bmbs)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(
        and(
          eq(bmbs.workspaceId, workspaceId),
          eq(bmbs.id, bmbId),
          eq(bmbs.senderId, values.senderId),
          eq(bmbs.status, 'draft'),
        ),
      )
      .returning({ id: bmbs.id });
    if (!updated) return null;
    id = updated.id;
    // A draft's rows are not yet a transaction; the audit event keeps what they were.
    const old = await tx
      .delete(bmbLines)
      .where(and(eq(bmbLines.workspaceId, workspaceId), eq(bmbLines.bmbId, id)))
      .returning({ loanId: bmbLines.loanId });
    previousLoanIds = old.map((l) => l.loanId);
  } else {
    const [created] = await tx
      .insert(bmbs)
      .values({ workspaceId, ...fields })
      .returning({ id: bmbs.id });
    id = created!.id;
  }
  await tx
    .insert(bmbLines)
    .values([...new Set(loanIds)].map((loanId) => ({ workspaceId, bmbId: id, loanId })));
  return { id, previousLoanIds };
}

/** The BMB row itself, as it is now. */
export async function findBmb(db: DbOrTx, workspaceId: string, bmbId: string): Promise<Bmb | null> {
  const [row] = await db
    .select()
    .from(bmbs)
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId)));
  return row ?? null;
}

/** The BMB, locked for the rest of the transaction. */
export async function findBmbForUpdate(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
): Promise<Bmb | null> {
  const [row] = await tx
    .select()
    .from(bmbs)
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId)))
    .for('update');
  return row ?? null;
}

/**
 * findBmbForUpdate and the workspace clock (clock.ts) in one statement: a
 * command that locks a BMB and then judges its deadline needs both, and each
 * round trip inside the transaction holds the lock longer (issue 21).
 */
export async function findBmbForUpdateWithClock(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
): Promise<{ bmb: Bmb; now: Date } | null> {
  const [row] = await tx
    .select({ bmb: bmbs, now: sql<string>`${workspaceClockSql(workspaceId)}::text` })
    .from(bmbs)
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId)))
    .for('update', { of: bmbs });
  return row ? { bmb: row.bmb, now: new Date(row.now) } : null;
}

/**
 * Locks the loans of the BMB's open lines (in id order, so that concurrent
 * senders cannot deadlock) and returns their ids: findBmbLoanIds and
 * lockLoans in one statement.
 */
export async function lockBmbLoans(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
): Promise<string[]> {
  const rows = await tx
    .select({ id: loans.id })
    .from(loans)
    .innerJoin(
      bmbLines,
      and(eq(bmbLines.workspaceId, loans.workspaceId), eq(bmbLines.loanId, loans.id)),
    )
    .where(
      and(eq(loans.workspaceId, workspaceId), eq(bmbLines.bmbId, bmbId), isNull(bmbLines.closedAt)),
    )
    .orderBy(loans.id)
    .for('update', { of: loans });
  return rows.map((r) => r.id);
}

/** The loans of the BMB's open lines: a line closes when its device goes back to Länsservice. */
export async function findBmbLoanIds(
  db: DbOrTx,
  workspaceId: string,
  bmbId: string,
): Promise<string[]> {
  const rows = await db
    .select({ loanId: bmbLines.loanId })
    .from(bmbLines)
    .where(
      and(
        eq(bmbLines.workspaceId, workspaceId),
        eq(bmbLines.bmbId, bmbId),
        isNull(bmbLines.closedAt),
      ),
    );
  return rows.map((r) => r.loanId);
}

/** Verkställ: draft → sent. Lines follow through the cascading key; the database refuses a loan in two open BMBs. */
export async function markSent(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  sendKey: string,
  sentAt: Date,
  bmbDate: string,
): Promise<void> {
  await tx
    .update(bmbs)
    .set({ status: 'sent', sendKey, sentAt, bmbDate, updatedAt: sentAt })
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId), eq(bmbs.status, 'draft')));
}

export async function markDiscarded(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(bmbs)
    .set({ status: 'discarded', discardedAt: at, updatedAt: at })
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId), eq(bmbs.status, 'draft')));
}

export interface BmbLineDetails {
  loanId: string;
  articleNo: string;
  articleName: string;
  articleKind: 'H' | 'T' | 'R';
  priceOre: number;
  patientFee: boolean;
  individNo: string | null;
  quantity: number;
  payerCode: string;
  payerName: string;
  deliveryAddressCode: string;
  deliveryAddressName: string;
  /** Set when the device went back to Länsservice while the BMB waited: the line can no longer be taken over. */
  closedAt: Date | null;
  closedReason: 'returned' | null;
}

export interface PersonCard {
  id: string;
  username: string;
  name: string;
  phone: string;
  mobile: string;
  fax: string;
  email: string;
}

/** A Kund/leveransadress or Betalare as the pages show it. */
export interface CareUnitName {
  code: string;
  name: string;
}

export interface BmbDetails {
  bmb: Bmb;
  /**
   * The receiver's choice when they answered Ja (bmbs.chosen_*): the BMB's own
   * Kund/leveransadress and Betalare, whatever the loans carry today. Null
   * until then, and for ever on any other outcome.
   */
  chosenDeliveryAddress: CareUnitName | null;
  chosenPayer: CareUnitName | null;
  sender: PersonCard;
  receiver: PersonCard;
  fromPatient: { id: string; name: string; personnummer: string };
  toPatient: { id: string; name: string; personnummer: string };
  lines: BmbLineDetails[];
}

function card(p: typeof sender | typeof receiver) {
  return {
    id: p.id,
    username: p.username,
    name: p.name,
    phone: p.phone,
    mobile: p.mobile,
    fax: p.fax,
    email: p.email,
  };
}

// A BMB's page reads these two on every view, and again after Verkställ (prepared.ts).
const bmbDetailsQuery = builtOnce((db) =>
  db
    .select({
      bmb: bmbs,
      sender: card(sender),
      receiver: card(receiver),
      fromPatient: {
        id: fromPatient.id,
        name: fromPatient.name,
        personnummer: fromPatient.personnummer,
      },
      toPatient: { id: toPatient.id, name: toPatient.name, personnummer: toPatient.personnummer },
      chosenDeliveryAddressCode: chosenAddress.code,
      chosenDeliveryAddressName: chosenAddress.name,
      chosenPayerCode: chosenPayer.code,
      chosenPayerName: chosenPayer.name,
    })
    .from(bmbs)
    .innerJoin(sender, bmbSender)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(fromPatient, bmbFromPatient)
    .innerJoin(toPatient, bmbToPatient)
    .leftJoin(
      chosenAddress,
      and(
        eq(chosenAddress.workspaceId, bmbs.workspaceId),
        eq(chosenAddress.id, bmbs.chosenDeliveryAddressId),
      ),
    )
    .leftJoin(
      chosenPayer,
      and(eq(chosenPayer.workspaceId, bmbs.workspaceId), eq(chosenPayer.id, bmbs.chosenPayerId)),
    )
    .where(
      and(
        eq(bmbs.workspaceId, sql.placeholder('workspaceId')),
        eq(bmbs.id, sql.placeholder('bmbId')),
      ),
    )
    .prepare('find_bmb_details'),
);
const bmbDetailLinesQuery = builtOnce((db) =>
  db
    .select({
      loanId: loans.id,
      articleNo: articles.articleNo,
      articleName: articles.name,
      articleKind: articles.kind,
      priceOre: articles.priceOre,
      patientFee: articles.patientFee,
      individNo: units.individNo,
      quantity: loans.quantity,
      payerCode: payers.code,
      payerName: payers.name,
      deliveryAddressCode: deliveryAddresses.code,
      deliveryAddressName: deliveryAddresses.name,
      closedAt: bmbLines.closedAt,
      closedReason: bmbLines.closedReason,
    })
    .from(bmbLines)
    .innerJoin(loans, lineLoan)
    .innerJoin(articles, loanArticle)
    .leftJoin(units, loanUnit)
    .innerJoin(payers, loanPayer)
    .innerJoin(deliveryAddresses, loanDeliveryAddress)
    .where(
      and(
        eq(bmbLines.workspaceId, sql.placeholder('workspaceId')),
        eq(bmbLines.bmbId, sql.placeholder('bmbId')),
      ),
    )
    .orderBy(loans.position)
    .prepare('find_bmb_detail_lines'),
);

/** Everything the BMB screens show about one BMB. The caller decides who may see it. */
export async function findBmbDetails(
  db: DbOrTx,
  workspaceId: string,
  bmbId: string,
): Promise<BmbDetails | null> {
  const [head] = await bmbDetailsQuery(db).execute({ workspaceId, bmbId });
  if (!head) return null;
  const {
    chosenDeliveryAddressCode,
    chosenDeliveryAddressName,
    chosenPayerCode,
    chosenPayerName,
    ...parties
  } = head;

  const lines = await bmbDetailLinesQuery(db).execute({ workspaceId, bmbId });
  return {
    ...parties,
    chosenDeliveryAddress:
      chosenDeliveryAddressCode !== null && chosenDeliveryAddressName !== null
        ? { code: chosenDeliveryAddressCode, name: chosenDeliveryAddressName }
        : null,
    chosenPayer:
      chosenPayerCode !== null && chosenPayerName !== null
        ? { code: chosenPayerCode, name: chosenPayerName }
        : null,
    lines,
  };
}
