import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays } from 'date-fns';

/** The region's time zone: deadlines and BMB-datum follow Swedish wall-clock time. */
export const BMB_TIME_ZONE = 'Europe/Stockholm';

/** "När du skickat ett BMB har mottagaren 7 dagar på sig att kvittera." */
export const BMB_ANSWER_DAYS = 7;

/**
 * The moment a sent BMB locks: seven calendar days after it was sent, at the same
 * Swedish wall-clock time. Across a daylight-saving change that is 7 × 24 h ± 1 h.
 */
export function bmbDeadline(sentAt: Date): Date {
  return new Date(addDays(new TZDate(sentAt, BMB_TIME_ZONE), BMB_ANSWER_DAYS).getTime());
}

/** A sent BMB can be answered strictly before its deadline; from the deadline on it is locked. */
export function isPastDeadline(sentAt: Date, now: Date): boolean {
  return now.getTime() >= bmbDeadline(sentAt).getTime();
}

/**
 * Whole Swedish calendar days left before the lock, for "dagar kvar": 7 on the day
 * it was sent, 0 on the day it locks, never negative.
 */
export function daysLeftBeforeLock(sentAt: Date, now: Date): number {
  const days = differenceInCalendarDays(
    new TZDate(bmbDeadline(sentAt), BMB_TIME_ZONE),
    new TZDate(now, BMB_TIME_ZONE),
  );
  return Math.max(0, days);
}

/** `YYYY-MM-DD` of an instant in Swedish time, the manual's date format (BMB-datum, Ord.datum). */
export function swedishDate(instant: Date): string {
  const d = new TZDate(instant, BMB_TIME_ZONE);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}
