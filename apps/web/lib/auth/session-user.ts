import type { Db } from '@bmb/db/client';
import {
  deleteSession,
  findDefaultPayerId,
  findPrescriberByUsername,
  findProductionWorkspaceId,
  findSessionWithUser,
  touchSession,
} from '@bmb/db/queries';

/** Who is acting, and in which workspace. */
export interface CurrentUser {
  workspaceId: string;
  prescriberId: string;
  username: string;
  name: string;
  role: 'prescriber' | 'admin';
  /** The care unit (default payer) the user acts for; recorded in the access log. */
  careUnitId: string | null;
  /** The Auth.js user behind the session, for signing out at the IdP. */
  authUserId: string;
}

export interface SessionPolicy {
  now: Date;
  idleMinutes: number;
}

/** Don't write on every request: a minute's precision is plenty for a 30-minute idle timeout. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The user a session cookie stands for, or null. Checked on every request
 * against the database: the session's absolute end, the idle timeout, and a
 * prescriber account that still exists and is active, with today's role.
 */
export async function resolveSessionUser(
  db: Db,
  sessionToken: string,
  policy: SessionPolicy,
): Promise<CurrentUser | null> {
  const session = await findSessionWithUser(db, sessionToken);
  if (!session) return null;
  const now = policy.now.getTime();
  const idleSince = now - session.lastSeenAt.getTime();
  if (session.expires.getTime() <= now || idleSince > policy.idleMinutes * 60_000) {
    await deleteSession(db, sessionToken);
    return null;
  }

  const workspaceId = await findProductionWorkspaceId(db);
  if (!workspaceId || !session.username) return null;
  const prescriber = await findPrescriberByUsername(db, workspaceId, session.username);
  if (!prescriber?.active) return null;

  if (idleSince > TOUCH_INTERVAL_MS) await touchSession(db, sessionToken, policy.now);
  return {
    workspaceId,
    prescriberId: prescriber.id,
    username: prescriber.username,
    name: prescriber.name,
    role: prescriber.role,
    careUnitId: await findDefaultPayerId(db, workspaceId, prescriber.id),
    authUserId: session.authUserId,
  };
}
