import type { HistoryBmb, HistoryLoan } from '@bmb/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  bmbFromPatient,
  bmbOf,
  bmbPrescriber,
  bmbReceiver,
  bmbSender,
  bmbToPatient,
  fromPatient,
  receiver,
  sender,
  toPatient,
} from './bmb-joins';
import { loanDeliveryAddress, loanPatient, loanPayer, loanPrescriber } from './loan-joins';
import { builtOnce, builtOncePer } from './prepared';
import {
  articles,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  patients,
  payers,
  prescribers,
  units,
  unlockRequests,
} from '../schema';

export interface IndividCard {
  individNo: string;
  article: { articleNo: string; name: string; kind: 'H' | 'T' | 'R' };
  /** Where the device is now; null when it has gone back to Länsservice. */
  current: {
    patientId: string;
    patientName: string;
    prescriberUsername: string;
    prescriberName: string;
    payer: string;
    deliveryAddress: string;
  } | null;
  loans: HistoryLoan[];
  bmbs: HistoryBmb[];
  /** Everyone who holds or has held it: loans' prescribers, BMB senders, receivers of accepted BMBs. */
  holderIds: string[];
  /** Every patient the card shows, for the access log. */
  patientIds: string[];
}

const unlocker = alias(prescribers, 'unlocker');
const chosenPayer = alias(payers, 'chosen_payer');
const requester = alias(prescribers, 'requester');
const answerer = alias(prescribers, 'answerer');

/*
 * A list of ids as one placeholder per id (`in ($2, $3)`), the statement built once per list
 * length. Bound as one array parameter (`= any($2)`) instead, PostgreSQL planned the eight-join
 * BMB statement anew on every view (7 ms at region scale); as a subquery on the unit it chose a
 * plan that took a second.
 */
const idList = (count: number) => Array.from({ length: count }, (_, i) => sql.placeholder(`id${i}`));
const idValues = (ids: string[]) => Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));

// Built once per handle (prepared.ts): the card runs four statements on every view.
const unitQuery = builtOnce((db) =>
  db
    .select({
      id: units.id,
      individNo: units.individNo,
      articleNo: articles.articleNo,
      name: articles.name,
      kind: articles.kind,
    })
    .from(units)
    .innerJoin(
      articles,
      and(eq(articles.workspaceId, units.workspaceId), eq(articles.id, units.articleId)),
    )
    .where(
      and(
        eq(units.workspaceId, sql.placeholder('workspaceId')),
        eq(units.individNo, sql.placeholder('individNo')),
      ),
    )
    .prepare('individ_card_unit'),
);
const loansQuery = builtOnce((db) =>
  db
    .select({
      id: loans.id,
      patientId: loans.patientId,
      patientName: patients.name,
      prescriberId: loans.prescriberId,
      prescriberUsername: prescribers.username,
      prescriberName: prescribers.name,
      payerCode: payers.code,
      payerName: payers.name,
      deliveryAddress: deliveryAddresses.name,
      deliveryAddressCode: deliveryAddresses.code,
      orderedOn: loans.orderedOn,
      deliveredOn: loans.deliveredOn,
      returnedOn: loans.returnedOn,
    })
    .from(loans)
    .innerJoin(patients, loanPatient)
    .innerJoin(prescribers, loanPrescriber)
    .innerJoin(payers, loanPayer)
    .innerJoin(deliveryAddresses, loanDeliveryAddress)
    .where(
      and(
        eq(loans.workspaceId, sql.placeholder('workspaceId')),
        eq(loans.unitId, sql.placeholder('unitId')),
      ),
    )
    .orderBy(asc(loans.orderedOn))
    .prepare('individ_card_loans'),
);
const bmbsQuery = builtOncePer((db, count: `${number}`) =>
  db
    .selectDistinctOn([bmbs.id], {
      id: bmbs.id,
      status: bmbs.status,
      senderId: bmbs.senderId,
      receiverId: bmbs.receiverId,
      senderUsername: sender.username,
      receiverUsername: receiver.username,
      fromPatientId: bmbs.fromPatientId,
      toPatientId: bmbs.toPatientId,
      fromPatientName: fromPatient.name,
      toPatientName: toPatient.name,
      message: bmbs.message,
      sentAt: bmbs.sentAt,
      answeredAt: bmbs.answeredAt,
      answerMessage: bmbs.answerMessage,
      chosenPayerCode: chosenPayer.code,
      unlockedAt: bmbs.unlockedAt,
      unlockedByUsername: unlocker.username,
      unlockReason: bmbs.unlockReason,
    })
    .from(bmbLines)
    .innerJoin(bmbs, bmbOf(bmbLines))
    .innerJoin(sender, bmbSender)
    .innerJoin(receiver, bmbReceiver)
    .innerJoin(fromPatient, bmbFromPatient)
    .innerJoin(toPatient, bmbToPatient)
    .leftJoin(
      chosenPayer,
      and(eq(chosenPayer.workspaceId, bmbs.workspaceId), eq(chosenPayer.id, bmbs.chosenPayerId)),
    )
    .leftJoin(unlocker, bmbPrescriber(unlocker, bmbs.unlockedById))
    .where(
      and(
        eq(bmbLines.workspaceId, sql.placeholder('workspaceId')),
        inArray(bmbLines.loanId, idList(Number(count))),
      ),
    )
    .orderBy(bmbs.id)
    .prepare(`individ_card_bmbs.${count}`),
);
const requestsQuery = builtOncePer((db, count: `${number}`) =>
  db
    .select({
      bmbId: unlockRequests.bmbId,
      createdAt: unlockRequests.createdAt,
      requestedByUsername: requester.username,
      message: unlockRequests.message,
      status: unlockRequests.status,
      answeredAt: unlockRequests.answeredAt,
      answeredByUsername: answerer.username,
      answerMessage: unlockRequests.answerMessage,
    })
    .from(unlockRequests)
    .innerJoin(
      requester,
      and(
        eq(requester.workspaceId, unlockRequests.workspaceId),
        eq(requester.id, unlockRequests.requestedById),
      ),
    )
    .leftJoin(
      answerer,
      and(
        eq(answerer.workspaceId, unlockRequests.workspaceId),
        eq(answerer.id, unlockRequests.answeredById),
      ),
    )
    .where(
      and(
        eq(unlockRequests.workspaceId, sql.placeholder('workspaceId')),
        inArray(unlockRequests.bmbId, idList(Number(count))),
      ),
    )
    .orderBy(asc(unlockRequests.createdAt))
    .prepare(`individ_card_unlock_requests.${count}`),
);

export async function findIndividCard(
  db: DbOrTx,
  workspaceId: string,
  individNo: string,
): Promise<IndividCard | null> {
  const [unit] = await unitQuery(db).execute({ workspaceId, individNo });
  if (!unit) return null;

  const loanRows = await loansQuery(db).execute({ workspaceId, unitId: unit.id });

  const loanIds = loanRows.map((l) => l.id);
  const bmbRows = loanIds.length
    ? await bmbsQuery(db, `${loanIds.length}`).execute({ workspaceId, ...idValues(loanIds) })
    : [];

  const bmbIds = bmbRows.map((b) => b.id);
  const requestRows = bmbIds.length
    ? await requestsQuery(db, `${bmbIds.length}`).execute({ workspaceId, ...idValues(bmbIds) })
    : [];

  const currentLoan = loanRows.find((l) => l.returnedOn === null) ?? null;
  const sentBmbs = bmbRows.filter((b) => b.sentAt !== null);
  return {
    individNo: unit.individNo,
    article: { articleNo: unit.articleNo, name: unit.name, kind: unit.kind },
    current: currentLoan && {
      patientId: currentLoan.patientId,
      patientName: currentLoan.patientName,
      prescriberUsername: currentLoan.prescriberUsername,
      prescriberName: currentLoan.prescriberName,
      payer: `${currentLoan.payerCode} ${currentLoan.payerName}`,
      deliveryAddress: `${currentLoan.deliveryAddressCode} ${currentLoan.deliveryAddress}`,
    },
    loans: loanRows.map((l) => ({
      patientName: l.patientName,
      orderedOn: l.orderedOn,
      deliveredOn: l.deliveredOn,
      returnedOn: l.returnedOn,
    })),
    bmbs: bmbRows.map(
      ({ id, senderId: _s, receiverId: _r, fromPatientId: _f, toPatientId: _t, ...b }) => ({
        ...b,
        requests: requestRows.filter((r) => r.bmbId === id),
      }),
    ),
    holderIds: [
      ...new Set([
        ...loanRows.map((l) => l.prescriberId),
        ...sentBmbs.map((b) => b.senderId),
        ...sentBmbs.filter((b) => b.status === 'accepted').map((b) => b.receiverId),
      ]),
    ],
    patientIds: [
      ...new Set([
        ...loanRows.map((l) => l.patientId),
        ...sentBmbs.flatMap((b) => [b.fromPatientId, b.toPatientId]),
      ]),
    ],
  };
}
