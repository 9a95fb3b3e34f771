import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  bmbs,
  deliveryAddresses,
  loans,
  payers,
  prescriberDeliveryAddresses,
  prescriberPayers,
} from '../schema';

export interface CareUnitChoice {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
}

/** Betalare the receiver may choose: their own, default first. */
export async function listPayersOf(db: DbOrTx, workspaceId: string, prescriberId: string): Promise<CareUnitChoice[]> {
  return db
    .select({ id: payers.id, code: payers.code, name: payers.name, isDefault: prescriberPayers.isDefault })
    .from(prescriberPayers)
    .innerJoin(payers, and(eq(payers.workspaceId, prescriberPayers.workspaceId), eq(payers.id, prescriberPayers.payerId)))
    .where(and(eq(prescriberPayers.workspaceId, workspaceId), eq(prescriberPayers.prescriberId, prescriberId)))
    .orderBy(sql`${prescriberPayers.isDefault} desc`, asc(payers.code));
}

/** Kund/leveransadresser the receiver may choose: their own, default first. */
export async function listDeliveryAddressesOf(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
): Promise<CareUnitChoice[]> {
  return db
    .select({
      id: deliveryAddresses.id,
      code: deliveryAddresses.code,
      name: deliveryAddresses.name,
      isDefault: prescriberDeliveryAddresses.isDefault,
    })
    .from(prescriberDeliveryAddresses)
    .innerJoin(
      deliveryAddresses,
      and(
        eq(deliveryAddresses.workspaceId, prescriberDeliveryAddresses.workspaceId),
        eq(deliveryAddresses.id, prescriberDeliveryAddresses.deliveryAddressId),
      ),
    )
    .where(
      and(
        eq(prescriberDeliveryAddresses.workspaceId, workspaceId),
        eq(prescriberDeliveryAddresses.prescriberId, prescriberId),
      ),
    )
    .orderBy(sql`${prescriberDeliveryAddresses.isDefault} desc`, asc(deliveryAddresses.code));
}

export interface LoanHolder {
  patientId: string;
  prescriberId: string;
  payerId: string;
  deliveryAddressId: string;
  position: number;
}

export interface LoanMove {
  loanId: string;
  before: LoanHolder;
  after: LoanHolder;
}

/**
 * Ja: every loan of the BMB goes to the receiver, with the payer and address
 * they chose, and to the new patient for a patient-to-patient BMB (at the end
 * of that patient's list). Call inside the answer's transaction.
 */
export async function moveLoans(
  tx: DbOrTx,
  workspaceId: string,
  loanIds: string[],
  to: { prescriberId: string; payerId: string; deliveryAddressId: string; patientId: string },
  at: Date,
): Promise<LoanMove[]> {
  const current = await tx
    .select({
      loanId: loans.id,
      patientId: loans.patientId,
      prescriberId: loans.prescriberId,
      payerId: loans.payerId,
      deliveryAddressId: loans.deliveryAddressId,
      position: loans.position,
    })
    .from(loans)
    .where(and(eq(loans.workspaceId, workspaceId), inArray(loans.id, loanIds)))
    .orderBy(loans.position, loans.id)
    .for('update');

  const [last] = await tx
    .select({ max: sql<number>`coalesce(max(${loans.position}), 0)::int` })
    .from(loans)
    .where(and(eq(loans.workspaceId, workspaceId), eq(loans.patientId, to.patientId)));
  let nextPosition = last?.max ?? 0;

  const moves: LoanMove[] = [];
  for (const { loanId, ...before } of current) {
    const samePatient = before.patientId === to.patientId;
    const after: LoanHolder = {
      patientId: to.patientId,
      prescriberId: to.prescriberId,
      payerId: to.payerId,
      deliveryAddressId: to.deliveryAddressId,
      position: samePatient ? before.position : ++nextPosition,
    };
    await tx
      .update(loans)
      .set({ ...after, updatedAt: at })
      .where(and(eq(loans.workspaceId, workspaceId), eq(loans.id, loanId)));
    moves.push({ loanId, before, after });
  }
  return moves;
}

export async function markAnswered(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  answer: {
    status: 'accepted' | 'rejected';
    at: Date;
    message: string;
    deliveryAddressId: string | null;
    payerId: string | null;
  },
): Promise<void> {
  await tx
    .update(bmbs)
    .set({
      status: answer.status,
      answeredAt: answer.at,
      answerMessage: answer.message,
      chosenDeliveryAddressId: answer.deliveryAddressId,
      chosenPayerId: answer.payerId,
      updatedAt: answer.at,
    })
    .where(and(eq(bmbs.workspaceId, workspaceId), eq(bmbs.id, bmbId), eq(bmbs.status, 'sent')));
}
