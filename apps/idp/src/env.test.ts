import { describe, expect, it } from 'vitest';
import { readIdpEnv } from './env';
import { authenticate } from './users';

describe('readIdpEnv', () => {
  it('refuses to run in production', () => {
    expect(() => readIdpEnv({ NODE_ENV: 'production' })).toThrow(
      /refuses to start with NODE_ENV=production/,
    );
  });
  it('defaults to port 3001 and the dev and e2e app URLs', () => {
    const env = readIdpEnv({});
    expect(env.issuer).toBe('http://localhost:3001');
    expect(env.appUrls).toEqual(['http://localhost:3000', 'http://localhost:3100']);
  });
  it('defaults the stock system machine client and refuses it the web client id', () => {
    expect(readIdpEnv({})).toMatchObject({
      machineClientId: 'lagersystem',
      machineClientSecret: 'lagersystem-dev-secret',
    });
    expect(() => readIdpEnv({ IDP_MACHINE_CLIENT_ID: 'bmb-web' })).toThrow(
      /IDP_MACHINE_CLIENT_ID must differ/,
    );
  });
  it('listens on the loopback address only', () => {
    expect(readIdpEnv({}).host).toBe('127.0.0.1');
    expect(readIdpEnv({ IDP_PORT: '3101', IDP_ISSUER: 'http://localhost:3101' }).host).toBe(
      '127.0.0.1',
    );
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
