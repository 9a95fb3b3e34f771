import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { openInApp, storageStateOf, type DemoUser } from './users';

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

/** Skicka BMB as k100ana: one of Svensson's devices to k200bo. */
async function sendFromAna(page: Page, articleNo: string, message: string) {
  await page.goto('/hjalpmedel');
  await page.getByLabel('Personnummer').fill('191212121212');
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: 'BMB', exact: true }).click();
  await page.getByLabel('Förskrivare/beställare').fill('k200bo');
  await page.getByRole('checkbox', { name: new RegExp(`Välj ${articleNo}`) }).check();
  await page.getByLabel('Meddelande').fill(message);
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.getByRole('button', { name: 'Verkställ' }).click();
  await expect(page.getByTestId('bmb-state')).toHaveText('Skickad');
}

const incoming = (page: Page) => page.getByRole('table', { name: 'BMB som väntar på din kvittens' });

test.describe('Kvittera BMB (manual steps 1–4)', () => {
  test('k200bo takes over payer responsibility: contact card, date, address and payer, Ja, Verkställ', async ({
    browser,
  }) => {
    const ana = await pageAs(browser, 'k100ana');
    await sendFromAna(ana, '25800', 'Skickar BMB enl. överenskommelse.');

    const bo = await pageAs(browser, 'k200bo');
    await bo.goto('/hjalpmedel');
    const menu = bo.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(menu.getByRole('link', { name: /Kvittera BMB/ })).toContainText('1');
    await menu.getByRole('link', { name: /Kvittera BMB/ }).click();

    // Step 1: the list, and the sender's contact card.
    await expect(bo.getByRole('heading', { name: 'Överta betalningsansvar via BMB' })).toBeVisible();
    const row = incoming(bo).getByRole('row').filter({ hasText: 'Svensson, Testare' });
    await expect(row).toContainText('K100ANA');
    await expect(row).toContainText('7');
    await expectNoSeriousA11yViolations(bo);
    await row.getByRole('link', { name: 'K100ANA' }).click();
    // The list names the sender too: wait for the contact card itself.
    await expect(bo).toHaveURL(/\/kvittera-bmb\/kontaktkort\//);
    await expect(bo.getByText('Ana Nordin')).toBeVisible();
    await expect(bo.getByText('0920-711 00')).toBeVisible();
    await expectNoSeriousA11yViolations(bo);
    await bo.getByRole('link', { name: 'Tillbaka till Kvittera BMB' }).click();

    // Step 2: the date opens the answer.
    await incoming(bo).getByRole('row').filter({ hasText: 'Svensson, Testare' }).getByRole('link').first().click();
    await expect(bo.getByRole('cell', { name: '395,00 SEK' })).toBeVisible();
    await expect(bo.getByRole('cell', { name: '75082' })).toBeVisible();

    // Step 3: a Nej needs a message; then Ja with address and payer.
    await bo.getByRole('radio', { name: 'Nej' }).check();
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByLabel('Meddelande')).toHaveAccessibleDescription(/Skriv ett meddelande till förskrivaren/);
    await expectNoSeriousA11yViolations(bo);
    await bo.getByLabel('Kund/leveransadress').selectOption({ label: '5230 Hemsjukvården Boden' });
    await bo.getByLabel('Betalare').selectOption({ label: '5210 Rehabmottagningen Sunderby sjukhus (förval)' });
    await bo.getByRole('radio', { name: 'Ja' }).check();
    await bo.getByRole('button', { name: 'Verkställ' }).click();

    // Step 4: back on the list, kvitterad and godkänd, nothing left.
    await expect(bo.getByRole('status')).toHaveText(/kvitterad och godkänd/);
    await expect(incoming(bo)).toContainText('Ingen träff.');
    await expect(menu.getByRole('link', { name: /Kvittera BMB/ })).not.toContainText('1');
    await expectNoSeriousA11yViolations(bo);

    // The sender sees it as Godkänd, with the device's new payer.
    await openInApp(ana, '/skickade-bmb');
    const sent = ana.getByRole('row').filter({ hasText: '25800 Röstförstärkare Falck 1005' }).filter({ hasText: 'Svensson, Testare' });
    await expect(sent).toContainText('Godkänd');
    await sent.getByRole('link').first().click();
    await expect(ana.getByRole('cell', { name: /5210 - Rehabmottagningen Sunderby sjukhus/ })).toBeVisible();
  });

  test('Nej: the sender sees the message under Ej godkänt övertag', async ({ browser }) => {
    const ana = await pageAs(browser, 'k100ana');
    await sendFromAna(ana, '15749', 'Skrivunderlägget följer med patienten.');

    const bo = await pageAs(browser, 'k200bo');
    await openInApp(bo, '/kvittera-bmb');
    await incoming(bo).getByRole('row').filter({ hasText: 'Svensson, Testare' }).getByRole('link').first().click();
    await bo.getByLabel('Kund/leveransadress').selectOption({ index: 1 });
    await bo.getByLabel('Betalare').selectOption({ index: 1 });
    await bo.getByRole('radio', { name: 'Nej' }).check();
    await bo.getByLabel('Meddelande').fill('Patienten är inte listad hos oss.');
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByRole('status')).toHaveText(/inte godkänt övertagandet/);

    await openInApp(ana, '/kvittera-bmb');
    const declined = ana.getByRole('table', { name: 'BMB som du skickat och som inte godkändes' });
    await expect(declined.getByRole('row').filter({ hasText: 'Svensson, Testare' })).toContainText(
      'Patienten är inte listad hos oss.',
    );
    await expectNoSeriousA11yViolations(ana);
    await openInApp(ana, '/skickade-bmb');
    await expect(ana.getByRole('row').filter({ hasText: '15749 Skrivunderlägg' }).first()).toContainText('Ej godkänd');
  });

  test('a locked BMB shows as Låst to the sender and its device cannot go into a new BMB', async ({ browser }) => {
    // Demo data: k100ana sent Öberg's rollator to k400eva on 2026-11-02; nobody answered.
    const ana = await pageAs(browser, 'k100ana');
    await openInApp(ana, '/kvittera-bmb');
    const locked = ana.getByRole('table', { name: 'BMB som låstes utan svar' });
    const row = locked.getByRole('row').filter({ hasText: 'Öberg, Gunnar' });
    await expect(row).toContainText('K400EVA');
    await expect(row).toContainText('kontakta Länsservice');
    await row.getByRole('link').first().click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Låst');
    await expect(ana.getByText(/kvitterades inte inom 7 dagar och är låst/)).toBeVisible();
    await expectNoSeriousA11yViolations(ana);

    await ana.goto('/hjalpmedel');
    await ana.getByLabel('Personnummer').fill('194502289830');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await expect(ana.getByRole('heading', { name: 'Öberg, Gunnar' })).toBeVisible();
    await ana.getByRole('link', { name: 'BMB', exact: true }).click();
    const lockedDevice = ana.getByRole('checkbox', { name: /Välj 30211/ });
    await expect(lockedDevice).toBeDisabled();
    await expect(lockedDevice).toHaveAccessibleDescription(/Kontakta Länsservice/);
  });
});
