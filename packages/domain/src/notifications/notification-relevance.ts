import type { BmbStatus } from '../bmb-status';
import type { BmbNotificationKind } from './notification-kinds';

/** What is true when the worker is about to send: a notice may have gone stale since it was queued. */
export interface DeliveryFacts {
  kind: BmbNotificationKind;
  bmbStatus: BmbStatus;
  /** Past its deadline (locks are derived from time, not stored). */
  bmbLocked: boolean;
  recipientEmail: string;
  recipientActive: boolean;
  recipientWantsReminders: boolean;
}

export type DeliveryDecision = { send: true } | { send: false; reason: string };

/**
 * Whether a due notification should still go out. Arrival notices and reminders
 * are pointless once the BMB is answered or locked; reminders respect the opt-out
 * under Dina uppgifter at the moment of sending, not when they were queued.
 */
export function deliveryDecision(facts: DeliveryFacts): DeliveryDecision {
  if (!facts.recipientActive) return { send: false, reason: 'recipient-inactive' };
  if (facts.recipientEmail.trim() === '') return { send: false, reason: 'no-email-address' };
  const waiting = facts.bmbStatus === 'sent' && !facts.bmbLocked;
  switch (facts.kind) {
    case 'bmb_arrived':
      return waiting ? { send: true } : { send: false, reason: 'no-longer-waiting' };
    case 'bmb_reminder':
      if (!facts.recipientWantsReminders) return { send: false, reason: 'reminders-off' };
      return waiting ? { send: true } : { send: false, reason: 'no-longer-waiting' };
    case 'bmb_locked':
      return facts.bmbStatus === 'sent'
        ? { send: true }
        : { send: false, reason: 'answered-before-lock' };
    case 'bmb_answered':
    case 'unlock_answered':
    case 'bmb_line_closed':
      return { send: true };
  }
}

/** Whether the reminder to train still makes sense when it is due: the person may have trained, or left. */
export function trainingReminderDecision(facts: {
  recipientEmail: string;
  recipientActive: boolean;
  trainingRequired: boolean;
  /** The region's required scenarios the person has not completed. */
  missing: readonly string[];
}): DeliveryDecision {
  if (!facts.recipientActive) return { send: false, reason: 'recipient-inactive' };
  if (facts.recipientEmail.trim() === '') return { send: false, reason: 'no-email-address' };
  if (!facts.trainingRequired || facts.missing.length === 0) return { send: false, reason: 'already-trained' };
  return { send: true };
}
