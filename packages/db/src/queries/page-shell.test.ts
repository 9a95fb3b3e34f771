import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { seedDemoData } from '../seed';
import { createTestDb, testAdminScope, testDbKinds } from '../test/test-database';
import { countBmbsAwaitingAnswer } from './bmb-inbox';
import { setClockOffset, workspaceNow } from './clock';
import { countOpenUnlockRequests } from './overview';
import { readPageShell } from './page-shell';
import { findPrescriberByUsername } from './prescribers';

describe.each(testDbKinds())("A page's frame in one statement on %s", (kind) => {
  let handle: DbHandle;
  let ws: string;
  let ana: string;
  let admin: string;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    ws = await seedDemoData(handle.db);
    ana = (await findPrescriberByUsername(handle.db, ws, 'k100ana'))!.id;
    admin = (await findPrescriberByUsername(handle.db, ws, 'admin'))!.id;
  });
  afterAll(() => handle?.close());

  it('says what the separate clock and counts say', async () => {
    const shell = await readPageShell(handle.db, ws, ana, null);
    const now = await workspaceNow(handle.db, ws);
    expect(Math.abs(shell.now.getTime() - now.getTime())).toBeLessThan(5_000);
    expect(shell.waiting).toBe(await countBmbsAwaitingAnswer(handle.db, ws, ana, now));
    expect(shell.waiting).toBe(1); // the demo BMB waiting for k100ana
    // A prescriber's frame does not read Länsservice's queue.
    expect(shell.openUnlockRequests).toBe(0);
    const adminShell = await readPageShell(handle.db, ws, admin, testAdminScope(ws));
    expect(adminShell.openUnlockRequests).toBe(await countOpenUnlockRequests(handle.db, testAdminScope(ws)));
  });

  it("judges the waiting count by the workspace's own clock", async () => {
    // Eight days on, the waiting BMB has locked: the count follows the moved clock, not the server's.
    await setClockOffset(handle.db, ws, 8 * 86_400);
    try {
      const shell = await readPageShell(handle.db, ws, ana, null);
      expect(shell.waiting).toBe(0);
      expect(shell.now.getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000);
    } finally {
      await setClockOffset(handle.db, ws, 0);
    }
  });
});
