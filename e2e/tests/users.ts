import { expect, type Page } from '@playwright/test';

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
