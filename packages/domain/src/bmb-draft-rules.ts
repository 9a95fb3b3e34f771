import { isPastDeadline } from './bmb-deadline';

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
  | { selectable: false; reason: 'other-prescriber' | 'waiting' | 'locked'; message: string };

/** Whether the sender may tick this row, and if not, why (shown beside the row). */
export function loanSelectability(loan: LoanForBmb, senderId: string, now: Date): LoanSelectability {
  if (loan.openBmbSentAt) {
    return isPastDeadline(loan.openBmbSentAt, now)
      ? {
          selectable: false,
          reason: 'locked',
          message: 'Låst: en BMB kvitterades inte inom 7 dagar. Kontakta Länsservice för att låsa upp.',
        }
      : { selectable: false, reason: 'waiting', message: 'Väntar på kvittens i en skickad BMB.' };
  }
  if (loan.prescriberId !== senderId) {
    return {
      selectable: false,
      reason: 'other-prescriber',
      message: `Förskrivs av ${loan.prescriberUsername}. BMB ska alltid göras av förskrivaren själv.`,
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
  | { ok: false; fieldErrors: Partial<Record<DraftField, string[]>> };

export const draftMessages = {
  unknownReceiver: 'Det finns ingen förskrivare med det användarnamnet.',
  inactiveReceiver: 'Förskrivaren är inte längre aktiv och kan inte ta emot BMB.',
  unknownPatient: 'Ingen patient med det personnumret finns.',
  nothingChanges: 'Ange en annan förskrivare eller en annan patient – annars ändras ingenting.',
  noRows: 'Markera minst ett hjälpmedel.',
  notThisPatient: 'Ett markerat hjälpmedel tillhör inte patienten. Ladda om sidan och försök igen.',
  confirmationsMissing:
    'Vid BMB mellan patienter måste du bekräfta att en individuell behovsbedömning är gjord och att hjälpmedlet är funktionsdugligt och inte bär smitta.',
} as const;

export function checkDraft(facts: DraftFacts): DraftCheck {
  const errors: Partial<Record<DraftField, string[]>> = {};
  const add = (field: DraftField, message: string) => (errors[field] ??= []).push(message);

  if (!facts.receiver) add('newPrescriberUsername', draftMessages.unknownReceiver);
  else if (!facts.receiver.active) add('newPrescriberUsername', draftMessages.inactiveReceiver);
  if (!facts.toPatientId) add('newPatientPersonnummer', draftMessages.unknownPatient);

  const patientToPatient = facts.toPatientId !== null && facts.toPatientId !== facts.fromPatientId;
  if (facts.receiver && facts.toPatientId && facts.receiver.id === facts.senderId && !patientToPatient) {
    add('newPrescriberUsername', draftMessages.nothingChanges);
  }

  const requested = [...new Set(facts.requestedLoanIds)];
  if (requested.length === 0) add('loanIds', draftMessages.noRows);
  const byId = new Map(facts.patientLoans.map((l) => [l.id, l]));
  for (const id of requested) {
    const loan = byId.get(id);
    if (!loan || loan.patientId !== facts.fromPatientId) {
      add('loanIds', draftMessages.notThisPatient);
      break;
    }
    const selectability = loanSelectability(loan, facts.senderId, facts.now);
    if (!selectability.selectable) add('loanIds', selectability.message);
  }

  if (patientToPatient && !(facts.needsAssessmentConfirmed && facts.deviceSafeConfirmed)) {
    add('confirmations', draftMessages.confirmationsMissing);
  }

  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, patientToPatient };
}
