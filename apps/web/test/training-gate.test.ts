import { randomUUID } from 'node:crypto';
import { bmbs, loans, trainingRuns } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import BmbFormPage from '@/app/(app)/hjalpmedel/[patientId]/bmb/page';
import AnswerPage from '@/app/(app)/kvittera-bmb/[bmbId]/page';
import { answerBmb, type AnswerFormState } from '@/app/(app)/kvittera-bmb/actions';
import BmbPage from '@/app/(app)/skickade-bmb/[bmbId]/page';
import { sendBmb } from '@/app/(app)/skickade-bmb/actions';
import { GET as suggestPrescribers } from '@/app/api/forskrivare/route';
import { untrainedReceivers } from '@/lib/training/requirement';
import { createDraft, manualLoan, resetManualDevices, sendBmbAs, svensson } from './bmb-fixtures';
import { formData, settle } from './forms';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/**
 * Issue 18, "the gate, early and clear": new staff who must train first see
 * why at the top of the BMB form and of the answer page, before any input, and
 * the form only for reading; the sentence once, even after a forced post. A
 * sender learns before Verkställ that the receiver cannot answer yet.
 */

const toSend =
  'Innan du kan skicka en riktig BMB behöver du genomföra övningarna Skicka BMB och Kvittera BMB i Övningsläge.';
const toAnswer =
  'Innan du kan kvittera en riktig BMB behöver du genomföra övningarna Skicka BMB och Kvittera BMB i Övningsläge.';
const receiverWarning =
  'Mottagaren k300ny är ny och har inte gjort de obligatoriska övningarna ännu – hen kan inte kvittera BMB:n förrän övningarna är klara.';

/** A page as the server renders it: the tree it returns, client components included, as HTML. */
const render = async (page: Promise<ReactNode>) => renderToStaticMarkup(await page);
const occurrences = (html: string, text: string) => html.split(text).length - 1;
/** The read-only form: every control inside a disabled fieldset described by the notice. */
const readOnlyForm = /<fieldset disabled="" aria-describedby="training-required"[^>]*><form/;

describe.each(testDbKinds())('the training gate on %s', (kind) => {
  let world: World;
  const as = async (username: string) => {
    session.user = await world.userFor(username);
    return session.user;
  };
  const formPage = () =>
    render(
      BmbFormPage({
        params: Promise.resolve({ patientId: svensson.id }),
        searchParams: Promise.resolve({}),
      }),
    );
  const answerPage = (bmbId: string) => render(AnswerPage({ params: Promise.resolve({ bmbId }) }));
  const summaryPage = (bmbId: string) => render(BmbPage({ params: Promise.resolve({ bmbId }) }));
  const suggestions = async (q: string) => {
    const response = await suggestPrescribers(
      new NextRequest(`http://localhost:3100/api/forskrivare?q=${q}`),
    );
    return (
      (await response.json()) as { prescribers: { username: string; warning: string | null }[] }
    ).prescribers;
  };

  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(() => {
    session.world = world;
  });
  afterEach(() => resetManualDevices(world));
  afterAll(() => world?.handle.close());

  it('the BMB form: new staff read why at the top, once, and see the form only for reading', async () => {
    await as('k300ny');
    const html = await formPage();
    expect(occurrences(html, toSend)).toBe(1);
    const notice = html.indexOf('data-testid="training-required"');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(html.indexOf('<form'));
    expect(notice).toBeLessThan(html.indexOf('<input'));
    expect(html).toMatch(readOnlyForm);
    expect(html).toContain(
      '<a class="font-medium text-brand-800 underline" href="/ovningslage">Gå till Övningsläge</a>',
    );
    // Still all there to read.
    expect(html).toContain('Spara ändringarna');
    expect(html).toContain('name="newPrescriberUsername"');

    await as('k100ana');
    const trained = await formPage();
    expect(trained).not.toContain('data-testid="training-required"');
    expect(trained).not.toContain('<fieldset disabled');
  });

  it('the answer page: the notice at the top, the form read-only, and a forced post says nothing twice', async () => {
    const bmbId = await sendBmbAs(world, session, 'k100ana', { newPrescriberUsername: 'k300ny' });
    await as('k300ny');
    const html = await answerPage(bmbId);
    expect(occurrences(html, toAnswer)).toBe(1);
    const notice = html.indexOf('data-testid="training-required"');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(html.indexOf('<form'));
    expect(notice).toBeLessThan(html.indexOf('<select'));
    expect(html).toMatch(readOnlyForm);

    // Posted anyway (the disabled controls bypassed): the command still refuses, with the
    // notice's very sentence, which the form therefore leaves to the notice.
    const empty: AnswerFormState = {
      values: { bmbId: '', approved: '', deliveryAddressId: '', payerId: '', message: '' },
    };
    const forced = await settle(() =>
      answerBmb(
        empty,
        formData({
          bmbId,
          approved: 'ja',
          deliveryAddressId: demoId('care-unit', '4120'),
          payerId: demoId('care-unit', '4120'),
        }),
      ),
    );
    expect(forced).toMatchObject({
      returned: { failure: { code: 'forbidden', message: toAnswer } },
    });
    const [row] = await world.db.select().from(bmbs).where(eq(bmbs.id, bmbId));
    expect(row?.status).toBe('sent');
  });

  it('the draft summary: an untrained sender reads why at the top, and Verkställ is disabled', async () => {
    // A device of Nora's, and a draft of it saved before the form became read-only (saving is not sending).
    await world.db
      .update(loans)
      .set({ prescriberId: demoId('prescriber', 'k300ny') })
      .where(eq(loans.id, manualLoan(2)));
    await as('k300ny');
    const bmbId = await createDraft({ newPrescriberUsername: 'k200bo', loanIds: [manualLoan(2)] });
    const html = await summaryPage(bmbId);
    expect(occurrences(html, toSend)).toBe(1);
    expect(html.indexOf('data-testid="training-required"')).toBeLessThan(html.indexOf('<dl'));
    expect(html).toMatch(/<button type="submit"[^>]* disabled=""[^>]*>Verkställ<\/button>/);
    const refused = await sendBmb({}, formData({ bmbId, idempotencyKey: randomUUID() }));
    expect(refused.failure?.message).toBe(toSend);
  });

  it('a sender is told, on the suggestions and before Verkställ, that the new colleague cannot answer yet', async () => {
    await as('k100ana');
    const found = await suggestions('k300');
    expect(found).toEqual([
      expect.objectContaining({ username: 'k300ny', warning: receiverWarning }),
    ]);
    expect((await suggestions('k200')).map((s) => s.warning)).toEqual([null]);

    const toNora = await createDraft({ newPrescriberUsername: 'k300ny' });
    const draft = await summaryPage(toNora);
    expect(occurrences(draft, receiverWarning)).toBe(1);
    expect(draft.indexOf(receiverWarning)).toBeLessThan(draft.indexOf('Verkställ</button>'));
    // The sender is trained: nothing stops Verkställ.
    expect(draft).not.toContain('data-testid="training-required"');

    const toBo = await createDraft({ newPrescriberUsername: 'k200bo', loanIds: [manualLoan(4)] });
    expect(await summaryPage(toBo)).not.toContain('data-testid="receiver-untrained"');

    // In Övningsläge the sandbox's colleagues are fiction: nobody is flagged there.
    const learner = await world.userFor('k100ana');
    const inTraining = {
      ...learner,
      training: {
        runId: randomUUID(),
        scenario: 'skicka-bmb' as const,
        sandboxWorkspaceId: world.workspaceId,
      },
    };
    expect(await untrainedReceivers(world.db, inTraining, ['k300ny'])).toEqual([]);
  });

  it('once the required scenarios are done, the gate and the warnings are gone', async () => {
    const bmbId = await sendBmbAs(world, session, 'k100ana', { newPrescriberUsername: 'k300ny' });
    const nora = demoId('prescriber', 'k300ny');
    await world.db.insert(trainingRuns).values({
      workspaceId: world.workspaceId,
      learnerId: nora,
      scenario: 'skicka-bmb',
      status: 'completed',
    });
    // One of two is not enough.
    await as('k100ana');
    expect(await untrainedReceivers(world.db, session.user!, ['k300ny'])).toEqual(['k300ny']);
    await world.db.insert(trainingRuns).values({
      workspaceId: world.workspaceId,
      learnerId: nora,
      scenario: 'kvittera-bmb',
      status: 'completed',
    });
    try {
      expect(await untrainedReceivers(world.db, session.user!, ['k300ny'])).toEqual([]);
      expect((await suggestions('k300')).map((s) => s.warning)).toEqual([null]);
      expect(await summaryPage(bmbId)).not.toContain('data-testid="receiver-untrained"');

      await as('k300ny');
      const html = await answerPage(bmbId);
      expect(html).not.toContain('data-testid="training-required"');
      expect(html).not.toContain('<fieldset disabled');
    } finally {
      await world.db
        .delete(trainingRuns)
        .where(
          and(eq(trainingRuns.workspaceId, world.workspaceId), eq(trainingRuns.learnerId, nora)),
        );
    }
  });
});
