import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { openInApp, storageStateOf } from './users';

async function search(page: Page, personnummer: string) {
  await page.goto('/hjalpmedel');
  await page.getByLabel('Personnummer').fill(personnummer);
  await page.getByRole('button', { name: 'Sök' }).click();
}

test.use({ storageState: storageStateOf('k100ana') });

test.describe('Hjälpmedel (manual: Skicka BMB, steps 1–2)', () => {
  test("finds the manual's patient and lists the four devices", async ({ page }) => {
    await search(page, '191212121212');

    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
    const rows = page.getByRole('table', { name: 'Patientens hjälpmedel' }).getByRole('row');
    await expect(rows).toHaveCount(5); // header + four loans
    await expect(rows.nth(1)).toContainText('15749');
    await expect(rows.nth(1)).toContainText('Skrivunderlägg 70x50x8');
    await expect(rows.nth(2)).toContainText('25800');
    await expect(rows.nth(2)).toContainText('75082');
    await expect(rows.nth(3)).toContainText('170098');
    await expect(rows.nth(4)).toContainText('157792');
    for (const column of ['Pos', 'Artikel', 'Benämning', 'Individ', 'Ord.datum', 'Lev.datum']) {
      await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('columnheader', { name: /^Antal/ })).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'BMB', exact: true })).toBeVisible();

    // The personnummer never travels in the URL.
    expect(page.url()).not.toContain('191212121212');
    expect(page.url()).not.toContain('19121212');
  });

  test('accepts the hyphenated form', async ({ page }) => {
    await search(page, '19121212-1212');
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
  });

  const badInput: [string, string, RegExp][] = [
    ['10 digits', '1212121212', /alla 12 siffror/],
    ['a wrong check digit', '191212121213', /kontrollsiffran/],
    ['letters', '19121212abcd', /bara innehålla siffror/],
    ['an impossible date', '191213321212', /datum som inte finns/],
    ['an unknown patient', '199001019802', /Ingen patient/],
  ];
  for (const [what, input, message] of badInput) {
    test(`explains ${what} in Swedish and stays on the search`, async ({ page }) => {
      const responses: number[] = [];
      page.on('response', (r) => responses.push(r.status()));
      await search(page, input);
      // The message is announced and tied to the field it is about.
      await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
      await expect(page.getByLabel('Personnummer')).toHaveAccessibleDescription(message);
      await expect(page.getByLabel('Personnummer')).toHaveValue(input);
      await expect(page.getByLabel('Personnummer')).toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL(/\/hjalpmedel$/);
      expect(responses.filter((s) => s >= 500)).toEqual([]);
    });
  }

  test('a link on another site asks before it shows the patient, and logs nothing until then (issue 15, item 8)', async ({
    page,
  }) => {
    await search(page, '191212121212');
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
    const patientUrl = page.url();
    // A page of another origin links to it: Chromium says Sec-Fetch-Site: cross-site.
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(`<a href="${patientUrl}">Öppna</a>`)}`);
    await page.getByRole('link', { name: 'Öppna' }).click();
    await expect(page.getByRole('heading', { name: 'Vill du öppna patientens hjälpmedel?' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Svensson');
    expect(await page.content()).not.toMatch(/Svensson|191212121212|19121212-1212/);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
    expect(page.url()).toBe(patientUrl);
  });

  test('an unknown patient id is a plain 404', async ({ page }) => {
    const response = await openInApp(page, '/hjalpmedel/00000000-0000-4000-8000-000000000000');
    expect(response?.status()).toBe(404);
  });
});
