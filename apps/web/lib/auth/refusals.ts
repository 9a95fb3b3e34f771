import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { hitRateLimit } from '@bmb/db/queries';
import { ANONYMOUS_REFUSAL_LIMIT, RATE_LIMIT_BUCKETS } from '@bmb/domain';
import { headers } from 'next/headers';
import { log } from '@/lib/log';
import { requestSource } from '@/lib/request-source';
import type { CurrentUser } from './session-user';

export type DenialReason = 'unauthenticated' | 'forbidden' | 'not-found';

const DENIAL_ACTION = { action: 'action.denied', page: 'page.denied' } as const;

/**
 * Records a refusal decided on who is asking: of a server action
 * (`action.denied`) or of a page (`page.denied`).
 *
 * A signed-in user's refusal goes into the audit trail: it is somebody's act.
 * An anonymous one does not: the trail is append-only, so one permanent row per
 * anonymous request would let anyone flood it. It goes to the structured log
 * with a count per source address and minute instead, and past the limit only
 * the first refusal over it is logged (the count says how many followed).
 */
export async function recordDenial(
  kind: keyof typeof DENIAL_ACTION,
  what: string,
  user: CurrentUser | null,
  reason: DenialReason,
): Promise<void> {
  const db = await getDb();
  if (user) {
    await recordAudit(db, {
      workspaceId: user.workspaceId,
      actorId: user.prescriberId,
      action: DENIAL_ACTION[kind],
      entityType: kind,
      after: { [kind]: what, reason },
    });
    return;
  }
  const source = requestSource(await headers());
  const hit = await hitRateLimit(db, RATE_LIMIT_BUCKETS.anonymousRefusal, source, [ANONYMOUS_REFUSAL_LIMIT]);
  const count = hit.windows[0]!.hits;
  if (!hit.exceeded) log.info(DENIAL_ACTION[kind], { [kind]: what, reason, source, countThisMinute: count });
  else if (hit.justExceeded) log.warn('anonymous.limit-reached', { [kind]: what, source, countThisMinute: count });
}
