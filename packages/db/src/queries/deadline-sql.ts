import { BMB_ANSWER_DAYS, BMB_TIME_ZONE, REMINDER_DAYS_BEFORE_LOCK } from '@bmb/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/*
 * The domain's zone and day counts are written into the statement as literals
 * (`sql.raw`), not bound as parameters: the text of every statement stays what
 * it was, so each query keeps its one prepared statement and its plans
 * (docs/decisions/008), the planner folds a constant interval as before, and a
 * deadline adds no parameters to a query that repeats it. Raw SQL is safe only
 * for values checked here, once, when the module loads.
 */
function zoneLiteral(zone: string): SQL {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) throw new Error(`Not a time zone name: ${zone}`);
  return sql.raw(`'${zone}'`);
}

function daysLiteral(days: number): SQL {
  if (!Number.isSafeInteger(days) || days < 0) throw new Error(`Not a whole number of days: ${days}`);
  return sql.raw(`interval '${days} days'`);
}

const SWEDISH_ZONE = zoneLiteral(BMB_TIME_ZONE);
const ANSWER_DAYS = daysLiteral(BMB_ANSWER_DAYS);
/** The reminder comes when REMINDER_DAYS_BEFORE_LOCK days remain, counted from the sending like the lock. */
const REMINDER_DAYS = daysLiteral(BMB_ANSWER_DAYS - REMINDER_DAYS_BEFORE_LOCK);

/**
 * `AT TIME ZONE` the region's zone: an instant becomes Swedish wall-clock
 * time, and wall-clock time becomes an instant.
 */
export function atSwedishTime(at: AnyPgColumn | SQL): SQL {
  return sql`(${at} at time zone ${SWEDISH_ZONE})`;
}

/** The first moment of the Swedish calendar month that `at` falls in. */
export function swedishMonthStartSql(at: AnyPgColumn | SQL): SQL<Date> {
  return sql<Date>`(date_trunc('month', ${atSwedishTime(at)}) at time zone ${SWEDISH_ZONE})`;
}

/** `days` later than `sentAt` at the same Swedish wall-clock time. */
function swedishDaysLater(sentAt: AnyPgColumn | SQL, days: SQL): SQL<Date> {
  return sql<Date>`(((${sentAt} at time zone ${SWEDISH_ZONE}) + ${days}) at time zone ${SWEDISH_ZONE})`;
}

/**
 * The lock deadline in SQL: BMB_ANSWER_DAYS later at the same Swedish
 * wall-clock time. Mirrors `bmbDeadline` in packages/domain (tested to agree),
 * so that lists and counts can filter in the database.
 */
export function deadlineSql(sentAt: AnyPgColumn | SQL): SQL<Date> {
  return swedishDaysLater(sentAt, ANSWER_DAYS);
}

/** A point in time bound at `execute` (a prepared statement's `now`, as an ISO string). */
export function timestamptzPlaceholder(name: string): SQL<Date> {
  return sql<Date>`${sql.placeholder(name)}::timestamptz`;
}

/**
 * A point in time as a SQL parameter. Needed where a Date meets an expression
 * rather than a column: Drizzle maps Dates only through a column's type, and
 * postgres.js would refuse the raw object.
 */
export function timestamptz(at: Date): SQL<Date> {
  return sql<Date>`${at.toISOString()}::timestamptz`;
}

/**
 * When REMINDER_DAYS_BEFORE_LOCK days remain before the lock, Swedish
 * wall-clock time. Mirrors `reminderDueAt` in packages/domain.
 */
export function reminderDueSql(sentAt: AnyPgColumn | SQL): SQL<Date> {
  return swedishDaysLater(sentAt, REMINDER_DAYS);
}

/** What decides whether a BMB waits or is locked: `bmbs`, an alias of it, or raw columns. */
export interface BmbClockColumns {
  status: AnyPgColumn | SQL;
  sentAt: AnyPgColumn | SQL;
}

const instant = (now: Date | SQL): SQL => (now instanceof Date ? timestamptz(now) : now);

/*
 * "Låst" is never stored (docs/decisions/005): it is a sent BMB past its
 * deadline. 'sent' is a literal, not a parameter, so that the partial indexes
 * (`… where status = 'sent'`) stay usable: the planner can use one only when it
 * can prove the index's predicate, which `status = $1` never lets a generic plan do.
 */

/** Sent and still answerable at `now` (a Date, or SQL such as a workspace's clock). */
export function isWaitingSql(bmb: BmbClockColumns, now: Date | SQL): SQL {
  return sql`(${bmb.status} = 'sent' and ${deadlineSql(bmb.sentAt)} > ${instant(now)})`;
}

/** Sent and past its deadline at `now`: locked, unanswered. */
export function isLockedSql(bmb: BmbClockColumns, now: Date | SQL): SQL {
  return sql`(${bmb.status} = 'sent' and ${deadlineSql(bmb.sentAt)} <= ${instant(now)})`;
}
