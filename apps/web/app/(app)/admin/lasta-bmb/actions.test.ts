import { listLockedBmbs, listUnlockNewsForSender, listUnlockRequestQueue, workspaceNow } from '@bmb/db/queries';
import { auditEvents, bmbLines, bmbs, prescribers, unlockRequests } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestUnlock } from '@/app/(app)/skickade-bmb/actions';
import { createDraft, manualLoan, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { answerUnlockRequest, unlockBmbs } from './actions';

const seededLocked = demoId('bmb', 'locked-1');

describe.each(testDbKinds())('unlocking on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
    // A second Länsservice admin, for the race.
    await world.db.insert(prescribers).values({
      workspaceId: world.workspaceId,
      id: demoId('prescriber', 'admin2'),
      username: 'admin2',
      name: 'Länsservice Kundtjänst 2',
      role: 'admin',
    });
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('admin');
  });
  afterAll(() => world?.handle.close());

  const bmb = async (id: string) => (await world.db.select().from(bmbs).where(eq(bmbs.id, id)))[0]!;
  /** Sends the manual's loan `n` from k100ana to k200bo and lets it lock (sent eight days ago). */
  async function lockedBmb(n: 1 | 2 | 3 | 4): Promise<string> {
    const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(n)] });
    await world.db.update(bmbs).set({ sentAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(bmbs.id, id));
    return id;
  }
  const unlock = (ids: string[], reason: string) => unlockBmbs({ reason: '' }, formData({ bmbIds: ids, reason }));
  const unlockEvents = async (id: string) =>
    world.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'bmb.unlocked'), eq(auditEvents.entityId, id)));

  it('prescribers are refused every admin action, which changes nothing and is recorded', async () => {
    session.user = await world.userFor('k100ana');
    const sums = await tableChecksums(world.db, ['audit_events']);
    expect((await unlock([seededLocked], 'Jag vill')).failure?.code).toBe('forbidden');
    const answered = await answerUnlockRequest({ message: '' }, formData({ requestId: demoId('x', 'y'), decision: 'unlock', message: 'Jag vill' }));
    expect(answered.failure?.code).toBe('forbidden');
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
    const [denial] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(denial).toMatchObject({ action: 'action.denied', actorId: session.user.prescriberId, after: { reason: 'forbidden' } });
  });

  it('requires a reason and changes nothing without one', async () => {
    const sums = await tableChecksums(world.db);
    const state = await unlock([seededLocked], '');
    expect(state.failure?.fieldErrors?.reason?.[0]).toMatch(/skäl/);
    expect(await tableChecksums(world.db)).toEqual(sums);
  });

  it('refuses to unlock a BMB that is not locked', async () => {
    const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] });
    const state = await unlock([id], 'Fel BMB');
    expect(state.done).toEqual({ unlocked: 0, refused: ['Bara en låst BMB kan låsas upp.'] });
    expect((await bmb(id)).status).toBe('sent');
    await world.db.update(bmbs).set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'x' }).where(eq(bmbs.id, id));
  });

  it('unlocks: the BMB closes as Upplåst, is audited, and the sender can send its device again', async () => {
    const id = await lockedBmb(2);
    const state = await unlock([id], 'Mottagaren var sjukskriven.');
    expect(state.done).toEqual({ unlocked: 1, refused: [] });
    expect(await bmb(id)).toMatchObject({
      status: 'unlocked',
      unlockReason: 'Mottagaren var sjukskriven.',
      unlockedById: session.user!.prescriberId,
    });
    const lines = await world.db.select().from(bmbLines).where(eq(bmbLines.bmbId, id));
    expect(lines.map((l) => l.bmbStatus)).toEqual(['unlocked']);
    expect(await unlockEvents(id)).toHaveLength(1);

    session.user = await world.userFor('k100ana');
    const now = await workspaceNow(world.db, world.workspaceId);
    const news = await listUnlockNewsForSender(world.db, world.workspaceId, session.user.prescriberId, now);
    expect(news.find((n) => n.bmbId === id)).toMatchObject({ outcome: 'unlocked', message: 'Mottagaren var sjukskriven.' });
    const again = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)], newPrescriberUsername: 'k400eva' });
    expect((await bmb(again)).status).toBe('sent');
    await world.db.update(bmbs).set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'x' }).where(eq(bmbs.id, again));
  });

  it('unlocks several at once with one reason', async () => {
    const ids = [await lockedBmb(3), await lockedBmb(4)];
    expect((await unlock(ids, 'Semester hos mottagaren.')).done).toEqual({ unlocked: 2, refused: [] });
    for (const id of ids) expect((await bmb(id)).status).toBe('unlocked');
  });

  it('two admins unlocking the same BMB at once produce one unlock', async () => {
    const id = await lockedBmb(1);
    const admin = await world.userFor('admin');
    const admin2 = await world.userFor('admin2');
    const attempts = Array.from({ length: 10 }, async (_, i) => {
      // Each call reads the session user when it starts: alternate the two admins.
      session.user = i % 2 ? admin2 : admin;
      return unlock([id], `Upplåst av admin ${i % 2 ? 2 : 1}`);
    });
    const states = await Promise.all(attempts);
    expect(states.reduce((n, s) => n + (s.done?.unlocked ?? 0), 0)).toBe(1);
    for (const s of states) if (s.done?.unlocked === 0) expect(s.done.refused).toEqual(['BMB:n är redan upplåst.']);
    expect(await unlockEvents(id)).toHaveLength(1);
  });

  it('finds a lock by the names the caller gives: the sender’s, the receiver’s, the patient’s (issue 20, item 3)', async () => {
    const admin = testAdminScope(world.workspaceId);
    const now = await workspaceNow(world.db, world.workspaceId);
    const found = async (query: string) => (await listLockedBmbs(world.db, admin, now, { query })).rows.map((r) => r.id);
    expect(await found('Ana Nordin')).toContain(seededLocked);
    expect(await found('strand')).toContain(seededLocked); // Eva Strand, the receiver
    expect(await found('Öberg')).toContain(seededLocked);
    expect(await found('Ingen Sådan Person')).toEqual([]);
  });

  it('Begär upplåsning: only the sender, only when locked, once; Länsservice declines, then unlocks', async () => {
    session.user = await world.userFor('k400eva');
    expect((await requestUnlock({ message: '' }, formData({ bmbId: seededLocked }))).failure?.message).toMatch(
      /Bara den som skickade/,
    );
    session.user = await world.userFor('k100ana');
    const waiting = await createDraft({ loanIds: [manualLoan(2)] });
    expect((await requestUnlock({ message: '' }, formData({ bmbId: waiting }))).failure?.message).toMatch(/inte låst/);

    expect(await requestUnlock({ message: '' }, formData({ bmbId: seededLocked, message: 'Eva var på semester.' }))).toEqual({
      values: { message: '' },
      done: true,
    });
    const twice = await requestUnlock({ message: '' }, formData({ bmbId: seededLocked }));
    expect(twice.failure?.message).toMatch(/redan begärt/);
    const [request] = await world.db
      .select()
      .from(unlockRequests)
      .where(and(eq(unlockRequests.bmbId, seededLocked), eq(unlockRequests.status, 'open')));
    expect(request).toMatchObject({ message: 'Eva var på semester.', requestedById: session.user.prescriberId });

    session.user = await world.userFor('admin');
    const noMessage = await answerUnlockRequest({ message: '' }, formData({ requestId: request!.id, decision: 'decline', message: '' }));
    expect(noMessage.failure?.message).toMatch(/varför upplåsningen nekas/);
    const declined = await settle(() =>
      answerUnlockRequest({ message: '' }, formData({ requestId: request!.id, decision: 'decline', message: 'Kontakta Eva först.' })),
    );
    expect(declined).toEqual({ redirectedTo: '/admin/lasta-bmb?besvarad=nekad' });
    expect((await bmb(seededLocked)).status).toBe('sent');

    session.user = await world.userFor('k100ana');
    const now = await workspaceNow(world.db, world.workspaceId);
    const news = await listUnlockNewsForSender(world.db, world.workspaceId, session.user.prescriberId, now);
    expect(news.find((n) => n.bmbId === seededLocked)).toMatchObject({ outcome: 'declined', message: 'Kontakta Eva först.' });
    await requestUnlock({ message: '' }, formData({ bmbId: seededLocked, message: 'Eva har svarat nu.' }));

    session.user = await world.userFor('admin');
    const [second] = await world.db
      .select()
      .from(unlockRequests)
      .where(and(eq(unlockRequests.bmbId, seededLocked), eq(unlockRequests.status, 'open')));
    const unlocked = await settle(() =>
      answerUnlockRequest(
        { message: '' },
        formData({ requestId: second!.id, decision: 'unlock', message: 'Enligt överenskommelse med Eva.' }),
      ),
    );
    expect(unlocked).toEqual({ redirectedTo: '/admin/lasta-bmb?besvarad=upplast' });
    expect(await bmb(seededLocked)).toMatchObject({ status: 'unlocked', unlockReason: 'Enligt överenskommelse med Eva.' });
    const [closed] = await world.db.select().from(unlockRequests).where(eq(unlockRequests.id, second!.id));
    expect(closed).toMatchObject({ status: 'unlocked', answeredById: session.user.prescriberId });
  });
  it('lists locked BMBs a page at a time, oldest first, and the request queue oldest request first', async () => {
    const older = await lockedBmb(1);
    const newer = await lockedBmb(2);
    await world.db.update(bmbs).set({ sentAt: new Date(Date.now() - 9 * 86_400_000) }).where(eq(bmbs.id, older));
    const now = await workspaceNow(world.db, world.workspaceId);
    const all = await listLockedBmbs(world.db, testAdminScope(world.workspaceId), now, {}, { size: 1000 });
    expect(all.next).toBeNull();
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([older, newer]));
    const sentAt = all.rows.map((r) => r.sentAt.getTime());
    expect(sentAt).toEqual([...sentAt].sort((a, b) => a - b));

    const paged: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listLockedBmbs(world.db, testAdminScope(world.workspaceId), now, {}, { after, size: 1 });
      paged.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(paged).toEqual(all.rows.map((r) => r.id));

    // The queue is in the order the requests came, not the order the BMBs were sent.
    session.user = await world.userFor('k100ana');
    for (const id of [newer, older]) expect(await requestUnlock({ message: '' }, formData({ bmbId: id }))).toEqual({ values: { message: '' }, done: true });
    const queue = await listUnlockRequestQueue(world.db, testAdminScope(world.workspaceId), now, 1);
    expect(queue.total).toBeGreaterThanOrEqual(2);
    expect(queue.rows.map((r) => r.id)).toEqual([newer]);
    const whole = await listUnlockRequestQueue(world.db, testAdminScope(world.workspaceId), now, 1000);
    expect(whole.rows).toHaveLength(whole.total);
    expect(whole.rows.map((r) => r.id).indexOf(newer)).toBeLessThan(whole.rows.map((r) => r.id).indexOf(older));

    session.user = await world.userFor('admin');
    expect((await unlock([older, newer], 'Testet är klart.')).done).toEqual({ unlocked: 2, refused: [] });
  });
});
