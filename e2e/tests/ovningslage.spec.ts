import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { openInApp, storageStateOf, type DemoUser } from './users';

test.describe.configure({ mode: 'serial' });

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

const guide = (page: Page) => page.getByRole('complementary', { name: /Övning:/ });
const step = (page: Page) => page.getByTestId('guide-step');
const menu = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function startScenario(page: Page, title: string) {
  await page.goto('/ovningslage');
  await page.getByRole('button', { name: new RegExp(`^(Starta|Börja om) ${title}$`) }).click();
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await expect(guide(page)).toContainText(`Övning: ${title}`);
}

async function finish(page: Page) {
  await expect(step(page)).toContainText('Klart!');
  await guide(page).getByRole('button', { name: 'Avsluta övningen' }).click();
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
}

let nora: Page;

test.describe('Övningsläge (k300ny, new staff)', () => {
  test.beforeAll(async ({ browser }) => {
    nora = await pageAs(browser, 'k300ny');
  });

  test('before training, new staff are told why they cannot answer a real BMB', async ({ browser }) => {
    // k100ana sends Lindqvist's rollator to the new colleague.
    const ana = await pageAs(browser, 'k100ana');
    await ana.goto('/hjalpmedel');
    await ana.getByLabel('Personnummer').fill('194003179829');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await ana.getByRole('link', { name: 'BMB', exact: true }).click();
    await ana.getByLabel('Förskrivare/beställare').fill('k300ny');
    await ana.getByRole('checkbox', { name: /Välj 30211/ }).check();
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await ana.getByRole('button', { name: 'Verkställ' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');

    await openInApp(nora, '/kvittera-bmb');
    await nora.getByRole('table', { name: 'BMB som väntar på din kvittens' }).getByRole('link').first().click();
    await expect(nora.getByTestId('training-required')).toContainText('Skicka BMB och Kvittera BMB i Övningsläge');
    await nora.getByRole('radio', { name: 'Ja' }).check();
    await nora.getByRole('button', { name: 'Verkställ' }).click();
    await expect(nora.getByRole('alert').filter({ hasText: 'i Övningsläge' })).toBeVisible();
    await nora.getByTestId('training-required').getByRole('link', { name: 'Gå till Övningsläge' }).click();
    await expect(nora.getByTestId('progress-skicka-bmb')).toHaveText('Inte påbörjad');
  });

  test('Skicka BMB, only by doing what the guide says; a wrong personnummer gets the hint; a reload resumes', async () => {
    await startScenario(nora, 'Skicka BMB');
    await expect(step(nora)).toContainText('Utgångsbild: Hjälpmedel (i blå listen)');
    await expect(menu(nora).getByRole('link', { name: 'Hjälpmedel' })).toHaveAttribute('data-guide-active', 'true');
    await expectNoSeriousA11yViolations(nora);

    await menu(nora).getByRole('link', { name: 'Hjälpmedel' }).click();
    await expect(step(nora)).toContainText('med alla 12 siffror');
    await nora.getByLabel('Personnummer').fill('1212121212');
    await nora.getByRole('button', { name: 'Sök' }).click();
    await expect(nora.getByTestId('guide-hint')).toContainText('alla 12 siffror');
    await expectNoSeriousA11yViolations(nora);

    await nora.reload();
    await expect(step(nora)).toContainText('med alla 12 siffror');
    await expect(guide(nora)).toContainText('Steg 2 av 6');

    await nora.getByLabel('Personnummer').fill('191212121212');
    await nora.getByRole('button', { name: 'Sök' }).click();
    await expect(step(nora)).toContainText('Klicka på länken BMB');
    await nora.getByRole('link', { name: 'BMB', exact: true }).click();
    await expect(step(nora)).toContainText('k900lisa');
    await nora.getByLabel('Förskrivare/beställare').fill('k900lisa');
    await nora.getByRole('checkbox', { name: /Välj 10156/ }).check();
    await nora.getByLabel('Meddelande').fill('Skickar BMB enl. överenskommelse.');
    await nora.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(step(nora)).toContainText('klicka på Verkställ');
    await nora.getByRole('button', { name: 'Verkställ' }).click();
    await finish(nora);
    await expect(nora.getByTestId('progress-skicka-bmb')).toContainText('Klar');
  });

  test('Kvittera BMB, steps Utgångsbild and 1–4', async () => {
    await startScenario(nora, 'Kvittera BMB');
    await menu(nora).getByRole('link', { name: /Kvittera BMB/ }).click();
    await expect(step(nora)).toContainText('Klicka på namnet');
    await nora.getByRole('link', { name: 'K900LISA' }).click();
    await expect(step(nora)).toContainText('klicka på datumet');
    await nora.getByRole('link', { name: 'Tillbaka till Kvittera BMB' }).click();
    await nora.getByRole('table', { name: 'BMB som väntar på din kvittens' }).getByRole('link').first().click();
    await expect(step(nora)).toContainText('Välj Kund/leveransadress och Betalare');
    await expectNoSeriousA11yViolations(nora);
    await nora.getByRole('radio', { name: 'Ja' }).check();
    await nora.getByRole('button', { name: 'Verkställ' }).click();
    await expect(nora.getByRole('table', { name: 'BMB som väntar på din kvittens' })).toContainText('Ingen träff.');
    await finish(nora);
  });

  test('BMB mellan patienter: the main rule and both confirmations', async () => {
    await startScenario(nora, 'BMB mellan patienter');
    await menu(nora).getByRole('link', { name: 'Hjälpmedel' }).click();
    await nora.getByLabel('Personnummer').fill('191212121212');
    await nora.getByRole('button', { name: 'Sök' }).click();
    await nora.getByRole('link', { name: 'BMB', exact: true }).click();
    await expect(step(nora)).toContainText('191111119812');
    await nora.getByLabel('Förskrivare/beställare').fill('k300ny');
    await nora.getByLabel('Patient', { exact: true }).fill('191111119812');
    await nora.getByRole('checkbox', { name: /Välj 15014/ }).check();
    await nora.getByRole('checkbox', { name: /individuell behovsbedömning är gjord/ }).check();
    await nora.getByRole('checkbox', { name: /funktionsdugligt och bär inte smitta/ }).check();
    await nora.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(step(nora)).toContainText('klicka på Verkställ');
    await nora.getByRole('button', { name: 'Verkställ' }).click();
    await finish(nora);
  });

  test('När BMB blir låst: seven days pass in the sandbox, the lock from both sides, ask for an unlock', async () => {
    await startScenario(nora, 'När BMB blir låst');
    await menu(nora).getByRole('link', { name: 'Skickade BMB' }).click();
    await expect(step(nora)).toContainText('Låt 7 dagar gå');
    await guide(nora).getByRole('button', { name: 'Låt 7 dagar gå' }).click();
    await expect(step(nora)).toContainText('Ej besvarad BMB');
    await menu(nora).getByRole('link', { name: /Kvittera BMB/ }).click();
    const locked = nora.getByRole('table', { name: 'BMB som låstes utan svar' });
    await expect(locked.getByRole('row').filter({ hasText: 'Skickad av dig' })).toHaveCount(1);
    await expect(locked.getByRole('row').filter({ hasText: 'Skickad till dig' })).toHaveCount(1);
    await expect(step(nora)).toContainText('Begär upplåsning');
    await locked.getByRole('row').filter({ hasText: 'Skickad av dig' }).getByRole('link').first().click();
    await nora.getByRole('button', { name: 'Begär upplåsning' }).click();
    await finish(nora);
  });

  test('after training, the real BMB can be answered, and Länsservice sees the completions', async ({ browser }) => {
    await nora.goto('/ovningslage');
    await expect(nora.getByTestId('training-requirement')).toHaveCount(0);
    for (const key of ['skicka-bmb', 'kvittera-bmb', 'bmb-mellan-patienter', 'nar-bmb-blir-last']) {
      await expect(nora.getByTestId(`progress-${key}`)).toContainText('Klar');
    }
    await openInApp(nora, '/kvittera-bmb');
    await nora.getByRole('table', { name: 'BMB som väntar på din kvittens' }).getByRole('link').first().click();
    await expect(nora.getByTestId('training-required')).toHaveCount(0);
    await nora.getByRole('radio', { name: 'Ja' }).check();
    await nora.getByRole('button', { name: 'Verkställ' }).click();
    await expect(nora.getByRole('status')).toHaveText(/kvitterad och godkänd/);

    const admin = await pageAs(browser, 'admin');
    await admin.goto('/admin/ovningar');
    const rows = admin.getByRole('row').filter({ hasText: 'Nora Nyström' });
    await expect(rows).toHaveCount(4);
    await expectNoSeriousA11yViolations(admin);
  });
});
