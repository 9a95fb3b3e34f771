import 'server-only';
import { followTraining, type TrainingStatus } from '@bmb/commands';
import type { Db } from '@bmb/db/client';
import type { CurrentUser } from '@/lib/auth/session-user';

export type { TrainingStatus };

/**
 * Where the learner is, brought up to date with their sandbox (commands,
 * follow-training.ts); null outside Övningsläge. The layout asks on every
 * page, the guide after every page and every form.
 */
export async function syncTraining(db: Db, user: CurrentUser, currentPath: string | null): Promise<TrainingStatus | null> {
  const followed = await followTraining({ db }, user, { path: currentPath });
  return followed.ok ? followed.value : null;
}
