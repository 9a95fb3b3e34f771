/**
 * What a notification is about. The manual says "Inget meddelande talar om att
 * du fått en BMB"; these are the moments BMB tells people instead.
 */
export const bmbNotificationKinds = [
  /** To the receiver: a BMB waits to be kvitterad. */
  'bmb_arrived',
  /** To the receiver: two days remain before the BMB locks. */
  'bmb_reminder',
  /** To the sender: the receiver answered Ja or Nej. */
  'bmb_answered',
  /** To the sender: nobody answered in 7 days, so the BMB locked. */
  'bmb_locked',
  /** To the sender: Länsservice unlocked, or declined to unlock, after "Begär upplåsning". */
  'unlock_answered',
  /**
   * To the sender and to the receiver, one each: a device of a waiting BMB went
   * back to Länsservice (the stock system said so), and its line closed.
   */
  'bmb_line_closed',
] as const;

/** The notices about one BMB (notifications.bmb_id names it). */
export type BmbNotificationKind = (typeof bmbNotificationKinds)[number];

export const notificationKinds = [
  ...bmbNotificationKinds,
  /**
   * To new staff, once: the region's required training is still to do, the
   * region's number of days after their account was made (about no BMB).
   */
  'training_reminder',
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

/** Delivery states of the outbox: pending until due, queued for the worker, then sent or cancelled. */
export const notificationStatuses = ['pending', 'queued', 'sent', 'cancelled'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];
