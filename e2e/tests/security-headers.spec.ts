import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { securityHeaders } from '../../apps/web/lib/security-headers';
import { demoId } from '../../packages/db/src/seed/demo-id';
import { storageStateOf } from './users';

test.use({ storageState: storageStateOf('k100ana') });

test.describe('security headers', () => {
  for (const path of ['/hjalpmedel', '/logga-in', '/api/forskrivare?q=k2']) {
    test(`${path} has a strict Content-Security-Policy and no framing`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const csp = response.headers()['content-security-policy'] ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
      expect(response.headers()['referrer-policy']).toBe('no-referrer');
    });
  }

  test('every page gets a fresh nonce, and its scripts carry it', async ({ page, request }) => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec((await request.get('/hjalpmedel')).headers()['content-security-policy'] ?? '')?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/hjalpmedel');
    // The page is interactive: its scripts ran under the policy.
    await page.getByLabel('Personnummer').fill('1212121212');
    await page.getByRole('button', { name: 'Sök' }).click();
    await expect(page.getByLabel('Personnummer')).toHaveAccessibleDescription(/alla 12 siffror/);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});

test.describe('health', () => {
  test('liveness and readiness answer without a session and without personal data', async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const live = await anonymous.get('/api/health');
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await anonymous.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
    await anonymous.dispose();
  });
});

/** The headers every response must carry (lib/security-headers.ts), over plain http. */
function expectSecurityHeaders(h: Record<string, string>, what: string) {
  const csp = h['content-security-policy'] ?? '';
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, `${what}: CSP`).not.toContain('unsafe-eval');
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('no-referrer');
  expect(h['permissions-policy'], what).toContain('camera=()');
  // HSTS only when the app's URL is https (proxy.ts); this server is http://localhost.
  expect(h['strict-transport-security'], `${what}: HSTS over http`).toBeUndefined();
}

const webDir = new URL('../../apps/web/.next/', import.meta.url);
const appUrl = () => new URL(test.info().project.use.baseURL!).origin;

test.describe('security headers on every response of the build (issue 10, item 2)', () => {
  /**
   * Every page and route of the build, with demo ids for its dynamic segments.
   * A patient's page is written to the access log, so only the patient's own
   * prescriber opens a real one; the others get an id that does not exist.
   */
  function everyPath(user: string): { method: 'GET' | 'POST'; path: string }[] {
    const routes = JSON.parse(
      readFileSync(new URL('app-path-routes-manifest.json', webDir), 'utf8'),
    ) as Record<string, string>;
    const params: Record<string, string> = {
      '[patientId]': demoId('patient', user === 'k100ana' ? '191212121212' : 'no-such-patient'),
      '[bmbId]': demoId('bmb', 'locked-1'),
      '[prescriberId]': demoId('prescriber', 'k200bo'),
      '[...nextauth]': 'providers',
    };
    const paths = new Set<string>();
    for (const path of Object.values(routes)) {
      if (path.startsWith('/_')) continue;
      paths.add(path.replace(/\[[^\]]+\]/g, (segment) => params[segment] ?? 'x'));
    }
    const posts = new Set(['/admin/logg/utdrag', '/api/ovning']);
    return [
      ...[...paths]
        .sort()
        .map((path) => ({ method: posts.has(path) ? ('POST' as const) : ('GET' as const), path })),
      { method: 'GET', path: '/api/forskrivare?q=k2' },
      { method: 'GET', path: '/api/auth/session' },
      { method: 'GET', path: '/finns-inte' },
      { method: 'GET', path: `/skickade-bmb/${demoId('bmb', 'no-such-bmb')}` },
    ];
  }

  for (const user of ['anonymous', 'k100ana', 'k200bo', 'admin', 'k300ny'] as const) {
    test(`as ${user}`, async ({ playwright }) => {
      const api = await playwright.request.newContext({
        baseURL: appUrl(),
        storageState: user === 'anonymous' ? undefined : storageStateOf(user),
      });
      const paths = everyPath(user);
      expect(paths.length).toBeGreaterThanOrEqual(20);
      const statuses: string[] = [];
      for (const { method, path } of paths) {
        const response =
          method === 'GET'
            ? await api.get(path, { maxRedirects: 0 })
            : await api.post(path, {
                headers: { origin: appUrl(), 'content-type': 'application/json' },
                data: path === '/api/ovning' ? { path: '/hjalpmedel' } : {},
                maxRedirects: 0,
              });
        statuses.push(`${method} ${path} ${response.status()}`);
        expect(response.status(), `${method} ${path}`).toBeLessThan(500);
        expectSecurityHeaders(response.headers(), `${method} ${path} as ${user}`);
      }
      test.info().annotations.push({ type: 'responses', description: statuses.join(', ') });
      await api.dispose();
    });
  }

  test('HSTS: sent when the app is served over https (the policy proxy.ts applies), never over http', () => {
    const base = {
      nonce: 'bm9uY2U=',
      development: false,
      identityProvider: 'https://idp.region.example',
    };
    expect(securityHeaders({ ...base, https: true })['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(securityHeaders({ ...base, https: false })['Strict-Transport-Security']).toBeUndefined();
    // Production never allows eval; only development (next dev's hot reload) does.
    expect(securityHeaders({ ...base, https: true })['Content-Security-Policy']).not.toContain(
      'unsafe-eval',
    );
  });
});
