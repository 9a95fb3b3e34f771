import type { DbOrTx } from '@bmb/db/client';
import {
  completedScenarios,
  findRequiredTraining,
  findTrainingRequiredPrescribers,
} from '@bmb/db/queries';
import { missingRequiredTraining, trainingRequiredProblem, type PersonActor } from '@bmb/domain';
import { refusal, type Refusal } from '../result';

/**
 * The region's rule for new staff: the required scenarios first, then a real
 * BMB. The scenarios still missing; none in training itself, which is where
 * they are done.
 */
export async function missingTrainingFor(db: DbOrTx, actor: PersonActor): Promise<string[]> {
  if (actor.training || !actor.identity.trainingRequired) return [];
  const [required, completed] = await Promise.all([
    findRequiredTraining(db, actor.identity.workspaceId),
    completedScenarios(db, actor.identity.workspaceId, actor.identity.prescriberId),
  ]);
  return missingRequiredTraining(actor.identity, required, completed);
}

/** A refusal when the actor must train before they may `what` a real BMB, else null. */
export async function trainingRefusal(
  db: DbOrTx,
  actor: PersonActor,
  what: 'skicka' | 'kvittera',
): Promise<Refusal | null> {
  const missing = await missingTrainingFor(db, actor);
  return missing.length ? refusal('forbidden', trainingRequiredProblem(missing, what)) : null;
}

/**
 * Of these receivers (usernames), the new staff who cannot answer a real BMB
 * until they have trained: what a sender is told before Verkställ, by the
 * same rule trainingRefusal applies to the receiver. None in training, where
 * the sandbox's colleagues are fiction.
 */
export async function untrainedReceivers(
  db: DbOrTx,
  actor: PersonActor,
  usernames: readonly string[],
): Promise<string[]> {
  if (actor.training || usernames.length === 0) return [];
  const candidates = await findTrainingRequiredPrescribers(db, actor.workspaceId, usernames);
  if (candidates.length === 0) return [];
  const required = await findRequiredTraining(db, actor.workspaceId);
  return candidates
    .filter(
      (p) => missingRequiredTraining({ trainingRequired: true }, required, p.completed).length > 0,
    )
    .map((p) => p.username);
}
