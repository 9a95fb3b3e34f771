import { and, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { articles, bmbLines, bmbs, loans, patients, prescribers, units } from '../schema';
import { loanArticle, loanUnit } from './loan-joins';

/**
 * How a BMB meets the people, patients and devices it refers to: always within
 * its own workspace (the composite keys of docs/decisions/001). Named once, so
 * that every query joins a BMB the same way: `.innerJoin(sender, bmbSender)`.
 */
export const sender = alias(prescribers, 'sender');
export const receiver = alias(prescribers, 'receiver');
export const fromPatient = alias(patients, 'from_patient');
export const toPatient = alias(patients, 'to_patient');

/** A prescriber (or an alias of the table) that the BMB refers to through `column`. */
export function bmbPrescriber(
  person: { workspaceId: AnyPgColumn; id: AnyPgColumn },
  column: AnyPgColumn | SQL,
): SQL | undefined {
  return and(eq(person.workspaceId, bmbs.workspaceId), eq(person.id, column));
}

export const bmbSender = bmbPrescriber(sender, bmbs.senderId);
export const bmbReceiver = bmbPrescriber(receiver, bmbs.receiverId);
export const bmbFromPatient = and(eq(fromPatient.workspaceId, bmbs.workspaceId), eq(fromPatient.id, bmbs.fromPatientId));
export const bmbToPatient = and(eq(toPatient.workspaceId, bmbs.workspaceId), eq(toPatient.id, bmbs.toPatientId));

/** The BMB a row refers to: a line, an unlock request, a notice. */
export function bmbOf(row: { workspaceId: AnyPgColumn; bmbId: AnyPgColumn }): SQL | undefined {
  return and(eq(bmbs.workspaceId, row.workspaceId), eq(bmbs.id, row.bmbId));
}

/** The BMB's lines, from the BMB. */
export const bmbLine = and(eq(bmbLines.workspaceId, bmbs.workspaceId), eq(bmbLines.bmbId, bmbs.id));
/** A line's loan. */
export const lineLoan = and(eq(loans.workspaceId, bmbLines.workspaceId), eq(loans.id, bmbLines.loanId));

/**
 * The BMB's devices as one line of text, in the patient's list order: one
 * `device` per line, where the line's loan, article and unit (if any) are in
 * scope. A subquery on the BMB row of the outer query.
 */
export function bmbDevicesText(device: SQL): SQL<string> {
  return sql<string>`(
  select string_agg(${device}, ', ' order by ${loans.position})
  from ${bmbLines}
  join ${loans} on ${lineLoan}
  join ${articles} on ${loanArticle}
  left join ${units} on ${loanUnit}
  where ${bmbLine}
)`;
}

/** BMBs from or to a patient (served by bmbs_from_patient_idx and bmbs_to_patient_idx). */
export const bmbConcernsPatient = (patientId: string | SQLWrapper) =>
  or(eq(bmbs.fromPatientId, patientId), eq(bmbs.toPatientId, patientId));

/** BMBs sent by or to a prescriber. */
export const bmbInvolves = (prescriberId: string | SQLWrapper) => or(eq(bmbs.senderId, prescriberId), eq(bmbs.receiverId, prescriberId));
