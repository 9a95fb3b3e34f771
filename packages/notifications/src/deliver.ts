import type { Db } from '@bmb/db/client';
import {
  findNotificationForDelivery,
  findNotificationKind,
  findTrainingReminderForDelivery,
  markNotificationCancelled,
  markNotificationSent,
  recordNotificationFailure,
  type NotificationForDelivery,
  type NotificationRef,
} from '@bmb/db/queries';
import {
  bmbDeadline,
  composeNotificationMail,
  composeTrainingReminderMail,
  deliveryDecision,
  isTrainingScenarioKey,
  trainingReminderDecision,
  trainingScenarios,
  type BmbNotificationKind,
  type NotificationMail,
} from '@bmb/domain';
import type { Mailer } from './mailer';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'already-done';

/** Whether the notice goes to the BMB's receiver (else to its sender); a closed line's goes to both, one each. */
const isToReceiver = (n: NotificationForDelivery) =>
  n.kind === 'bmb_arrived' ||
  n.kind === 'bmb_reminder' ||
  (n.kind === 'bmb_line_closed' && !n.recipientIsSender);

function linkFor(n: NotificationForDelivery, appUrl: string): string {
  // The receiver's notices lead to the answer page, the sender's to their sent BMB. Opaque ids only.
  return `${appUrl}/${isToReceiver(n) ? 'kvittera-bmb' : 'skickade-bmb'}/${n.bmbId}`;
}

function mailFor(n: NotificationForDelivery, appUrl: string): NotificationMail {
  const toReceiver = isToReceiver(n);
  return composeNotificationMail({
    kind: n.kind as BmbNotificationKind,
    counterpartName: toReceiver ? n.senderName : n.receiverName,
    bmbDate: n.bmbDate,
    deadline: bmbDeadline(n.sentAt ?? new Date()),
    approved: n.bmbStatus === 'accepted',
    unlocked: n.unlockStatus ? n.unlockStatus === 'unlocked' : n.kind === 'unlock_answered',
    message: n.kind === 'unlock_answered' ? n.unlockAnswerMessage : n.answerMessage,
    patientNames: [n.fromPatientName, n.toPatientName],
    device: n.device,
    toReceiver,
    nothingLeft: n.noOpenLineLeft,
    link: linkFor(n, appUrl),
  });
}

/**
 * Sends one queued notification, if it is still due and still makes sense.
 * Safe to run twice: only a queued row is sent, and marking it sent is
 * conditional, so a repeat finds it done.
 */
export async function deliverNotification(
  db: Db,
  mailer: Mailer,
  appUrl: string,
  ref: NotificationRef,
): Promise<DeliveryOutcome> {
  if ((await findNotificationKind(db, ref)) === 'training_reminder')
    return deliverTrainingReminder(db, mailer, appUrl, ref);
  const n = await findNotificationForDelivery(db, ref);
  if (!n || n.status !== 'queued') return 'already-done';
  const decision = deliveryDecision({
    kind: n.kind as BmbNotificationKind,
    bmbStatus: n.bmbStatus,
    bmbLocked: n.bmbLocked,
    recipientEmail: n.recipientEmail,
    recipientActive: n.recipientActive,
    recipientWantsReminders: n.recipientWantsReminders,
  });
  if (!decision.send) {
    await markNotificationCancelled(db, ref, decision.reason);
    return 'cancelled';
  }
  const mail = mailFor(n, appUrl);
  await mailer.send({ to: n.recipientEmail, ...mail, messageId: `<${n.id}@bmb.notifications>` });
  await markNotificationSent(db, ref);
  return 'sent';
}

/** The reminder to new staff: still untrained and still here, or cancelled. */
async function deliverTrainingReminder(
  db: Db,
  mailer: Mailer,
  appUrl: string,
  ref: NotificationRef,
): Promise<DeliveryOutcome> {
  const n = await findTrainingReminderForDelivery(db, ref);
  if (!n || n.status !== 'queued') return 'already-done';
  const decision = trainingReminderDecision({
    recipientEmail: n.email,
    recipientActive: n.active,
    trainingRequired: n.trainingRequired,
    missing: n.missing,
  });
  if (!decision.send) {
    await markNotificationCancelled(db, ref, decision.reason);
    return 'cancelled';
  }
  const mail = composeTrainingReminderMail({
    name: n.name,
    scenarios: n.missing.map((key) => (isTrainingScenarioKey(key) ? trainingScenarios[key].title : key)),
    link: `${appUrl}/ovningslage`,
  });
  await mailer.send({ to: n.email, ...mail, messageId: `<${n.id}@bmb.notifications>` });
  await markNotificationSent(db, ref);
  return 'sent';
}

/** A delivery error as Länsservice may see it: the server's reply, never the message. */
export function describeDeliveryError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; responseCode?: number; message?: string };
    return [e.code, e.responseCode, e.message?.split('\n')[0]].filter(Boolean).join(' ');
  }
  return String(error);
}

export { recordNotificationFailure };
