import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { logInThroughIdp, openInApp, storageStateOf, type DemoUser } from './users';

/**
 * Issue 19, items 6 and 7: the answer page makes the receiver choose, and the
 * small things users hit. The data: Backman's rollator (30211, with egenavgift),
 * k100ana's, which no other spec sends: first saved as a draft and discarded,
 * then sent to k200bo, who answers Nej (so it stays k100ana's); Berglund, who
 * has none of k100ana's devices. Nothing here needs another spec's data free.
 */

const LONG_WORD = 'Ordutanmellanrum'.repeat(25); // 400 characters, no place to break
const BERGLUND = '195207049841';
const BACKMAN = '195901309897';

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

async function openBmbForm(page: Page, personnummer: string) {
  await page.goto('/hjalpmedel');
  await page.getByLabel('Personnummer').fill(personnummer);
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: 'BMB', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: /BMB – byte av mottagare\/betalare/ }),
  ).toBeVisible();
}

/** The page is no wider than the window: a long word wraps inside its box. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test.describe('Skicka BMB: the form', () => {
  test('a personnummer with a space is read like one with a dash; an empty Förskrivare gets one message; Meddelande counts and never cuts', async ({
    browser,
  }) => {
    const ana = await pageAs(browser, 'k100ana');
    // Hjälpmedel: "19121212 1212" finds the patient.
    await openBmbForm(ana, '19121212 1212');

    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    const prescriber = ana.getByLabel('Förskrivare/beställare');
    await expect(prescriber).toHaveAccessibleDescription(
      /Ange ny förskrivare\/beställare \(användarnamn\)\.$/,
    );
    await expect(prescriber).not.toHaveAccessibleDescription(/får bara innehålla/);
    const summary = ana.getByTestId('error-summary');
    await expect(summary.getByRole('link', { name: /förskrivare/i })).toHaveCount(1);
    await expect(summary.getByRole('listitem')).toHaveText([
      'Ange ny förskrivare/beställare (användarnamn).',
      'Markera minst ett hjälpmedel.',
    ]);
    // The summary's link moves focus to its field.
    await summary
      .getByRole('link', { name: 'Ange ny förskrivare/beställare (användarnamn).' })
      .click();
    await expect(prescriber).toBeFocused();

    // Meddelande: a live count, and a too-long text refused with a message, not cut.
    const message = ana.getByLabel('Meddelande');
    await message.fill('Hej');
    await expect(ana.getByTestId('character-count')).toHaveText('3 av 1000 tecken');
    const tooLong = 'x'.repeat(1001);
    await message.fill(tooLong);
    await expect(ana.getByTestId('character-count')).toContainText('1001 av 1000 tecken');
    await prescriber.fill('k200bo');
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(ana.getByLabel('Meddelande')).toHaveAccessibleDescription(
      /Meddelandet får vara högst 1000 tecken\./,
    );
    await expect(ana.getByLabel('Meddelande')).toHaveValue(tooLong);
    await expect(ana).toHaveURL(/\/bmb$/);
    await expectNoSeriousA11yViolations(ana);
  });

  test('a patient with none of your devices says so', async ({ browser }) => {
    const ana = await pageAs(browser, 'k100ana');
    await openBmbForm(ana, BERGLUND);
    await expect(ana.getByTestId('no-devices')).toHaveText(
      'Patienten har inga hjälpmedel som du är förskrivare för.',
    );
  });

  test('Kassera utkastet asks first, and then says the draft is discarded', async ({ browser }) => {
    const ana = await pageAs(browser, 'k100ana');
    await openBmbForm(ana, BACKMAN);
    await ana.getByLabel('Förskrivare/beställare').fill('k200bo');
    await ana.getByRole('checkbox', { name: /Välj 30211/ }).check();
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Utkast');

    await ana.getByRole('button', { name: 'Kassera utkastet' }).click();
    const question = ana.getByRole('group', { name: /Vill du kassera utkastet/ });
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectNoSeriousA11yViolations(ana);
    await question.getByRole('button', { name: 'Avbryt' }).click();
    await expect(question).toHaveCount(0);
    await expect(ana.getByRole('button', { name: 'Kassera utkastet' })).toBeFocused();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Utkast');

    await ana.getByRole('button', { name: 'Kassera utkastet' }).click();
    await ana.getByRole('button', { name: 'Ja, kassera utkastet' }).click();
    await expect(ana.getByRole('heading', { name: 'Skickade BMB' })).toBeVisible();
    await expect(
      ana.getByRole('status').filter({ hasText: 'Utkastet är kasserat.' }),
    ).toBeVisible();
  });
});

test.describe('Kvittera BMB: the answer page', () => {
  test('the receiver chooses address and payer (the default marked), sees the egenavgift, gets every error listed; long words wrap', async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const ana = await pageAs(browser, 'k100ana');
    await openBmbForm(ana, BACKMAN);
    await ana.getByLabel('Förskrivare/beställare').fill('k200bo');
    // Ny mottagare with a space, as people type it.
    await ana.getByLabel('Patient', { exact: true }).fill('19121212 1212');
    await ana.getByRole('checkbox', { name: /Välj 30211/ }).check();
    await ana.getByRole('checkbox', { name: /individuell behovsbedömning är gjord/ }).check();
    await ana.getByRole('checkbox', { name: /funktionsdugligt och bär inte smitta/ }).check();
    await expect(
      ana.getByText('30211 har egenavgift: hantera den enligt gällande rutiner.'),
    ).toBeVisible();
    await ana.getByLabel('Meddelande').fill(`Se ${LONG_WORD} här.`);
    await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Utkast');
    await expectNoSidewaysScroll(ana);
    await ana.getByRole('button', { name: 'Verkställ' }).click();
    await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');
    const bmbId = new URL(ana.url()).pathname.split('/').at(-1)!;

    const bo = await pageAs(browser, 'k200bo');
    await openInApp(bo, `/kvittera-bmb/${bmbId}`);
    await expect(
      bo.getByRole('heading', { name: 'Överta betalningsansvar via BMB' }),
    ).toBeVisible();
    await expectNoSidewaysScroll(bo);

    // Nothing is chosen for the receiver; the default is marked as such.
    for (const [label, placeholder] of [
      ['Kund/leveransadress', 'Välj kund/leveransadress'],
      ['Betalare', 'Välj betalare'],
    ] as const) {
      const select = bo.getByLabel(label);
      await expect(select).toHaveValue('');
      await expect(select.locator('option').first()).toHaveText(placeholder);
      await expect(select.locator('option', { hasText: '(förval)' })).toHaveCount(1);
    }
    await expect(bo.getByTestId('patient-fee-notice')).toHaveText(
      '30211 har egenavgift: hantera den enligt gällande rutiner.',
    );

    // Verkställ with nothing chosen: each error at the top, linked to its field, and at the field.
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    const summary = bo.getByTestId('error-summary');
    await expect(summary.getByRole('link')).toHaveText([
      'Välj kund/leveransadress.',
      'Välj betalare.',
      'Välj Ja eller Nej under Godkänn.',
    ]);
    await expect(bo.getByLabel('Kund/leveransadress')).toHaveAccessibleDescription(
      'Välj kund/leveransadress.',
    );
    await expect(bo.getByLabel('Betalare')).toHaveAccessibleDescription('Välj betalare.');
    await summary.getByRole('link', { name: 'Välj betalare.' }).click();
    await expect(bo.getByLabel('Betalare')).toBeFocused();
    await expectNoSeriousA11yViolations(bo);

    // Chosen, answered Nej with a long word of his own: it wraps for the sender too.
    await bo.getByLabel('Kund/leveransadress').selectOption({ index: 1 });
    await bo.getByLabel('Betalare').selectOption({ index: 1 });
    await bo.getByRole('radio', { name: 'Nej' }).check();
    await bo.getByLabel('Meddelande').fill(`Nej: ${LONG_WORD}`);
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByRole('status')).toHaveText(/inte godkänt övertagandet/);

    await openInApp(ana, '/skickade-bmb');
    await expect(ana.getByRole('row').filter({ hasText: LONG_WORD }).first()).toBeVisible();
    await expectNoSidewaysScroll(ana);
    await openInApp(ana, `/skickade-bmb/${bmbId}`);
    await expect(ana.getByText(`Nej: ${LONG_WORD}`)).toBeVisible();
    await expectNoSidewaysScroll(ana);
    await openInApp(ana, '/kvittera-bmb');
    await expectNoSidewaysScroll(ana);
  });
});

test.describe('Logging in and out', () => {
  test('two minutes before the idle timeout a warning with Fortsätt; after it, a login link back to the page', async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStateOf('k100ana') });
    const page = await context.newPage();
    await page.clock.install();
    await openInApp(page, '/skickade-bmb');
    await expect(page.getByRole('heading', { name: 'Skickade BMB' })).toBeVisible();
    await expect(page.getByTestId('idle-warning')).toHaveCount(0);

    // 30 minutes' idle timeout, counted from a minute before the page's last request.
    await page.clock.fastForward('27:05');
    const warning = page.getByTestId('idle-warning');
    await expect(warning).toContainText('Du loggas ut om 2 minuter');
    await expect(warning.getByRole('button', { name: 'Fortsätt' })).toBeFocused();
    await warning.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(warning).toHaveCount(0);

    await page.clock.fastForward('29:05');
    await expect(warning).toContainText('Du har loggats ut');
    const link = warning.getByRole('link', { name: 'Logga in igen' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/logga-in?returnTo=%2Fskickade-bmb');
    await context.close();

    // Someone whose session did end follows the link and is back where they were.
    const fresh = await browser.newContext();
    const again = await fresh.newPage();
    await again.goto(href);
    await again.getByRole('button', { name: 'Logga in' }).click();
    await again.getByLabel('Användarnamn').fill('k100ana');
    await again.getByLabel('Lösenord').fill('demo');
    await again.getByRole('button', { name: 'Logga in' }).click();
    await expect(again).toHaveURL(/\/skickade-bmb$/);
    // Arriving from the IdP is not a click inside BMB: a page with patient data may ask first (issue 15, item 8).
    await expect(again.getByRole('heading', { name: /Skickade BMB/ })).toBeVisible();

    // A return path to another site is ignored.
    await again.goto('/logga-in?returnTo=%2F%2Fevil.example%2F');
    await expect(again).toHaveURL(/\/hjalpmedel$/);
    await fresh.close();
  });

  test('"Till inloggningen" asks the IdP for a login, so someone else can sign in', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logInThroughIdp(page, 'k999ext');
    await expect(
      page.getByRole('heading', { name: 'Ditt konto saknar behörighet i BMB' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Till inloggningen' }).click();
    await page.getByRole('button', { name: 'Logga in' }).click();
    // The IdP's own form, although its session for k999ext is alive.
    await expect(page.getByLabel('Användarnamn')).toBeVisible();
    await page.getByLabel('Användarnamn').fill('k200bo');
    await page.getByLabel('Lösenord').fill('demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByTestId('current-user-name')).toHaveText('Bo Lindberg');
    await context.close();
  });
});
