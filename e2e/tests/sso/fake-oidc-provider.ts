import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A deliberately bad OpenID Connect provider for the login negatives. The dev
 * IdP (oidc-provider) cannot be made to mint a wrong ID token, so this one does:
 * the authorization endpoint sends the browser straight back with a code, and
 * the token endpoint answers with an ID token spoiled as `defect` says. Only
 * node:crypto, no library: the point is a token the library did not make.
 */
export type TokenDefect =
  | 'none'
  | 'wrong-nonce'
  | 'no-nonce'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'issued-in-the-future'
  | 'alg-none'
  | 'unknown-signing-key';

export interface FakeProvider {
  issuer: string;
  /** What the next token response will carry. */
  defect: TokenDefect;
  /** Token requests answered since the last reset (0: the app refused before asking for a token). */
  tokenRequests: number;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function jwt(header: object, claims: object, key: KeyObject | null): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = key ? sign('sha256', Buffer.from(input), key).toString('base64url') : '';
  return `${input}.${signature}`;
}

export async function startFakeProvider(port: number, clientId: string): Promise<FakeProvider> {
  const issuer = `http://localhost:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'fake-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, { nonce?: string; challenge?: string; redirectUri: string }>();

  const state: FakeProvider = {
    issuer,
    defect: 'none',
    tokenRequests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function idToken(nonce: string | undefined): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      sub: 'k100ana',
      aud: clientId,
      iat: now,
      exp: now + 300,
      nonce,
      preferred_username: 'k100ana',
      name: 'Ana Nordin',
      email: 'ana.nordin@region.example',
    };
    let header: Record<string, string> = { alg: 'RS256', typ: 'JWT', kid };
    let key: KeyObject | null = privateKey;
    switch (state.defect) {
      case 'wrong-nonce':
        claims.nonce = 'not-the-nonce-the-app-sent';
        break;
      case 'no-nonce':
        delete claims.nonce;
        break;
      case 'wrong-issuer':
        claims.iss = 'http://localhost:3279';
        break;
      case 'wrong-audience':
        claims.aud = 'some-other-client';
        break;
      case 'expired':
        claims.iat = now - 7200;
        claims.exp = now - 3600;
        break;
      case 'issued-in-the-future':
        claims.iat = now + 3600;
        claims.exp = now + 7200;
        break;
      case 'alg-none':
        header = { alg: 'none', typ: 'JWT' };
        key = null;
        break;
      case 'unknown-signing-key':
        key = stranger;
        break;
      case 'none':
        break;
    }
    return jwt(header, claims, key);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };

    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      // No login page: the person is "signed in" at once, as a returning SSO user is.
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const code = randomUUID();
      grants.set(code, {
        nonce: url.searchParams.get('nonce') ?? undefined,
        challenge: url.searchParams.get('code_challenge') ?? undefined,
        redirectUri,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const appState = url.searchParams.get('state');
      if (appState) back.searchParams.set('state', appState);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        state.tokenRequests++;
        const form = new URLSearchParams(body);
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        if (!grant || grant.redirectUri !== form.get('redirect_uri'))
          return json(400, { error: 'invalid_grant' });
        // PKCE is checked here as a real provider does; the app must check its own cookie before.
        const verifier = form.get('code_verifier') ?? '';
        if (grant.challenge !== b64url(createHash('sha256').update(verifier).digest())) {
          return json(400, {
            error: 'invalid_grant',
            error_description: 'PKCE verification failed',
          });
        }
        return json(200, {
          access_token: randomUUID(),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken(grant.nonce),
        });
      });
      return;
    }
    if (url.pathname === '/userinfo')
      return json(200, { sub: 'k100ana', preferred_username: 'k100ana' });
    json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return state;
}
