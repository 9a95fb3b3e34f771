import { expect, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';

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
  // The main frame's final answer (not a redirect on the way), and the new document's load.
  const answered = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
  );
  const loaded = page.waitForEvent('load');
  await page.evaluate((to) => window.location.assign(to), path);
  const [response] = await Promise.all([answered, loaded]);
  return response;
}

/**
 * k300ny in a fresh Övningsläge run of "BMB mellan patienter", in a browser
 * context of its own (the shared k300ny session stays out of training).
 */
export async function learnerInSandbox(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInThroughIdp(page, 'k300ny');
  await expect(page).toHaveURL(/\/hjalpmedel$/);
  await page.goto('/ovningslage');
  await page.getByRole('button', { name: /^(Starta|Börja om) BMB mellan patienter$/ }).click();
  await expect(page.getByTestId('training-banner')).toBeVisible();
  return { context, page };
}
