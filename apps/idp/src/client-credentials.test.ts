import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdpEnv } from './env';
import { createProvider } from './provider';

interface Discovery {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  grant_types_supported: string[];
}

let server: Server;
let dataDir: string;
let discovery: Discovery;

beforeAll(async () => {
  // The issuer names the port, so listen first and build the provider after.
  let handler: RequestListener = (_req, res) => res.end();
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  dataDir = mkdtempSync(join(tmpdir(), 'bmb-idp-'));
  const env = readIdpEnv({
    IDP_PORT: String(port),
    IDP_ISSUER: `http://127.0.0.1:${port}`,
    IDP_DATA_DIR: dataDir,
  });
  handler = createProvider(env).callback();
  discovery = (await (
    await fetch(`${env.issuer}/.well-known/openid-configuration`)
  ).json()) as Discovery;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const ALL_SCOPES = 'masterdata:write events:read bmbs:read';
const API = 'http://localhost:3000/api/v1';

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(
  params: Record<string, string> | [string, string][],
  auth = basic('lagersystem', 'lagersystem-dev-secret'),
) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

async function verifiesAgainstJwks(jwt: string): Promise<boolean> {
  const [header, payload, signature] = jwt.split('.');
  const { kid } = decodePart(header);
  const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk || !signature) return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
}

describe('the web client', () => {
  it('still starts its code + PKCE login at the login page', async () => {
    const query = new URLSearchParams({
      client_id: 'bmb-web',
      response_type: 'code',
      redirect_uri: 'http://localhost:3000/api/auth/callback/oidc',
      scope: 'openid profile email',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await fetch(`${discovery.issuer}/auth?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/interaction\/[\w-]+$/);
  });
});

describe('client credentials for the stock system', () => {
  it('is announced in the discovery document', () => {
    expect(discovery.grant_types_supported).toContain('client_credentials');
    expect(discovery.grant_types_supported).toContain('authorization_code');
  });

  it('answers a JWT for the requested API, signed with the provider key', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await tokenRequest({
      grant_type: 'client_credentials',
      scope: ALL_SCOPES,
      resource: API,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: ALL_SCOPES });
    const token = body.access_token as string;
    const [header, payload] = token.split('.');
    expect(decodePart(header)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const claims = decodePart(payload);
    expect(claims).toMatchObject({
      iss: discovery.issuer,
      aud: API,
      scope: ALL_SCOPES,
      client_id: 'lagersystem',
      sub: 'lagersystem',
    });
    expect(claims.exp).toBeGreaterThanOrEqual(before + 600);
    expect(claims.exp).toBeLessThanOrEqual(before + 605);
    expect(await verifiesAgainstJwks(token)).toBe(true);
    const tampered = `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, scope: 'x' })).toString('base64url')}.${token.split('.')[2]}`;
    expect(await verifiesAgainstJwks(tampered)).toBe(false);
  });

  it('takes the e2e app as an audience too, and client_secret_post as well as basic', async () => {
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'lagersystem',
        client_secret: 'lagersystem-dev-secret',
        scope: 'events:read',
        resource: 'http://localhost:3100/api/v1',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('events:read');
    expect(decodePart(body.access_token.split('.')[1])).toMatchObject({
      aud: 'http://localhost:3100/api/v1',
      scope: 'events:read',
    });
  });

  it('leaves out scopes the client does not have', async () => {
    const { status, body } = await tokenRequest({
      grant_type: 'client_credentials',
      scope: 'bmbs:read admin:all openid',
      resource: API,
    });
    expect(status).toBe(200);
    expect(body.scope).toBe('bmbs:read');
  });

  it('refuses a wrong secret', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'client_credentials', scope: ALL_SCOPES, resource: API },
      basic('lagersystem', 'wrong-secret'),
    );
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('refuses an unknown, missing or second resource', async () => {
    for (const resource of [
      'http://localhost:3000/api/v2',
      'http://evil.example/api/v1',
      'http://localhost:3000/api/v1/',
    ]) {
      const { status, body } = await tokenRequest({
        grant_type: 'client_credentials',
        scope: ALL_SCOPES,
        resource,
      });
      expect({ resource, status, error: body.error }).toEqual({
        resource,
        status: 400,
        error: 'invalid_target',
      });
    }
    // No default audience: see defaultResource in provider.ts.
    const missing = await tokenRequest({ grant_type: 'client_credentials', scope: ALL_SCOPES });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_target');
    const two = await tokenRequest([
      ['grant_type', 'client_credentials'],
      ['resource', API],
      ['resource', 'http://localhost:3100/api/v1'],
    ]);
    expect(two.status).toBe(400);
    expect(two.body.error).toBe('invalid_target');
  });

  it('is not open to the web client', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'client_credentials', scope: ALL_SCOPES, resource: API },
      basic('bmb-web', 'bmb-dev-secret'),
    );
    // oidc-provider answers invalid_request here (RFC 6749 would say unauthorized_client).
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
    expect(body.access_token).toBeUndefined();
  });
});
