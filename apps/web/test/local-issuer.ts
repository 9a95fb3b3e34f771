import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * The region's identity provider, as far as the integration API needs one in
 * tests: a discovery document and a JWKS on a loopback port, and tokens
 * signed as its client-credentials grant signs them (RFC 8707 audience,
 * `typ: at+jwt`). Points AUTH_OIDC_ISSUER and AUTH_URL at itself: call it
 * before the first request (env() reads them once).
 */
export const APP = 'http://localhost:3000';

export interface LocalIssuer {
  url: string;
  token(claims?: {
    scope?: string;
    aud?: string;
    iss?: string;
    expiresIn?: string;
    typ?: string;
  }): Promise<string>;
}

let started: Promise<LocalIssuer> | null = null;

export function localIssuer(): Promise<LocalIssuer> {
  started ??= (async () => {
    const keys = await generateKeyPair('RS256');
    const jwk: JWK = {
      ...(await exportJWK(keys.publicKey)),
      kid: 'test-key',
      alg: 'RS256',
      use: 'sig',
    };
    let url = '';
    const server: Server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration')
        res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.AUTH_OIDC_ISSUER = url;
    process.env.AUTH_URL = APP;
    return {
      url,
      token: (claims = {}) =>
        new SignJWT({
          scope: claims.scope ?? 'masterdata:write events:read bmbs:read',
          client_id: 'lagersystem',
        })
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: claims.typ ?? 'at+jwt' })
          .setIssuer(claims.iss ?? url)
          .setSubject('lagersystem')
          .setAudience(claims.aud ?? `${APP}/api/v1`)
          .setIssuedAt()
          .setExpirationTime(claims.expiresIn ?? '5m')
          .sign(keys.privateKey),
    };
  })();
  return started;
}
