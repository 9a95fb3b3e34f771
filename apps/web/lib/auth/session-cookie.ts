/**
 * The session cookie: one name, chosen from the app's public URL, used both by
 * Auth.js when it sets the cookie (auth.ts) and by the session lookup
 * (current-user.ts). Only that one name is ever read: accepting a second name
 * would let a cookie planted by a sibling subdomain or a plain-http page
 * (`bmb.session`, which any host of the site can set) fix someone's session.
 *
 * On https the name carries the `__Host-` prefix, which browsers accept only
 * from a secure origin with Path=/ and no Domain, so no other host can set or
 * shadow it. Plain http (development and every test harness) keeps `bmb.session`.
 */
export const SESSION_COOKIE = 'bmb.session';

export interface SessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean };
}

/** The session cookie's name and attributes for an app served at `authUrl` (AUTH_URL). */
export function sessionCookie(authUrl: string): SessionCookie {
  const secure = new URL(authUrl).protocol === 'https:';
  return {
    name: secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
    // `__Host-` requires exactly this: Secure, Path=/ and no Domain attribute.
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
  };
}

/** The session token from a cookie jar, read under the configured name only. */
export function readSessionToken(cookie: (name: string) => string | undefined, authUrl: string): string | undefined {
  return cookie(sessionCookie(authUrl).name) || undefined;
}
