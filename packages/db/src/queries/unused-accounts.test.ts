import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { auditEvents, prescribers } from '../schema';
import { seedDemoData } from '../seed';
import { createTestDb, testAdminScope, testDbKinds } from '../test/test-database';
import { setClockOffset } from './clock';
import {
  deactivateUnusedAccounts,
  findRegionRules,
  listDeactivatedAccounts,
  reactivateAccount,
  recordLogin,
  updateRegionRules,
} from './unused-accounts';

const MONTH = 31 * 86_400;

describe.each(testDbKinds())('unused accounts on %s', (kind) => {
  let handle: DbHandle;
  let ws: string;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    ws = await seedDemoData(handle.db);
  });
  afterAll(() => handle?.close());

  const active = async () =>
    (
      await handle.db
        .select({ username: prescribers.username })
        .from(prescribers)
        .where(and(eq(prescribers.workspaceId, ws), eq(prescribers.active, true)))
        .orderBy(prescribers.username)
    ).map((r) => r.username);
  const run = () => handle.db.transaction((tx) => deactivateUnusedAccounts(tx));

  it('deactivates prescribers unused for the region’s months, never Länsservice, once, audited', async () => {
    const admin = testAdminScope(ws);
    expect(await findRegionRules(handle.db, admin)).toEqual({ deactivateUnusedAfterMonths: 12, trainingReminderDays: 7 });
    expect(await run()).toEqual([]);
    const before = await active();

    // Six months on, with the rule at 6: everyone but k100ana (who logged in just now) and Länsservice.
    await updateRegionRules(handle.db, admin, { deactivateUnusedAfterMonths: 6 });
    await setClockOffset(handle.db, ws, 6 * MONTH);
    const [ana] = await handle.db.select().from(prescribers).where(and(eq(prescribers.workspaceId, ws), eq(prescribers.username, 'k100ana')));
    await recordLogin(handle.db, ws, ana!.id);
    await handle.db
      .update(prescribers)
      .set({ lastLoginAt: new Date(Date.now() + 6 * MONTH * 1000 - 86_400_000) })
      .where(eq(prescribers.id, ana!.id));
    const deactivated = await run();
    expect(deactivated.map((d) => d.username).sort()).toEqual(
      before.filter((u) => u !== 'k100ana' && u !== 'admin').sort(),
    );
    expect(await active()).toEqual(['admin', 'k100ana']);
    expect(await run()).toEqual([]); // nothing twice
    const audited = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws), eq(auditEvents.action, 'account.deactivated')));
    expect(audited).toHaveLength(deactivated.length);
    expect(audited[0]).toMatchObject({ actorId: null, entityType: 'prescriber', after: { reason: 'unused', months: 6 } });

    const listed = await listDeactivatedAccounts(handle.db, admin);
    expect(listed.map((l) => l.username).sort()).toEqual(deactivated.map((d) => d.username).sort());

    // Reactivated: its months start again, so the next run leaves it alone.
    expect(await reactivateAccount(handle.db, admin, 'k200bo')).toMatchObject({ username: 'k200bo' });
    expect(await reactivateAccount(handle.db, admin, 'k200bo')).toBeNull();
    expect(await reactivateAccount(handle.db, admin, 'admin')).toBeNull();
    expect(await run()).toEqual([]);
    expect(await active()).toEqual(['admin', 'k100ana', 'k200bo']);
    await setClockOffset(handle.db, ws, 0);
  });
});
