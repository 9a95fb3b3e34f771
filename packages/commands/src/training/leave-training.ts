import { recordAudit } from '@bmb/db/audit';
import { setSessionTrainingRun } from '@bmb/db/queries';
import { defineCommand } from '../command';
import { done, type CommandResult } from '../result';
import type { SessionActor } from './session-actor';

/** Avsluta övningen: back to real work; the run's progress is kept for Fortsätt. */
export const leaveTraining = defineCommand(
  'training.leave',
  {},
  async (
    deps,
    actor: SessionActor,
    _input: Record<string, never> = {},
  ): Promise<CommandResult<{ left: string | null }>> => {
    await deps.db.transaction(async (tx) => {
      await setSessionTrainingRun(tx, actor.sessionToken, null);
      if (actor.training) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.prescriberId,
          action: 'training.left',
          entityType: 'training_run',
          entityId: actor.training.runId,
        });
      }
    });
    return done({ left: actor.training?.runId ?? null });
  },
);
