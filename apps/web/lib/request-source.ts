/**
 * The address a request came from, for per-source limits and counts. BMB runs
 * behind one load balancer that appends the peer it saw to X-Forwarded-For
 * (docs/scaling.md), and without one `next start` sets the header to the
 * socket's address when the client sent none. Either way the rightmost entry is
 * the one no client chose; entries to its left are whatever the client claimed.
 */
export function requestSource(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last ? last.slice(0, 64) : 'unknown';
}
