import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { IDP_URL, WEB_URL } from '../ports';
import { openInApp, storageStateOf, type DemoUser } from './users';

/**
 * Issue 17, from outside: the region's stock system gets a token from the
 * (dev) identity provider, feeds BMB a patient and a loan, and learns from the
 * feed what the prescribers did with it in the browser.
 */
const API = `${WEB_URL}/api/v1`;
const SCOPES = 'masterdata:write events:read bmbs:read';

async function tokenFor(
  request: APIRequestContext,
  options: { scope?: string; resource?: string } = {},
): Promise<string> {
  const discovery = (await (
    await request.get(`${IDP_URL}/.well-known/openid-configuration`)
  ).json()) as { token_endpoint: string };
  const response = await request.post(discovery.token_endpoint, {
    headers: {
      authorization: `Basic ${Buffer.from('lagersystem:lagersystem-dev-secret').toString('base64')}`,
    },
    form: {
      grant_type: 'client_credentials',
      scope: options.scope ?? SCOPES,
      resource: options.resource ?? API,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

// A patient and devices the demo data does not have: valid personnummer, fresh keys per run.
const run = Date.now().toString(36);
const patient = { personnummer: '194107086995', name: 'Integrationsson, Ivar' };
const individ = (n: number) => `9${Date.now().toString().slice(-6)}${n}`;

const loan = (sourceId: string, individNo: string, overrides: Record<string, unknown> = {}) => ({
  sourceId,
  personnummer: patient.personnummer,
  articleNo: '30211',
  individNo,
  quantity: 1,
  orderedOn: '2026-11-20',
  deliveredOn: '2026-11-22',
  prescriber: 'k100ana',
  payer: '2990',
  deliveryAddress: '2990',
  status: 'active',
  version: 1,
  ...overrides,
});

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

/** k100ana sends the patient's device with individ `individNo` to k200bo; the new BMB's id. */
async function sendToBo(page: Page, individNo: string): Promise<string> {
  await page.goto('/hjalpmedel');
  await page.getByLabel('Personnummer').fill(patient.personnummer);
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByRole('heading', { name: patient.name })).toBeVisible();
  await page.getByRole('link', { name: 'BMB', exact: true }).click();
  await page.getByLabel('Förskrivare/beställare').fill('k200bo');
  await page.getByRole('row').filter({ hasText: individNo }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Spara ändringarna' }).click();
  await page.getByRole('button', { name: 'Verkställ' }).click();
  await expect(page.getByTestId('bmb-state')).toHaveText('Skickad');
  return page.url().split('/').pop()!;
}

async function eventsAfter(request: APIRequestContext, bearer: string, after: string) {
  const response = await request.get(`${API}/events?after=${after}&limit=1000`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    events: { type: string; data: { bmbId: string; loans?: Record<string, unknown>[] } }[];
    next: string;
  };
}

test.describe('the stock system and BMB (integration API)', () => {
  test('a loan fed in, sent and accepted in the browser, is told back in the feed; a stale re-post changes nothing; a returned loan closes its open line', async ({
    browser,
    request,
  }) => {
    const bearer = await tokenFor(request);
    const auth = { authorization: `Bearer ${bearer}` };
    const start = (await eventsAfter(request, bearer, '0.0')).next;

    const [first, second] = [`LS-${run}-1`, `LS-${run}-2`];
    const [firstIndivid, secondIndivid] = [individ(1), individ(2)];
    const posted = await request.post(`${API}/masterdata`, {
      headers: auth,
      data: {
        patients: [patient],
        units: [
          { individNo: firstIndivid, articleNo: '30211' },
          { individNo: secondIndivid, articleNo: '30211' },
        ],
        loans: [loan(first, firstIndivid), loan(second, secondIndivid)],
      },
    });
    expect(posted.status(), await posted.text()).toBe(200);

    // k100ana sends the first device to k200bo, who takes it over with a payer of his own.
    const ana = await pageAs(browser, 'k100ana');
    const bmbId = await sendToBo(ana, firstIndivid);
    const bo = await pageAs(browser, 'k200bo');
    await bo.goto('/hjalpmedel');
    await openInApp(bo, '/kvittera-bmb');
    await bo
      .getByRole('table', { name: 'BMB som väntar på din kvittens' })
      .getByRole('row')
      .filter({ hasText: patient.name })
      .getByRole('link')
      .first()
      .click();
    await bo.getByLabel('Kund/leveransadress').selectOption({ label: '5230 Hemsjukvården Boden' });
    await bo
      .getByLabel('Betalare')
      .selectOption({ label: '5210 Rehabmottagningen Sunderby sjukhus (förval)' });
    await bo.getByRole('radio', { name: 'Ja' }).check();
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByRole('status')).toHaveText(/kvitterad och godkänd/);

    const told = await eventsAfter(request, bearer, start);
    const accepted = told.events.find((e) => e.type === 'bmb.accepted' && e.data.bmbId === bmbId);
    expect(told.events.find((e) => e.type === 'bmb.sent' && e.data.bmbId === bmbId)).toBeTruthy();
    expect(accepted?.data.loans).toEqual([
      expect.objectContaining({
        sourceId: first,
        individNo: firstIndivid,
        prescriber: 'k200bo',
        payer: '5210',
        deliveryAddress: '5230',
        personnummer: patient.personnummer,
      }),
    ]);

    // The stock system re-posts what it had before the BMB (version 1): not applied, the loan stays with k200bo.
    const stale = await request.post(`${API}/masterdata`, {
      headers: auth,
      data: { loans: [loan(first, firstIndivid)] },
    });
    expect(stale.status()).toBe(200);
    expect(
      ((await stale.json()) as { counts: { loans: Record<string, number> } }).counts.loans,
    ).toMatchObject({ updated: 0, created: 0 });
    const bmb = (await (await request.get(`${API}/bmbs/${bmbId}`, { headers: auth })).json()) as {
      status: string;
      chosenPayer: string;
    };
    expect(bmb).toMatchObject({ status: 'accepted', chosenPayer: '5210' });
    // Only k200bo may put it in a new BMB now: the BMB form shows it as his.
    await bo.goto('/hjalpmedel');
    await bo.getByLabel('Personnummer').fill(patient.personnummer);
    await bo.getByRole('button', { name: 'Sök' }).click();
    await bo.getByRole('link', { name: 'BMB', exact: true }).click();
    await expect(
      bo.getByRole('row').filter({ hasText: firstIndivid }).getByRole('checkbox'),
    ).toBeEnabled();

    // The second device is sent, then returned to Länsservice before Bo answers: its line closes.
    const openBmb = await sendToBo(ana, secondIndivid);
    const returned = await request.post(`${API}/masterdata`, {
      headers: auth,
      data: { loans: [loan(second, secondIndivid, { status: 'returned', version: 2 })] },
    });
    expect(returned.status(), await returned.text()).toBe(200);
    const after = await eventsAfter(request, bearer, told.next);
    expect(
      after.events.find((e) => e.type === 'bmb.line-closed' && e.data.bmbId === openBmb)?.data
        .loans,
    ).toEqual([expect.objectContaining({ sourceId: second })]);
    await openInApp(bo, `/kvittera-bmb/${openBmb}`);
    await expect(bo.getByText(/Återlämnad till Länsservice/)).toBeVisible();
    await expect(bo.getByRole('status')).toHaveText(/Det finns inget att ta över/);
    // Nothing to take over, so Bo answers Nej, and the BMB leaves his inbox.
    await bo.getByLabel('Kund/leveransadress').selectOption({ index: 1 });
    await bo.getByLabel('Betalare').selectOption({ index: 1 });
    await bo.getByRole('radio', { name: 'Nej' }).check();
    await bo.getByLabel('Meddelande').fill('Hjälpmedlet är återlämnat till Länsservice.');
    await bo.getByRole('button', { name: 'Verkställ' }).click();
    await expect(bo.getByRole('status')).toHaveText(/inte godkänt övertagandet/);
  });

  test('refuses: no token 401, a missing scope 403, a token for another audience 401, a bad batch 400 with nothing written, an oversized one 413', async ({
    browser,
    request,
  }) => {
    expect((await request.get(`${API}/events`)).status()).toBe(401);
    const readOnly = await tokenFor(request, { scope: 'events:read' });
    const refused = await request.post(`${API}/masterdata`, {
      headers: { authorization: `Bearer ${readOnly}` },
      data: { patients: [] },
    });
    expect(refused.status()).toBe(403);
    expect(refused.headers()['content-type']).toBe('application/problem+json');
    const elsewhere = await tokenFor(request, { resource: 'http://localhost:3000/api/v1' });
    expect(
      (
        await request.get(`${API}/events`, { headers: { authorization: `Bearer ${elsewhere}` } })
      ).status(),
    ).toBe(401);

    const bearer = await tokenFor(request);
    const auth = { authorization: `Bearer ${bearer}` };
    const bad = await request.post(`${API}/masterdata`, {
      headers: auth,
      data: {
        patients: [
          { personnummer: '191212121213', name: 'Fel, Kontrollsiffra' },
          { personnummer: '195203141238', name: 'Rätt, Men Ensam' },
        ],
        loans: [loan(`LS-${run}-bad`, individ(9), { prescriber: 'ingen-sadan' })],
      },
    });
    expect(bad.status()).toBe(400);
    const problem = (await bad.json()) as {
      errors: { entity: string; index: number; field: string; code: string; message: string }[];
    };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'patients', index: 0, field: 'personnummer' }),
        expect.objectContaining({ entity: 'loans', index: 0, field: 'prescriber' }),
      ]),
    );
    // Nothing of it was written: the valid patient of the same batch is not there either.
    const ana = await pageAs(browser, 'k100ana');
    await ana.goto('/hjalpmedel');
    await ana.getByLabel('Personnummer').fill('195203141238');
    await ana.getByRole('button', { name: 'Sök' }).click();
    await expect(ana.getByText(/Ingen patient med det personnumret finns/)).toBeVisible();

    const huge = 'x'.repeat(11 * 1024 * 1024);
    const oversized = await request.post(`${API}/masterdata`, {
      headers: { ...auth, 'content-type': 'application/json' },
      data: `{"patients":[{"personnummer":"${huge}"}]}`,
    });
    expect(oversized.status()).toBe(413);
  });
});
