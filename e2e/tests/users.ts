import { expect, type Page, type Response } from '@playwright/test';

/** The demo users of DESIGN.md and their names in BMB. */
export const demoUsers = {
  k100ana: 'Ana Nordin',
  k200bo: 'Bo Lindberg',
  admin: 'Länsservice Kundtjänst',
  k300ny: 'Nora Nyström',
} as const;
export type DemoUser = keyof typeof demoUsers;

export const storageStateOf = (user: DemoUser) => `.auth/${user}.json`;

/** Logs in through BMB's Logga in and the IdP's own form, as a person does. */
export async function logInThroughIdp(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/logga-in');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByLabel('Användarnamn')).toBeVisible();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/**
 * Opens a page of BMB as a click inside BMB does (Sec-Fetch-Site:
 * same-origin). Pages with patient data opened from anywhere else (a typed
 * address, a bookmark, another site, `page.goto`) first ask "Vill du öppna …?"
 * (issue 15, item 8); the tests that are not about that go in this way.
 */
export async function openInApp(page: Page, path: string): Promise<Response | null> {
  if (!page.url().startsWith('http://localhost')) await page.goto('/hjalpmedel');
  const target = new URL(path, page.url());
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && new URL(r.url()).pathname === target.pathname,
    ),
    page.evaluate((to) => window.location.assign(to), path),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}
