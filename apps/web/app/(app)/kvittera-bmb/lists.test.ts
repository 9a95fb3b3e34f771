import { answerUnlockRequest, markMessageRead as markMessageReadCommand, requestUnlock, unlockBmbs } from '@bmb/commands';
import {
  listIncomingBmbs,
  listLockedBmbsPage,
  listSentBmbs,
  listUnansweredBmbsInvolving,
  listUnreadDeclinedBmbs,
  listUnreadLansserviceAnswers,
  pageWindow,
  workspaceNow,
} from '@bmb/db/queries';
import { auditEvents, bmbMessageReads, bmbs, unlockRequests } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { checkAdmin } from '@bmb/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualLoan, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { markMessageRead } from './actions';

/**
 * Issue 19, items 3 and 4: the lists of Kvittera BMB, Skickade BMB and Låsta
 * BMB name their devices and both prescribers, sort, filter by state and page
 * with a total; "Markera som läst" puts a message away and keeps the history.
 */
const DAY = 86_400_000;

describe('pageWindow', () => {
  it('clamps the page to 1..pages and counts the offset', () => {
    expect(pageWindow(0, { sort: 'newest', page: 3, size: 50 })).toEqual({ page: 1, pages: 1, offset: 0 });
    expect(pageWindow(101, { sort: 'newest', page: 3, size: 50 })).toEqual({ page: 3, pages: 3, offset: 100 });
    expect(pageWindow(101, { sort: 'newest', page: 9, size: 50 })).toEqual({ page: 3, pages: 3, offset: 100 });
    expect(pageWindow(10, { sort: 'newest', page: -1, size: 5 })).toEqual({ page: 1, pages: 2, offset: 0 });
  });
});

describe.each(testDbKinds())('BMB lists and Markera som läst on %s', (kind) => {
  let world: World;
  let now: Date;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    now = await workspaceNow(world.db, world.workspaceId);
  });
  afterAll(() => world?.handle.close());

  const deps = () => ({ db: world.db });
  const idOf = (key: string) => demoId('bmb', key);
  const sentDaysAgo = (id: string, days: number) =>
    world.db.update(bmbs).set({ sentAt: new Date(Date.now() - days * DAY) }).where(eq(bmbs.id, id));

  it('Kvittera BMB: the incoming list names devices and sender, sorts, filters "Låses inom 2 dagar" and pages with a total', async () => {
    const bo = await world.userFor('k200bo');
    const ids: string[] = [];
    for (const [n, days] of [[1, 1], [2, 6], [3, 3], [4, 2]] as const) {
      const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(n)] });
      await sentDaysAgo(id, days);
      ids.push(id);
    }
    const list = (options: Partial<Parameters<typeof listIncomingBmbs>[4]>) =>
      listIncomingBmbs(world.db, world.workspaceId, bo.prescriberId, now, {
        sort: 'oldest',
        state: 'all',
        page: 1,
        size: 50,
        ...options,
      });

    const oldest = await list({});
    expect(oldest.total).toBe(4);
    // Sent 6, 3, 2 and 1 days ago.
    expect(oldest.rows.map((r) => r.id)).toEqual([ids[1], ids[2], ids[3], ids[0]]);
    expect((await list({ sort: 'newest' })).rows.map((r) => r.id)).toEqual([ids[0], ids[3], ids[2], ids[1]]);

    const row = oldest.rows.find((r) => r.id === ids[2])!;
    expect(row.counterpartUsername).toBe('k100ana');
    expect(row.counterpartName).toBe('Ana Nordin');
    // manual-3: the cushion with individ 170098.
    expect(row.devices).toMatch(/^10156 .+ \(individ 170098\)$/);

    // Two days or less left: the one sent 6 days ago (1 day left); 2 days ago leaves 5.
    const soon = await list({ state: 'soon' });
    expect(soon.rows.map((r) => r.id)).toEqual([ids[1]]);
    expect(soon.total).toBe(1);

    const first = await list({ size: 3 });
    const second = await list({ size: 3, page: 2 });
    expect([first.total, first.page, first.pages, first.rows.length]).toEqual([4, 1, 2, 3]);
    expect([second.page, second.rows.length]).toEqual([2, 1]);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(oldest.rows.map((r) => r.id));
    // Past the last page: the last page.
    expect((await list({ size: 3, page: 40 })).rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));

    // Out of the way for what follows: declined, the loans free again.
    await world.db
      .update(bmbs)
      .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'test cleanup' })
      .where(inArray(bmbs.id, ids));
  });

  it('Ej besvarad BMB: the same columns for the sender and the receiver of a locked BMB', async () => {
    const ana = await world.userFor('k100ana');
    const bo = await world.userFor('k200bo');
    const forBo = await listUnansweredBmbsInvolving(world.db, world.workspaceId, bo.prescriberId, now);
    const forAna = await listUnansweredBmbsInvolving(world.db, world.workspaceId, ana.prescriberId, now);
    const locked2 = idOf('locked-2');
    const asReceiver = forBo.find((r) => r.id === locked2)!;
    const asSender = forAna.find((r) => r.id === locked2)!;
    expect(asReceiver.sentByMe).toBe(false);
    expect(asSender.sentByMe).toBe(true);
    for (const row of [asReceiver, asSender]) {
      expect(row.sender).toMatchObject({ username: 'k100ana', name: 'Ana Nordin' });
      expect(row.receiver).toMatchObject({ username: 'k200bo', name: 'Bo Lindberg' });
      expect(row.devices).toMatch(/^41002 /);
    }
    expect(forAna.map((r) => r.id)).toEqual(expect.arrayContaining([idOf('locked-1'), locked2]));
  });

  it('Skickade BMB: filters by state (Upplåsning begärd among them), sorts by date and pages', async () => {
    const ana = await world.userFor('k100ana');
    const asked = await requestUnlock(deps(), ana, { bmbId: idOf('locked-1'), message: 'Eva var bortrest.' });
    expect(asked.ok).toBe(true);
    const list = (options: Partial<Parameters<typeof listSentBmbs>[4]>) =>
      listSentBmbs(world.db, world.workspaceId, ana.prescriberId, now, {
        sort: 'newest',
        state: 'all',
        page: 1,
        size: 50,
        ...options,
      });

    const requested = await list({ state: 'unlock-requested' });
    expect(requested.rows.map((r) => r.id)).toEqual([idOf('locked-1')]);
    expect(requested.rows[0]!.unlockRequestedAt).toBeInstanceOf(Date);
    const locked = await list({ state: 'locked' });
    expect(locked.rows.map((r) => r.id).sort()).toEqual([idOf('locked-1'), idOf('locked-2')].sort());
    expect(locked.rows.find((r) => r.id === idOf('locked-2'))!.unlockRequestedAt).toBeNull();
    expect((await list({ state: 'rejected' })).total).toBe(4);
    expect((await list({ state: 'waiting' })).total).toBe(0);

    const all = await list({});
    const at = (r: (typeof all.rows)[number]) => (r.sentAt ?? r.createdAt).getTime();
    expect(all.rows.map(at)).toEqual([...all.rows.map(at)].sort((a, b) => b - a));
    const oldest = await list({ sort: 'oldest' });
    expect(oldest.rows.map((r) => r.id)).toEqual([...all.rows].reverse().map((r) => r.id));
    expect(all.rows.every((r) => r.devices.length > 0)).toBe(true);

    const pages = [];
    for (let page = 1; page <= all.total; page++) pages.push(...(await list({ size: 1, page })).rows.map((r) => r.id));
    expect(pages).toEqual(all.rows.map((r) => r.id));
    expect((await list({ size: 1 })).pages).toBe(all.total);
  });

  it('Låsta BMB: filters on a requested unlock, sorts and pages with a total', async () => {
    const admin = checkAdmin(await world.userFor('admin'))!;
    const list = (options: Partial<Parameters<typeof listLockedBmbsPage>[4]>) =>
      listLockedBmbsPage(world.db, admin, now, {}, { sort: 'oldest', state: 'all', page: 1, size: 50, ...options });
    const all = await list({});
    expect(all.rows.map((r) => r.id)).toEqual([idOf('locked-1'), idOf('locked-2')]);
    expect((await list({ sort: 'newest' })).rows.map((r) => r.id)).toEqual([idOf('locked-2'), idOf('locked-1')]);
    expect((await list({ state: 'requested' })).rows.map((r) => r.id)).toEqual([idOf('locked-1')]);
    const notRequested = await list({ state: 'not-requested' });
    expect([notRequested.total, ...notRequested.rows.map((r) => r.id)]).toEqual([1, idOf('locked-2')]);
    const second = await list({ size: 1, page: 2 });
    expect([second.total, second.page, second.pages, second.rows[0]!.id]).toEqual([2, 2, 2, idOf('locked-2')]);
    // The search narrows the count too.
    const searched = await listLockedBmbsPage(world.db, admin, now, { query: 'k200bo' }, { sort: 'oldest', state: 'all', page: 1, size: 50 });
    expect([searched.total, ...searched.rows.map((r) => r.id)]).toEqual([1, idOf('locked-2')]);
  });

  it('Markera som läst: a declined BMB leaves the list for its sender only, once, audited, and the mark is kept', async () => {
    const ana = await world.userFor('k100ana');
    const declined = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] });
    await world.db
      .update(bmbs)
      .set({ status: 'rejected', answeredAt: now, answerMessage: 'Inte min patient.' })
      .where(eq(bmbs.id, declined));
    const unread = () => listUnreadDeclinedBmbs(world.db, world.workspaceId, ana.prescriberId, now);
    expect((await unread()).map((r) => r.id)).toContain(declined);
    expect((await unread()).find((r) => r.id === declined)).toMatchObject({
      answerMessage: 'Inte min patient.',
      receiver: { username: 'k200bo', name: 'Bo Lindberg' },
    });

    // Somebody else (the receiver): not found, nothing marked.
    session.user = await world.userFor('k200bo');
    const before = await tableChecksums(world.db, ['audit_events']);
    const refused = await settle(() => markMessageRead({}, formData({ kind: 'rejected', id: declined })));
    expect(refused).toMatchObject({ returned: { failure: { code: 'not-found' } } });
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(before);

    session.user = ana;
    const clicks = await Promise.all([1, 2].map(() => settle(() => markMessageRead({}, formData({ kind: 'rejected', id: declined })))));
    for (const click of clicks) expect(click).toEqual({ returned: { done: true } });
    expect(await settle(() => markMessageRead({}, formData({ kind: 'rejected', id: declined })))).toEqual({
      returned: { done: true },
    });
    expect((await unread()).map((r) => r.id)).not.toContain(declined);

    const marks = await world.db.select().from(bmbMessageReads).where(eq(bmbMessageReads.bmbId, declined));
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ prescriberId: ana.prescriberId, kind: 'rejected', subjectId: declined });
    expect(marks[0]!.readAt).toBeInstanceOf(Date);
    const audited = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'bmb.message.read'), eq(auditEvents.entityId, declined)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorId).toBe(ana.prescriberId);
    // The BMB itself is untouched: it is still declined, in Skickade BMB's history.
    expect((await world.db.select().from(bmbs).where(eq(bmbs.id, declined)))[0]!.status).toBe('rejected');
  });

  it("Markera som läst: Länsservice's answers, an unlock and a declined request, each leave the list", async () => {
    const ana = await world.userFor('k100ana');
    const admin = await world.userFor('admin');
    // locked-1 has an open request (above): declined. locked-2 is unlocked.
    const [request] = await world.db
      .select()
      .from(unlockRequests)
      .where(and(eq(unlockRequests.bmbId, idOf('locked-1')), eq(unlockRequests.status, 'open')));
    expect(
      (await answerUnlockRequest(deps(), admin, { requestId: request!.id, decision: 'decline', message: 'Ring kundtjänst.' })).ok,
    ).toBe(true);
    expect((await unlockBmbs(deps(), admin, { bmbIds: [idOf('locked-2')], reason: 'Enligt samtal.' })).ok).toBe(true);
    const later = await workspaceNow(world.db, world.workspaceId);
    const answers = () => listUnreadLansserviceAnswers(world.db, world.workspaceId, ana.prescriberId, later);

    const both = await answers();
    expect(both.map((r) => [r.kind, r.subjectId, r.bmbId])).toEqual(
      expect.arrayContaining([
        ['unlock_declined', request!.id, idOf('locked-1')],
        ['unlocked', idOf('locked-2'), idOf('locked-2')],
      ]),
    );
    expect(both.find((r) => r.kind === 'unlocked')).toMatchObject({ message: 'Enligt samtal.', receiverUsername: 'k200bo' });

    // The BMB's id is not the declined request's: the key is the request.
    const wrong = await markMessageReadCommand(deps(), ana, { kind: 'unlock_declined', id: idOf('locked-1') });
    expect(wrong).toMatchObject({ ok: false, code: 'not-found' });
    const malformed = await markMessageReadCommand(deps(), ana, { kind: 'read-all', id: 'x' });
    expect(malformed).toMatchObject({ ok: false, code: 'invalid-input' });

    session.user = ana;
    expect(await settle(() => markMessageRead({}, formData({ kind: 'unlock_declined', id: request!.id })))).toEqual({
      returned: { done: true },
    });
    expect((await answers()).map((r) => r.kind)).toEqual(['unlocked']);
    expect(await settle(() => markMessageRead({}, formData({ kind: 'unlocked', id: idOf('locked-2') })))).toEqual({
      returned: { done: true },
    });
    expect(await answers()).toEqual([]);
    const marks = await world.db.select().from(bmbMessageReads).where(eq(bmbMessageReads.prescriberId, ana.prescriberId));
    expect(marks.map((m) => m.kind).sort()).toEqual(['rejected', 'unlock_declined', 'unlocked']);
  });
});
