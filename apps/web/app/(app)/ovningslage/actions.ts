'use server';

import { getDb } from '@bmb/db/client';
import { findTrainingRun, moveSandboxClock, setSessionTrainingRun, startTrainingRun } from '@bmb/db/queries';
import { isTrainingScenarioKey, trainingScenarios } from '@bmb/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failure, type ActionFailure } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';

export type TrainingCommandState = { failure?: ActionFailure };

const SEVEN_DAYS = 7 * 24 * 3600;

/**
 * Starta / Börja om: a fresh private sandbox for the scenario, and the session
 * moves into it. Nothing here touches the production workspace's data.
 */
export async function startTraining(_previous: TrainingCommandState, formData: FormData): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.start');
  if (!auth.ok) return { failure: auth };
  const scenario = String(formData.get('scenario') ?? '');
  if (!isTrainingScenarioKey(scenario)) return { failure: failure('invalid-input', 'Okänd övning.') };
  const { user } = auth;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const runId = await startTrainingRun(
      tx,
      user.identity.workspaceId,
      { id: user.identity.prescriberId, username: user.username, name: user.name },
      scenario,
      new Date(),
    );
    await setSessionTrainingRun(tx, user.sessionToken, runId);
  });
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
    return { failure: failure('not-found', 'Övningen finns inte längre. Starta den igen.') };
  }
  await setSessionTrainingRun(db, user.sessionToken, run.id);
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** Avsluta övningen: back to real work; the run's progress is kept for Fortsätt. */
export async function leaveTraining(): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.leave');
  if (!auth.ok) return { failure: auth };
  await setSessionTrainingRun(await getDb(), auth.user.sessionToken, null);
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** "Låt 7 dagar gå": moves the sandbox's clock, never production's. */
export async function moveTrainingClock(): Promise<TrainingCommandState> {
  const auth = await authorizeAction('training.clock');
  if (!auth.ok) return { failure: auth };
  const { user } = auth;
  if (!user.training) return { failure: failure('forbidden', 'Tiden kan bara flyttas i Övningsläge.') };
  const moved = await moveSandboxClock(await getDb(), user.training.sandboxWorkspaceId, SEVEN_DAYS);
  if (!moved) return { failure: failure('forbidden', 'Tiden kan bara flyttas i Övningsläge.') };
  revalidatePath('/', 'layout');
  return {};
}
