import type { BmbDisplayState, BmbStatus } from './bmb-status';
import { isPastDeadline } from './bmb-deadline';

/**
 * The BMB state machine as pure functions. `now` is always passed in: the
 * caller decides which clock counts (the database's, or a training clock).
 *
 *   draft ──send──▶ sent ──accept──▶ accepted
 *     │               ├──reject──▶ rejected
 *     └─discard       └─(deadline passes: locked, derived)──unlock──▶ unlocked
 */
export type BmbEvent = 'send' | 'discard' | 'accept' | 'reject' | 'unlock';

export interface BmbTimeline {
  status: BmbStatus;
  sentAt: Date | null;
}

export type TransitionRefusal =
  | 'not-a-draft'
  | 'not-waiting'
  | 'locked'
  | 'not-locked'
  | 'already-unlocked';

/** A refusal's words: `bmb.<refusal>` in the message catalogue. */
export type TransitionResult =
  | { ok: true; status: BmbStatus }
  | { ok: false; refusal: TransitionRefusal; problem: `bmb.${TransitionRefusal}` };

function refuse(refusal: TransitionRefusal): TransitionResult {
  return { ok: false, refusal, problem: `bmb.${refusal}` };
}

export function displayState(bmb: BmbTimeline, now: Date): BmbDisplayState {
  if (bmb.status !== 'sent') return bmb.status;
  return bmb.sentAt && isPastDeadline(bmb.sentAt, now) ? 'locked' : 'waiting';
}

export function transition(bmb: BmbTimeline, event: BmbEvent, now: Date): TransitionResult {
  const state = displayState(bmb, now);
  switch (event) {
    case 'send':
      return state === 'draft' ? { ok: true, status: 'sent' } : refuse('not-a-draft');
    case 'discard':
      return state === 'draft' ? { ok: true, status: 'discarded' } : refuse('not-a-draft');
    case 'accept':
    case 'reject':
      if (state === 'locked') return refuse('locked');
      if (state !== 'waiting') return refuse('not-waiting');
      return { ok: true, status: event === 'accept' ? 'accepted' : 'rejected' };
    case 'unlock':
      if (state === 'unlocked') return refuse('already-unlocked');
      return state === 'locked' ? { ok: true, status: 'unlocked' } : refuse('not-locked');
  }
}

/**
 * A loan may go into a new BMB unless a BMB holding it is still open: waiting for an
 * answer, or locked and not yet unlocked by Länsservice. Both are stored as `sent`,
 * which is what the database's partial unique index on open lines checks.
 */
export function blocksLoan(status: BmbStatus): boolean {
  return status === 'sent';
}
