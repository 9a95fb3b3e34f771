import type { BmbDisplayState, BmbStatus } from './bmb-status';

/**
 * What a BMB's page says about Kund/leveransadress and Betalare (issue 19,
 * item 2): they belong to the BMB, not to the loans as they are today. Only an
 * accepted BMB has them (the receiver's choice, bmbs.chosen_*); for every other
 * state this says why there is none. A loan answered Nej and later moved by
 * another BMB must not show that later BMB's payer here.
 */
export function notChosenText(state: Exclude<BmbDisplayState, 'accepted'>): string {
  switch (state) {
    case 'draft':
    case 'waiting':
      return 'Väljs av mottagaren';
    case 'locked':
      return 'Inte vald (BMB:n kvitterades inte inom 7 dagar)';
    case 'rejected':
      return 'Inte vald (BMB:n besvarades Nej)';
    case 'unlocked':
      return 'Inte vald (BMB:n låstes upp av Länsservice)';
    case 'discarded':
      return 'Inte vald (utkastet kasserades)';
  }
}

/**
 * While a BMB is open its loans cannot move (one open BMB per loan), so their
 * payer now is their payer in the BMB. Once it has ended, the loans may have
 * moved since, and nothing stores what they had before: the page shows the
 * current payer only while the BMB is open.
 */
export const bmbHoldsItsLoans = (state: BmbDisplayState): boolean =>
  state === 'draft' || state === 'waiting' || state === 'locked';

/** The BMBs that ended without moving anything: their devices can be sent again (Skicka ny BMB). */
export const endedWithoutMove = (status: BmbStatus): boolean =>
  status === 'rejected' || status === 'unlocked';

/** Skicka ny BMB: the sender of a BMB answered Nej or unlocked by Länsservice. */
export const maySendAgain = (
  actor: { prescriberId: string },
  bmb: { senderId: string; status: BmbStatus },
): boolean => bmb.senderId === actor.prescriberId && endedWithoutMove(bmb.status);
