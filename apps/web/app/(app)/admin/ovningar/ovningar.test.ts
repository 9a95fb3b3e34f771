import { findRegionRules, listStaffInTraining, listUnfinishedTrainingRuns } from '@bmb/db/queries';
import { auditEvents, prescribers } from '@bmb/db/schema';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formData } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { createWorld, type World } from '@/test/world';
import { setTrainingReminderDays, setTrainingRequirement } from './actions';

describe.each(testDbKinds())('Admin → Övningar on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('admin');
  });
  afterAll(() => world?.handle.close());

  const staff = async () => (await listStaffInTraining(world.db, testAdminScope(world.workspaceId))).map((p) => p.username);
  const changes = () =>
    world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, world.workspaceId), eq(auditEvents.action, 'training.requirement.changed')));

  it('lists new staff who must train, and lets Länsservice mark and release them, audited once per change', async () => {
    expect(await staff()).toEqual(['k300ny']);
    const marked = await setTrainingRequirement({}, formData({ username: ' K200BO ', required: 'ja' }));
    expect(marked.done).toEqual({ username: 'k200bo', name: 'Bo Lindberg', required: true });
    expect(await staff()).toEqual(expect.arrayContaining(['k300ny', 'k200bo']));
    // A double click changes nothing more.
    await setTrainingRequirement({}, formData({ username: 'k200bo', required: 'ja' }));
    expect(await changes()).toHaveLength(1);
    expect((await changes())[0]).toMatchObject({
      before: { trainingRequired: false },
      after: { trainingRequired: true, username: 'k200bo' },
    });

    const released = await setTrainingRequirement({}, formData({ username: 'k200bo', required: 'nej' }));
    expect(released.done?.required).toBe(false);
    expect(await staff()).toEqual(['k300ny']);
    expect(await changes()).toHaveLength(2);
  });

  it('sets after how many days the untrained are reminded, audited; refuses what is not 1–90 days', async () => {
    expect(await setTrainingReminderDays({}, formData({ days: '14' }))).toMatchObject({ done: { value: 14 } });
    expect(await findRegionRules(world.db, testAdminScope(world.workspaceId))).toMatchObject({ trainingReminderDays: 14 });
    for (const days of ['0', '91', '1e1', 'sju'])
      expect((await setTrainingReminderDays({}, formData({ days }))).failure?.fieldErrors?.trainingReminderDays, days).toEqual([
        'Ange antal dagar som ett heltal från 1 till 90.',
      ]);
    const [change] = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, world.workspaceId), eq(auditEvents.action, 'region.rules.changed')));
    expect(change).toMatchObject({ before: { trainingReminderDays: 7 }, after: { trainingReminderDays: 14 } });
  });

  it('refuses prescribers, unknown users and Länsservice accounts, and changes nothing', async () => {
    const before = await world.db.select({ u: prescribers.username, t: prescribers.trainingRequired }).from(prescribers);
    session.user = await world.userFor('k100ana');
    expect((await setTrainingRequirement({}, formData({ username: 'k200bo', required: 'ja' }))).failure?.code).toBe('forbidden');
    session.user = await world.userFor('admin');
    const unknown = await setTrainingRequirement({}, formData({ username: 'k999xx', required: 'ja' }));
    expect(unknown.failure).toMatchObject({ code: 'not-found', message: 'Det finns ingen förskrivare med det användarnamnet.' });
    expect((await setTrainingRequirement({}, formData({ username: 'admin', required: 'ja' }))).failure?.code).toBe('not-found');
    expect((await setTrainingRequirement({}, formData({ username: 'k200bo', required: 'kanske' }))).failure?.code).toBe(
      'invalid-input',
    );
    expect(await world.db.select({ u: prescribers.username, t: prescribers.trainingRequired }).from(prescribers)).toEqual(before);
    expect(await listUnfinishedTrainingRuns(world.db, testAdminScope(world.workspaceId))).toEqual([]);
  });
});
