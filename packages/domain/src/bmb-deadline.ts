import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';

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
 * it was sent, 0 on the day it locks, never negative. The deadline falls on the
 * seventh Swedish calendar day after sending, so this counts calendar days only.
 */
export function daysLeftBeforeLock(sentAt: Date, now: Date): number {
  return Math.max(0, BMB_ANSWER_DAYS - (swedishDayNumber(now) - swedishDayNumber(sentAt)));
}

// One formatter, made once: building an Intl.DateTimeFormat (or a TZDate, which
// does so inside) per call cost ~100 µs a row on a 200-row list.
const swedishCalendar = new Intl.DateTimeFormat('en-CA', {
  timeZone: BMB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The named parts (year, hour, …) of an instant as a formatter writes them. */
function partsOf(format: Intl.DateTimeFormat, instant: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

/** `YYYY-MM-DD` of an instant in Swedish time, the manual's date format (BMB-datum, Ord.datum). */
export function swedishDate(instant: Date): string {
  const { year, month, day } = partsOf(swedishCalendar, instant);
  return `${year}-${month}-${day}`;
}

const swedishClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: BMB_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `HH:MM` (or `HH:MM:SS`) of an instant in Swedish time, as the log and the Individkort show it. */
export function swedishTime(instant: Date, { seconds = false }: { seconds?: boolean } = {}): string {
  const { hour, minute, second } = partsOf(swedishClock, instant);
  return seconds ? `${hour}:${minute}:${second}` : `${hour}:${minute}`;
}

/** Days since 1970-01-01 of the Swedish calendar date of an instant. */
function swedishDayNumber(instant: Date): number {
  const date = swedishDate(instant);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}
