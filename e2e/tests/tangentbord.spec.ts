import { expect, test, type Locator, type Page } from '@playwright/test';
import { storageStateOf, type DemoUser } from './users';

/** Moves focus with Tab alone until the element has it; fails if Tab never gets there. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

async function keyboardPage(browser: import('@playwright/test').Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

test.describe('keyboard only: both of the manual\'s flows', () => {
  test('Skicka BMB and Kvittera BMB without a mouse', async ({ browser }) => {
    const ana = await keyboardPage(browser, 'k100ana');
    await ana.goto('/hjalpmedel');
    await tabTo(ana, ana.getByLabel('Personnummer'));
    await ana.keyboard.type('191212121212');
    await ana.keyboard.press('Enter');
    await tabTo(ana, ana.getByRole('link', { name: 'BMB', exact: true }));
    await ana.keyboard.press('Enter');
    await tabTo(ana, ana.getByLabel('Förskrivare/beställare'));
    await ana.keyboard.type('k200bo');
    await tabTo(ana, ana.getByRole('checkbox', { name: /Välj 15014/ }));
    await ana.keyboard.press('Space');
    await expect(ana.getByRole('checkbox', { name: /Välj 15014/ })).toBeChecked();
    await tabTo(ana, ana.getByLabel('Meddelande'));
    await ana.keyboard.type('Skickar BMB enl. överenskommelse.');
    await tabTo(ana, ana.getByRole('button', { name: 'Spara ändringarna' }));
    await ana.keyboard.press('Enter');
    await tabTo(ana, ana.getByRole('button', { name: 'Verkställ' }));
    await ana.keyboard.press('Enter');
    await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');

    const bo = await keyboardPage(browser, 'k200bo');
    await bo.goto('/hjalpmedel');
    await tabTo(bo, bo.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /Kvittera BMB/ }));
    await bo.keyboard.press('Enter');
    const incoming = bo.getByRole('table', { name: 'BMB som väntar på din kvittens' });
    await tabTo(bo, incoming.getByRole('link').first());
    await bo.keyboard.press('Enter');
    // Both lists start on "Välj …": the arrow key chooses the first, the one marked (förval).
    await tabTo(bo, bo.getByLabel('Kund/leveransadress'));
    await bo.keyboard.press('ArrowDown');
    await expect(bo.getByLabel('Kund/leveransadress')).not.toHaveValue('');
    await tabTo(bo, bo.getByLabel('Betalare'));
    await bo.keyboard.press('ArrowDown');
    await expect(bo.getByLabel('Betalare')).not.toHaveValue('');
    await tabTo(bo, bo.getByRole('radio', { name: 'Ja' }));
    await bo.keyboard.press('Space');
    await expect(bo.getByRole('radio', { name: 'Ja' })).toBeChecked();
    await tabTo(bo, bo.getByRole('button', { name: 'Verkställ' }));
    await bo.keyboard.press('Enter');
    await expect(bo.getByRole('status')).toHaveText(/kvitterad och godkänd/);
  });
});
