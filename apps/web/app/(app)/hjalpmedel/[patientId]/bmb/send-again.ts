import type { BmbDetails } from '@bmb/db/queries';
import type { BmbFormValues } from './actions';
import type { BmbFormRow } from './bmb-form';

/** A device of the earlier BMB that the new one could not include, and why. */
export interface LeftOutDevice {
  loanId: string;
  articleNo: string;
  articleName: string;
  individNo: string | null;
  reason: string;
}

export interface SendAgain {
  /** When the earlier BMB was sent, to name it. */
  sentAt: Date | null;
  initial: BmbFormValues;
  leftOut: LeftOutDevice[];
}

/**
 * Skicka ny BMB (issue 19, item 5): the form filled in from a BMB answered Nej
 * or unlocked, as `?utkast=` fills it from a draft. Its devices are ticked
 * where they still can be: a device returned, moved to another patient or
 * prescriber, or waiting in another BMB is left out and named. The receiver
 * comes along only from an unlocked BMB (they never answered); one who said
 * Nej is not asked again unless the sender types the name.
 */
export function sendAgainValues(source: BmbDetails, rows: BmbFormRow[]): SendAgain {
  const rowOf = new Map(rows.map((r) => [r.loanId, r]));
  const loanIds: string[] = [];
  const leftOut: LeftOutDevice[] = [];
  for (const line of source.lines) {
    const row = rowOf.get(line.loanId);
    const reason = line.closedAt
      ? 'Återlämnad till Länsservice.'
      : !row
        ? 'Finns inte längre hos patienten.'
        : row.blockedReason;
    if (reason) {
      leftOut.push({
        loanId: line.loanId,
        articleNo: line.articleNo,
        articleName: line.articleName,
        individNo: line.individNo,
        reason,
      });
    } else loanIds.push(line.loanId);
  }
  return {
    sentAt: source.bmb.sentAt,
    initial: {
      bmbId: '',
      fromPatientId: source.fromPatient.id,
      newPrescriberUsername: source.bmb.status === 'unlocked' ? source.receiver.username : '',
      newPatientPersonnummer: source.toPatient.personnummer,
      loanIds,
      message: '',
      needsAssessmentConfirmed: false,
      deviceSafeConfirmed: false,
    },
    leftOut,
  };
}
