import { afterEach, vi } from 'vitest';

// Server actions run here as plain functions: the database is the test's own,
// and the signed-in user is whatever the test says (test/session.ts).
vi.mock('@bmb/db/client', async (original) => {
  const { testSession } = await import('./session');
  return {
    ...(await original<typeof import('@bmb/db/client')>()),
    getDb: async () => {
      if (!testSession.world) throw new Error('test: no database; call createWorld() and set testSession.world');
      return testSession.world.db;
    },
  };
});
vi.mock('@/lib/auth/current-user', async () => {
  const { testSession } = await import('./session');
  return {
    getCurrentUser: async () => testSession.user,
    requireUser: async () => {
      if (!testSession.user) throw new Error('test: requireUser without a user');
      return testSession.user;
    },
  };
});
vi.mock('@/lib/auth/auth', () => ({
  OIDC_PROVIDER_ID: 'oidc',
  SESSION_COOKIE: 'bmb.session',
  handlers: {},
  signIn: async () => {},
  signOut: async () => {},
}));
vi.mock('next/headers', async (original) => {
  const { testSession } = await import('./session');
  return {
    ...(await original<typeof import('next/headers')>()),
    headers: async () => testSession.headers,
    cookies: async () => testSession.cookies,
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

// An error logged during a test is a failure, not noise.
const consoleError = vi.spyOn(console, 'error');
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => c.join(' ')).join('\n')}`);
});
