import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { authAccounts, authSessions, authUsers } from '../schema';

export interface SessionWithUser {
  sessionToken: string;
  expires: Date;
  lastSeenAt: Date;
  authUserId: string;
  username: string | null;
  trainingRunId: string | null;
}

export async function findSessionWithUser(db: DbOrTx, sessionToken: string): Promise<SessionWithUser | null> {
  const [row] = await db
    .select({
      sessionToken: authSessions.sessionToken,
      expires: authSessions.expires,
      lastSeenAt: authSessions.lastSeenAt,
      authUserId: authUsers.id,
      username: authUsers.username,
      trainingRunId: authSessions.trainingRunId,
    })
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .where(eq(authSessions.sessionToken, sessionToken))
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: DbOrTx, sessionToken: string, now: Date): Promise<void> {
  await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.sessionToken, sessionToken));
}

export async function deleteSession(db: DbOrTx, sessionToken: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.sessionToken, sessionToken));
}

/** The last ID token the provider issued to this user: the `id_token_hint` for logging out there. */
export async function findIdToken(db: DbOrTx, authUserId: string, provider: string): Promise<string | null> {
  const [row] = await db
    .select({ idToken: authAccounts.id_token })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, authUserId), eq(authAccounts.provider, provider)))
    .limit(1);
  return row?.idToken ?? null;
}

/** Auth.js stores tokens only when an account is first linked; refresh the ID token on every sign-in. */
export async function storeIdToken(
  db: DbOrTx,
  provider: string,
  providerAccountId: string,
  idToken: string,
): Promise<void> {
  await db
    .update(authAccounts)
    .set({ id_token: idToken })
    .where(and(eq(authAccounts.provider, provider), eq(authAccounts.providerAccountId, providerAccountId)));
}
