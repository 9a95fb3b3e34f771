import { isPastDeadline } from './bmb-deadline';
import type { Problem } from './messages/catalogue';

/**
 * The rules of Skicka BMB (manual, "Skicka BMB", step 3), decided without I/O.
 * The server action loads the facts, asks here, and the database enforces the
 * one rule that races (one open BMB per loan) once more.
 */

/** A loan as the sender sees it in the BMB form. */
export interface LoanForBmb {
  id: string;
  patientId: string;
  prescriberId: string;
  prescriberUsername: string;
  /** `sentAt` of the sent BMB that holds this loan now (waiting or locked), if any. */
  openBmbSentAt: Date | null;
}

export type LoanSelectability =
  | { selectable: true }
  | { selectable: false; reason: 'other-prescriber' | 'waiting' | 'locked'; problem: Problem };

/** Whether the sender may tick this row, and if not, why (shown beside the row). */
export function loanSelectability(loan: LoanForBmb, senderId: string, now: Date): LoanSelectability {
  if (loan.openBmbSentAt) {
    return isPastDeadline(loan.openBmbSentAt, now)
      ? { selectable: false, reason: 'locked', problem: 'loan.locked' }
      : { selectable: false, reason: 'waiting', problem: 'loan.waiting' };
  }
  if (loan.prescriberId !== senderId) {
    return {
      selectable: false,
      reason: 'other-prescriber',
      problem: { code: 'loan.other-prescriber', params: { username: loan.prescriberUsername } },
    };
  }
  return { selectable: true };
}

export interface DraftFacts {
  senderId: string;
  /** The new prescriber, as found by username; null when there is none. */
  receiver: { id: string; active: boolean } | null;
  fromPatientId: string;
  /** The new patient, as found by personnummer; null when there is none. */
  toPatientId: string | null;
  /** The from-patient's current loans. */
  patientLoans: LoanForBmb[];
  requestedLoanIds: string[];
  needsAssessmentConfirmed: boolean;
  deviceSafeConfirmed: boolean;
  now: Date;
}

export type DraftField = 'newPrescriberUsername' | 'newPatientPersonnummer' | 'loanIds' | 'confirmations';

export type DraftCheck =
  | { ok: true; patientToPatient: boolean }
  | { ok: false; fieldErrors: Partial<Record<DraftField, Problem[]>> };

/** Whether the named receiver can receive a BMB at all, or why not. */
export function receiverProblem(receiver: DraftFacts['receiver']): Problem | null {
  if (!receiver) return 'draft.unknown-receiver';
  return receiver.active ? null : 'draft.inactive-receiver';
}

export function checkDraft(facts: DraftFacts): DraftCheck {
  const errors: Partial<Record<DraftField, Problem[]>> = {};
  const add = (field: DraftField, problem: Problem) => (errors[field] ??= []).push(problem);

  const receiver = receiverProblem(facts.receiver);
  if (receiver) add('newPrescriberUsername', receiver);
  if (!facts.toPatientId) add('newPatientPersonnummer', 'draft.unknown-patient');

  const patientToPatient = facts.toPatientId !== null && facts.toPatientId !== facts.fromPatientId;
  if (facts.receiver && facts.toPatientId && facts.receiver.id === facts.senderId && !patientToPatient) {
    add('newPrescriberUsername', 'draft.nothing-changes');
  }

  const requested = [...new Set(facts.requestedLoanIds)];
  if (requested.length === 0) add('loanIds', 'draft.no-rows');
  const byId = new Map(facts.patientLoans.map((l) => [l.id, l]));
  for (const id of requested) {
    const loan = byId.get(id);
    if (!loan || loan.patientId !== facts.fromPatientId) {
      add('loanIds', 'draft.not-this-patient');
      break;
    }
    const selectability = loanSelectability(loan, facts.senderId, facts.now);
    if (!selectability.selectable) add('loanIds', selectability.problem);
  }

  if (patientToPatient && !(facts.needsAssessmentConfirmed && facts.deviceSafeConfirmed)) {
    add('confirmations', 'draft.confirmations-missing');
  }

  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, patientToPatient };
}
