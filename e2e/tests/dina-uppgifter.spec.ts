import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { storageStateOf } from './users';

test.use({ storageState: storageStateOf('k200bo') });

test.describe('Dina uppgifter', () => {
  test('the user edits their contact details and sees them saved', async ({ page }) => {
    await page.goto('/hjalpmedel');
    await page.getByRole('link', { name: 'Dina uppgifter' }).click();
    await expect(page.getByRole('heading', { name: 'Dina uppgifter' })).toBeVisible();
    await page.getByLabel('Telefon').fill('0920-555 66');
    await page.getByLabel('E-post').fill('bo.lindberg@region.example');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(page.getByRole('status')).toHaveText('Dina uppgifter är sparade.');
    await page.reload();
    await expect(page.getByLabel('Telefon')).toHaveValue('0920-555 66');
  });

  test('an invalid e-mail address is explained at the field and not saved', async ({ page }) => {
    await page.goto('/dina-uppgifter');
    await page.getByLabel('E-post').fill('inte en adress');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(page.getByLabel('E-post')).toHaveAccessibleDescription('Ange en giltig e-postadress.');
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    await expect(page.getByLabel('E-post')).not.toHaveValue('inte en adress');
  });
});
