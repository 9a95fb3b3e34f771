import { findIndividCard, workspaceNow } from '@bmb/db/queries';
import { bmbs } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { canSeeIndividCard, individHistory } from '@bmb/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { manualLoan, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { createWorld, type World } from '@/test/world';

describe.each(testDbKinds())('Individkort on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(() => {
    session.world = world;
  });
  afterAll(() => world?.handle.close());

  it('shows where the device is and its whole history in order; only holders and admins may see it', async () => {
    // 170098 (the manual's cushion): k100ana → k200bo, declined; then again, accepted.
    const first = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });
    session.user = await world.userFor('k200bo');
    const unit = (code: string) => demoId('care-unit', code);
    const answer = (bmbId: string, approved: string, message = '') =>
      settle(() =>
        answerBmb(
          { values: { bmbId: '', approved: '', deliveryAddressId: '', payerId: '', message: '' } },
          formData({ bmbId, approved, deliveryAddressId: unit('5230'), payerId: unit('5210'), message }),
        ),
      );
    await answer(first, 'nej', 'Fel patient');
    const second = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });
    session.user = await world.userFor('k200bo');
    await answer(second, 'ja');

    const card = await findIndividCard(world.db, world.workspaceId, '170098');
    expect(card?.article).toMatchObject({ articleNo: '10156', name: 'Sittdyna Roho Quadro Select hög 39,5x43' });
    expect(card?.current).toMatchObject({ patientName: 'Svensson, Testare', prescriberUsername: 'k200bo', payer: expect.stringMatching(/^5210/) });

    const events = individHistory(card!.loans, card!.bmbs, await workspaceNow(world.db, world.workspaceId));
    expect(events.map((e) => e.what.split(':')[0])).toEqual([
      'Beställd till Svensson, Testare',
      'Levererad till Svensson, Testare',
      'BMB skickad till k200bo (Svensson, Testare)',
      'BMB ej godkänd',
      'BMB skickad till k200bo (Svensson, Testare)',
      'BMB godkänd',
    ]);

    const ana = await world.userFor('k100ana');
    const bo = await world.userFor('k200bo');
    const eva = await world.userFor('k400eva');
    const admin = await world.userFor('admin');
    expect(canSeeIndividCard(ana, card!.holderIds)).toBe(true);
    expect(canSeeIndividCard(bo, card!.holderIds)).toBe(true);
    expect(canSeeIndividCard(eva, card!.holderIds)).toBe(false);
    expect(canSeeIndividCard(admin, card!.holderIds)).toBe(true);
    expect(card!.patientIds).toEqual([demoId('patient', '191212121212')]);
    expect((await world.db.select().from(bmbs).where(eq(bmbs.id, second)))[0]?.status).toBe('accepted');
  });

  it('does not find an individ that does not exist', async () => {
    expect(await findIndividCard(world.db, world.workspaceId, '999999999')).toBeNull();
  });
});
