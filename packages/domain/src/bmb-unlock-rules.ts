import { displayState, type BmbTimeline } from './bmb-lifecycle';

/**
 * "Begär upplåsning": only the sender of a locked BMB asks, and only
 * Länsservice (admins) unlocks (`transition(…, 'unlock', …)`), with a reason.
 */
export const unlockMessages = {
  notSender: 'Bara den som skickade BMB:n kan begära upplåsning.',
  notLocked: 'BMB:n är inte låst och behöver ingen upplåsning.',
  alreadyRequested: 'Du har redan begärt upplåsning av den här BMB:n. Länsservice svarar så snart de kan.',
  reasonRequired: 'Ange ett skäl till upplåsningen.',
  declineMessageRequired: 'Skriv ett meddelande till förskrivaren om varför upplåsningen nekas.',
} as const;

export function checkUnlockRequest(
  bmb: BmbTimeline & { senderId: string },
  requesterId: string,
  now: Date,
): { ok: true } | { ok: false; message: string } {
  if (bmb.senderId !== requesterId) return { ok: false, message: unlockMessages.notSender };
  if (displayState(bmb, now) !== 'locked') return { ok: false, message: unlockMessages.notLocked };
  return { ok: true };
}
