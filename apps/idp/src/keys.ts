import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'oidc-provider';

interface StoredKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

/**
 * Signing and cookie keys, kept on disk across restarts: the app stores ID
 * tokens for logout, and they must still verify after the IdP restarts.
 */
export function loadOrCreateKeys(dataDir: string): StoredKeys {
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };
  const keys: StoredKeys = { jwks: { keys: [jwk] }, cookieKeys: [randomBytes(32).toString('hex')] };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
