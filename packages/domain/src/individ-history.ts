import type { Principal } from './access/actor';
import { bmbDeadline, isPastDeadline } from './bmb-deadline';
import type { BmbStatus } from './bmb-status';

/**
 * Individkort: one individ's history, in order — every loan, every BMB with its
 * answer, locks, unlock requests and unlocks, who and when.
 */
export interface HistoryLoan {
  patientName: string;
  orderedOn: string;
  deliveredOn: string | null;
  returnedOn: string | null;
}

export interface HistoryBmb {
  status: BmbStatus;
  senderUsername: string;
  receiverUsername: string;
  fromPatientName: string;
  toPatientName: string;
  message: string;
  sentAt: Date | null;
  answeredAt: Date | null;
  answerMessage: string | null;
  chosenPayerCode: string | null;
  unlockedAt: Date | null;
  unlockedByUsername: string | null;
  unlockReason: string | null;
  requests: {
    createdAt: Date;
    requestedByUsername: string;
    message: string;
    status: 'open' | 'unlocked' | 'declined';
    answeredAt: Date | null;
    answeredByUsername: string | null;
    answerMessage: string | null;
  }[];
}

export interface HistoryEvent {
  at: Date;
  /** True when only the day is known (loan dates). */
  dateOnly: boolean;
  what: string;
  who: string;
}

/** A calendar date as the start of that day (UTC), so that it sorts before that day's events. */
const day = (date: string) => new Date(`${date}T00:00:00Z`);

export function individHistory(loans: HistoryLoan[], bmbs: HistoryBmb[], now: Date): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const loan of loans) {
    // A loan row holds today's prescriber and payer, not those it was ordered with,
    // so the order line claims neither; each change since is its own BMB event.
    events.push({ at: day(loan.orderedOn), dateOnly: true, what: `Beställd till ${loan.patientName}`, who: '' });
    if (loan.deliveredOn) {
      events.push({ at: day(loan.deliveredOn), dateOnly: true, what: `Levererad till ${loan.patientName}`, who: 'Länsservice' });
    }
    if (loan.returnedOn) {
      events.push({ at: day(loan.returnedOn), dateOnly: true, what: `Returnerad från ${loan.patientName}`, who: 'Länsservice' });
    }
  }
  for (const bmb of bmbs) {
    if (!bmb.sentAt) continue; // drafts and discarded drafts never happened to the device
    const patients = bmb.fromPatientName === bmb.toPatientName ? bmb.toPatientName : `${bmb.fromPatientName} → ${bmb.toPatientName}`;
    events.push({
      at: bmb.sentAt,
      dateOnly: false,
      what: `BMB skickad till ${bmb.receiverUsername} (${patients})${bmb.message ? `: ${bmb.message}` : ''}`,
      who: bmb.senderUsername,
    });
    if (bmb.status === 'accepted' && bmb.answeredAt) {
      events.push({
        at: bmb.answeredAt,
        dateOnly: false,
        what: `BMB godkänd: ny förskrivare ${bmb.receiverUsername}, betalare ${bmb.chosenPayerCode ?? ''}${bmb.answerMessage ? `: ${bmb.answerMessage}` : ''}`,
        who: bmb.receiverUsername,
      });
    }
    if (bmb.status === 'rejected' && bmb.answeredAt) {
      events.push({
        at: bmb.answeredAt,
        dateOnly: false,
        what: `BMB ej godkänd${bmb.answerMessage ? `: ${bmb.answerMessage}` : ''}`,
        who: bmb.receiverUsername,
      });
    }
    const everLocked = bmb.status === 'unlocked' || (bmb.status === 'sent' && isPastDeadline(bmb.sentAt, now));
    if (everLocked) {
      events.push({ at: bmbDeadline(bmb.sentAt), dateOnly: false, what: 'BMB låst: inte kvitterad inom 7 dagar', who: '' });
    }
    for (const request of bmb.requests) {
      events.push({
        at: request.createdAt,
        dateOnly: false,
        what: `Upplåsning begärd${request.message ? `: ${request.message}` : ''}`,
        who: request.requestedByUsername,
      });
      if (request.status === 'declined' && request.answeredAt) {
        events.push({
          at: request.answeredAt,
          dateOnly: false,
          what: `Upplåsning nekad${request.answerMessage ? `: ${request.answerMessage}` : ''}`,
          who: request.answeredByUsername ?? '',
        });
      }
    }
    if (bmb.status === 'unlocked' && bmb.unlockedAt) {
      events.push({
        at: bmb.unlockedAt,
        dateOnly: false,
        what: `BMB upplåst${bmb.unlockReason ? `: ${bmb.unlockReason}` : ''}`,
        who: bmb.unlockedByUsername ?? '',
      });
    }
  }
  // Stable: events at the same moment keep the order in which they happened above.
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map(({ e }) => e);
}

/**
 * Prescribers see the cards of devices they hold or have held (as a loan's
 * prescriber, as the sender of a BMB, or as the receiver of an accepted one);
 * Länsservice sees all.
 */
export function canSeeIndividCard(viewer: Pick<Principal, 'prescriberId' | 'role'>, holderIds: Iterable<string>): boolean {
  if (viewer.role === 'admin') return true;
  for (const id of holderIds) if (id === viewer.prescriberId) return true;
  return false;
}
