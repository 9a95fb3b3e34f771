import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { demoPatients } from '../../packages/db/src/seed/demo-data';
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
    // What waits for Länsservice is on their start page, on Översikt and on the Låsta BMB tab (issue 20, item 1).
    const waits = admin.getByRole('link', { name: /^\d+ begäran(den)? om upplåsning väntar$/ });
    await expect(waits).toBeVisible();
    await expect(admin.getByText('Inget väntar på dig just nu.')).toHaveCount(0);
    await expect(admin.getByTestId('badge-admin')).toContainText(/\d+ begäran(den)? om upplåsning väntar/);
    await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Admin/ }).click();
    await expect(admin.getByRole('heading', { name: 'Översikt' })).toBeVisible();
    await expect(admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Översikt' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(admin.getByText('Begäran om upplåsning väntar', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);
    await expect(admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: /^Låsta BMB \d+ väntar$/ })).toBeVisible();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: /^Låsta BMB/ }).click();
    const request = admin.getByRole('listitem').filter({ hasText: 'Bo var på semester' });
    await expect(request).toContainText('Ana Nordin');
    await expect(request).toContainText('Backman, Per');
    await expectNoSeriousA11yViolations(admin);
    // The answer form opens on demand (issue 21), with the focus in its message.
    await request.getByRole('button', { name: /^Besvara/ }).click();
    await expect(request.getByLabel(/Skäl eller meddelande/)).toBeFocused();
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

    // This time Bo takes it: the trail then holds an accepted BMB to read (the Logg test below).
    const bo = await pageAs(browser, 'k200bo');
    await openInApp(bo, '/kvittera-bmb');
    await bo
      .getByRole('table', { name: 'BMB som väntar på din kvittens' })
      .getByRole('row')
      .filter({ hasText: 'Backman, Per' })
      .getByRole('link')
      .first()
      .click();
    await bo.getByLabel('Kund/leveransadress').selectOption({ index: 1 });
    await bo.getByLabel('Betalare').selectOption({ index: 1 });
    await bo.getByRole('radio', { name: 'Ja' }).check();
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByRole('status')).toHaveText(/kvitterad och godkänd/);
  });

  test('Låsta BMB: a lock found by the patient’s personnummer and by a name, never in the address', async ({ browser }) => {
    const admin = await pageAs(browser, 'admin');
    await openInApp(admin, '/admin/lasta-bmb');
    const search = admin.getByRole('search', { name: 'Sök bland låsta BMB' });
    const locked = admin.getByRole('table', { name: 'Låsta BMB' });
    await expect(locked.getByRole('columnheader', { name: 'Dagar efter tidsgränsen' })).toBeAttached();
    const oberg = demoPatients.find((p) => p.name === 'Öberg, Gunnar')!;
    for (const [what, query] of [
      ['personnummer', oberg.personnummer],
      ['the patient’s name', 'Öberg'],
      ['the receiver’s name', 'Eva Strand'],
    ] as const) {
      await search.getByLabel('Sök').fill(query);
      await search.getByRole('button', { name: 'Filtrera' }).click();
      await expect(locked.getByRole('row').filter({ hasText: 'Öberg, Gunnar' }), what).toHaveCount(1);
      await expect(locked.getByRole('row').filter({ hasText: 'Backman' }), what).toHaveCount(0);
      expect(admin.url()).not.toContain(oberg.personnummer.slice(0, 8));
      expect(admin.url()).not.toContain('Eva');
    }
    await search.getByRole('button', { name: 'Rensa' }).click();
    await expectNoSeriousA11yViolations(admin);
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
    const saved = await download;
    const csv = readFileSync(await saved.path(), 'utf8');
    // The patient's own document: named, in Swedish, in the screen's time (issue 20, item 4).
    expect(saved.suggestedFilename()).toMatch(/^atkomstlogg-Svensson-Testare-början-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv).toContain('Utdrag ur åtkomstloggen för Svensson, Testare');
    expect(csv).toContain('"Datum och tid";"Användarnamn"');
    expect(csv).toContain('k100ana');
    const firstOnScreen = (await results.getByRole('row').nth(1).getByRole('cell').first().textContent())!.trim();
    const firstInFile = csv.split('\r\n')[5]!.split(';')[0]!.replaceAll('"', '');
    expect(firstInFile).toBe(firstOnScreen);

    // A reversed period is a message, not "Ingen träff.".
    await admin.getByLabel('Från och med').fill('2026-12-31');
    await admin.getByLabel('Till och med').fill('2026-01-01');
    await admin.getByRole('button', { name: 'Sök' }).click();
    await expect(admin.getByText(/Till-datumet är före från-datumet/).first()).toBeVisible();
    await admin.getByLabel('Från och med').fill('');
    await admin.getByLabel('Till och med').fill('');

    // The trail as people read it (issue 20, item 2): names and codes, not JSON.
    await admin.getByRole('radio', { name: 'Händelser (spårbarhet)' }).check();
    await admin.getByLabel('Personnummer').fill('');
    for (const [action, reads] of [
      ['BMB skickad', /Skickad till k\d{3}\w+ \([^)]+\): \d+/],
      ['BMB godkänd', /Godkänd\. \d+.*förskrivare k\d{3}\w+ → k\d{3}\w+/],
      ['BMB upplåst', /Upplåst av Länsservice; anledning: "Enligt samtal med förskrivaren\."/],
    ] as const) {
      await admin.getByLabel('Åtgärd').selectOption({ label: action });
      await admin.getByRole('button', { name: 'Sök' }).click();
      const trail = admin.getByRole('table', { name: /händelser, nyast först/ });
      await expect(trail.getByRole('row').nth(1)).toContainText(reads);
      await expect(trail.getByRole('row').nth(1).getByRole('link', { name: /^BMB [0-9a-f]{8}$/ })).toBeVisible();
      await expect(trail).not.toContainText('{"');
    }
    // The raw row is one click away.
    await admin.getByRole('table', { name: /händelser, nyast först/ }).getByText('Visa rådata').first().click();
    await expect(admin.getByRole('table', { name: /händelser, nyast först/ }).getByText(/"action": "bmb.unlocked"/).first()).toBeVisible();
    await expectNoSeriousA11yViolations(admin);
  });

  test('Övningar: the region’s requirement, an untrained colleague listed and released; every admin page passes axe', async ({
    browser,
  }) => {
    const admin = await pageAs(browser, 'admin');
    await admin.goto('/admin/ovningar');
    await expect(admin.getByTestId('required-training')).toContainText('övningarna Skicka BMB och Kvittera BMB');
    const untrained = admin.getByTestId('untrained-staff');
    await expect(untrained.getByRole('row').filter({ hasText: 'k300ny' })).toContainText(/dagar sedan/);
    await expect(untrained.getByRole('row').filter({ hasText: 'k200bo' })).toHaveCount(0);

    const mark = admin.getByRole('form', { name: 'Markera som ny medarbetare' });
    await mark.getByLabel('Användarnamn').fill('k200bo');
    await mark.getByRole('button', { name: 'Markera som ny medarbetare' }).click();
    await expect(mark.getByRole('status')).toContainText('Bo Lindberg (k200bo) är markerad som ny medarbetare');
    await admin.reload();
    const bo = untrained.getByRole('row').filter({ hasText: 'k200bo' });
    await expect(bo).toContainText('Skicka BMB, Kvittera BMB');
    await bo.getByRole('button', { name: 'Släpp från kravet för Bo Lindberg' }).click();
    // Released: off the list at once, and still off it after a reload.
    await expect(untrained.getByRole('row').filter({ hasText: 'k200bo' })).toHaveCount(0);
    await admin.reload();
    await expect(untrained.getByRole('row').filter({ hasText: 'k200bo' })).toHaveCount(0);

    for (const tab of ['Översikt', 'Låsta BMB', 'Logg', 'Övningar', 'Konton', 'Webhooks']) {
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: new RegExp(`^${tab}`) }).click();
      await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: new RegExp(`^${tab}`) })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expectNoSeriousA11yViolations(admin);
    }
  });
});
