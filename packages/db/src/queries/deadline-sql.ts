import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The lock deadline in SQL: seven days later at the same Swedish wall-clock
 * time. Mirrors `bmbDeadline` in packages/domain (tested to agree), so that
 * lists and counts can filter in the database.
 */
export function deadlineSql(sentAt: AnyPgColumn | SQL): SQL<Date> {
  return sql<Date>`(((${sentAt} at time zone 'Europe/Stockholm') + interval '7 days') at time zone 'Europe/Stockholm')`;
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
 * When 2 days remain before the lock: five days after sending, Swedish
 * wall-clock time. Mirrors `reminderDueAt` in packages/domain.
 */
export function reminderDueSql(sentAt: AnyPgColumn | SQL): SQL<Date> {
  return sql<Date>`(((${sentAt} at time zone 'Europe/Stockholm') + interval '5 days') at time zone 'Europe/Stockholm')`;
}
