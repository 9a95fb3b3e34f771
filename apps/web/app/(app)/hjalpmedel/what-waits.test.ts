import { countWhatWaits, setClockOffset, workspaceNow } from '@bmb/db/queries';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { manualLoan, resetManualDevices, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { createWorld, type World } from '@/test/world';

const DAY = 24 * 3600;
const unit = (code: string) => demoId('care-unit', code);

describe.each(testDbKinds())('the start page notice (countWhatWaits) on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(() => {
    session.world = world;
  });
  afterEach(() => resetManualDevices(world));
  afterAll(() => world?.handle.close());

  const countsFor = async (username: string) => {
    const user = await world.userFor(username);
    return countWhatWaits(world.db, world.workspaceId, user.prescriberId, await workspaceNow(world.db, world.workspaceId));
  };

  it('counts what to answer, what is about to lock, what was answered and what locked', async () => {
    const before = { bo: await countsFor('k200bo'), ana: await countsFor('k100ana') };
    const first = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] });
    await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
    expect((await countsFor('k200bo')).toAnswer).toBe(before.bo.toAnswer + 2);

    session.user = await world.userFor('k200bo');
    expect(await settle(() => answerBmb({} as never, formData({ bmbId: first, approved: 'nej', deliveryAddressId: unit('5230'), payerId: unit('5210'), message: 'Fel enhet.' })))).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=nej' });
    expect(await countsFor('k100ana')).toMatchObject({ answered: before.ana.answered + 1 });
    expect((await countsFor('k200bo')).toAnswer).toBe(before.bo.toAnswer + 1);

    // Five days on, the remaining one has 2 days left; seven days on, it is locked for both.
    await setClockOffset(world.db, world.workspaceId, 5 * DAY + 60);
    expect((await countsFor('k200bo')).aboutToLock).toBeGreaterThanOrEqual(1);
    await setClockOffset(world.db, world.workspaceId, 7 * DAY + 60);
    const bo = await countsFor('k200bo');
    const ana = await countsFor('k100ana');
    expect(bo.toAnswer).toBe(0);
    expect(bo.locked).toBeGreaterThanOrEqual(1);
    expect(ana.locked).toBeGreaterThanOrEqual(1);
    expect(ana.answered).toBe(0);
  });
});
