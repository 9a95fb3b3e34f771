/**
 * The headers every response carries. The Content-Security-Policy allows only
 * scripts with this request's nonce (and what they load: 'strict-dynamic'),
 * never eval outside development, and no framing.
 */
export function securityHeaders(options: {
  nonce: string;
  development: boolean;
  https: boolean;
  identityProvider: string;
}): Record<string, string> {
  const idp = new URL(options.identityProvider).origin;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    // React sets a few style attributes (the guide's progress bar); no script can run from them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Logging in and out continues at the region's identity provider.
    `form-action 'self' ${idp}`,
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
