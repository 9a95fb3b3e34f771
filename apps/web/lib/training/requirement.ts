import 'server-only';
import type { DbOrTx } from '@bmb/db/client';
import { messageText, trainingRequiredProblem, type PersonActor } from '@bmb/domain';
import { missingTrainingFor } from '@bmb/commands';

/** The region's rule for new staff lives with the commands that apply it; pages show it too. */
export { missingTrainingFor, untrainedReceivers } from '@bmb/commands';

export function trainingRequiredMessage(missing: string[], what: 'skicka' | 'kvittera'): string {
  return messageText(trainingRequiredProblem(missing, what));
}

/**
 * The sentence a page shows above its form when `actor` may not yet `what` a
 * real BMB, the very one the command's refusal says; null when they may.
 */
export async function trainingNoticeFor(
  db: DbOrTx,
  actor: PersonActor,
  what: 'skicka' | 'kvittera',
): Promise<string | null> {
  const missing = await missingTrainingFor(db, actor);
  return missing.length > 0 ? trainingRequiredMessage(missing, what) : null;
}

/** What a sender is told when the receiver is new staff who cannot answer yet. */
export function receiverNotTrainedMessage(username: string): string {
  return messageText({ code: 'training.receiver-not-trained', params: { username } });
}
