import { recordAudit } from '@bmb/db/audit';
import {
  lockTrainingLearner,
  recordTrainingStepReached,
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
  trainingScenarios,
  type TrainingScenarioKey,
} from '@bmb/domain';
import { defineCommand } from '../command';
import { wallClock } from '../deps';
import { done, refusal, type CommandResult } from '../result';
import type { SessionActor } from './session-actor';

export interface TrainingStarted {
  runId: string;
  scenario: TrainingScenarioKey;
  /** Where the scenario begins: its Utgångsbild. */
  startPath: string;
}

/**
 * Starta / Börja om: a fresh private sandbox for the scenario, and the session
 * moves into it; the learner's earlier run of it stops being live. Nothing here
 * touches the production workspace's data, except when the learner has started
 * TRAINING_STARTS_PER_HOUR runs in the last hour: then nothing is created, and
 * production's trail records (once per cap's worth of starts) that the person
 * reached the cap.
 */
export const startTraining = defineCommand(
  'training.start',
  {},
  async (
    deps,
    actor: SessionActor,
    input: { scenario: string },
  ): Promise<CommandResult<TrainingStarted>> => {
    const { scenario } = input;
    if (!isTrainingScenarioKey(scenario))
      return refusal('invalid-input', 'training.unknown-scenario');
    const production = actor.identity.workspaceId;
    const person = actor.identity.prescriberId;
    const started = await deps.db.transaction(async (tx) => {
      const now = wallClock(deps);
      // Held to the commit: concurrent starts count one another, on every app instance.
      await lockTrainingLearner(tx, production, person);
      const starts = await trainingStartsSince(
        tx,
        production,
        person,
        new Date(now.getTime() - TRAINING_START_WINDOW_MS),
      );
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
        return null;
      }
      const run = await startTrainingRun(
        tx,
        production,
        { id: person, username: actor.username, name: actor.name },
        scenario,
        now,
      );
      await recordTrainingStepReached(tx, production, run.runId, 0, trainingScenarios[scenario].steps[0]!.label, now);
      await setSessionTrainingRun(tx, actor.sessionToken, run.runId);
      // Training is audited in the sandbox's own trail: production's tables stay untouched.
      await recordAudit(tx, {
        workspaceId: run.sandboxWorkspaceId,
        actorId: run.sandboxLearnerId,
        action: 'training.started',
        entityType: 'training_run',
        entityId: run.runId,
        after: { scenario },
      });
      return run;
    });
    if (!started) return refusal('rate-limited', 'training.limit');
    return done({
      runId: started.runId,
      scenario,
      startPath: trainingScenarios[scenario].startPath,
    });
  },
);
