import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaceKind } from './enums';

/**
 * Every domain row belongs to a workspace, and every key and foreign key
 * includes it, so a training row can never point at a production row.
 */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: workspaceKind().notNull(),
    name: text().notNull(),
    /** Added to the database clock: training and tests move time here, never in production. */
    clockOffsetSeconds: integer().notNull().default(0),
    /** Region setting: training scenarios new staff must complete before a real BMB. */
    requiredTraining: text().array().notNull().default(sql`'{}'::text[]`),
    /** Region rule: a prescriber account unused this many months is deactivated (regions use 6–12). */
    deactivateUnusedAfterMonths: integer().notNull().default(12),
    /** Region rule: new staff who have not trained get one e-mail reminder this many days after their account was made. */
    trainingReminderDays: integer().notNull().default(7),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workspaces_one_production').on(t.kind).where(sql`kind = 'production'`),
    check('workspaces_deactivate_months', sql`${t.deactivateUnusedAfterMonths} between 1 and 60`),
    check('workspaces_training_reminder_days', sql`${t.trainingReminderDays} between 1 and 90`),
  ],
);
