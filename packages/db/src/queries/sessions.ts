import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { authAccounts, authSessions, authUsers, prescriberPayers, prescribers, workspaces } from '../schema';
import { builtOnce } from './prepared';
import type { Prescriber } from './prescribers';

export interface SessionWithUser {
  sessionToken: string;
  expires: Date;
  lastSeenAt: Date;
  authUserId: string;
  username: string | null;
  trainingRunId: string | null;
}

/** The columns of a SessionWithUser, for every query that reads a session with its user. */
const sessionWithUser = {
  sessionToken: authSessions.sessionToken,
  expires: authSessions.expires,
  lastSeenAt: authSessions.lastSeenAt,
  authUserId: authUsers.id,
  username: authUsers.username,
  trainingRunId: authSessions.trainingRunId,
};

export async function findSessionWithUser(db: DbOrTx, sessionToken: string): Promise<SessionWithUser | null> {
  const [row] = await db
    .select(sessionWithUser)
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

export interface SessionPrincipal extends SessionWithUser {
  /** The production workspace, and the signed-in person's prescriber account there (null: none). */
  workspaceId: string | null;
  prescriber: Prescriber | null;
  /** That prescriber's default care unit. */
  defaultPayerId: string | null;
}

/**
 * Everything the app checks on every request, in one round trip: the session,
 * its Auth.js user, the production workspace, the prescriber account with that
 * username (role and active flag as of now) and its default care unit.
 */
const sessionPrincipalQuery = builtOnce((db) => {
  const production = db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.kind, 'production')).limit(1);
  return db
    .select({
      ...sessionWithUser,
      workspaceId: sql<string | null>`(${production})`,
      prescriber: getTableColumns(prescribers),
      defaultPayerId: prescriberPayers.payerId,
    })
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .leftJoin(
      prescribers,
      and(eq(prescribers.workspaceId, sql`(${production})`), eq(prescribers.username, sql`lower(${authUsers.username})`)),
    )
    .leftJoin(
      prescriberPayers,
      and(
        eq(prescriberPayers.workspaceId, prescribers.workspaceId),
        eq(prescriberPayers.prescriberId, prescribers.id),
        eq(prescriberPayers.isDefault, true),
      ),
    )
    .where(eq(authSessions.sessionToken, sql.placeholder('sessionToken')))
    .limit(1)
    .prepare('find_session_principal');
});

export async function findSessionPrincipal(db: DbOrTx, sessionToken: string): Promise<SessionPrincipal | null> {
  const [row] = await sessionPrincipalQuery(db).execute({ sessionToken });
  if (!row) return null;
  return { ...row, prescriber: row.prescriber?.id ? row.prescriber : null };
}
