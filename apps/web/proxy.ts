import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { securityHeaders } from '@/lib/security-headers';

/**
 * Next.js 16's middleware: a fresh CSP nonce for every request. Next.js reads
 * the policy from the request headers and puts the nonce on its own scripts.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({
    nonce,
    development: env().NODE_ENV !== 'production',
    https: env().AUTH_URL.startsWith('https://'),
    identityProvider: env().AUTH_OIDC_ISSUER,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page, action and route; not the static build files, which carry no script of their own.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
