import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { bmbOf } from './bmb-joins';
import {
  loanArticle,
  loanDeliveryAddress,
  loanPayer,
  loanPrescriber,
  loanUnit,
} from './loan-joins';
import { builtOnce } from './prepared';
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

/** One row of the Hjälpmedel list (manual: Pos, Artikel, Benämning, Individ, Ord.datum, Antal, Lev.datum, Antal). */
export interface PatientLoanRow {
  id: string;
  position: number;
  articleNo: string;
  articleName: string;
  articleKind: 'H' | 'T' | 'R';
  individNo: string | null;
  quantity: number;
  orderedOn: string;
  orderedQuantity: number;
  deliveredOn: string | null;
  deliveredQuantity: number | null;
  prescriberId: string;
  prescriberUsername: string;
  /** Who holds the device now: after an accepted BMB, its receiver (issue 19, item 8). */
  prescriberName: string;
  payerCode: string;
  payerName: string;
  deliveryAddressCode: string;
  deliveryAddressName: string;
  patientId: string;
  patientFee: boolean;
  /** `sentAt` of the sent BMB holding this loan now (waiting or locked), if any. */
  openBmbSentAt: Date | null;
}

/** The devices a patient holds now (returned ones are history, shown on Individkort). */
const patientLoansQuery = builtOnce((db) =>
  db
    .select({
      id: loans.id,
      position: loans.position,
      articleNo: articles.articleNo,
      articleName: articles.name,
      articleKind: articles.kind,
      individNo: units.individNo,
      quantity: loans.quantity,
      orderedOn: loans.orderedOn,
      orderedQuantity: loans.orderedQuantity,
      deliveredOn: loans.deliveredOn,
      deliveredQuantity: loans.deliveredQuantity,
      prescriberId: loans.prescriberId,
      prescriberUsername: prescribers.username,
      prescriberName: prescribers.name,
      payerCode: payers.code,
      payerName: payers.name,
      deliveryAddressCode: deliveryAddresses.code,
      deliveryAddressName: deliveryAddresses.name,
      patientId: loans.patientId,
      patientFee: articles.patientFee,
      openBmbSentAt: bmbs.sentAt,
    })
    .from(loans)
    .innerJoin(articles, loanArticle)
    .leftJoin(units, loanUnit)
    .innerJoin(prescribers, loanPrescriber)
    .innerJoin(payers, loanPayer)
    .innerJoin(deliveryAddresses, loanDeliveryAddress)
    // At most one open line per loan (unique partial index), so this join never multiplies rows.
    .leftJoin(
      bmbLines,
      and(
        eq(bmbLines.workspaceId, loans.workspaceId),
        eq(bmbLines.loanId, loans.id),
        sql`${bmbLines.bmbStatus} = 'sent' and ${bmbLines.closedAt} is null`,
      ),
    )
    .leftJoin(bmbs, bmbOf(bmbLines))
    .where(
      and(
        eq(loans.workspaceId, sql.placeholder('workspaceId')),
        eq(loans.patientId, sql.placeholder('patientId')),
        isNull(loans.returnedOn),
      ),
    )
    .orderBy(asc(loans.position), asc(loans.orderedOn))
    .prepare('list_patient_loans'),
);

export async function listPatientLoans(
  db: DbOrTx,
  workspaceId: string,
  patientId: string,
): Promise<PatientLoanRow[]> {
  return patientLoansQuery(db).execute({ workspaceId, patientId });
}
