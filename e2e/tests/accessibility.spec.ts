import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { storageStateOf } from './users';

test.use({ storageState: storageStateOf('k100ana') });

test.describe('accessibility (WCAG 2.1 AA, axe)', () => {
  for (const path of ['/hjalpmedel', '/hjalp', '/dina-uppgifter']) {
    test(`${path} has no serious violations`, async ({ page }) => {
      await page.goto(path);
      await expectNoSeriousA11yViolations(page);
    });
  }

  test('the search error state has no serious violations', async ({ page }) => {
    await page.goto('/hjalpmedel');
    await page.getByLabel('Personnummer').fill('1212121212');
    await page.getByRole('button', { name: 'Sök' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'alla 12 siffror' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("the patient's loans have no serious violations", async ({ page }) => {
    await page.goto('/hjalpmedel');
    await page.getByLabel('Personnummer').fill('191212121212');
    await page.getByRole('button', { name: 'Sök' }).click();
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the menu and search work with the keyboard alone', async ({ page }) => {
    await page.goto('/hjalpmedel');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
    await page.getByLabel('Personnummer').focus();
    await page.keyboard.type('191212121212');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
  });
});

test.describe('accessibility when signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const path of ['/logga-in', '/ingen-behorighet', '/avsluta', '/tillganglighet']) {
    test(`${path} has no serious violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expectNoSeriousA11yViolations(page);
    });
  }

  test("the identity provider's login page has no serious violations", async ({ page }) => {
    await page.goto('/logga-in');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByLabel('Användarnamn')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('accessibility statement (tillgänglighetsredogörelse)', () => {
  test('is linked from every page and tells how to report a problem', async ({ page }) => {
    await page.goto('/hjalpmedel');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await expect(page.getByRole('heading', { name: 'Tillgänglighetsredogörelse för BMB' })).toBeVisible();
    await expect(page.getByRole('link', { name: /kundtjanst@/ })).toHaveAttribute('href', /^mailto:/);
    await expect(page.getByText(/DIGG/).first()).toBeVisible();
  });
});
