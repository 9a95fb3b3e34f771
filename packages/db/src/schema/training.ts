import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, workspaceId } from './columns';
import { prescribers } from './prescribers';
import { workspaces } from './workspaces';

export const trainingRunStatus = pgEnum('training_run_status', ['active', 'completed', 'abandoned']);

/** A page visit the guide counts as a step ("Utgångsbild: Hjälpmedel"). */
export interface TrainingVisit {
  path: string;
  at: string;
}

/**
 * One learner's run of one training scenario. The record lives in the
 * learner's own (production) workspace and survives the purge of its sandbox:
 * it is the completion record admins see.
 */
export const trainingRuns = pgTable(
  'training_runs',
  {
    workspaceId: workspaceId(),
    id: id(),
    learnerId: uuid().notNull(),
    scenario: text().notNull(),
    /** The private sandbox; null once purged. */
    sandboxWorkspaceId: uuid().references(() => workspaces.id, { onDelete: 'set null' }),
    status: trainingRunStatus().notNull().default('active'),
    step: integer().notNull().default(0),
    stepStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    visits: jsonb().$type<TrainingVisit[]>().notNull().default([]),
    /** The last thing that went wrong, shown as a hint in the manual's words. */
    lastMistake: text(),
    lastMistakeAt: timestamp({ withTimezone: true }),
    /** Steps that only explain, whose "Nästa" the learner clicked (by index). */
    acknowledgedSteps: integer().array().notNull().default(sql`'{}'::integer[]`),
    /** The last wrong-work or stuck message the guide showed: a new one counts as a hint given. */
    lastHint: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.learnerId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    uniqueIndex('training_runs_one_active').on(t.workspaceId, t.learnerId, t.scenario).where(sql`status = 'active'`),
    index('training_runs_learner_idx').on(t.workspaceId, t.learnerId),
  ],
);

/**
 * When each step of a run became the current one and when the learner passed
 * it, and how many hints they got there: Admin → Övningar's view of where the
 * manual is hard. In the learner's own (production) workspace, like the run.
 */
export const trainingRunSteps = pgTable(
  'training_run_steps',
  {
    workspaceId: workspaceId(),
    runId: uuid().notNull(),
    step: integer().notNull(),
    label: text().notNull(),
    reachedAt: timestamp({ withTimezone: true }).notNull(),
    /** Null while it is the current step (or was never passed). */
    passedAt: timestamp({ withTimezone: true }),
    hints: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.runId, t.step] }),
    foreignKey({ columns: [t.workspaceId, t.runId], foreignColumns: [trainingRuns.workspaceId, trainingRuns.id] }),
  ],
);

/**
 * The tables of a learner's own training record, in the production
 * workspace: the only production rows Övningsläge may write (tests that prove
 * training leaves production alone leave these out).
 */
export const TRAINING_RECORD_TABLES = ['training_runs', 'training_run_steps'] as const;
