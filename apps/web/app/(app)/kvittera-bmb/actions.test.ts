import { bmbDeadline } from '@bmb/domain';
import {
  countBmbsAwaitingAnswer,
  listBmbsAwaitingAnswer,
  listLockedBmbsInvolving,
  listRejectedBmbsSentBy, setClockOffset, workspaceNow } from '@bmb/db/queries';
import { auditEvents, bmbLines, bmbs, loans, patientAccessLog } from '@bmb/db/schema';
import { demoId, demoPatients } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualLoan, resetManualDevices, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { answerBmb, type AnswerFormState } from './actions';

const empty: AnswerFormState = { values: { bmbId: '', approved: '', deliveryAddressId: '', payerId: '', message: '' } };
const unit = (code: string) => demoId('care-unit', code);

describe.each(testDbKinds())('answerBmb on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('k200bo');
  });
  afterEach(() => resetManualDevices(world));
  afterAll(() => world?.handle.close());

  const bmb = async (id: string) => (await world.db.select().from(bmbs).where(eq(bmbs.id, id)))[0]!;
  const loan = async (id: string) => (await world.db.select().from(loans).where(eq(loans.id, id)))[0]!;
  const answer = (bmbId: string, approved: 'ja' | 'nej', extra: Record<string, string> = {}) =>
    settle(() =>
      answerBmb(
        empty,
        formData({ bmbId, approved, deliveryAddressId: unit('5230'), payerId: unit('5210'), message: '', ...extra }),
      ),
    );
  const answerEvents = async (id: string) =>
    world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), inArray(auditEvents.action, ['bmb.accepted', 'bmb.rejected'])));

  it('pages a long inbox oldest first: every waiting BMB exactly once, in order', async () => {
    for (const n of [1, 2, 3, 4] as const) await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(n)] });
    const receiver = session.user!.prescriberId;
    const now = await workspaceNow(world.db, world.workspaceId);
    const all = await listBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, now, { size: 1000 });
    expect(all.next).toBeNull();
    expect(all.rows.length).toBeGreaterThanOrEqual(4);
    expect(all.rows.length).toBe(await countBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, now));

    const paged: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, now, { after, size: 3 });
      expect(page.rows.length).toBeLessThanOrEqual(3);
      paged.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      expect(page.next).toBe(page.rows.at(-1)!.id);
      after = page.next;
    }
    expect(paged).toEqual(all.rows.map((r) => r.id));
    const sentAt = all.rows.map((r) => r.sentAt.getTime());
    expect(sentAt).toEqual([...sentAt].sort((a, b) => a - b));
  });

  it('Ja moves every loan to the receiver with the chosen address and payer, in one audited step', async () => {
    const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3), manualLoan(4)] });
    const before = await loan(manualLoan(3));
    expect(await answer(id, 'ja')).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=ja' });

    for (const n of [3, 4] as const) {
      expect(await loan(manualLoan(n))).toMatchObject({
        prescriberId: session.user!.prescriberId,
        payerId: unit('5210'),
        deliveryAddressId: unit('5230'),
        patientId: before.patientId,
        position: n,
      });
    }
    expect(await bmb(id)).toMatchObject({ status: 'accepted', chosenPayerId: unit('5210'), chosenDeliveryAddressId: unit('5230') });
    const lines = await world.db.select().from(bmbLines).where(eq(bmbLines.bmbId, id));
    expect(lines.every((l) => l.bmbStatus === 'accepted')).toBe(true);
    const events = await answerEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'bmb.accepted',
      after: {
        moves: expect.arrayContaining([
          expect.objectContaining({
            loanId: manualLoan(3),
            before: expect.objectContaining({ prescriberId: before.prescriberId, payerId: before.payerId }),
            after: expect.objectContaining({ prescriberId: session.user!.prescriberId, payerId: unit('5210') }),
          }),
        ]),
      },
    });
    const access = await world.db.select().from(patientAccessLog).where(eq(patientAccessLog.action, 'bmb.answer'));
    expect(access.length).toBeGreaterThan(0);
  });

  it('Nej needs a message, moves nothing, and the sender sees the answer at once', async () => {
    const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
    const before = await loan(manualLoan(2));
    const sums = await tableChecksums(world.db);
    const noMessage = await answer(id, 'nej');
    expect('returned' in noMessage && noMessage.returned.failure?.fieldErrors?.message?.[0]).toMatch(/Skriv ett meddelande/);
    expect(await tableChecksums(world.db)).toEqual(sums);

    expect(await answer(id, 'nej', { message: 'Patienten är inte listad hos oss.' })).toEqual({
      redirectedTo: '/kvittera-bmb?besvarad=nej',
    });
    expect(await loan(manualLoan(2))).toEqual(before);
    expect(await bmb(id)).toMatchObject({ status: 'rejected', answerMessage: 'Patienten är inte listad hos oss.' });
    const ana = await world.userFor('k100ana');
    const rejected = await listRejectedBmbsSentBy(world.db, world.workspaceId, ana.prescriberId, await workspaceNow(world.db, world.workspaceId));
    expect(rejected.find((r) => r.id === id)?.answerMessage).toBe('Patienten är inte listad hos oss.');
  });

  it('only the named receiver can answer; others change nothing', async () => {
    const id = await sendBmbAs(world, session, 'k100ana');
    for (const username of ['k400eva', 'k100ana', 'admin']) {
      session.user = await world.userFor(username);
      const sums = await tableChecksums(world.db, ['audit_events']);
      const outcome = await answer(id, 'ja', { deliveryAddressId: unit('4120'), payerId: unit('4120') });
      expect('returned' in outcome && outcome.returned.failure?.code, username).toBe('not-found');
      expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
      // The attempt itself is recorded.
      const [denial] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      expect(denial).toMatchObject({ action: 'action.denied', actorId: session.user.prescriberId, after: { action: 'bmb.answer' } });
    }
  });

  it("refuses an address or payer that is not the receiver's own", async () => {
    const id = await sendBmbAs(world, session, 'k100ana');
    const sums = await tableChecksums(world.db);
    const outcome = await answer(id, 'ja', { deliveryAddressId: unit('2990'), payerId: unit('2990') });
    const errors = 'returned' in outcome ? outcome.returned.failure?.fieldErrors : {};
    expect(errors?.payerId?.[0]).toMatch(/dina egna betalare/);
    expect(errors?.deliveryAddressId?.[0]).toMatch(/dina egna kund\/leveransadresser/);
    expect(await tableChecksums(world.db)).toEqual(sums);
  });

  it('asks for each choice in its own words when the receiver chose nothing, and changes nothing', async () => {
    const id = await sendBmbAs(world, session, 'k100ana');
    const sums = await tableChecksums(world.db);
    const outcome = await answer(id, 'ja', { deliveryAddressId: '', payerId: '' });
    expect('returned' in outcome && outcome.returned.failure?.fieldErrors).toEqual({
      deliveryAddressId: ['Välj kund/leveransadress.'],
      payerId: ['Välj betalare.'],
    });
    // Nothing chosen at all: every field says what is missing, once.
    const nothing = await answer(id, '' as 'ja', { deliveryAddressId: '', payerId: '' });
    expect('returned' in nothing && nothing.returned.failure?.fieldErrors).toEqual({
      deliveryAddressId: ['Välj kund/leveransadress.'],
      payerId: ['Välj betalare.'],
      approved: ['Välj Ja eller Nej under Godkänn.'],
    });
    expect(await tableChecksums(world.db)).toEqual(sums);
  });

  it('refuses a message over 1,000 characters with a message, and shows it back whole', async () => {
    const id = await sendBmbAs(world, session, 'k100ana');
    const sums = await tableChecksums(world.db);
    for (const length of [1001, 1200, 5000]) {
      const text = 'å'.repeat(length);
      const outcome = await answer(id, 'nej', { message: text });
      expect('returned' in outcome && outcome.returned.failure?.fieldErrors?.message, `${length}`).toEqual([
        'Meddelandet får vara högst 1000 tecken.',
      ]);
      expect('returned' in outcome && outcome.returned.values.message).toBe(text);
    }
    expect(await tableChecksums(world.db)).toEqual(sums);
    // Exactly the limit is kept as written.
    const limit = 'x'.repeat(1000);
    expect(await answer(id, 'nej', { message: limit })).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=nej' });
    expect((await bmb(id)).answerMessage).toBe(limit);
  });

  it('answers exactly once', async () => {
    const id = await sendBmbAs(world, session, 'k100ana');
    await answer(id, 'ja');
    const again = await answer(id, 'nej', { message: 'Ångrar mig' });
    expect('returned' in again && again.returned.failure?.message).toMatch(/redan besvarad/);
    expect(await answerEvents(id)).toHaveLength(1);
  });

  describe('the 7-day deadline, in a week with a daylight-saving change', () => {
    // Sent Wednesday 10:00 CET; Sweden moves to summer time on Sunday: the deadline is 10:00 CEST.
    const sentAt = new Date('2026-03-25T09:00:00Z');
    const deadline = bmbDeadline(sentAt);

    async function sentInDstWeek(): Promise<string> {
      const id = await sendBmbAs(world, session, 'k100ana');
      await world.db.update(bmbs).set({ sentAt }).where(eq(bmbs.id, id));
      return id;
    }
    async function setClockTo(target: Date, round: 'floor' | 'ceil') {
      await setClockOffset(world.db, world.workspaceId, 0);
      const dbNow = await workspaceNow(world.db, world.workspaceId);
      await setClockOffset(world.db, world.workspaceId, Math[round]((target.getTime() - dbNow.getTime()) / 1000));
    }

    it('is answerable one second before the deadline', async () => {
      const id = await sentInDstWeek();
      await setClockTo(new Date(deadline.getTime() - 1000), 'floor');
      expect(await answer(id, 'ja')).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=ja' });
    });

    it('is locked one second after: no answer, nothing changes, no longer counted as waiting', async () => {
      const id = await sentInDstWeek();
      const receiver = session.user!.prescriberId;
      await setClockTo(new Date(deadline.getTime() - 60_000), 'floor');
      const waitingBefore = await countBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, await workspaceNow(world.db, world.workspaceId));
      await setClockTo(new Date(deadline.getTime() + 1000), 'ceil');
      const sums = await tableChecksums(world.db);
      const outcome = await answer(id, 'ja');
      expect('returned' in outcome && outcome.returned.failure?.message).toMatch(/låst/);
      expect(await tableChecksums(world.db)).toEqual(sums);
      const waitingAfter = await countBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, await workspaceNow(world.db, world.workspaceId));
      expect(waitingAfter).toBe(waitingBefore - 1);

      // Låst to both sides: still in the receiver's list, and under the sender's "Ej besvarad BMB".
      const now = await workspaceNow(world.db, world.workspaceId);
      const inbox = await listBmbsAwaitingAnswer(world.db, world.workspaceId, receiver, now);
      expect(inbox.rows.some((r) => r.id === id)).toBe(false);
      const lockedForReceiver = await listLockedBmbsInvolving(world.db, world.workspaceId, receiver, now);
      expect(lockedForReceiver.find((r) => r.id === id)).toMatchObject({ sentByMe: false, counterpartUsername: 'k100ana' });
      const ana = await world.userFor('k100ana');
      const lockedForSender = await listLockedBmbsInvolving(world.db, world.workspaceId, ana.prescriberId, now);
      expect(lockedForSender.find((r) => r.id === id)).toMatchObject({ sentByMe: true, counterpartUsername: 'k200bo' });
    });
  });

  it('patient to patient: Ja moves the device to the new patient, at the end of their list', async () => {
    const other = demoId('patient', demoPatients[5]!.personnummer);
    const id = await sendBmbAs(world, session, 'k100ana', {
      loanIds: [manualLoan(1)],
      newPatientPersonnummer: demoPatients[5]!.personnummer,
      needsAssessmentConfirmed: true,
      deviceSafeConfirmed: true,
    });
    const positions = (await world.db.select().from(loans).where(eq(loans.patientId, other))).map((l) => l.position);
    await answer(id, 'ja');
    expect(await loan(manualLoan(1))).toMatchObject({ patientId: other, position: Math.max(0, ...positions) + 1 });
  });

  it('20 concurrent answers (Ja, Nej and a double click) leave one outcome and one audit event', async () => {
    const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? answer(id, 'ja') : answer(id, 'nej', { message: `Nej nummer ${i}` }),
    );
    const outcomes = await Promise.all(attempts);
    const succeeded = outcomes.filter((o) => 'redirectedTo' in o);
    expect(succeeded).toHaveLength(1);
    for (const o of outcomes) {
      if ('returned' in o) expect(o.returned.failure?.message).toMatch(/redan besvarad/);
    }
    expect(await answerEvents(id)).toHaveLength(1);
    const final = await bmb(id);
    const expected = 'redirectedTo' in succeeded[0]! && succeeded[0].redirectedTo.endsWith('ja') ? 'accepted' : 'rejected';
    expect(final.status).toBe(expected);
  });
});
