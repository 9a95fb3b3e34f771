import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { openInApp, storageStateOf, type DemoUser } from './users';

/**
 * Issue 10, item 2: forged requests against the real HTTP stack (the built app
 * on port 3100). Real server-action POSTs, as the browser made them, are sent
 * again with a foreign Origin, without Origin, without cookies and with an
 * `x-middleware-subrequest` header (CVE-2025-29927: a request that claims to be
 * the middleware's own, to skip it). The proxy refuses a POST whose Origin is
 * not the app's (lib/same-origin.ts); Next.js alone would run an action that
 * has no Origin at all. None may change anything, and every
 * answer carries the security headers (security-headers.spec.ts samples every
 * page and route).
 *
 * The data: k100ana's own draft of Öberg's shower stool (41002) to k400eva,
 * a device no other spec touches, and the seeded locked BMB of Öberg's rollator
 * (which must stay locked for kvittera-bmb.spec.ts).
 */

const webDir = new URL('../../apps/web/.next/', import.meta.url);
const FOREIGN = 'https://evil.example';
const CVE_HEADERS = [
  'middleware',
  'middleware:middleware:middleware:middleware:middleware',
  'proxy:proxy:proxy:proxy:proxy',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'pages/_middleware',
];

/** The action ids of the build this server runs: the same list the action matrix tests. */
function buildActions(): { id: string; file: string; exportName: string }[] {
  const manifest = JSON.parse(
    readFileSync(new URL('server/server-reference-manifest.json', webDir), 'utf8'),
  ) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, ref]) => ({
    id,
    file: ref.filename,
    exportName: ref.exportedName,
  }));
}
const actionId = (exportName: string) => {
  const found = buildActions().find((a) => a.exportName === exportName);
  if (!found) throw new Error(`${exportName} is not in the build's server-reference-manifest`);
  return found.id;
};

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Lets the browser make the action's POST, keeps it, and stops it before it reaches the server. */
async function captureActionPost(page: Page, trigger: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action'] && !captured) {
      captured = {
        url: request.url(),
        headers: await request.allHeaders(),
        body: request.postDataBuffer() ?? Buffer.alloc(0),
      };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await trigger();
  await expect
    .poll(() => captured !== undefined, { message: 'the browser made no server-action POST' })
    .toBe(true);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  return captured!;
}

type Variant = { name: string; cookies: boolean; headers: Record<string, string> };
/** The app's own origin: the suite's base URL (port 3100). */
const appUrl = () => new URL(test.info().project.use.baseURL!).origin;

const forgedVariants = (): Variant[] => [
  { name: 'a foreign Origin', cookies: true, headers: { origin: FOREIGN } },
  {
    name: 'a foreign Origin and Referer',
    cookies: true,
    headers: { origin: FOREIGN, referer: `${FOREIGN}/x` },
  },
  { name: 'Origin "null" (sandboxed frame)', cookies: true, headers: { origin: 'null' } },
  {
    name: 'Origin "null" from another site',
    cookies: true,
    headers: { origin: 'null', 'sec-fetch-site': 'cross-site' },
  },
  { name: 'no Origin', cookies: true, headers: {} },
  {
    name: 'a foreign X-Forwarded-Host matching a foreign Origin',
    cookies: true,
    headers: { origin: FOREIGN, 'x-forwarded-host': 'evil.example' },
  },
  { name: 'no cookies (same Origin)', cookies: false, headers: { origin: appUrl() } },
  ...CVE_HEADERS.map((value) => ({
    name: `x-middleware-subrequest: ${value}`,
    cookies: true,
    headers: { 'x-middleware-subrequest': value },
  })),
  ...CVE_HEADERS.slice(0, 2).map((value) => ({
    name: `x-middleware-subrequest: ${value}, foreign Origin`,
    cookies: true,
    headers: { 'x-middleware-subrequest': value, origin: FOREIGN },
  })),
];

type Playwright = Parameters<Parameters<typeof test>[2]>[0]['playwright'];

/** What came back, read before the request context is disposed. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Replays a captured POST as it was, except for the Origin, cookies and the headers of the variant. */
async function replay(
  playwright: Playwright,
  user: DemoUser,
  captured: Captured,
  variant: Variant,
): Promise<Reply> {
  const api = await playwright.request.newContext({
    baseURL: appUrl(),
    storageState: variant.cookies ? storageStateOf(user) : undefined,
  });
  const keep = ['content-type', 'next-action', 'next-router-state-tree', 'accept'];
  const headers = Object.fromEntries(
    Object.entries(captured.headers).filter(([name]) => keep.includes(name.toLowerCase())),
  );
  try {
    const response = await api.post(captured.url, {
      headers: { ...headers, ...variant.headers },
      data: captured.body,
      maxRedirects: 0,
    });
    return { status: response.status(), headers: response.headers(), text: await response.text() };
  } finally {
    await api.dispose();
  }
}

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

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

test.describe('forged requests change nothing', () => {
  test.describe.configure({ mode: 'serial' });
  let draftUrl = '';

  test("Verkställ on k100ana's draft: every forged POST is refused; the real one, replayed, sends it", async ({
    browser,
    playwright,
  }) => {
    const ana = await pageAs(browser, 'k100ana');
    await ana.goto('/hjalpmedel');
    await ana.getByLabel('Personnummer').fill('194502289830');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await ana.getByRole('link', { name: 'BMB', exact: true }).click();
    await ana.getByLabel('Förskrivare/beställare').fill('k400eva');
    await ana.getByRole('checkbox', { name: /Välj 41002/ }).check();
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Utkast');
    draftUrl = new URL(ana.url()).pathname;

    const verkstall = await captureActionPost(ana, () =>
      ana.getByRole('button', { name: 'Verkställ' }).click(),
    );
    expect(verkstall.headers['next-action']).toBe(actionId('sendBmb'));
    expect(verkstall.headers.origin).toBe(appUrl());

    for (const variant of forgedVariants()) {
      const response = await replay(playwright, 'k100ana', verkstall, variant);
      expectSecurityHeaders(response.headers, `Verkställ with ${variant.name}`);
      // A foreign or missing Origin stops at the proxy; without cookies the action itself refuses.
      expect(response.status, variant.name).toBe(variant.cookies ? 403 : 200);
      if (!variant.cookies) expect(response.text, variant.name).toContain('unauthenticated');
      await openInApp(ana, draftUrl);
      await expect(ana.getByTestId('bmb-state'), `after ${variant.name}`).toHaveText('Utkast');
    }

    // The control: the same bytes with the browser's Origin and cookies do send it,
    // so the refusals above were refusals, not malformed requests.
    const real = await replay(playwright, 'k100ana', verkstall, {
      name: 'as the browser sent it',
      cookies: true,
      headers: { origin: appUrl() },
    });
    expect(real.status).toBeLessThan(400);
    await openInApp(ana, draftUrl);
    await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');
    await ana.context().close();
  });

  test("Lås upp on a locked BMB: forged POSTs with the admin's cookies are refused; it stays locked", async ({
    browser,
    playwright,
  }) => {
    const admin = await pageAs(browser, 'admin');
    await openInApp(admin, '/admin/lasta-bmb');
    await admin
      .getByRole('checkbox', { name: /från k100ana till k400eva/ })
      .first()
      .check();
    await admin.getByLabel('Skäl till upplåsningen').fill('Förfalskad begäran.');
    const unlock = await captureActionPost(admin, () =>
      admin.getByRole('button', { name: 'Lås upp', exact: true }).click(),
    );
    expect(unlock.headers['next-action']).toBe(actionId('unlockBmbs'));

    for (const variant of forgedVariants()) {
      const response = await replay(playwright, 'admin', unlock, variant);
      expectSecurityHeaders(response.headers, `Lås upp with ${variant.name}`);
      expect(response.status, variant.name).toBe(variant.cookies ? 403 : 200);
    }
    const ana = await pageAs(browser, 'k100ana');
    await openInApp(ana, '/kvittera-bmb');
    await expect(
      ana
        .getByRole('table', { name: 'BMB som låstes utan svar' })
        .getByRole('row')
        .filter({ hasText: 'Öberg, Gunnar' }),
    ).toHaveCount(1);
    await openInApp(admin, '/admin/lasta-bmb');
    await expect(
      admin.getByRole('checkbox', { name: /från k100ana till k400eva/ }).first(),
    ).toBeVisible();
    await ana.context().close();
    await admin.context().close();
  });

  test('every action id of the build refuses a foreign and a missing Origin, whoever the cookies belong to', async ({
    playwright,
  }) => {
    const actions = buildActions();
    expect(actions.length).toBeGreaterThanOrEqual(10);
    for (const user of ['k100ana', 'admin'] as const) {
      const api = await playwright.request.newContext({
        baseURL: appUrl(),
        storageState: storageStateOf(user),
      });
      for (const action of actions) {
        for (const origin of [FOREIGN, undefined]) {
          const response = await api.post('/hjalpmedel', {
            headers: {
              'next-action': action.id,
              'content-type': 'text/plain;charset=UTF-8',
              ...(origin ? { origin } : {}),
            },
            data: '[]',
            maxRedirects: 0,
          });
          expect(
            response.status(),
            `${action.exportName} as ${user}, Origin ${origin ?? 'missing'}`,
          ).toBe(403);
          expectSecurityHeaders(response.headers(), `${action.exportName} forged`);
        }
      }
      await api.dispose();
    }
  });

  test('the access-log extract (POST /admin/logg/utdrag) needs the same Origin as well as an admin session', async ({
    playwright,
  }) => {
    const post = async (cookies: boolean, headers: Record<string, string>) => {
      const api: APIRequestContext = await playwright.request.newContext({
        baseURL: appUrl(),
        storageState: cookies ? storageStateOf('admin') : undefined,
      });
      const response = await api.post('/admin/logg/utdrag', {
        headers,
        multipart: { personnummer: '191212121212' },
        maxRedirects: 0,
      });
      const reply: Reply = {
        status: response.status(),
        headers: response.headers(),
        text: await response.text(),
      };
      await api.dispose();
      return reply;
    };
    for (const variant of forgedVariants()) {
      const reply = await post(variant.cookies, variant.headers);
      expectSecurityHeaders(reply.headers, `utdrag with ${variant.name}`);
      expect(reply.status, variant.name).toBe(variant.cookies ? 403 : 401);
      expect(reply.text).not.toContain('Datum och tid');
    }
    const reply = await post(true, { origin: appUrl() });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('text/csv');
    expect(reply.text).toContain('Datum och tid');
  });
});
