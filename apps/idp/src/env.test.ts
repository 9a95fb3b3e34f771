import { describe, expect, it } from 'vitest';
import { readIdpEnv } from './env';
import { authenticate } from './users';

describe('readIdpEnv', () => {
  it('refuses to run in production', () => {
    expect(() => readIdpEnv({ NODE_ENV: 'production' })).toThrow(/refuses to start with NODE_ENV=production/);
  });
  it('defaults to port 3001 and the dev and e2e app URLs', () => {
    const env = readIdpEnv({});
    expect(env.issuer).toBe('http://localhost:3001');
    expect(env.appUrls).toEqual(['http://localhost:3000', 'http://localhost:3100']);
  });
});

describe('authenticate', () => {
  it('accepts the demo users with password demo only', () => {
    expect(authenticate('k100ana', 'demo')?.name).toBe('Ana Nordin');
    expect(authenticate('K100ANA ', 'demo')?.username).toBe('k100ana');
    expect(authenticate('k100ana', 'demo2')).toBeUndefined();
    expect(authenticate('nobody', 'demo')).toBeUndefined();
  });
});
