import { expect, test } from '@playwright/test';
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
