import 'server-only';
import { getDb } from '@bmb/db/client';
import { recordTrainingMistake } from '@bmb/db/queries';
import type { CurrentUser } from '@/lib/auth/session-user';

/** In Övningsläge, a refused action becomes the guide's hint; outside it, nothing happens. */
export async function noteTrainingMistake(user: CurrentUser, message: string): Promise<void> {
  if (!user.training) return;
  await recordTrainingMistake(await getDb(), user.identity.workspaceId, user.training.runId, message, new Date());
}
