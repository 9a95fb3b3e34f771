import { recordAudit } from '@bmb/db/audit';
import { moveSandboxClock } from '@bmb/db/queries';
import type { PersonActor } from '@bmb/domain';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult } from '../result';

/** "Låt 7 dagar gå" moves the sandbox's clock by this much: past the deadline of anything sent before. */
export const TRAINING_CLOCK_STEP_SECONDS = 7 * 24 * 3600;

/** "Låt 7 dagar gå": moves the sandbox's clock, never production's. */
export const moveTrainingClock = defineCommand(
  'training.clock',
  {},
  async (
    deps,
    actor: PersonActor,
    _input: Record<string, never> = {},
  ): Promise<CommandResult<{ seconds: number }>> => {
    if (!actor.training) return refusal('forbidden', 'training.clock-only-in-training');
    const sandbox = actor.training.sandboxWorkspaceId;
    const seconds = TRAINING_CLOCK_STEP_SECONDS;
    const moved = await deps.db.transaction(async (tx) => {
      // The database refuses to move anything but a training workspace's clock.
      if (!(await moveSandboxClock(tx, sandbox, seconds))) return false;
      // In the sandbox's own trail: the learner's training history, not production's.
      await recordAudit(tx, {
        workspaceId: sandbox,
        actorId: actor.prescriberId,
        action: 'training.clock.moved',
        entityType: 'workspace',
        entityId: sandbox,
        after: { seconds },
      });
      return true;
    });
    return moved ? done({ seconds }) : refusal('forbidden', 'training.clock-only-in-training');
  },
);
