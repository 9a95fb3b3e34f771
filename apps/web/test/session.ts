import type { CurrentUser } from '@/lib/auth/session-user';
import type { World } from './world';

/** What the mocked data-access layer returns in tests: set `world` and `user` per test. */
export const testSession: { world: World | null; user: CurrentUser | null } = { world: null, user: null };
