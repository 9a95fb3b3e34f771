import { listPatientLoans } from '@bmb/db/queries';
import { bmbs } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { eq } from 'drizzle-orm';
import { isHTTPAccessFallbackError } from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import BmbFormPage from '@/app/(app)/hjalpmedel/[patientId]/bmb/page';
import PatientLoansPage from '@/app/(app)/hjalpmedel/[patientId]/page';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import BmbPage from '@/app/(app)/skickade-bmb/[bmbId]/page';
import { manualLoan, resetManualDevices, sendBmbAs, svensson } from './bmb-fixtures';
import { formData, settle } from './forms';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/**
 * Issue 19, items 2, 5 and 8: a BMB's page shows that BMB's own address and
 * payer (never what a later BMB gave the loans), Skicka ny BMB fills the form
 * from a BMB answered Nej or unlocked, and the patient's device list says who
 * holds each device now.
 */

const unit = (code: string) => demoId('care-unit', code);
const render = async (page: Promise<ReactNode>) => renderToStaticMarkup(await page);
const bmbPage = (bmbId: string) => render(BmbPage({ params: Promise.resolve({ bmbId }) }));
const formPage = (searchParams: { fran?: string; utkast?: string }, patientId = svensson.id) =>
  render(
    BmbFormPage({
      params: Promise.resolve({ patientId }),
      searchParams: Promise.resolve(searchParams),
    }),
  );
const loansPage = (patientId: string) =>
  render(PatientLoansPage({ params: Promise.resolve({ patientId }) }));

async function refusedWith404(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (error) {
    if (isHTTPAccessFallbackError(error)) return true;
    throw error;
  }
}

/** What the summary says beside a label: the <dd> after its <dt>. */
const field = (html: string, label: 'Kund/leveransadress' | 'Betalare') =>
  new RegExp(`<dt[^>]*>${label}</dt><dd[^>]*>(.*?)</dd>`).exec(html)?.[1] ?? '';
/** The form's checkbox of this loan, as one tag. */
const checkbox = (html: string, loanId: string) =>
  new RegExp(`<input[^>]*value="${loanId}"[^>]*>`).exec(html)?.[0] ?? '';
const ticked = (html: string, loanId: string) => checkbox(html, loanId).includes('checked=""');
const tickable = (html: string, loanId: string) => !checkbox(html, loanId).includes('disabled');

describe.each(testDbKinds())('a BMB as it was, Skicka ny BMB, who holds what, on %s', (kind) => {
  let world: World;
  const as = async (username: string) => {
    session.user = await world.userFor(username);
    return session.user;
  };
  const answer = async (bmbId: string, approved: 'ja' | 'nej', unitCodes = ['5230', '5210']) => {
    await as('k200bo');
    const [address, payer] = unitCodes;
    const outcome = await settle(() =>
      answerBmb(
        {} as never,
        formData({
          bmbId,
          approved,
          deliveryAddressId: unit(address!),
          payerId: unit(payer!),
          message: approved === 'nej' ? 'Inte listad hos oss.' : '',
        }),
      ),
    );
    expect(outcome).toEqual({ redirectedTo: `/kvittera-bmb?besvarad=${approved}` });
  };

  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(() => {
    session.world = world;
  });
  afterEach(() => resetManualDevices(world));
  afterAll(() => world?.handle.close());

  it('words a locked BMB for whoever reads it: the sender may ask for an unlock, the receiver can no longer take it', async () => {
    const locked = demoId('bmb', 'locked-1'); // k100ana → k400eva, unanswered past its deadline
    await as('k400eva');
    const receiverView = await bmbPage(locked);
    expect(receiverView).toContain('du kan inte längre ta emot den');
    expect(receiverView).not.toContain('så att du kan skicka en ny BMB');
    await as('k100ana');
    expect(await bmbPage(locked)).toContain('så att du kan skicka en ny BMB');
  });

  it('a BMB answered Nej shows no payer, even after a later BMB moved its device; an accepted one shows the choice', async () => {
    const rejected = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] });
    await answer(rejected, 'nej');
    const accepted = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] });
    await answer(accepted, 'ja', ['5230', '5210']);

    // The sender, the receiver and Länsservice all see the Nej as it was.
    for (const username of ['k100ana', 'k200bo', 'admin']) {
      await as(username);
      const html = await bmbPage(rejected);
      expect(field(html, 'Betalare'), username).toBe('Inte vald (BMB:n besvarades Nej)');
      expect(field(html, 'Kund/leveransadress'), username).toBe('Inte vald (BMB:n besvarades Nej)');
      // Neither the later BMB's payer nor a payer column it would fill.
      expect(html, username).not.toContain('Rehabmottagningen Sunderby sjukhus');
      expect(html, username).not.toContain('Hemsjukvården Boden');
      expect(html, username).not.toContain('Nuvar. betalare');
    }

    await as('k100ana');
    const html = await bmbPage(accepted);
    expect(field(html, 'Kund/leveransadress')).toBe('5230 Hemsjukvården Boden');
    expect(field(html, 'Betalare')).toBe('5210 Rehabmottagningen Sunderby sjukhus');
    expect(html).toContain('Ny betalare');
    expect(html).toContain('5210 - Rehabmottagningen Sunderby sjukhus');
    expect(html).not.toContain('Nuvar. betalare');
  });

  it('the accepted BMB keeps its own choice after a later BMB moved the device on', async () => {
    const first = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
    await answer(first, 'ja', ['5230', '5230']);
    // k200bo sends it on to k100ana, who takes it with 4110.
    const second = await sendBmbAs(world, session, 'k200bo', {
      newPrescriberUsername: 'k100ana',
      loanIds: [manualLoan(2)],
    });
    await as('k100ana');
    expect(
      await settle(() =>
        answerBmb(
          {} as never,
          formData({
            bmbId: second,
            approved: 'ja',
            deliveryAddressId: unit('4110'),
            payerId: unit('4110'),
            message: '',
          }),
        ),
      ),
    ).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=ja' });

    const html = await bmbPage(first);
    expect(field(html, 'Betalare')).toBe('5230 Hemsjukvården Boden');
    expect(html).not.toContain('Hälsocentralen Hertsön');
  });

  it('while a BMB waits: chosen by the receiver, and the payer now, which is still the BMB’s', async () => {
    const waiting = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });
    await as('k100ana');
    const html = await bmbPage(waiting);
    expect(field(html, 'Betalare')).toContain('Väljs av mottagaren');
    expect(field(html, 'Betalare')).toContain(
      'Nuvarande: 2990 Länsservice Hjälpmedelskonsulenterna prod. ansvar',
    );
    expect(html).toContain('Nuvar. betalare');
    expect(html).not.toContain('Skicka ny BMB');
  });

  it('Skicka ny BMB: the sender of a rejected BMB gets the form with its devices ticked, and no receiver', async () => {
    const rejected = await sendBmbAs(world, session, 'k100ana', {
      loanIds: [manualLoan(1), manualLoan(4)],
    });
    await answer(rejected, 'nej');

    await as('k100ana');
    const page = await bmbPage(rejected);
    const href = `/hjalpmedel/${svensson.id}/bmb?fran=${rejected}`;
    expect(page).toContain(`href="${href}"`);
    expect(page).toContain('Skicka ny BMB');
    // Ids only: no personnummer in the link.
    expect(href).not.toMatch(/\d{8}-?\d{4}/);

    const form = await formPage({ fran: rejected });
    expect(ticked(form, manualLoan(1))).toBe(true);
    expect(ticked(form, manualLoan(4))).toBe(true);
    expect(ticked(form, manualLoan(2))).toBe(false);
    expect(form).toContain('name="newPrescriberUsername"');
    expect(form).not.toMatch(/name="newPrescriberUsername"[^>]*value="k200bo"/);
    expect(form).not.toContain('Kunde inte tas med');

    // The receiver and Länsservice see the BMB, but it is not theirs to send again.
    for (const username of ['k200bo', 'admin']) {
      await as(username);
      expect(await bmbPage(rejected), username).not.toContain('Skicka ny BMB');
      expect(await refusedWith404(() => formPage({ fran: rejected })), username).toBe(true);
    }
  });

  it('Skicka ny BMB: a device now waiting in another BMB is left out, and the page says so', async () => {
    const rejected = await sendBmbAs(world, session, 'k100ana', {
      loanIds: [manualLoan(1), manualLoan(3)],
    });
    await answer(rejected, 'nej');
    await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });

    await as('k100ana');
    const form = await formPage({ fran: rejected });
    expect(ticked(form, manualLoan(1))).toBe(true);
    expect(ticked(form, manualLoan(3))).toBe(false);
    expect(tickable(form, manualLoan(3))).toBe(false);
    expect(form).toContain('Kunde inte tas med');
    expect(form).toMatch(
      /10156<\/span> Sittdyna Roho Quadro Select hög 39,5x43.*Väntar på kvittens i en skickad BMB\./,
    );
  });

  it('Skicka ny BMB from an unlocked BMB names its receiver again; an accepted one cannot be sent again', async () => {
    const unlocked = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
    await world.db
      .update(bmbs)
      .set({
        status: 'unlocked',
        unlockedAt: new Date(),
        unlockedById: demoId('prescriber', 'admin'),
        unlockReason: 'Mottagaren var sjuk.',
      })
      .where(eq(bmbs.id, unlocked));
    await as('k100ana');
    expect(await bmbPage(unlocked)).toContain('Skicka ny BMB');
    const form = await formPage({ fran: unlocked });
    expect(ticked(form, manualLoan(2))).toBe(true);
    expect(form).toMatch(/name="newPrescriberUsername"[^>]*value="k200bo"/);

    const accepted = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(4)] });
    await answer(accepted, 'ja');
    await as('k100ana');
    expect(await bmbPage(accepted)).not.toContain('Skicka ny BMB');
    expect(await refusedWith404(() => formPage({ fran: accepted }))).toBe(true);
  });

  it('the device list says who holds each device: after k200bo accepts, k100ana sees k200bo and the new payer', async () => {
    const accepted = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });
    await answer(accepted, 'ja', ['5230', '5210']);

    const rows = await listPatientLoans(world.db, world.workspaceId, svensson.id);
    expect(rows.find((r) => r.id === manualLoan(3))).toMatchObject({
      prescriberUsername: 'k200bo',
      prescriberName: 'Bo Lindberg',
      payerCode: '5210',
      payerName: 'Rehabmottagningen Sunderby sjukhus',
    });

    await as('k100ana');
    const html = await loansPage(svensson.id);
    expect(html).toContain('>Förskrivare</th>');
    expect(html).toContain('>Betalare</th>');
    const row = (individ: string) =>
      /<tr[^>]*>(?:(?!<\/tr>).)*<\/tr>/g.exec(
        html.slice(html.lastIndexOf('<tr', html.indexOf(`>${individ}<`))),
      )?.[0] ?? '';
    expect(row('170098')).toContain('k200bo</span> Bo Lindberg');
    expect(row('170098')).toContain('5210 - Rehabmottagningen Sunderby sjukhus');
    expect(row('157792')).toContain('k100ana</span> Ana Nordin');
    expect(row('157792')).toContain('2990 - Länsservice Hjälpmedelskonsulenterna prod. ansvar');
  });

});
