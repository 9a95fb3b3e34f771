/**
 * Whether a state-changing request comes from a page of this app. Browsers send
 * an Origin header with every POST, same-site ones included, so a POST without
 * one was made by hand and is refused like a foreign one (Next.js only warns
 * about a missing Origin on a server action, and runs it). The Origin must be
 * the app's public URL (AUTH_URL) or the host the request was sent to. Unlike
 * Next.js's own check, X-Forwarded-Host is not trusted: whoever sends the
 * request can set it.
 */
export function isSameOrigin(headers: Headers, requestUrl: string, appUrl: string): boolean {
  const origin = headers.get('origin');
  if (!origin) return false;
  // With Referrer-Policy: no-referrer a browser posts its own plain forms (the
  // CSV extract) with "Origin: null". Sec-Fetch-Site, which no page can set,
  // then says where the form was; a sandboxed or foreign page gets "cross-site".
  if (origin === 'null') return headers.get('sec-fetch-site') === 'same-origin';
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (originUrl.origin === new URL(appUrl).origin) return true;
  return originUrl.host === (headers.get('host') ?? new URL(requestUrl).host);
}
