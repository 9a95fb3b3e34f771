import { recordAudit } from '@bmb/db/audit';
import {
  acknowledgeTrainingStep as recordAcknowledgement,
  findTrainingRun,
  moveTrainingRun,
  recordTrainingHint,
  recordTrainingVisit,
  trainingState,
  type TrainingRun,
} from '@bmb/db/queries';
import {
  mayAcknowledge,
  trainingPosition,
  trainingScenarios,
  type PersonActor,
  type TrainingScenarioKey,
} from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { wallClock, type CommandDeps } from '../deps';
import { done, refusal, type CommandResult } from '../result';

/** Where the learner is, as the guide panel shows it. */
export interface TrainingStatus {
  scenario: TrainingScenarioKey;
  scenarioTitle: string;
  /** 0-based index of the current step; equals `total` when done. */
  step: number;
  total: number;
  /** The manual's label of every step, in order: the panel's only counter. */
  labels: string[];
  current: {
    label: string;
    text: string;
    target: string;
    /** The step only explains: it waits for "Nästa". */
    explains: boolean;
  } | null;
  /** What is wrong in the learner's work for this step, named by the sandbox's state. */
  wrong: string | null;
  /** What BMB refused last in this step, with the step's hint in the manual's words. */
  mistake: { message: string; hint: string | null } | null;
  /** Why the scenario cannot be finished from here: the guide offers Börja om. */
  stuck: string | null;
  done: boolean;
  /** The step asks for "Låt 7 dagar gå". */
  offersClockMove: boolean;
}

type TrainingActor = PersonActor & { training: NonNullable<PersonActor['training']> };
const inTraining = (actor: PersonActor): actor is TrainingActor => actor.training !== null;

/**
 * Brings the run up to date with the sandbox: where the learner is is
 * computed from the sandbox's state each time (trainingPosition), so a
 * reload, the Back button or a second tab change nothing. The run keeps the
 * step it was last seen at, for Fortsätt, the step timeline and the hints
 * counted (Admin → Övningar).
 */
async function syncRun(
  deps: CommandDeps,
  actor: TrainingActor,
  visitedPath: string | null,
): Promise<TrainingStatus | null> {
  const { db } = deps;
  const scenario = trainingScenarios[actor.training.scenario];
  const now = wallClock(deps);
  const find = () => findTrainingRun(db, actor.identity.workspaceId, actor.training.runId);
  let run = await find();
  if (!run?.sandboxWorkspaceId) return null;
  if (visitedPath && run.status === 'active') {
    await recordTrainingVisit(db, run, visitedPath, now);
    run = (await find())!;
  }
  const state = await trainingState(db, run, actor.username);
  const position = trainingPosition(scenario, state);
  if (run.status === 'active' && position.step !== run.step) {
    const moved = await db.transaction(async (tx) => {
      const ok = await moveTrainingRun(tx, run!, {
        step: position.step,
        label: scenario.steps[position.step]?.label ?? null,
        completed: position.done,
        now,
      });
      if (ok && position.done) {
        // In the sandbox's trail; the permanent record is the run itself (training_runs).
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.prescriberId,
          action: 'training.completed',
          entityType: 'training_run',
          entityId: run!.id,
          after: { scenario: scenario.key },
        });
      }
      return ok;
    });
    if (moved) run = (await find())!;
  }
  const said = position.stuck ?? position.wrong;
  if (said && run.status === 'active') await recordTrainingHint(db, run, said, now);
  return statusOf(run, position);
}

function statusOf(run: TrainingRun, position: ReturnType<typeof trainingPosition>): TrainingStatus {
  const scenario = trainingScenarios[run.scenario as TrainingScenarioKey];
  const completed = run.status === 'completed';
  const step = completed ? scenario.steps.length : position.step;
  const current = completed ? undefined : scenario.steps[step];
  return {
    scenario: scenario.key,
    scenarioTitle: scenario.title,
    step,
    total: scenario.steps.length,
    labels: scenario.steps.map((s) => s.label),
    current: current
      ? {
          label: current.label,
          text: current.text,
          target: current.target,
          explains: current.goal === 'read',
        }
      : null,
    wrong: completed ? null : position.wrong,
    mistake:
      run.lastMistake && !completed
        ? { message: run.lastMistake, hint: current?.hint ?? null }
        : null,
    stuck: completed ? null : position.stuck,
    done: completed,
    offersClockMove: current?.target === 'move-clock',
  };
}

/** The guide's heartbeat: records the page shown (if any) and says where the learner is. */
export const followTraining = defineCommand(
  'training.follow',
  {},
  async (
    deps,
    actor: PersonActor,
    input: { path: string | null },
  ): Promise<CommandResult<TrainingStatus | null>> => {
    if (!inTraining(actor)) return done(null);
    const path = z
      .string()
      .max(200)
      .regex(/^\/[\w\-/åäöÅÄÖ]*$/)
      .nullable()
      .safeParse(input.path);
    if (!path.success) return refusal('invalid-input', 'form.check-fields');
    return done(await syncRun(deps, actor, path.data));
  },
);

/** "Nästa" on a step that only explains; refused on any other step. */
export const acknowledgeTrainingStep = defineCommand(
  'training.next',
  {},
  async (
    deps,
    actor: PersonActor,
    input: { step: unknown },
  ): Promise<CommandResult<TrainingStatus | null>> => {
    if (!inTraining(actor)) return refusal('forbidden', 'training.only-in-training');
    const step = z.coerce.number().int().min(0).max(50).safeParse(input.step);
    if (!step.success) return refusal('invalid-input', 'form.check-fields');
    const run = await findTrainingRun(deps.db, actor.identity.workspaceId, actor.training.runId);
    if (!run?.sandboxWorkspaceId || run.status !== 'active')
      return refusal('not-found', 'training.run-gone');
    const scenario = trainingScenarios[actor.training.scenario];
    const state = await trainingState(deps.db, run, actor.username);
    // Only the current step, and only one that explains: a stale panel's Nästa changes nothing.
    if (mayAcknowledge(scenario, state, step.data))
      await recordAcknowledgement(deps.db, run, step.data, wallClock(deps));
    return done(await syncRun(deps, actor, null));
  },
);
