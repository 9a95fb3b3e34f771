import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Counters for the limits on patient lookups and anonymous requests (issue 15,
 * items 5 and 6): one row per bucket, subject and fixed window. In the database,
 * not in process memory, so a limit holds across app instances and restarts.
 * Not evidence: old windows are thrown away (`purgeRateLimitWindows`). The
 * subject is a prescriber id or a source address, never a personnummer.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    /** What is counted, e.g. `patient-lookup`, `patient-lookup.miss`, `anonymous.action`. */
    bucket: text().notNull(),
    subject: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    /** Window length in seconds: a minute and a day of the same bucket are two rows. */
    windowSeconds: integer().notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.windowSeconds, t.subject, t.windowStart] }),
    index('rate_limit_counters_window_idx').on(t.windowStart),
  ],
);
