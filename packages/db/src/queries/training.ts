import type { AdminScope } from '@bmb/domain';
import type { TrainingFacts, TrainingScenarioKey } from '@bmb/domain';
import { and, count, desc, eq, gte, inArray, isNotNull, lt, min, or, sql } from 'drizzle-orm';
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
  trainingRuns,
  units,
  unlockRequests,
  workspaces,
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

/** What the learner has done in the sandbox since the current step began, plus the page shown now. */
export async function trainingFacts(db: DbOrTx, run: TrainingRun, currentPath: string | null): Promise<TrainingFacts> {
  const sandbox = run.sandboxWorkspaceId!;
  const since = run.stepStartedAt;
  const [access, audit, [workspace]] = await Promise.all([
    db
      .selectDistinct({ action: patientAccessLog.action })
      .from(patientAccessLog)
      .where(and(eq(patientAccessLog.workspaceId, sandbox), gte(patientAccessLog.occurredAt, since))),
    db
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, sandbox), gte(auditEvents.occurredAt, since))),
    db.select({ offset: workspaces.clockOffsetSeconds }).from(workspaces).where(eq(workspaces.id, sandbox)),
  ]);
  const visited = run.visits.filter((v) => new Date(v.at) >= since).map((v) => v.path);
  return {
    visited: currentPath ? [...visited, currentPath] : visited,
    accessActions: access.map((a) => a.action),
    auditActions: audit.map((a) => a.action),
    clockMoved: (workspace?.offset ?? 0) > 0,
  };
}

/** Remembers a page the learner opened (the guide reports it), keeping the last 50. */
export async function recordTrainingVisit(db: DbOrTx, run: TrainingRun, path: string, now: Date): Promise<void> {
  const visits: TrainingVisit[] = [...run.visits, { path, at: now.toISOString() }].slice(-50);
  await db
    .update(trainingRuns)
    .set({ visits, updatedAt: now })
    .where(and(eq(trainingRuns.workspaceId, run.workspaceId), eq(trainingRuns.id, run.id)));
}

/** Moves the run on one step; false when another request already did (the step is the guard). */
export async function advanceTrainingRun(
  db: DbOrTx,
  run: TrainingRun,
  next: { step: number; completed: boolean; now: Date },
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
      updatedAt: next.now,
    })
    .where(and(eq(trainingRuns.workspaceId, run.workspaceId), eq(trainingRuns.id, run.id), eq(trainingRuns.step, run.step)))
    .returning({ id: trainingRuns.id });
  return updated.length === 1;
}

export async function recordTrainingMistake(db: DbOrTx, workspaceId: string, runId: string, message: string, now: Date) {
  await db
    .update(trainingRuns)
    .set({ lastMistake: message.slice(0, 500), lastMistakeAt: now, updatedAt: now })
    .where(and(eq(trainingRuns.workspaceId, workspaceId), eq(trainingRuns.id, runId)));
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
