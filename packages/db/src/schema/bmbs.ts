import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, workspaceId } from './columns';
import { loans, patients } from './devices';
import { bmbStatus, lineClosedReason } from './enums';
import { deliveryAddresses, payers, prescribers } from './prescribers';

/**
 * One BMB: a request from the sender that the receiver take over payer
 * responsibility for some of a patient's devices. "Låst" is derived from
 * `sentAt` and the clock, never stored (packages/domain, bmb-deadline.ts).
 */
export const bmbs = pgTable(
  'bmbs',
  {
    workspaceId: workspaceId(),
    id: id(),
    status: bmbStatus().notNull().default('draft'),
    senderId: uuid().notNull(),
    receiverId: uuid().notNull(),
    fromPatientId: uuid().notNull(),
    toPatientId: uuid().notNull(),
    bmbDate: date().notNull(),
    message: text().notNull().default(''),
    /** Patient-to-patient only: the sender's two confirmations (manual, "I undantagsfall"). */
    needsAssessmentConfirmed: boolean().notNull().default(false),
    deviceSafeConfirmed: boolean().notNull().default(false),
    /** Idempotency key of Verkställ: a double click or a resubmitted form sends once. */
    sendKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    answerMessage: text(),
    chosenDeliveryAddressId: uuid(),
    chosenPayerId: uuid(),
    discardedAt: timestamp({ withTimezone: true }),
    unlockedAt: timestamp({ withTimezone: true }),
    unlockedById: uuid(),
    unlockReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Target of bmb_lines' (workspace, bmb, status) key, kept in step by ON UPDATE CASCADE.
    unique('bmbs_status_key').on(t.workspaceId, t.id, t.status),
    uniqueIndex('bmbs_send_key')
      .on(t.workspaceId, t.sendKey)
      .where(sql`send_key is not null`),
    foreignKey({
      columns: [t.workspaceId, t.senderId],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.receiverId],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.unlockedById],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.fromPatientId],
      foreignColumns: [patients.workspaceId, patients.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.toPatientId],
      foreignColumns: [patients.workspaceId, patients.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.chosenDeliveryAddressId],
      foreignColumns: [deliveryAddresses.workspaceId, deliveryAddresses.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.chosenPayerId],
      foreignColumns: [payers.workspaceId, payers.id],
    }),
    check(
      'bmbs_something_changes',
      sql`${t.senderId} <> ${t.receiverId} or ${t.fromPatientId} <> ${t.toPatientId}`,
    ),
    check(
      'bmbs_sent_at_matches_status',
      sql`(${t.sentAt} is not null) = (${t.status} in ('sent', 'accepted', 'rejected', 'unlocked'))`,
    ),
    check(
      'bmbs_answer_matches_status',
      sql`(${t.answeredAt} is not null) = (${t.status} in ('accepted', 'rejected'))`,
    ),
    check(
      'bmbs_accepted_has_choice',
      sql`${t.status} <> 'accepted' or (${t.chosenDeliveryAddressId} is not null and ${t.chosenPayerId} is not null)`,
    ),
    check(
      'bmbs_discarded_matches_status',
      sql`(${t.discardedAt} is not null) = (${t.status} = 'discarded')`,
    ),
    check(
      'bmbs_unlock_matches_status',
      sql`(${t.unlockedAt} is not null and ${t.unlockedById} is not null and ${t.unlockReason} is not null) = (${t.status} = 'unlocked')`,
    ),
    check(
      'bmbs_patient_change_confirmed',
      sql`${t.fromPatientId} = ${t.toPatientId} or ${t.status} in ('draft', 'discarded') or (${t.needsAssessmentConfirmed} and ${t.deviceSafeConfirmed})`,
    ),
    index('bmbs_receiver_idx').on(t.workspaceId, t.receiverId, t.status),
    index('bmbs_sender_idx').on(t.workspaceId, t.senderId, t.status),
    // Logg filtered by patient: the BMBs a patient is in, from or to.
    index('bmbs_from_patient_idx').on(t.workspaceId, t.fromPatientId),
    index('bmbs_to_patient_idx').on(t.workspaceId, t.toPatientId),
    // Översikt's sent-per-week range.
    index('bmbs_sent_at_idx').on(t.workspaceId, t.sentAt),
    // Låsta BMB and the waiting/locked counts: open BMBs in deadline order (the
    // deadline grows with sent_at), without walking the answered ones.
    index('bmbs_open_sent_at_idx')
      .on(t.workspaceId, t.sentAt)
      .where(sql`status = 'sent'`),
    // Kvittera BMB: a receiver's open BMBs in page order, so a page of a busy
    // inbox reads its 51 rows and stops.
    index('bmbs_receiver_open_idx')
      .on(t.workspaceId, t.receiverId, t.sentAt, t.id)
      .where(sql`status = 'sent'`),
    // GET /api/v1/bmbs?updatedSince=…: the sent BMBs in the order they last changed.
    index('bmbs_updated_idx')
      .on(t.workspaceId, t.updatedAt, t.id)
      .where(sql`status <> 'draft' and status <> 'discarded'`),
  ],
);

/**
 * A device row of a BMB. `bmbStatus` copies the BMB's status through a foreign
 * key with ON UPDATE CASCADE, so the partial unique index below lets the
 * database itself refuse a loan in two open BMBs, whoever sends first.
 */
export const bmbLines = pgTable(
  'bmb_lines',
  {
    workspaceId: workspaceId(),
    bmbId: uuid().notNull(),
    loanId: uuid().notNull(),
    bmbStatus: bmbStatus().notNull().default('draft'),
    /**
     * A line of an open BMB closes when its device goes back to Länsservice
     * (the stock system reports the loan returned): the receiver can no longer
     * take it over, and the loan is free of this BMB.
     */
    closedAt: timestamp({ withTimezone: true }),
    closedReason: lineClosedReason(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.bmbId, t.loanId] }),
    foreignKey({
      columns: [t.workspaceId, t.bmbId, t.bmbStatus],
      foreignColumns: [bmbs.workspaceId, bmbs.id, bmbs.status],
    }).onUpdate('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.loanId],
      foreignColumns: [loans.workspaceId, loans.id],
    }),
    uniqueIndex('bmb_lines_one_open_bmb_per_loan')
      .on(t.workspaceId, t.loanId)
      .where(sql`bmb_status = 'sent' and closed_at is null`),
    check(
      'bmb_lines_closed_with_reason',
      sql`(${t.closedAt} is null) = (${t.closedReason} is null)`,
    ),
    // Individkort: the BMBs a loan has been in, whatever their status.
    index('bmb_lines_loan_idx').on(t.workspaceId, t.loanId),
  ],
);
