import { NextResponse, type NextRequest } from 'next/server';
import { isDecodableActionBody, isServerActionCall, mediaType } from '@/lib/action-request';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { REQUEST_PATH_HEADER } from '@/lib/request-path';
import { isSameOrigin } from '@/lib/same-origin';
import { securityHeaders } from '@/lib/security-headers';

/**
 * Auth.js's own POSTs (sign-in, sign-out) carry its CSRF token and are checked
 * there. The integration API (/api/v1) reads no cookie: a bearer token is its
 * only credential, so another site's page cannot forge a call in a user's name.
 */
const checksOwnCsrf = (pathname: string) =>
  pathname.startsWith('/api/auth/') || pathname.startsWith('/api/v1/');

function refuse(status: number, text: string, headers: Record<string, string>): NextResponse {
  const refused = new NextResponse(text, { status });
  for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
  return refused;
}

/**
 * Next.js 16's middleware: a fresh CSP nonce for every request. Next.js reads
 * the policy from the request headers and puts the nonce on its own scripts.
 */
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({
    nonce,
    development: env().NODE_ENV !== 'production',
    https: env().AUTH_URL.startsWith('https://'),
    identityProvider: env().AUTH_OIDC_ISSUER,
  });
  // Server actions and POST routes are public endpoints: only this app's own pages may post to them.
  const safe =
    request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  if (
    !safe &&
    !checksOwnCsrf(request.nextUrl.pathname) &&
    !isSameOrigin(request.headers, request.url, env().AUTH_URL)
  ) {
    return refuse(403, 'Förfrågan kom inte från BMB.', headers);
  }
  // A hand-made action call with a body Next cannot decode is a bad request, not a stack trace on stderr.
  if (isServerActionCall(request.method, request.headers)) {
    const contentType = request.headers.get('content-type');
    if (!(await isDecodableActionBody(contentType, () => request.text()))) {
      log.warn('action.bad-body', {
        contentType: mediaType(contentType),
        path: request.nextUrl.pathname,
      });
      return refuse(400, 'Förfrågan kunde inte läsas.', headers);
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page, action and route; not the static build files, which carry no script of their own.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
