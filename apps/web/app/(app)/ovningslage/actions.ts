'use server';

import * as commands from '@bmb/commands';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runCommand } from '@/lib/command-action';
import { textOf, type FormState } from '@/lib/form-state';

export type TrainingCommandState = FormState;

/** Starta / Börja om: a fresh sandbox for the scenario, and the session moves into it (commands/training). */
export async function startTraining(_previous: unknown, formData: FormData): Promise<TrainingCommandState> {
  const started = await runCommand(commands.startTraining, { scenario: textOf(formData, 'scenario', 64) });
  if (!started.ok) return { values: {}, failure: started.failure };
  revalidatePath('/', 'layout');
  redirect(started.value.startPath);
}

/** Fortsätt: back into an unfinished run's sandbox, at the step where the learner left. */
export async function continueTraining(_previous: unknown, formData: FormData): Promise<TrainingCommandState> {
  const resumed = await runCommand(commands.continueTraining, { runId: textOf(formData, 'runId', 64) });
  if (!resumed.ok) return { values: {}, failure: resumed.failure };
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** Avsluta övningen: back to real work; the run's progress is kept for Fortsätt. */
export async function leaveTraining(): Promise<TrainingCommandState> {
  const left = await runCommand(commands.leaveTraining, {});
  if (!left.ok) return { values: {}, failure: left.failure };
  revalidatePath('/', 'layout');
  redirect('/ovningslage');
}

/** "Låt 7 dagar gå": moves the sandbox's clock, never production's. */
export async function moveTrainingClock(): Promise<TrainingCommandState> {
  const moved = await runCommand(commands.moveTrainingClock, {});
  if (!moved.ok) return { values: {}, failure: moved.failure };
  revalidatePath('/', 'layout');
  return { values: {}, done: true };
}

export type TrainingStepState = FormState & { status?: commands.TrainingStatus | null };

/** Nästa, on a step that only explains: the guide moves on when the server agrees it may. */
export async function acknowledgeTrainingStep(_previous: unknown, formData: FormData): Promise<TrainingStepState> {
  const acknowledged = await runCommand(commands.acknowledgeTrainingStep, { step: textOf(formData, 'step', 4) });
  if (!acknowledged.ok) return { values: {}, failure: acknowledged.failure };
  revalidatePath('/', 'layout');
  return { values: {}, done: true, status: acknowledged.value };
}
