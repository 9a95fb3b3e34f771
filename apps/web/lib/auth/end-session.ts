import 'server-only';

const cache = new Map<string, string>();

/** The issuer's end_session_endpoint, from its discovery document (fetched once). */
export async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const known = cache.get(issuer);
  if (known) return known;
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) return null;
  const endpoint = ((await response.json()) as { end_session_endpoint?: string }).end_session_endpoint;
  if (!endpoint) return null;
  cache.set(issuer, endpoint);
  return endpoint;
}
