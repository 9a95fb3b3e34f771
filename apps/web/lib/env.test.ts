import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseWebEnv } from './env';

const production = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'x'.repeat(40),
  AUTH_URL: 'https://bmb.region.se',
  AUTH_OIDC_ISSUER: 'https://idp.region.se',
  AUTH_OIDC_ID: 'bmb-web',
  AUTH_OIDC_SECRET: 'secret',
};

/** What the e2e and check harnesses start the production build with. */
const harness = {
  ...production,
  AUTH_URL: 'http://localhost:3100',
  AUTH_OIDC_ISSUER: 'http://localhost:3101',
  AUTH_OIDC_SECRET: 'bmb-dev-secret',
};

const issues = (source: Record<string, string | undefined>) =>
  parseWebEnv(source).error?.issues.map((i) => ({ path: i.path, message: i.message })) ?? [];

describe('parseWebEnv', () => {
  it('accepts a production configuration with https and secrets of its own', () => {
    expect(parseWebEnv(production).success).toBe(true);
  });

  it('refuses a plain-http identity provider in production', () => {
    expect(issues({ ...production, AUTH_OIDC_ISSUER: 'http://idp.region.se' })).toEqual([
      { path: ['AUTH_OIDC_ISSUER'], message: expect.stringMatching(/https/) },
    ]);
  });

  it('refuses a plain-http identity provider on this machine too', () => {
    for (const issuer of ['http://localhost:3001', 'http://127.0.0.1:3001', 'http://[::1]:3001']) {
      expect(issues({ ...production, AUTH_OIDC_ISSUER: issuer }), issuer).toEqual([
        { path: ['AUTH_OIDC_ISSUER'], message: expect.stringMatching(/https/) },
      ]);
    }
  });

  it('refuses a plain-http AUTH_URL in production', () => {
    expect(issues({ ...production, AUTH_URL: 'http://bmb.region.se' })).toEqual([
      { path: ['AUTH_URL'], message: expect.stringMatching(/https/) },
    ]);
  });

  it('refuses the bundled development AUTH_SECRET in production', () => {
    expect(issues({ ...production, AUTH_SECRET: 'development-only-secret-never-use-in-production' })).toEqual([
      { path: ['AUTH_SECRET'], message: expect.stringMatching(/development secret/) },
    ]);
  });

  it("refuses the dev IdP's client secret in production", () => {
    expect(issues({ ...production, AUTH_OIDC_SECRET: 'bmb-dev-secret' })).toEqual([
      { path: ['AUTH_OIDC_SECRET'], message: expect.stringMatching(/development IdP/) },
    ]);
  });

  it("names every development setting of the harnesses' configuration", () => {
    expect(issues(harness).map((i) => i.path[0]).sort()).toEqual(['AUTH_OIDC_ISSUER', 'AUTH_OIDC_SECRET', 'AUTH_URL']);
  });

  it('lets a test harness opt out with the one exact value', () => {
    expect(parseWebEnv({ ...harness, BMB_ALLOW_INSECURE_DEV_SETTINGS: 'i-am-a-test-harness' }).success).toBe(true);
  });

  it('refuses any other value of the opt-out, rather than ignoring it', () => {
    for (const value of ['1', 'true', 'yes', 'I-AM-A-TEST-HARNESS', '']) {
      expect(issues({ ...harness, BMB_ALLOW_INSECURE_DEV_SETTINGS: value }), value).toContainEqual({
        path: ['BMB_ALLOW_INSECURE_DEV_SETTINGS'],
        message: expect.stringMatching(/test harnesses only/),
      });
    }
  });

  it('keeps the development defaults outside production', () => {
    expect(parseWebEnv({ NODE_ENV: 'development' }).success).toBe(true);
  });
});

describe('env()', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function startWith(source: Record<string, string>) {
    vi.resetModules();
    for (const [name, value] of Object.entries(source)) vi.stubEnv(name, value);
    const { log } = await import('./log');
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
    const { env } = await import('./env');
    return { env, warn };
  }

  it('logs a warning at start when production runs with the opt-out', async () => {
    const { env, warn } = await startWith({ ...harness, BMB_ALLOW_INSECURE_DEV_SETTINGS: 'i-am-a-test-harness' });
    env();
    env();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('config.insecure-dev-settings', {
      variable: 'BMB_ALLOW_INSECURE_DEV_SETTINGS',
      note: expect.stringMatching(/test harnesses only/),
      relaxed: ['AUTH_OIDC_SECRET', 'AUTH_OIDC_ISSUER', 'AUTH_URL'],
    });
  });

  it('stops production with a message naming each development setting', async () => {
    const { env, warn } = await startWith(harness);
    expect(() => env()).toThrow(/AUTH_URL: must be an https:\/\/ URL[\s\S]*/);
    expect(() => env()).toThrow(/AUTH_OIDC_SECRET: is the development IdP's client secret/);
    expect(warn).not.toHaveBeenCalled();
  });
});
