import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';

/**
 * Real database sessions, as Auth.js writes them at sign-in: the app checks
 * each one on every request (session-user.ts), exactly as for a person who
 * logged in through the identity provider. Deleted at the end.
 */
export interface BenchSessions {
  /** The `bmb.session` cookie of a username. */
  cookie(username: string): string;
  /** As if each user had just made a request: a long run must not outlast the app's idle timeout (30 minutes). */
  touch(): Promise<void>;
  remove(): Promise<void>;
}

export const SESSION_COOKIE = 'bmb.session';

export async function createSessions(
  sql: postgres.Sql,
  usernames: string[],
): Promise<BenchSessions> {
  const tokens = new Map<string, string>();
  for (const username of new Set(usernames)) {
    const [user] = await sql<{ id: string }[]>`
      insert into auth_users (id, name, username) values (${`bench-${username}`}, ${username}, ${username})
      on conflict (username) do update set username = excluded.username
      returning id`;
    const token = `bench-${randomBytes(24).toString('hex')}`;
    await sql`
      insert into auth_sessions (session_token, user_id, expires, created_at, last_seen_at)
      values (${token}, ${user!.id}, now() + interval '8 hours', now(), now())`;
    tokens.set(username, token);
  }
  return {
    cookie(username) {
      const token = tokens.get(username);
      if (!token) throw new Error(`No bench session for ${username}`);
      return `${SESSION_COOKIE}=${token}`;
    },
    async touch() {
      await sql`update auth_sessions set last_seen_at = now() where session_token in ${sql([...tokens.values()])}`;
    },
    async remove() {
      await sql`delete from auth_sessions where session_token in ${sql([...tokens.values()])}`;
    },
  };
}
