import { describe, expect, it } from 'vitest';
import { parseWebEnv } from './env';

const production = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'x'.repeat(40),
  AUTH_URL: 'https://bmb.region.se',
  AUTH_OIDC_ID: 'bmb-web',
  AUTH_OIDC_SECRET: 'secret',
};

describe('parseWebEnv', () => {
  it('refuses a plain-http identity provider in production', () => {
    const parsed = parseWebEnv({ ...production, AUTH_OIDC_ISSUER: 'http://idp.region.se' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['AUTH_OIDC_ISSUER'], message: expect.stringMatching(/https/) });
  });

  it('accepts https, and http only on this machine', () => {
    expect(parseWebEnv({ ...production, AUTH_OIDC_ISSUER: 'https://idp.region.se' }).success).toBe(true);
    expect(parseWebEnv({ ...production, AUTH_OIDC_ISSUER: 'http://localhost:3101' }).success).toBe(true);
  });
});
