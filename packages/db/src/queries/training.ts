import type { AdminScope } from '@bmb/domain';
import type { TrainingScenarioKey } from '@bmb/domain';
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, min, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  articles,
  auditEvents,
  authSessions,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  patientAccessLog,
  patients,
  payers,
  prescriberDeliveryAddresses,
  prescriberPayers,
  prescribers,
  trainingRunSteps,
  trainingRuns,
  units,
  unlockRequests,
  workspaces,
  bmbMessageReads,
  type TrainingVisit,
} from '../schema';
import { createTrainingSandbox } from '../training/sandbox';

export type TrainingRun = typeof trainingRuns.$inferSelect;

/**
 * Serialises one learner's starts: a row lock on their production prescriber
 * row until the transaction ends, so a start sees every earlier one, from any
 * app instance (the cap's count, the one active run per scenario). NO KEY
 * UPDATE: rows that merely reference the prescriber (audit events) are not
 * held up. PGlite has one connection, where transactions run one at a time.
 */
export async function lockTrainingLearner(tx: DbOrTx, workspaceId: string, learnerId: string): Promise<void> {
  await tx
    .select({ id: prescribers.id })
    .from(prescribers)
    .where(and(eq(prescribers.workspaceId, workspaceId), eq(prescribers.id, learnerId)))
    .for('no key update');
}

/** The runs a learner started since `since`, whatever became of them, and when the oldest of them began. */
export async function trainingStartsSince(
  db: DbOrTx,
  workspaceId: string,
  learnerId: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db
    .select({ count: count(), oldest: min(trainingRuns.startedAt) })
    .from(trainingRuns)
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.learnerId, learnerId), gte(trainingRuns.startedAt, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}

export const TRAINING_LIMIT_AUDIT_ACTION = 'training.limit-reached';

/** Whether the learner's reaching the cap is already in production's trail since `since`. */
export async function trainingLimitReportedSince(db: DbOrTx, workspaceId: string, learnerId: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        eq(auditEvents.action, TRAINING_LIMIT_AUDIT_ACTION),
        eq(auditEvents.actorId, learnerId),
        gte(auditEvents.occurredAt, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Starts a run on a fresh sandbox ("Starta", "Börja om"). The learner's earlier
 * runs of the scenario stop being live: an active one is abandoned, and every
 * session inside any of them (another browser, a completed run's sandbox) goes
 * back to production, so only the new sandbox can be entered.
 *
 * The abandoned sandbox is not deleted here: that deletes its log rows, which
 * the app role may never do (privileges.ts; a role that could would be one
 * `UPDATE workspaces SET kind = 'training'` away from deleting production's
 * logs). `pnpm training:purge`, run as the owner, throws abandoned sandboxes
 * away at its next run, whatever their age (purgeTrainingSandboxes); until
 * then the cap on starts per hour (TRAINING_STARTS_PER_HOUR) bounds them.
 */
export async function startTrainingRun(
  tx: DbOrTx,
  workspaceId: string,
  learner: { id: string; username: string; name: string },
  scenario: TrainingScenarioKey,
  now: Date,
): Promise<{ runId: string; sandboxWorkspaceId: string; sandboxLearnerId: string }> {
  await lockTrainingLearner(tx, workspaceId, learner.id);
  const sameScenario = and(
    eq(trainingRuns.workspaceId, workspaceId),
    eq(trainingRuns.learnerId, learner.id),
    eq(trainingRuns.scenario, scenario),
  );
  await tx
    .update(authSessions)
    .set({ trainingRunId: null })
    .where(inArray(authSessions.trainingRunId, tx.select({ id: trainingRuns.id }).from(trainingRuns).where(sameScenario)));
  await tx
    .update(trainingRuns)
    .set({ status: 'abandoned', updatedAt: now })
    .where(and(sameScenario, eq(trainingRuns.status, 'active')));
  const sandbox = await createTrainingSandbox(tx, learner, scenario, now);
  const [run] = await tx
    .insert(trainingRuns)
    .values({
      workspaceId,
      learnerId: learner.id,
      scenario,
      sandboxWorkspaceId: sandbox.workspaceId,
      startedAt: now,
      stepStartedAt: now,
      updatedAt: now,
    })
    .returning({ id: trainingRuns.id });
  return { runId: run!.id, sandboxWorkspaceId: sandbox.workspaceId, sandboxLearnerId: sandbox.learnerId };
}

export async function findTrainingRun(db: DbOrTx, workspaceId: string, runId: string): Promise<TrainingRun | null> {
  const [row] = await db
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.id, runId)));
  return row ?? null;
}

/** The learner's runs, newest first (Övningsläge shows the latest of each scenario). */
export async function listTrainingRunsOf(db: DbOrTx, workspaceId: string, learnerId: string): Promise<TrainingRun[]> {
  return db
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.learnerId, learnerId)))
    .orderBy(desc(trainingRuns.startedAt));
}

export async function completedScenarios(db: DbOrTx, workspaceId: string, learnerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ scenario: trainingRuns.scenario })
    .from(trainingRuns)
    .where(
      and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.learnerId, learnerId), eq(trainingRuns.status, 'completed')),
    );
  return rows.map((r) => r.scenario);
}

/** Puts a session into a run's sandbox, or back into production (null). */
export async function setSessionTrainingRun(db: DbOrTx, sessionToken: string, runId: string | null): Promise<void> {
  await db.update(authSessions).set({ trainingRunId: runId }).where(eq(authSessions.sessionToken, sessionToken));
}

/** Remembers a page the learner opened (the guide reports it), keeping the last 50. */
export async function recordTrainingVisit(db: DbOrTx, run: TrainingRun, path: string, now: Date): Promise<void> {
  const visits: TrainingVisit[] = [...run.visits, { path, at: now.toISOString() }].slice(-50);
  await db
    .update(trainingRuns)
    .set({ visits, updatedAt: now })
    .where(and(eq(trainingRuns.workspaceId, run.workspaceId), eq(trainingRuns.id, run.id)));
}

/**
 * Moves the run to the step the sandbox shows (forward, or back when a goal
 * stopped holding); false when another request already did (the step it was
 * at is the guard). Keeps the step timeline Admin → Övningar reads: the new
 * step's row is made the first time it becomes current, and every step left
 * behind going forward is marked passed.
 */
export async function moveTrainingRun(
  db: DbOrTx,
  run: TrainingRun,
  next: { step: number; label: string | null; completed: boolean; now: Date },
): Promise<boolean> {
  const updated = await db
    .update(trainingRuns)
    .set({
      step: next.step,
      stepStartedAt: next.now,
      status: next.completed ? 'completed' : 'active',
      completedAt: next.completed ? next.now : null,
      lastMistake: null,
      lastMistakeAt: null,
      lastHint: null,
      updatedAt: next.now,
    })
    .where(and(eq(trainingRuns.workspaceId, run.workspaceId), eq(trainingRuns.id, run.id), eq(trainingRuns.step, run.step)))
    .returning({ id: trainingRuns.id });
  if (updated.length !== 1) return false;
  const ofRun = and(eq(trainingRunSteps.workspaceId, run.workspaceId), eq(trainingRunSteps.runId, run.id));
  if (next.step > run.step) {
    await db
      .update(trainingRunSteps)
      .set({ passedAt: next.now })
      .where(and(ofRun, lt(trainingRunSteps.step, next.step), isNull(trainingRunSteps.passedAt)));
  }
  if (next.label !== null) {
    await db
      .insert(trainingRunSteps)
      .values({ workspaceId: run.workspaceId, runId: run.id, step: next.step, label: next.label, reachedAt: next.now })
      .onConflictDoNothing();
  }
  return true;
}

/** The first step's row, when a run starts. */
export async function recordTrainingStepReached(db: DbOrTx, workspaceId: string, runId: string, step: number, label: string, now: Date) {
  await db.insert(trainingRunSteps).values({ workspaceId, runId, step, label, reachedAt: now }).onConflictDoNothing();
}

/** One more hint given at the run's current step. */
async function countHint(db: DbOrTx, run: Pick<TrainingRun, 'workspaceId' | 'id' | 'step'>) {
  await db
    .update(trainingRunSteps)
    .set({ hints: sql`${trainingRunSteps.hints} + 1` })
    .where(and(eq(trainingRunSteps.workspaceId, run.workspaceId), eq(trainingRunSteps.runId, run.id), eq(trainingRunSteps.step, run.step)));
}

/** The guide showed what is wrong (or why the sandbox is stuck): counted once per new message. */
export async function recordTrainingHint(db: DbOrTx, run: TrainingRun, message: string, now: Date): Promise<void> {
  if (run.lastHint === message) return;
  const updated = await db
    .update(trainingRuns)
    .set({ lastHint: message, updatedAt: now })
    .where(
      and(
        eq(trainingRuns.workspaceId, run.workspaceId),
        eq(trainingRuns.id, run.id),
        eq(trainingRuns.step, run.step),
        sql`${trainingRuns.lastHint} is distinct from ${message}`,
      ),
    )
    .returning({ id: trainingRuns.id });
  if (updated.length === 1) await countHint(db, run);
}

/** "Nästa" on a step that explains. */
export async function acknowledgeTrainingStep(db: DbOrTx, run: TrainingRun, step: number, now: Date): Promise<void> {
  await db
    .update(trainingRuns)
    .set({
      acknowledgedSteps: sql`case when ${step} = any(${trainingRuns.acknowledgedSteps}) then ${trainingRuns.acknowledgedSteps} else array_append(${trainingRuns.acknowledgedSteps}, ${step}::integer) end`,
      updatedAt: now,
    })
    .where(and(eq(trainingRuns.workspaceId, run.workspaceId), eq(trainingRuns.id, run.id)));
}

export async function recordTrainingMistake(db: DbOrTx, workspaceId: string, runId: string, message: string, now: Date) {
  const [run] = await db
    .update(trainingRuns)
    .set({ lastMistake: message.slice(0, 500), lastMistakeAt: now, updatedAt: now })
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.id, runId)))
    .returning({ workspaceId: trainingRuns.workspaceId, id: trainingRuns.id, step: trainingRuns.step });
  if (run) await countHint(db, run);
}

/** "Låt 7 dagar gå": moves a training sandbox's clock. Refuses anything but a training workspace. */
export async function moveSandboxClock(db: DbOrTx, sandboxId: string, seconds: number): Promise<boolean> {
  const moved = await db
    .update(workspaces)
    .set({ clockOffsetSeconds: sql`${workspaces.clockOffsetSeconds} + ${seconds}` })
    .where(and(eq(workspaces.id, sandboxId), eq(workspaces.kind, 'training')))
    .returning({ id: workspaces.id });
  return moved.length === 1;
}

export interface CompletionRow {
  username: string;
  name: string;
  scenario: string;
  startedAt: Date;
  completedAt: Date;
}

/** Admin: who has completed which scenario, and how long it took. */
export async function listTrainingCompletions(db: DbOrTx, admin: AdminScope): Promise<CompletionRow[]> {
  const { workspaceId } = admin;
  const rows = await db
    .select({
      username: prescribers.username,
      name: prescribers.name,
      scenario: trainingRuns.scenario,
      startedAt: trainingRuns.startedAt,
      completedAt: trainingRuns.completedAt,
    })
    .from(trainingRuns)
    .innerJoin(prescribers, and(eq(prescribers.workspaceId, trainingRuns.workspaceId), eq(prescribers.id, trainingRuns.learnerId)))
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.status, 'completed')))
    .orderBy(desc(trainingRuns.completedAt))
    .limit(1000);
  return rows.map((r) => ({ ...r, completedAt: r.completedAt! }));
}

export interface TrainingStepStatistics {
  scenario: string;
  step: number;
  label: string;
  /** Runs that reached the step. */
  runs: number;
  /** Distinct learners who got at least one hint there. */
  learnersHinted: number;
  hints: number;
  /** Median time from reaching the step to passing it, in seconds; null when nobody has passed it yet. */
  medianSeconds: number | null;
}

/**
 * Admin → Övningar: per scenario and step, how many learners got a hint there
 * and how long the step takes (median), so the region sees where the manual is hard.
 */
export async function trainingStepStatistics(db: DbOrTx, admin: AdminScope): Promise<TrainingStepStatistics[]> {
  const rows = await db
    .select({
      scenario: trainingRuns.scenario,
      step: trainingRunSteps.step,
      label: sql<string>`min(${trainingRunSteps.label})`,
      runs: sql<number>`count(*)::int`,
      learnersHinted: sql<number>`count(distinct ${trainingRuns.learnerId}) filter (where ${trainingRunSteps.hints} > 0)::int`,
      hints: sql<number>`coalesce(sum(${trainingRunSteps.hints}), 0)::int`,
      medianSeconds: sql<number | null>`(percentile_cont(0.5) within group (order by extract(epoch from ${trainingRunSteps.passedAt} - ${trainingRunSteps.reachedAt})) filter (where ${trainingRunSteps.passedAt} is not null))::float8`,
    })
    .from(trainingRunSteps)
    .innerJoin(trainingRuns, and(eq(trainingRuns.workspaceId, trainingRunSteps.workspaceId), eq(trainingRuns.id, trainingRunSteps.runId)))
    .where(eq(trainingRunSteps.workspaceId, admin.workspaceId))
    .groupBy(trainingRuns.scenario, trainingRunSteps.step)
    .orderBy(trainingRuns.scenario, trainingRunSteps.step);
  return rows.map((r) => ({ ...r, medianSeconds: r.medianSeconds === null ? null : Number(r.medianSeconds) }));
}

/**
 * Housekeeping: throws away the sandboxes of runs abandoned ("Börja om": no
 * session can enter them any more, so whatever their age), and of runs
 * finished or left untouched before `cutoff` (an untouched active run counts
 * as abandoned).
 * Only training workspaces are ever deleted: the query says so, and the
 * database refuses to delete the production workspace or its log rows.
 */
export async function purgeTrainingSandboxes(db: DbOrTx, cutoff: Date): Promise<number> {
  const stale = await db
    .select({ sandbox: trainingRuns.sandboxWorkspaceId })
    .from(trainingRuns)
    .innerJoin(workspaces, eq(workspaces.id, trainingRuns.sandboxWorkspaceId))
    .where(
      and(
        isNotNull(trainingRuns.sandboxWorkspaceId),
        eq(workspaces.kind, 'training'),
        or(eq(trainingRuns.status, 'abandoned'), lt(trainingRuns.updatedAt, cutoff)),
      ),
    );
  const ids = stale.map((s) => s.sandbox!).filter(Boolean);
  if (ids.length === 0) return 0;
  await db
    .update(trainingRuns)
    .set({ status: 'abandoned' })
    .where(and(inArray(trainingRuns.sandboxWorkspaceId, ids), eq(trainingRuns.status, 'active')));
  await db.update(authSessions).set({ trainingRunId: null }).where(
    inArray(
      authSessions.trainingRunId,
      db.select({ id: trainingRuns.id }).from(trainingRuns).where(inArray(trainingRuns.sandboxWorkspaceId, ids)),
    ),
  );
  // Children first: every table that holds workspace rows.
  for (const table of [
    auditEvents,
    patientAccessLog,
    bmbMessageReads,
    unlockRequests,
    bmbLines,
    bmbs,
    loans,
    units,
    articles,
    prescriberPayers,
    prescriberDeliveryAddresses,
    patients,
    payers,
    deliveryAddresses,
    prescribers,
  ]) {
    await db.delete(table).where(inArray(table.workspaceId, ids));
  }
  await db.delete(workspaces).where(and(inArray(workspaces.id, ids), eq(workspaces.kind, 'training')));
  return ids.length;
}
