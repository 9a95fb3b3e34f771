import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { storageStateOf } from './users';

test.use({ storageState: storageStateOf('k100ana') });

/** Manual, Skicka BMB, steps 1–2: Hjälpmedel, personnummer with all 12 digits, Sök, then the BMB link. */
async function openBmbForm(page: Page, personnummer = '191212121212') {
  await page.goto('/hjalpmedel');
  await page.getByLabel('Personnummer').fill(personnummer);
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: 'BMB', exact: true }).click();
  await expect(page.getByRole('heading', { name: /BMB – byte av mottagare\/betalare/ })).toBeVisible();
}

test.describe('Skicka BMB (manual steps 1–3, Spara ändringarna, Verkställ)', () => {
  test("k100ana sends the manual's cushion to k200bo and finds it under Skickade BMB", async ({ page }) => {
    await openBmbForm(page);
    // Step 3: the patient is preselected; the date is today.
    await expect(page.getByLabel('Patient', { exact: true })).toHaveValue('191212121212');
    await expect(page.getByText('BMB-datum')).toBeVisible();

    await page.getByLabel('Förskrivare/beställare').fill('Lindberg');
    await expect(page.locator('#prescriber-suggestions option[value="k200bo"]')).toHaveCount(1);
    await page.getByLabel('Förskrivare/beställare').fill('k200bo');
    await page.getByRole('checkbox', { name: /Välj 10156 Sittdyna Roho Quadro Select hög 39,5x43/ }).check();
    await page.getByLabel('Meddelande').fill('Skickar BMB enl. överenskommelse.');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();

    // The summary of the manual's second picture, with Verkställ.
    await expect(page.getByTestId('bmb-state')).toHaveText('Utkast');
    await expect(page.getByText('Bo Lindberg (k200bo)')).toBeVisible();
    await expect(page.getByText('2990 Länsservice Hjälpmedelskonsulenterna prod. ansvar').first()).toBeVisible();
    await expect(page.getByText('Skickar BMB enl. överenskommelse.')).toBeVisible();
    await expect(page.getByRole('cell', { name: '170098' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Verkställ' }).click();

    await expect(page.getByTestId('bmb-state')).toHaveText('Skickad');
    await expect(page.getByRole('status')).toContainText('7 dagar kvar');
    await expectNoSeriousA11yViolations(page);

    // Skriv ut: the printout is the BMB alone, without menus and buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
    await expect(page.getByText('Bo Lindberg (k200bo)', { exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: '170098' })).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Skickade BMB' }).click();
    const row = page.getByRole('row').filter({ hasText: '10156 Sittdyna Roho Quadro Select hög 39,5x43' });
    await expect(row).toContainText('Bo Lindberg');
    await expect(row).toContainText('Svensson, Testare');
    await expect(row).toContainText('Skickad');
    await expect(row).toContainText('7');
    await expectNoSeriousA11yViolations(page);

    // The device is now waiting: it cannot be ticked in a new BMB, and the form says why.
    await openBmbForm(page);
    const cushion = page.getByRole('checkbox', { name: /Välj 10156/ });
    await expect(cushion).toBeDisabled();
    await expect(cushion).toHaveAccessibleDescription('Väntar på kvittens i en skickad BMB.');
  });

  test('Avbryt returns to the patient without saving anything', async ({ page }) => {
    await openBmbForm(page);
    await page.getByLabel('Förskrivare/beställare').fill('k200bo');
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await expect(page.getByRole('heading', { name: 'Svensson, Testare' })).toBeVisible();
  });

  test('bad input is explained in Swedish at the fields, and nothing is saved', async ({ page }) => {
    await openBmbForm(page);
    await page.getByLabel('Förskrivare/beställare').fill('k999xyz');
    await page.getByLabel('Patient', { exact: true }).fill('1212121212');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(page.getByLabel('Förskrivare/beställare')).toHaveAccessibleDescription(/ingen förskrivare med det användarnamnet/);
    await expect(page.getByLabel('Patient', { exact: true })).toHaveAccessibleDescription(/alla 12 siffror/);
    await expect(page.getByRole('alert').filter({ hasText: 'Markera minst ett hjälpmedel.' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expect(page).toHaveURL(/\/bmb$/);
  });

  test('patient to patient requires both confirmations and shows the main rule', async ({ page }) => {
    await openBmbForm(page);
    await page.getByLabel('Förskrivare/beställare').fill('k100ana');
    await page.getByLabel('Patient', { exact: true }).fill('194003179829');
    const exception = page.getByRole('group', { name: 'BMB mellan patienter' });
    await expect(exception).toContainText('först ska till Länsservice för rekonditionering');
    await page.getByRole('checkbox', { name: /Välj 15014/ }).check();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'individuell behovsbedömning' })).toBeVisible();

    await page.getByRole('checkbox', { name: /individuell behovsbedömning är gjord/ }).check();
    await page.getByRole('checkbox', { name: /funktionsdugligt och bär inte smitta/ }).check();
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(page.getByTestId('bmb-state')).toHaveText('Utkast');
    const confirmations = page.getByRole('region', { name: 'BMB mellan patienter' });
    await expect(confirmations).toContainText('Individuell behovsbedömning gjord: Ja');
    await expect(confirmations).toContainText('Funktionsdugligt och bär inte smitta: Ja');
    await expect(page.getByText('Lindqvist, Greta')).toBeVisible();

    // Kassera utkastet: the draft is gone from the list.
    await page.getByRole('button', { name: 'Kassera utkastet' }).click();
    await page.getByRole('button', { name: 'Ja, kassera utkastet' }).click();
    await expect(page.getByRole('heading', { name: 'Skickade BMB' })).toBeVisible();
    const discarded = page.getByRole('row').filter({ hasText: 'Lindqvist, Greta' }).filter({ hasText: '15014' });
    await expect(discarded).toHaveCount(0);
  });
});
