import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { seedDemoData } from '../seed';
import { createTestDb, testAdminScope, testDbKinds } from '../test/test-database';
import { bmbOverview, bmbsSentPerWeek } from './overview';

describe.each(testDbKinds())('Översikt on %s', (kind) => {
  let handle: DbHandle;
  let ws: string;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    ws = await seedDemoData(handle.db);
  });
  afterAll(() => handle?.close());

  it('counts what waits and what is locked now', async () => {
    const now = new Date();
    expect(await bmbOverview(handle.db, testAdminScope(ws), now)).toMatchObject({ waiting: 1, locked: 2 });
  });

  it("counts this month's answers and the median time to answer, in Swedish months", async () => {
    // Demo data: declined 2026-10-06 10:30 after being sent 2026-10-05 09:00 (25.5 h).
    const october = await bmbOverview(handle.db, testAdminScope(ws), new Date('2026-10-20T12:00:00Z'));
    expect(october).toMatchObject({ acceptedThisMonth: 0, rejectedThisMonth: 1 });
    expect(october.medianHoursToAnswer).toBeCloseTo(25.5, 5);
    const september = await bmbOverview(handle.db, testAdminScope(ws), new Date('2026-09-30T21:59:00Z')); // 23:59 in Stockholm
    expect(september).toMatchObject({ acceptedThisMonth: 1, rejectedThisMonth: 0 });
    const notSeptember = await bmbOverview(handle.db, testAdminScope(ws), new Date('2026-09-30T22:00:00Z')); // 1 October, 00:00
    expect(notSeptember.acceptedThisMonth).toBe(0);
  });

  it('lists 52 weeks, every week present, with the sends in their Swedish week', async () => {
    const weeks = await bmbsSentPerWeek(handle.db, testAdminScope(ws), new Date('2026-10-20T12:00:00Z'));
    expect(weeks).toHaveLength(52);
    expect(weeks.at(-1)?.week).toBe('2026-10-19');
    expect(weeks.find((w) => w.week === '2026-10-05')?.sent).toBe(1);
    expect(weeks.find((w) => w.week === '2026-08-31')?.sent).toBe(1);
    expect(weeks.reduce((n, w) => n + w.sent, 0)).toBe(2);
  });
});
