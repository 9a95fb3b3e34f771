import type { Db } from '@bmb/db/client';
import { findSessionWithUser, setSessionTrainingRun, startTrainingRun } from '@bmb/db/queries';
import { authSessions, authUsers, prescribers } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '@/test/world';
import { resolveSessionUser } from './session-user';

const MINUTE = 60_000;

describe.each(testDbKinds())('resolveSessionUser on %s', (kind) => {
  let world: World;
  let db: Db;
  const now = new Date('2026-11-25T10:00:00Z');
  const policy = { now, idleMinutes: 30 };

  beforeAll(async () => {
    world = await createWorld(kind);
    db = world.db;
  });
  afterAll(() => world?.handle.close());

  async function sessionFor(
    username: string,
    options: { expiresInMinutes?: number; idleMinutes?: number } = {},
  ): Promise<string> {
    const userId = `auth-${username}`;
    await db.insert(authUsers).values({ id: userId, username, name: username }).onConflictDoNothing();
    const token = `token-${Math.random().toString(36).slice(2)}`;
    await db.insert(authSessions).values({
      sessionToken: token,
      userId,
      expires: new Date(now.getTime() + (options.expiresInMinutes ?? 600) * MINUTE),
      lastSeenAt: new Date(now.getTime() - (options.idleMinutes ?? 0) * MINUTE),
    });
    return token;
  }

  it('gives the prescriber behind a valid session, role from the database', async () => {
    const user = await resolveSessionUser(db, await sessionFor('k100ana'), policy);
    expect(user).toMatchObject({ username: 'k100ana', name: 'Ana Nordin', role: 'prescriber', workspaceId: world.workspaceId });
    expect(user?.careUnitId).not.toBeNull();
  });

  it('refuses an unknown token', async () => {
    expect(await resolveSessionUser(db, 'no-such-token', policy)).toBeNull();
  });

  it('ends a session at its absolute end and deletes it', async () => {
    const token = await sessionFor('k100ana', { expiresInMinutes: -1 });
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
    expect(await findSessionWithUser(db, token)).toBeNull();
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const token = await sessionFor('k100ana', { idleMinutes: 31 });
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
    expect(await findSessionWithUser(db, token)).toBeNull();
  });

  it('keeps an active session alive by touching it', async () => {
    const token = await sessionFor('k100ana', { idleMinutes: 29 });
    expect(await resolveSessionUser(db, token, policy)).not.toBeNull();
    expect((await findSessionWithUser(db, token))?.lastSeenAt.getTime()).toBe(now.getTime());
  });

  it('takes a role change or a deactivation into account on the next request', async () => {
    const token = await sessionFor('admin');
    expect((await resolveSessionUser(db, token, policy))?.role).toBe('admin');
    const admin = and(eq(prescribers.workspaceId, world.workspaceId), eq(prescribers.username, 'admin'));
    await db.update(prescribers).set({ role: 'prescriber' }).where(admin);
    expect((await resolveSessionUser(db, token, policy))?.role).toBe('prescriber');
    await db.update(prescribers).set({ active: false }).where(admin);
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
    await db.update(prescribers).set({ role: 'admin', active: true }).where(admin);
  });

  it('refuses a signed-in person with no prescriber account', async () => {
    expect(await resolveSessionUser(db, await sessionFor('k999ext'), policy)).toBeNull();
  });

  /** The clock moved by `minutes` from `now`. */
  const at = (minutes: number) => ({ now: new Date(now.getTime() + minutes * MINUTE), idleMinutes: 30 });

  it('never extends the absolute end: a session in use all the time still ends on time', async () => {
    const token = await sessionFor('k100ana', { expiresInMinutes: 100 });
    for (const minute of [0, 25, 50, 75, 99]) {
      expect(await resolveSessionUser(db, token, at(minute)), `minute ${minute}`).not.toBeNull();
    }
    expect((await findSessionWithUser(db, token))?.expires.getTime()).toBe(now.getTime() + 100 * MINUTE);
    expect(await resolveSessionUser(db, token, at(100))).toBeNull();
    expect(await findSessionWithUser(db, token)).toBeNull();
  });

  it('counts idle time from the last request, not from signing in', async () => {
    const token = await sessionFor('k100ana');
    expect(await resolveSessionUser(db, token, at(29))).not.toBeNull();
    expect(await resolveSessionUser(db, token, at(58))).not.toBeNull();
    // Exactly the idle limit since the last request is still allowed; a minute more is not.
    expect(await resolveSessionUser(db, token, at(88))).not.toBeNull();
    expect(await resolveSessionUser(db, token, at(119))).toBeNull();
    expect(await findSessionWithUser(db, token)).toBeNull();
  });

  it('keeps an ended session dead when the clock is turned back', async () => {
    const token = await sessionFor('k100ana', { idleMinutes: 45 });
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
    expect(await resolveSessionUser(db, token, at(-60))).toBeNull();
  });

  it('ends the session at the exact minute of its absolute end', async () => {
    const token = await sessionFor('k100ana', { expiresInMinutes: 0 });
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
  });

  it('refuses a person deactivated while in Övningsläge on the next request', async () => {
    const token = await sessionFor('k300ny');
    const nora = await world.userFor('k300ny');
    const run = await startTrainingRun(
      db,
      world.workspaceId,
      { id: nora.prescriberId, username: nora.username, name: nora.name },
      'skicka-bmb',
      now,
    );
    await setSessionTrainingRun(db, token, run.runId);
    const inTraining = await resolveSessionUser(db, token, policy);
    expect(inTraining?.workspaceId).toBe(run.sandboxWorkspaceId);

    const row = and(eq(prescribers.workspaceId, world.workspaceId), eq(prescribers.username, 'k300ny'));
    await db.update(prescribers).set({ active: false }).where(row);
    expect(await resolveSessionUser(db, token, policy)).toBeNull();
    await db.update(prescribers).set({ active: true }).where(row);
  });

  it("takes an admin's revoked role away from every one of their sessions at once", async () => {
    const tokens = [await sessionFor('admin'), await sessionFor('admin')];
    const admin = and(eq(prescribers.workspaceId, world.workspaceId), eq(prescribers.username, 'admin'));
    await db.update(prescribers).set({ role: 'prescriber' }).where(admin);
    try {
      for (const token of tokens) expect((await resolveSessionUser(db, token, policy))?.role).toBe('prescriber');
    } finally {
      await db.update(prescribers).set({ role: 'admin' }).where(admin);
    }
  });
});
