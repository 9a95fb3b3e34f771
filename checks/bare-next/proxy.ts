import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_PATH_HEADER } from '../../apps/web/lib/request-path';
import { securityHeaders } from '../../apps/web/lib/security-headers';
import { bareEnv } from './env';

/**
 * What apps/web/proxy.ts does for a GET: a fresh nonce, the app's own
 * Content-Security-Policy and security headers (imported, so they follow the
 * app), passed on in the request headers and set on the response.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({
    nonce,
    development: !bareEnv.production,
    https: bareEnv.authUrl.startsWith('https://'),
    identityProvider: bareEnv.identityProvider,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
