import { deactivateUnusedAccounts, setClockOffset } from '@bmb/db/queries';
import { auditEvents, prescribers, workspaces } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { and, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formData } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { createWorld, type World } from '@/test/world';
import { reactivateAccount, setRegionRules } from './actions';
import AccountsPage from './page';

describe.each(testDbKinds())('Admin → Konton on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('admin');
  });
  afterAll(() => world?.handle.close());

  it('sets the rule, lists what the housekeeping deactivated, and reactivates it; all audited', async () => {
    expect((await setRegionRules({}, formData({ months: '0' }))).failure?.fieldErrors?.deactivateUnusedAfterMonths).toEqual([
      'Ange antal månader som ett heltal från 1 till 60.',
    ]);
    expect(await setRegionRules({}, formData({ months: '6' }))).toMatchObject({ done: { value: 6 } });
    const [ws] = await world.db.select().from(workspaces).where(eq(workspaces.id, world.workspaceId));
    expect(ws?.deactivateUnusedAfterMonths).toBe(6);

    // Seven months pass with nobody logging in: every prescriber account goes, Länsservice's stays.
    await setClockOffset(world.db, world.workspaceId, 7 * 31 * 86_400);
    const deactivated = await world.db.transaction((tx) => deactivateUnusedAccounts(tx));
    expect(deactivated.map((d) => d.username)).toContain('k200bo');
    expect(deactivated.map((d) => d.username)).not.toContain('admin');
    const html = renderToStaticMarkup(await AccountsPage());
    expect(html).toContain('Bo Lindberg (<span class="font-mono">k200bo</span>)');
    expect(html).toContain('inte har loggat in på 6 månader');

    expect(await reactivateAccount({}, formData({ username: 'k200bo' }))).toMatchObject({ done: { username: 'k200bo' } });
    const twice = await reactivateAccount({}, formData({ username: 'k200bo' }));
    expect(twice.failure?.code).toBe('not-found');
    const [bo] = await world.db
      .select()
      .from(prescribers)
      .where(and(eq(prescribers.workspaceId, world.workspaceId), eq(prescribers.username, 'k200bo')));
    expect(bo).toMatchObject({ active: true, deactivatedUnusedAt: null });
    const actions = (
      await world.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.workspaceId, world.workspaceId))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['region.rules.changed', 'account.deactivated', 'account.reactivated']));

    await setClockOffset(world.db, world.workspaceId, 0);
  });

  it('refuses prescribers', async () => {
    session.user = await world.userFor('k100ana');
    expect((await setRegionRules({}, formData({ months: '6' }))).failure?.code).toBe('forbidden');
    expect((await reactivateAccount({}, formData({ username: 'k200bo' }))).failure?.code).toBe('forbidden');
  });
});
