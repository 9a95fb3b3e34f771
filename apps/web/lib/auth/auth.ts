import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findPrescriberByUsername, findProductionWorkspaceId, recordLogin, storeIdToken } from '@bmb/db/queries';
import { authAccounts, authSessions, authUsers, authVerificationTokens } from '@bmb/db/schema';
import type { AuditAction } from '@bmb/domain';
import NextAuth from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { sessionCookie } from './session-cookie';

/**
 * The one module that knows Auth.js (v5 is a beta in security-fixes-only
 * maintenance: keep it pinned and behind this file).
 *
 * Sessions live in the database, so signing out and role changes take effect
 * on the next request. Roles come from the prescribers table, never the token.
 */
export const OIDC_PROVIDER_ID = 'oidc';

interface RegionProfile {
  sub: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

function regionProvider(): OIDCConfig<RegionProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: 'Regionens inloggning',
    type: 'oidc',
    issuer: env().AUTH_OIDC_ISSUER,
    clientId: env().AUTH_OIDC_ID,
    clientSecret: env().AUTH_OIDC_SECRET,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid profile email' } },
    profile(profile) {
      return {
        id: profile.sub,
        name: profile.name ?? null,
        email: profile.email ?? null,
        username: (profile.preferred_username ?? profile.sub).toLowerCase(),
      };
    },
  };
}

async function auditLogin(action: Extract<AuditAction, `login.${string}`>, actorId: string | null, after: Record<string, unknown>): Promise<void> {
  const db = await getDb();
  const workspaceId = await findProductionWorkspaceId(db);
  if (workspaceId) await recordAudit(db, { workspaceId, actorId, action, entityType: 'login', after });
}

export const { handlers, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  const maxAge = env().AUTH_SESSION_MAX_HOURS * 3600;
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: authUsers,
      accountsTable: authAccounts,
      sessionsTable: authSessions,
      verificationTokensTable: authVerificationTokens,
    }),
    secret: env().AUTH_SECRET,
    trustHost: true,
    providers: [regionProvider()],
    // Absolute lifetime: never extended (updateAge = maxAge). The idle timeout
    // is checked per request in session-user.ts.
    session: { strategy: 'database', maxAge, updateAge: maxAge },
    cookies: { sessionToken: sessionCookie(env().AUTH_URL) },
    pages: { signIn: '/logga-in', error: '/logga-in' },
    callbacks: {
      /** Only people with an active prescriber account in BMB get a session. */
      async signIn({ user }) {
        const username = (user as { username?: string }).username ?? '';
        const workspaceId = await findProductionWorkspaceId(db);
        const prescriber = workspaceId ? await findPrescriberByUsername(db, workspaceId, username) : null;
        if (!prescriber?.active) {
          const reason = !prescriber ? 'no-prescriber' : prescriber.deactivatedUnusedAt ? 'deactivated-unused' : 'inactive';
          await auditLogin('login.denied', null, { username: username.slice(0, 64), reason });
          return '/ingen-behorighet';
        }
        return true;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (account?.id_token) {
          await storeIdToken(db, account.provider, account.providerAccountId, account.id_token);
        }
        const username = (user as { username?: string }).username ?? '';
        const workspaceId = await findProductionWorkspaceId(db);
        const prescriber = workspaceId ? await findPrescriberByUsername(db, workspaceId, username) : null;
        await auditLogin('login.succeeded', prescriber?.id ?? null, { username });
        // What "unused for N months" is judged by (issue 20, item 7).
        if (workspaceId && prescriber) await recordLogin(db, workspaceId, prescriber.id);
      },
    },
    logger: {
      // A failed callback (bad state, nonce, issuer …) is a failed login by
      // nobody known: it goes to the structured log, counted per source by
      // route-handlers.ts, never into the append-only trail, which anyone could
      // otherwise fill with forged callbacks. No request details: they may hold tokens.
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        log.warn('auth.error', { type });
      },
    },
  };
});
