import { recordAudit } from '@bmb/db/audit';
import { recordTrainingMistake } from '@bmb/db/queries';
import { messageText, type Actor } from '@bmb/domain';
import { wallClock, type CommandDeps } from './deps';
import type { CommandResult, Refusal } from './result';

/**
 * The names of the commands, as the trail records a refused one
 * (`action.denied`, `{ action: <name> }`) and as adapters log them.
 */
export type CommandName =
  | 'patient.search'
  | 'bmb.draft.save'
  | 'bmb.send'
  | 'bmb.draft.discard'
  | 'bmb.answer'
  | 'bmb.unlock-request'
  | 'bmb.unlock'
  | 'bmb.unlock-request.answer'
  | 'bmb.message.read'
  | 'training.start'
  | 'training.continue'
  | 'training.leave'
  | 'training.clock'
  | 'training.follow'
  | 'training.next'
  | 'training.requirement'
  | 'account.reactivate'
  | 'region.rules'
  | 'contact-details.update'
  | 'masterdata.import'
  | 'masterdata.import-files'
  | 'webhook.create'
  | 'webhook.disable'
  | 'webhook.delivery.resend';

export interface CommandOptions {
  /**
   * In Övningsläge a refusal is the learner's mistake, and becomes the
   * guide's hint. Only for the commands the guide teaches.
   */
  teachesInTraining?: boolean;
}

export type Command<A extends Actor, I, T> = ((
  deps: CommandDeps,
  actor: A,
  input: I,
) => Promise<CommandResult<T>>) & {
  commandName: CommandName;
};

/**
 * A use case, with what every refusal entails the same way for every entry
 * point: a refusal on who is asking (not found, forbidden) is somebody's act
 * and goes into the audit trail; in Övningsläge a refusal of a taught command
 * is noted as the learner's mistake. Both happen after the command's own
 * transaction, which a refusal leaves without a change.
 */
export function defineCommand<A extends Actor, I, T>(
  name: CommandName,
  options: CommandOptions,
  run: (deps: CommandDeps, actor: A, input: I) => Promise<CommandResult<T>>,
): Command<A, I, T> {
  const command = async (deps: CommandDeps, actor: A, input: I): Promise<CommandResult<T>> => {
    const result = await run(deps, actor, input);
    if (!result.ok) await afterRefusal(deps, name, options, actor, result);
    return result;
  };
  return Object.assign(command, { commandName: name });
}

async function afterRefusal(
  deps: CommandDeps,
  name: CommandName,
  options: CommandOptions,
  actor: Actor,
  refused: Refusal,
) {
  if (refused.code === 'not-found' || refused.code === 'forbidden') {
    // A machine client is nobody in the prescribers table: the trail names it by its client id.
    await recordAudit(deps.db, {
      workspaceId: actor.workspaceId,
      actorId: actor.kind === 'machine' ? null : actor.prescriberId,
      action: 'action.denied',
      entityType: 'action',
      after:
        actor.kind === 'machine'
          ? { action: name, reason: refused.code, client: actor.clientId }
          : { action: name, reason: refused.code },
    });
  }
  if (actor.kind === 'machine') return;
  if (options.teachesInTraining && actor.training && refused.code !== 'rate-limited') {
    await recordTrainingMistake(
      deps.db,
      actor.identity.workspaceId,
      actor.training.runId,
      refusalText(refused),
      wallClock(deps),
    );
  }
}

/** What a refusal says, field by field where it names fields. */
export function refusalText(refused: Refusal): string {
  const fields = Object.values(refused.fieldErrors ?? {}).flat();
  return (fields.length > 0 ? fields : [refused.problem]).map(messageText).join(' ');
}
