/**
 * Where a login may send the user back to: a path on this app, never another
 * site. After an idle timeout the login link names the page the user was on
 * (`/logga-in?returnTo=/hjalpmedel/…/bmb`); anyone can craft such a link, so
 * only a same-origin relative path is kept: it starts with one `/` (not `//`
 * or `/\`, which browsers read as another host), holds no control characters,
 * and still resolves on this origin. Anything else gives null.
 */
const MAX_LENGTH = 2000;
const BASE = 'http://bmb.invalid';

export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // Auth.js's own routes and the login page itself are no place to come back to.
  if (
    url.pathname.startsWith('/api/') ||
    url.pathname === '/logga-in' ||
    url.pathname === '/avsluta'
  )
    return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
