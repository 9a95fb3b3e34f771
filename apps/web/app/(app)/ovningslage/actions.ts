'use server';

import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import {
  findPrescriberByUsername,
  findTrainingRun,
  lockTrainingLearner,
  moveSandboxClock,
  setSessionTrainingRun,
  startTrainingRun,
  TRAINING_LIMIT_AUDIT_ACTION,
  trainingLimitReportedSince,
  trainingStartsSince,
} from '@bmb/db/queries';
import {
  isTrainingScenarioKey,
  mayStartTraining,
  TRAINING_START_WINDOW_MS,
  TRAINING_STARTS_PER_HOUR,
  trainingLimitMessage,
  trainingScenarios,
} from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction, refuse } from '@/lib/auth/authorize';

export type TrainingCommandState = { failure?: ActionFailure };

const SEVEN_DAYS = 7 * 24 * 3600;

/**
 * Starta / Börja om: a fresh private sandbox for the scenario, and the session
 * moves into it; the learner's earlier run of it stops being live. Nothing here
 * touches the production workspace's data, except when the learner has started
 * TRAINING_STARTS_PER_HOUR runs in the last hour: then nothing is created, and
 * production's trail records (once per cap's worth of starts) that the person
 * reached the cap.
 */
export async function startTraining(_previous: TrainingCommandState, formData: FormData): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.start');
  if (!auth.ok) return { failure: auth };
  const scenario = String(formData.get('scenario') ?? '');
  if (!isTrainingScenarioKey(scenario)) return { failure: failure('invalid-input', 'Okänd övning.') };
  const { user } = auth;
  const production = user.identity.workspaceId;
  const person = user.identity.prescriberId;
  const db = await getDb();
  const started = await db.transaction(async (tx) => {
    const now = new Date();
    // Held to the commit: concurrent starts count one another, on every app instance.
    await lockTrainingLearner(tx, production, person);
    const starts = await trainingStartsSince(tx, production, person, new Date(now.getTime() - TRAINING_START_WINDOW_MS));
    if (!mayStartTraining(starts.count)) {
      // One event per cap's worth of starts, not one per refused click: the trail stays bounded too.
      if (!(await trainingLimitReportedSince(tx, production, person, starts.oldest ?? now))) {
        await recordAudit(tx, {
          workspaceId: production,
          actorId: person,
          action: TRAINING_LIMIT_AUDIT_ACTION,
          entityType: 'prescriber',
          entityId: person,
          after: { scenario, startsInLastHour: starts.count, limit: TRAINING_STARTS_PER_HOUR },
        });
      }
      return false;
    }
    const run = await startTrainingRun(tx, production, { id: person, username: user.username, name: user.name }, scenario, now);
    await setSessionTrainingRun(tx, user.sessionToken, run.runId);
    // Training is audited in the sandbox's own trail: production's tables stay untouched.
    await recordAudit(tx, {
      workspaceId: run.sandboxWorkspaceId,
      actorId: run.sandboxLearnerId,
      action: 'training.started',
      entityType: 'training_run',
      entityId: run.runId,
      after: { scenario },
    });
    return true;
  });
  if (!started) return { failure: failure('rate-limited', trainingLimitMessage) };
  revalidatePath('/', 'layout');
  redirect(trainingScenarios[scenario].startPath);
}

/** Fortsätt: back into an unfinished run's sandbox, at the step where the learner left. */
export async function continueTraining(_previous: TrainingCommandState, formData: FormData): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.continue');
  if (!auth.ok) return { failure: auth };
  const runId = z.uuid().safeParse(formData.get('runId'));
  if (!runId.success) return { failure: failure('invalid-input', 'Okänd övning.') };
  const { user } = auth;
  const db = await getDb();
  const run = await findTrainingRun(db, user.identity.workspaceId, runId.data);
  if (!run || run.learnerId !== user.identity.prescriberId || run.status !== 'active' || !run.sandboxWorkspaceId) {
    return { failure: await refuse('training.continue', user, failure('not-found', 'Övningen finns inte längre. Starta den igen.')) };
  }
  const sandbox = run.sandboxWorkspaceId;
  const self = await findPrescriberByUsername(db, sandbox, user.username);
  await db.transaction(async (tx) => {
    await setSessionTrainingRun(tx, user.sessionToken, run.id);
    await recordAudit(tx, {
      workspaceId: sandbox,
      actorId: self?.id ?? null,
      action: 'training.resumed',
      entityType: 'training_run',
      entityId: run.id,
      after: { scenario: run.scenario, step: run.step },
    });
  });
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** Avsluta övningen: back to real work; the run's progress is kept for Fortsätt. */
export async function leaveTraining(): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.leave');
  if (!auth.ok) return { failure: auth };
  const { user } = auth;
  await (await getDb()).transaction(async (tx) => {
    await setSessionTrainingRun(tx, user.sessionToken, null);
    if (user.training) {
      await recordAudit(tx, {
        workspaceId: user.workspaceId,
        actorId: user.prescriberId,
        action: 'training.left',
        entityType: 'training_run',
        entityId: user.training.runId,
      });
    }
  });
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** "Låt 7 dagar gå": moves the sandbox's clock, never production's. */
export async function moveTrainingClock(): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.clock');
  if (!auth.ok) return { failure: auth };
  const { user } = auth;
  if (!user.training) return { failure: await refuse('training.clock', user, failure('forbidden', 'Tiden kan bara flyttas i Övningsläge.')) };
  const sandbox = user.training.sandboxWorkspaceId;
  const moved = await (await getDb()).transaction(async (tx) => {
    if (!(await moveSandboxClock(tx, sandbox, SEVEN_DAYS))) return false;
    // In the sandbox's own trail: the learner's training history, not production's.
    await recordAudit(tx, {
      workspaceId: sandbox,
      actorId: user.prescriberId,
      action: 'training.clock.moved',
      entityType: 'workspace',
      entityId: sandbox,
      after: { seconds: SEVEN_DAYS },
    });
    return true;
  });
  if (!moved) return { failure: failure('forbidden', 'Tiden kan bara flyttas i Övningsläge.') };
  revalidatePath('/', 'layout');
  return {};
}
