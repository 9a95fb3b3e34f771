import { recordAudit } from '@bmb/db/audit';
import { findPrescriberByUsername, findTrainingRun, setSessionTrainingRun } from '@bmb/db/queries';
import { z } from 'zod';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult } from '../result';
import type { SessionActor } from './session-actor';

/** Fortsätt: back into an unfinished run's sandbox, at the step where the learner left. */
export const continueTraining = defineCommand(
  'training.continue',
  {},
  async (
    deps,
    actor: SessionActor,
    input: { runId: string },
  ): Promise<CommandResult<{ runId: string }>> => {
    const runId = z.uuid().safeParse(input.runId);
    if (!runId.success) return refusal('invalid-input', 'training.unknown-scenario');
    const { db } = deps;
    const run = await findTrainingRun(db, actor.identity.workspaceId, runId.data);
    if (
      !run ||
      run.learnerId !== actor.identity.prescriberId ||
      run.status !== 'active' ||
      !run.sandboxWorkspaceId
    ) {
      return refusal('not-found', 'training.run-gone');
    }
    const sandbox = run.sandboxWorkspaceId;
    const self = await findPrescriberByUsername(db, sandbox, actor.username);
    await db.transaction(async (tx) => {
      await setSessionTrainingRun(tx, actor.sessionToken, run.id);
      await recordAudit(tx, {
        workspaceId: sandbox,
        actorId: self?.id ?? null,
        action: 'training.resumed',
        entityType: 'training_run',
        entityId: run.id,
        after: { scenario: run.scenario, step: run.step },
      });
    });
    return done({ runId: run.id });
  },
);
