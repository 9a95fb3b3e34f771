import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import type { Db } from '@bmb/db/client';
import { advanceTrainingRun, findTrainingRun, recordTrainingVisit, trainingFacts } from '@bmb/db/queries';
import { currentStepDone, trainingScenarios, type TrainingStep } from '@bmb/domain';
import type { CurrentUser } from '@/lib/auth/session-user';

export interface TrainingStatus {
  scenarioTitle: string;
  /** 0-based index of the current step; equals `total` when done. */
  step: number;
  total: number;
  current: Pick<TrainingStep, 'label' | 'text' | 'target'> | null;
  /** What went wrong last in this step, with the step's hint in the manual's words. */
  mistake: { message: string; hint: string | null } | null;
  done: boolean;
  /** The step asks for "Låt 7 dagar gå". */
  offersClockMove: boolean;
}

/**
 * Brings a run up to date with what the learner has done, and says where they
 * are. The guide calls it after every page and every action: a step advances
 * only when its check holds on the server, judged on facts since it began.
 */
export async function syncTraining(db: Db, user: CurrentUser, currentPath: string | null): Promise<TrainingStatus | null> {
  if (!user.training) return null;
  const scenario = trainingScenarios[user.training.scenario];
  const now = new Date();
  let run = await findTrainingRun(db, user.identity.workspaceId, user.training.runId);
  if (!run) return null;
  if (currentPath && run.status === 'active') {
    await recordTrainingVisit(db, run, currentPath, now);
    run = (await findTrainingRun(db, user.identity.workspaceId, run.id))!;
  }
  while (run.status === 'active' && currentStepDone(scenario, run.step, await trainingFacts(db, run, currentPath))) {
    const next = run.step + 1;
    const completed = next >= scenario.steps.length;
    await db.transaction(async (tx) => {
      const advanced = await advanceTrainingRun(tx, run!, { step: next, completed, now: new Date() });
      if (advanced && completed) {
        // In the sandbox's trail; the permanent record is the run itself (training_runs).
        await recordAudit(tx, {
          workspaceId: user.workspaceId,
          actorId: user.prescriberId,
          action: 'training.completed',
          entityType: 'training_run',
          entityId: run!.id,
          after: { scenario: scenario.key },
        });
      }
    });
    run = (await findTrainingRun(db, user.identity.workspaceId, run.id))!;
    // The page that completed a step does not also complete the next one.
    currentPath = null;
  }
  const current = scenario.steps[run.step] ?? null;
  return {
    scenarioTitle: scenario.title,
    step: Math.min(run.step, scenario.steps.length),
    total: scenario.steps.length,
    current: current && { label: current.label, text: current.text, target: current.target },
    mistake: run.lastMistake ? { message: run.lastMistake, hint: current?.hint ?? null } : null,
    done: run.status === 'completed',
    offersClockMove: current ? 'clockMoved' in current.check : false,
  };
}
