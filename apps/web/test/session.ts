import type { CurrentUser } from '@/lib/auth/session-user';
import type { World } from './world';

/** What the mocked data-access layer returns in tests: set `world` and `user` per test. */
/** A cookie jar like `cookies()` gives a server action: what one request sets, the next reads. */
export class TestCookies {
  private values = new Map<string, string>();
  get(name: string) {
    const value = this.values.get(name);
    return value === undefined ? undefined : { name, value };
  }
  set(name: string, value: string) {
    this.values.set(name, value);
  }
  delete(name: string | { name: string }) {
    this.values.delete(typeof name === 'string' ? name : name.name);
  }
  clear() {
    this.values.clear();
  }
}

export const testSession: { world: World | null; user: CurrentUser | null; headers: Headers; cookies: TestCookies } = {
  world: null,
  user: null,
  cookies: new TestCookies(),
  // What `headers()` answers in tests: a request from this machine, as `next start` forwards it.
  headers: new Headers({ 'x-forwarded-for': '127.0.0.1', 'sec-fetch-site': 'same-origin' }),
};
