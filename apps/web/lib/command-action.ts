import 'server-only';
import type { Command, CommandResult, Refusal, RefusalCode } from '@bmb/commands';
import { getDb } from '@bmb/db/client';
import { messageText, type PersonActor } from '@bmb/domain';
import type { ActionFailure, ActionFailureCode } from '@/lib/action-result';
import { authorizeAction } from '@/lib/auth/authorize';
import { webhookTargetMode } from '@/lib/env';
import type { CurrentUser } from '@/lib/auth/session-user';

export type CommandOutcome<T> =
  { ok: true; value: T; user: CurrentUser } | { ok: false; failure: ActionFailure };

/**
 * The web's one way to run a command from a server action: who is calling
 * (the session; without one the refusal is counted per source, never
 * written to the trail), the command itself (which authorises on the
 * resource, validates, and runs its transaction), and its refusal in
 * Swedish for the form. What the action then does with a success (redirect,
 * revalidate, answer state) is the action's own.
 */
export async function runCommand<A extends PersonActor, I, T>(
  command: Command<A, I, T>,
  input: I | ((user: CurrentUser) => I),
): Promise<CommandOutcome<T>> {
  const auth = await authorizeAction(command.commandName);
  if (!auth.ok) return { ok: false, failure: auth };
  const { user } = auth;
  const result: CommandResult<T> = await command(
    { db: await getDb(), webhookTargets: webhookTargetMode() },
    user as CurrentUser & A,
    typeof input === 'function' ? (input as (user: CurrentUser) => I)(user) : input,
  );
  return result.ok
    ? { ok: true, value: result.value, user }
    : { ok: false, failure: failureOf(result) };
}

/** A command's refusal as the forms show it: the message, and the messages per field. */
export function failureOf(refused: Refusal): ActionFailure {
  const message = messageText(refused.problem);
  const code = webCodeOf(refused.code);
  if (!refused.fieldErrors) return { ok: false, code, message };
  const fieldErrors = Object.fromEntries(
    Object.entries(refused.fieldErrors).map(([field, problems]) => [
      field,
      problems.map(messageText),
    ]),
  );
  return { ok: false, code, message, fieldErrors };
}

/** The forms know families of refusals; the command's code says more, for programs. */
function webCodeOf(code: RefusalCode): ActionFailureCode {
  if (code === 'no-match') return 'not-found';
  return code.startsWith('conflict.')
    ? 'conflict'
    : (code as Exclude<RefusalCode, `conflict.${string}` | 'no-match'>);
}
