import { expect, test, type Browser, type Page } from '@playwright/test';
import { MAIL_URL } from '../ports';
import { expectNoSeriousA11yViolations } from './axe';
import { storageStateOf, type DemoUser } from './users';

// The in-process worker sweeps every 15 s: mail may take that long.
test.setTimeout(90_000);

interface Mail {
  to: string[];
  raw: string;
}

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

async function mailTo(address: string, subjectWords: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${MAIL_URL}/messages`)).json()) as Mail[];
        // Quoted-printable: soft line breaks and escapes undone before searching.
        const text = (m: Mail) => Buffer.from(m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
        found = mails.map((m) => ({ ...m, raw: text(m) })).find((m) => m.to.includes(address) && m.raw.includes(subjectWords));
        return Boolean(found);
      },
      { timeout: 45_000, intervals: [1000] },
    )
    .toBe(true);
  return found!;
}

test('the receiver gets an e-mail without patient data, and its link opens the BMB to answer', async ({ browser }) => {
  // k100ana sends Lindqvist's second device to k200bo.
  const ana = await pageAs(browser, 'k100ana');
  await ana.goto('/hjalpmedel');
  await ana.getByLabel('Personnummer').fill('194003179829');
  await ana.getByRole('button', { name: 'Sök' }).click();
  await ana.getByRole('link', { name: 'BMB', exact: true }).click();
  await ana.getByLabel('Förskrivare/beställare').fill('k200bo');
  await ana.getByRole('checkbox', { name: /Välj 41002/ }).check();
  await ana.getByRole('button', { name: 'Spara ändringarna' }).click();
  await ana.getByRole('button', { name: 'Verkställ' }).click();
  await expect(ana.getByTestId('bmb-state')).toHaveText('Skickad');
  const bmbPath = new URL(ana.url()).pathname.replace('/skickade-bmb/', '/kvittera-bmb/');

  const mail = await mailTo('bo.lindberg@region.example', 'Ana Nordin har skickat en BMB');
  expect(mail.raw).not.toMatch(/194003179829|19400317-9829|Lindqvist|Greta/);
  const link = mail.raw.match(/http:\/\/localhost:3100\/kvittera-bmb\/[0-9a-f-]{36}/)?.[0];
  expect(link && new URL(link).pathname).toBe(bmbPath);

  // Bo's start page says what waits, and the link in the mail opens the answer page.
  const bo = await pageAs(browser, 'k200bo');
  await bo.goto('/hjalpmedel');
  const todo = bo.getByRole('region', { name: 'Att göra' });
  await expect(todo.getByRole('link', { name: /BMB väntar på ditt svar/ })).toBeVisible();
  await expectNoSeriousA11yViolations(bo);
  // A link from a mail is not a click inside BMB: the page asks before it shows the patient (issue 15, item 8).
  await bo.goto(link!);
  await expect(bo.getByRole('heading', { name: /Vill du öppna/ })).toBeVisible();
  await expect(bo.locator('main')).not.toContainText('Lindqvist');
  await bo.getByRole('button', { name: 'Visa' }).click();
  await expect(bo.getByRole('button', { name: 'Verkställ' })).toBeVisible();

  // Bo answers Nej, naming the patient in his message: Ana hears it, without the name.
  await bo.getByLabel('Kund/leveransadress').selectOption({ index: 1 });
  await bo.getByLabel('Betalare').selectOption({ index: 1 });
  await bo.getByRole('radio', { name: 'Nej' }).check();
  await bo.getByLabel('Meddelande').fill('Greta Lindqvist är inte listad hos oss.');
  await bo.getByRole('button', { name: 'Verkställ' }).click();
  await expect(bo.getByRole('status')).toHaveText(/inte godkänt övertagandet/);
  const answer = await mailTo('ana.nordin@region.example', 'Bo Lindberg har inte godkänt övertaget');
  expect(answer.raw).toContain('är inte listad hos oss.');
  expect(answer.raw).not.toMatch(/Lindqvist|Greta|194003179829/);
});

test('Dina uppgifter: reminders can be turned off and on again', async ({ browser }) => {
  const bo = await pageAs(browser, 'k200bo');
  await bo.goto('/dina-uppgifter');
  const reminders = bo.getByRole('checkbox', { name: 'Påminn mig när 2 dagar återstår innan en BMB låses' });
  await expect(reminders).toBeChecked();
  await reminders.uncheck();
  await bo.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(bo.getByRole('status').filter({ hasText: 'Dina uppgifter är sparade.' })).toBeVisible();
  await bo.reload();
  await expect(reminders).not.toBeChecked();
  await expectNoSeriousA11yViolations(bo);
  await reminders.check();
  await bo.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(bo.getByRole('status').filter({ hasText: 'Dina uppgifter är sparade.' })).toBeVisible();
});
