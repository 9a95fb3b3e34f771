import { displayState, type BmbTimeline } from './bmb-lifecycle';

/**
 * "Begär upplåsning" is asked of a locked BMB only. Who asks (its sender) is
 * `may(actor, 'request-unlock', bmb)`; only Länsservice unlocks
 * (`transition(…, 'unlock', …)`), with a reason.
 */
export function checkUnlockRequest(bmb: BmbTimeline, now: Date): { ok: true } | { ok: false; problem: 'unlock.not-locked' } {
  if (displayState(bmb, now) !== 'locked') return { ok: false, problem: 'unlock.not-locked' };
  return { ok: true };
}
