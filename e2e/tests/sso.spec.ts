import { expect, test, type APIRequestContext, type APIResponse, type Browser } from '@playwright/test';
import { IDP_URL, WEB_URL } from '../ports';
import { demoUsers, logInThroughIdp, storageStateOf, type DemoUser } from './users';

const SESSION_COOKIE = 'bmb.session';

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test.describe('SSO login', () => {
  for (const [username, name] of Object.entries(demoUsers)) {
    test(`${username} is signed in as ${name}`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStateOf(username as DemoUser) });
      const page = await context.newPage();
      await page.goto('/hjalpmedel');
      await expect(page.getByTestId('current-user-name')).toHaveText(name);
      const adminMenu = page.getByRole('navigation', { name: 'Huvudmeny' }).getByText('Admin');
      await expect(adminMenu).toHaveCount(username === 'admin' ? 1 : 0);
      await context.close();
    });
  }

  test('a visitor without a session is sent to Logga in', async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    await page.goto('/hjalpmedel');
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
    await context.close();
  });

  test('a wrong password is refused at the identity provider', async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    await logInThroughIdp(page, 'k100ana', 'fel');
    await expect(page.getByRole('alert')).toHaveText('Fel användarnamn eller lösenord.');
    await context.close();
  });

  test('a person with no BMB account gets the no-access page and no session', async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    await logInThroughIdp(page, 'k999ext');
    await expect(page.getByRole('heading', { name: 'Ditt konto saknar behörighet i BMB' })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name.endsWith(SESSION_COOKIE))).toBe(false);
    await page.goto('/hjalpmedel');
    await expect(page).toHaveURL(/\/logga-in$/);
    await context.close();
  });

  test('after Avsluta the old session cookie is worthless and the IdP asks again', async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    await logInThroughIdp(page, 'k200bo');
    await expect(page.getByTestId('current-user-name')).toHaveText('Bo Lindberg');
    const oldCookies = (await context.cookies()).filter((c) => c.name.endsWith(SESSION_COOKIE));
    expect(oldCookies).toHaveLength(1);

    await page.getByRole('button', { name: 'Avsluta' }).click();
    await expect(page.getByRole('heading', { name: 'Du är utloggad' })).toBeVisible();

    // Logging in again needs the password: the IdP session ended too.
    await page.getByRole('link', { name: 'Logga in igen' }).click();
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByLabel('Lösenord')).toBeVisible();

    // Replaying the old cookie in another browser gets no session.
    const replay = await browser.newContext();
    await replay.addCookies(oldCookies);
    const replayPage = await replay.newPage();
    await replayPage.goto('/hjalpmedel');
    await expect(replayPage).toHaveURL(/\/logga-in$/);
    await replay.close();
    await context.close();
  });
});

/**
 * The login flow driven request by request, without following redirects, so
 * that the callback can be changed on its way back from the IdP (a browser
 * route cannot intercept a request that arrives through a redirect).
 */
async function callbackUrlAfterLogin(api: APIRequestContext, username: string): Promise<string> {
  const follow = async (response: APIResponse, base: string) => new URL(response.headers().location!, base).toString();
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  let response = await api.post('/api/auth/signin/oidc', {
    form: { csrfToken, callbackUrl: '/hjalpmedel' },
    maxRedirects: 0,
  });
  let url = await follow(response, WEB_URL); // the IdP's authorization endpoint
  response = await api.get(url, { maxRedirects: 0 });
  url = await follow(response, url); // the IdP's login page
  const uid = new URL(url).pathname.split('/')[2];
  response = await api.post(`${IDP_URL}/interaction/${uid}/login`, {
    form: { username, password: 'demo' },
    maxRedirects: 0,
  });
  url = await follow(response, IDP_URL); // back to the authorization endpoint
  response = await api.get(url, { maxRedirects: 0 });
  const callback = await follow(response, url);
  expect(callback).toContain('/api/auth/callback/oidc?');
  return callback;
}

const sessionCookieSet = (response: APIResponse) =>
  response.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes(`${SESSION_COOKIE}=`));

test.describe('OIDC callback', () => {
  test('a tampered state is refused and sets no session', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: WEB_URL });
    const callback = new URL(await callbackUrlAfterLogin(api, 'k100ana'));
    callback.searchParams.set('state', `${callback.searchParams.get('state')}tampered`);
    const response = await api.get(callback.toString(), { maxRedirects: 0 });
    expect(response.headers().location).toMatch(/\/logga-in\?error=/);
    expect(sessionCookieSet(response)).toBe(false);
    expect(new URL((await api.get('/hjalpmedel')).url()).pathname).toBe('/logga-in');
    await api.dispose();
  });

  test('the same flow untampered does sign in (control)', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: WEB_URL });
    const response = await api.get(await callbackUrlAfterLogin(api, 'k100ana'), { maxRedirects: 0 });
    expect(response.headers().location).toBe(`${WEB_URL}/hjalpmedel`);
    expect(sessionCookieSet(response)).toBe(true);
    await api.dispose();
  });
});
