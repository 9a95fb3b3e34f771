import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Auth.js tables (database sessions). TypeScript property names are the ones
 * @auth/drizzle-adapter expects; columns are snake_case like the rest. They are
 * not workspace-scoped: a person signs in once, and `username` maps them to a
 * prescriber of the production workspace, where roles live.
 */
export const authUsers = pgTable('auth_users', {
  id: text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text(),
  email: text().unique(),
  emailVerified: timestamp({ mode: 'date', withTimezone: true }),
  image: text(),
  /** The identity provider's username claim: the key to `prescribers.username`. */
  username: text().unique(),
});

export const authAccounts = pgTable(
  'auth_accounts',
  {
    userId: text()
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    type: text().$type<'oidc' | 'oauth' | 'email' | 'webauthn'>().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    /** Kept fresh on every sign-in: it is the `id_token_hint` of the IdP logout. */
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('auth_accounts_user_idx').on(t.userId)],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    sessionToken: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    /** Absolute end of the session: set once at sign-in, never extended. */
    expires: timestamp({ mode: 'date', withTimezone: true }).notNull(),
    createdAt: timestamp({ mode: 'date', withTimezone: true }).notNull().defaultNow(),
    /** For the idle timeout. */
    lastSeenAt: timestamp({ mode: 'date', withTimezone: true }).notNull().defaultNow(),
    /** Set while this session is in Övningsläge: every request then works in that run's sandbox. */
    trainingRunId: uuid(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

export const authVerificationTokens = pgTable(
  'auth_verification_tokens',
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ mode: 'date', withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
