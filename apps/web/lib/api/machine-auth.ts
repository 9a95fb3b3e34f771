import 'server-only';
import { MACHINE_SCOPES, type MachineScope } from '@bmb/domain';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { env } from '@/lib/env';

/**
 * Machine clients (the region's stock system) call the API with a bearer JWT
 * from the region's identity provider, issued by the client-credentials grant
 * for the resource `${AUTH_URL}/api/v1` (RFC 8707). BMB verifies it itself:
 * the signature against the issuer's JWKS (found through its discovery
 * document, cached and refreshed by jose on an unknown key id), `iss`, `aud`,
 * the expiry, and the scopes the call needs.
 */
export type MachineAuth =
  | { ok: true; clientId: string; scopes: MachineScope[] }
  | { ok: false; status: 401; error: 'invalid_token'; detail: string }
  | { ok: false; status: 403; error: 'insufficient_scope'; detail: string; clientId: string };

export const apiAudience = () => `${env().AUTH_URL.replace(/\/$/, '')}/api/v1`;

let keySet: Promise<JWTVerifyGetKey> | null = null;

/** The issuer's signing keys, from the `jwks_uri` of its discovery document. */
function issuerKeys(): Promise<JWTVerifyGetKey> {
  keySet ??= (async () => {
    const issuer = env().AUTH_OIDC_ISSUER.replace(/\/$/, '');
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const { jwks_uri } = (await response.json()) as { jwks_uri?: string };
    if (!jwks_uri) throw new Error('discovery document has no jwks_uri');
    return createRemoteJWKSet(new URL(jwks_uri), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    });
  })().catch((error: unknown) => {
    keySet = null; // try again on the next call
    throw error;
  });
  return keySet;
}

const isMachineScope = (s: string): s is MachineScope =>
  (MACHINE_SCOPES as readonly string[]).includes(s);

export async function authenticateMachine(
  authorization: string | null,
  needs: MachineScope,
): Promise<MachineAuth> {
  const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
  if (!token)
    return {
      ok: false,
      status: 401,
      error: 'invalid_token',
      detail: 'Anropet saknar en giltig Bearer-token.',
    };
  try {
    const { payload } = await jwtVerify(token, await issuerKeys(), {
      issuer: env().AUTH_OIDC_ISSUER,
      audience: apiAudience(),
      algorithms: ['RS256', 'PS256', 'ES256'],
      typ: 'at+jwt',
      clockTolerance: 30,
    });
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : payload.sub;
    if (!clientId)
      return { ok: false, status: 401, error: 'invalid_token', detail: 'Token saknar klient-id.' };
    const scopes = (typeof payload.scope === 'string' ? payload.scope.split(' ') : []).filter(
      isMachineScope,
    );
    if (!scopes.includes(needs)) {
      return {
        ok: false,
        status: 403,
        error: 'insufficient_scope',
        detail: `Token saknar behörigheten ${needs}.`,
        clientId,
      };
    }
    return { ok: true, clientId, scopes };
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      const detail =
        error instanceof errors.JWTExpired
          ? 'Token har gått ut.'
          : error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud'
            ? 'Token är utfärdad för en annan mottagare (aud).'
            : 'Token kunde inte verifieras.';
      return { ok: false, status: 401, error: 'invalid_token', detail };
    }
    throw error;
  }
}
