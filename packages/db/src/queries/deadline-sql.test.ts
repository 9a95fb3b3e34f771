import { bmbDeadline, isPastDeadline, reminderDueAt } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { createTestDb, testDbKinds } from '../test/test-database';
import { deadlineSql, isLockedSql, isWaitingSql, reminderDueSql } from './deadline-sql';

const samples = [
  '2026-01-10T09:30:00Z',
  '2026-03-22T01:30:00Z', // the week before the spring change, at night
  '2026-03-25T09:00:00Z', // spring change inside the week
  '2026-03-29T00:59:59Z',
  '2026-10-21T08:00:00Z', // autumn change inside the week
  '2026-10-24T23:30:00Z',
  '2026-12-31T22:59:59Z',
  '2028-02-29T12:00:00Z',
];

describe.each(testDbKinds())('deadlineSql on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle?.close());

  it.each(samples)('agrees with the domain for a BMB sent %s', async (sentAt) => {
    const rows = await handle.db.execute(
      sql`select (${deadlineSql(sql`${sentAt}::timestamptz`)})::text as deadline`,
    );
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { deadline: string }[];
    expect(new Date(row!.deadline).toISOString()).toBe(bmbDeadline(new Date(sentAt)).toISOString());
  });

  it.each(samples)('agrees with the domain on the reminder time for a BMB sent %s', async (sentAt) => {
    const rows = await handle.db.execute(sql`select (${reminderDueSql(sql`${sentAt}::timestamptz`)})::text as due`);
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { due: string }[];
    expect(new Date(row!.due).toISOString()).toBe(reminderDueAt(new Date(sentAt)).toISOString());
  });

  it.each(samples)('waits until the deadline and is locked from it on, as the domain says, for a BMB sent %s', async (sentAt) => {
    const deadline = bmbDeadline(new Date(sentAt)).getTime();
    for (const now of [deadline - 1, deadline, deadline + 1].map((t) => new Date(t))) {
      const bmb = { status: sql`'sent'::bmb_status`, sentAt: sql`${sentAt}::timestamptz` };
      const rows = await handle.db.execute(
        sql`select ${isWaitingSql(bmb, now)} as waiting, ${isLockedSql(bmb, now)} as locked`,
      );
      const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
        waiting: boolean;
        locked: boolean;
      }[];
      expect(row).toEqual({ waiting: !isPastDeadline(new Date(sentAt), now), locked: isPastDeadline(new Date(sentAt), now) });
    }
  });
});
