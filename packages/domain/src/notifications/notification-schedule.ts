import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { BMB_ANSWER_DAYS, bmbDeadline, BMB_TIME_ZONE } from '../bmb-deadline';

/** "A reminder when 2 days remain." */
export const REMINDER_DAYS_BEFORE_LOCK = 2;

/**
 * When the receiver is reminded: two Swedish calendar days before the lock, at
 * the wall-clock time the BMB was sent (so 48 h ± 1 h before the lock across a
 * daylight-saving change). Counted from the sending, like the deadline, so that
 * the SQL mirror (`reminderDueSql`) agrees even when that time does not exist
 * on the lock day.
 */
export function reminderDueAt(sentAt: Date): Date {
  return new Date(addDays(new TZDate(sentAt, BMB_TIME_ZONE), BMB_ANSWER_DAYS - REMINDER_DAYS_BEFORE_LOCK).getTime());
}

/** When the sender hears that the BMB locked: the deadline itself. */
export function lockNoticeDueAt(sentAt: Date): Date {
  return bmbDeadline(sentAt);
}
