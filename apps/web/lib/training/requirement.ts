import 'server-only';
import type { Db } from '@bmb/db/client';
import { completedScenarios, findRequiredTraining } from '@bmb/db/queries';
import { isTrainingScenarioKey, missingRequiredTraining, trainingScenarios } from '@bmb/domain';
import { failure, type ActionFailure } from '@/lib/action-result';
import type { CurrentUser } from '@/lib/auth/session-user';

/**
 * The region's rule for new staff: the required scenarios first, then a real
 * BMB. Returns the Swedish explanation, or null when the user may go ahead.
 * Training itself is always allowed: that is where the scenarios are done.
 */
export async function missingTrainingFor(db: Db, user: CurrentUser): Promise<string[]> {
  if (user.training || !user.identity.trainingRequired) return [];
  const [required, completed] = await Promise.all([
    findRequiredTraining(db, user.identity.workspaceId),
    completedScenarios(db, user.identity.workspaceId, user.identity.prescriberId),
  ]);
  return missingRequiredTraining(user.identity, required, completed);
}

export function trainingRequiredMessage(missing: string[], what: 'skicka' | 'kvittera'): string {
  const titles = missing.map((key) => (isTrainingScenarioKey(key) ? trainingScenarios[key].title : key));
  const list = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} och ${titles.at(-1)}` : titles[0];
  return `Innan du kan ${what} en riktig BMB behöver du genomföra övningen ${list} i Övningsläge.`;
}

export async function trainingRefusal(db: Db, user: CurrentUser, what: 'skicka' | 'kvittera'): Promise<ActionFailure | null> {
  const missing = await missingTrainingFor(db, user);
  return missing.length ? failure('forbidden', trainingRequiredMessage(missing, what)) : null;
}
