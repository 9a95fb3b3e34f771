import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { openInApp, storageStateOf, type DemoUser } from './users';

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

test.describe('Länsservice: locks, unlocks, Individkort and Logg', () => {
  test('the sender asks for an unlock, Länsservice unlocks with a reason, the sender sends the device again', async ({
    browser,
  }) => {
    // Demo data: k100ana sent Backman's shower stool to k200bo on 2026-11-05; it locked unanswered.
    const ana = await pageAs(browser, 'k100ana');
    await openInApp(ana, '/kvittera-bmb');
    await ana
      .getByRole('table', { name: 'BMB som låstes utan svar' })
      .getByRole('row')
      .filter({ hasText: 'Backman, Per' })
      .getByRole('link')
      .first()
      .click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Låst');
    await ana.getByLabel('Meddelande till Länsservice (frivilligt)').fill('Bo var på semester, vi har pratat nu.');
    await ana.getByRole('button', { name: 'Begär upplåsning' }).click();
    await expect(ana.getByRole('status')).toContainText('Upplåsning begärd');
    await expectNoSeriousA11yViolations(ana);

    const admin = await pageAs(browser, 'admin');
    await admin.goto('/hjalpmedel');
    await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Admin' }).click();
    await expect(admin.getByRole('heading', { name: 'Översikt' })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Låsta BMB' }).click();
    const request = admin.getByRole('listitem').filter({ hasText: 'Bo var på semester' });
    await expect(request).toContainText('Ana Nordin');
    await expect(request).toContainText('Backman, Per');
    await expectNoSeriousA11yViolations(admin);
    await request.getByLabel(/Skäl eller meddelande/).fill('Enligt samtal med förskrivaren.');
    await request.getByRole('button', { name: 'Lås upp' }).click();
    await expect(admin.getByRole('status')).toContainText('BMB:n är upplåst');
    await expect(admin.getByRole('listitem').filter({ hasText: 'Bo var på semester' })).toHaveCount(0);

    await openInApp(ana, '/kvittera-bmb');
    await expect(
      ana.getByRole('table', { name: /Länsservice svar/ }).getByRole('row').filter({ hasText: 'Backman, Per' }),
    ).toContainText('Upplåst: Enligt samtal med förskrivaren.');

    await ana.goto('/hjalpmedel');
    await ana.getByLabel('Personnummer').fill('195901309897');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await ana.getByRole('link', { name: 'BMB', exact: true }).click();
    await ana.getByLabel('Förskrivare/beställare').fill('k200bo');
    await ana.getByRole('checkbox', { name: /Välj 41002/ }).check();
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await ana.getByRole('button', { name: 'Verkställ' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');
  });

  test('prescribers cannot open the admin pages', async ({ browser }) => {
    const ana = await pageAs(browser, 'k100ana');
    await expect(ana.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    for (const path of ['/admin', '/admin/lasta-bmb', '/admin/logg']) {
      const response = await openInApp(ana, path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("Individkort shows a device's history to its prescriber, not to others", async ({ browser }) => {
    const ana = await pageAs(browser, 'k100ana');
    await ana.goto('/hjalpmedel');
    await ana.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Individkort' }).click();
    await ana.getByLabel('Individnummer').fill('157792');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await expect(ana.getByRole('heading', { name: /Individ 157792: 15014 Sittdyna Roho Quadro Select hög 44x43/ })).toBeVisible();
    await expect(ana.getByRole('table', { name: /Historik för individ 157792/ })).toContainText('Beställd till Svensson, Testare');
    await expectNoSeriousA11yViolations(ana);

    const nora = await pageAs(browser, 'k300ny');
    await openInApp(nora, '/individkort?individ=157792');
    await expect(nora.getByRole('alert').filter({ hasText: 'som du förskriver eller har förskrivit' })).toBeVisible();
    await openInApp(nora, '/individkort?individ=999999');
    await expect(nora.getByRole('alert').filter({ hasText: 'Ingen individ med numret 999999' })).toBeVisible();
  });

  test('Logg: the access log for a patient, and the extract as CSV', async ({ browser }) => {
    const admin = await pageAs(browser, 'admin');
    await admin.goto('/admin/logg');
    await admin.getByRole('radio', { name: 'Åtkomst till patientuppgifter' }).check();
    await admin.getByLabel('Personnummer').fill('191212121212');
    await admin.getByRole('button', { name: 'Sök' }).click();
    const results = admin.getByRole('table', { name: /åtkomster, nyast först/ });
    await expect(results).toContainText('Ana Nordin');
    expect(admin.url()).not.toContain('1212');
    await expectNoSeriousA11yViolations(admin);

    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Ladda ner utdrag för patienten (CSV)' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('Tidpunkt";"Användare');
    expect(csv).toContain('k100ana');

    await admin.getByRole('radio', { name: 'Händelser (spårbarhet)' }).check();
    await admin.getByLabel('Personnummer').fill('');
    await admin.getByLabel('Åtgärd').selectOption({ label: 'BMB skickad' });
    await admin.getByRole('button', { name: 'Sök' }).click();
    await expect(admin.getByRole('table', { name: /händelser, nyast först/ })).toContainText('BMB skickad');
  });
});
