import { randomUUID } from 'node:crypto';
import { notificationCounts, setClockOffset } from '@bmb/db/queries';
import { notifications, prescribers, workspaces } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import { smtpMailer } from '@bmb/notifications';
import { startHousekeeping } from '@bmb/notifications/housekeeping';
import { startNotificationWorker, type NotificationWorker } from '@bmb/notifications/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { answerUnlockRequest, unlockBmbs } from '@/app/(app)/admin/lasta-bmb/actions';
import { requestUnlock } from '@/app/(app)/skickade-bmb/actions';
import { manualLoan, resetManualDevices, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { SmtpSink } from '@/test/smtp-sink';
import { createWorld, type World } from '@/test/world';

const ANA = 'ana.nordin@region.example';
const BO = 'bo.lindberg@region.example';
const DAY = 24 * 3600;
const unit = (code: string) => demoId('care-unit', code);
/** Nothing about the patient may leave in a mail: the manual's test patient's number and names. */
const PATIENT_DATA = /191212121212|19121212-1212|121212-1212|Svensson|Testare/;

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testDbKinds())('notifications by e-mail on %s', (kind) => {
  let world: World;
  const smtp = new SmtpSink();
  const workers: NotificationWorker[] = [];

  async function startWorker(): Promise<NotificationWorker> {
    const worker = await startNotificationWorker({
      handle: world.handle,
      mailer: smtpMailer(smtp.url, 'BMB <bmb@region.example>'),
      appUrl: 'https://bmb.region.example',
      // Minutes in production; short here so that failure and recovery fit in a test.
      sweepIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
      retry: { retryLimit: 2, retryDelay: 1, requeueAfterSeconds: 1 },
    });
    workers.push(worker);
    return worker;
  }

  const answer = (bmbId: string, approved: 'ja' | 'nej', message = '') =>
    settle(() =>
      answerBmb(
        { values: { bmbId, approved: '', deliveryAddressId: '', payerId: '', message: '' } } as never,
        formData({ bmbId, approved, deliveryAddressId: unit('5230'), payerId: unit('5210'), message }),
      ),
    );
  const outbox = (bmbId: string) => world.db.select().from(notifications).where(eq(notifications.bmbId, bmbId));
  const moveClock = (seconds: number) => setClockOffset(world.db, world.workspaceId, seconds);

  beforeAll(async () => {
    world = await createWorld(kind);
    await smtp.start();
  });
  beforeEach(async () => {
    session.world = world;
    smtp.mails.length = 0;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await resetManualDevices(world);
    // Mail left from one test must not count in the next.
    await world.db.update(notifications).set({ status: 'cancelled', cancelReason: 'test cleanup' }).where(eq(notifications.status, 'pending'));
  });
  afterAll(async () => {
    await smtp.stop();
    await world?.handle.close();
  });

  it('tells the receiver a BMB arrived and the sender the answer, once each, with no patient data', async () => {
    const worker = await startWorker();
    const bmbId = await sendBmbAs(world, session, 'k100ana');
    await worker.sweep();
    await eventually(() => smtp.to(BO).length === 1, 'the arrival notice');
    const [arrival] = smtp.to(BO);
    expect(arrival!.subject).toBe('Du har fått en BMB att kvittera');
    expect(arrival!.raw).toContain('Ana Nordin har skickat en BMB');
    expect(arrival!.raw).toContain(`https://bmb.region.example/kvittera-bmb/${bmbId}`);

    session.user = await world.userFor('k200bo');
    // The receiver names the patient in the message: it must not leave the system.
    expect(await answer(bmbId, 'nej', 'Svensson, Testare 19121212-1212 hör till Ortopeden.')).toMatchObject({
      redirectedTo: expect.any(String),
    });
    await worker.sweep();
    await eventually(() => smtp.to(ANA).length === 1, 'the answer to the sender');
    const [answered] = smtp.to(ANA);
    expect(answered!.subject).toBe('Din BMB är inte godkänd');
    expect(answered!.raw).toContain('hör till Ortopeden.');

    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.mails).toHaveLength(2);
    for (const mail of smtp.mails) expect(mail.raw).not.toMatch(PATIENT_DATA);
    // The reminder and the lock notice are moot once answered.
    const rows = await outbox(bmbId);
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['bmb_answered', 'sent'],
      ['bmb_arrived', 'sent'],
      ['bmb_locked', 'cancelled'],
      ['bmb_reminder', 'cancelled'],
    ]);
  });

  it('reminds the receiver when 2 days remain, not before, and not once answered', async () => {
    const worker = await startWorker();
    const waiting = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] });
    const answered = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(4)] });
    session.user = await world.userFor('k200bo');
    await answer(answered, 'ja');
    await worker.sweep();
    // The answered BMB's arrival notice was still pending when the answer came: it is moot, not sent.
    await eventually(() => smtp.to(BO).length === 1 && smtp.to(ANA).length === 1, 'the arrival and the answer');
    expect(smtp.to(BO)[0]!.raw).toContain(`/kvittera-bmb/${waiting}`);
    smtp.mails.length = 0;

    await moveClock(5 * DAY - 120);
    expect(await worker.sweep()).toBe(0);
    await moveClock(5 * DAY + 60);
    expect(await worker.sweep()).toBe(1);
    await eventually(() => smtp.to(BO).length === 1, 'the reminder');
    expect(smtp.to(BO)[0]!.subject).toBe('Påminnelse: en BMB låses om 2 dagar');
    expect(smtp.to(BO)[0]!.raw).toContain(`/kvittera-bmb/${waiting}`);

    // At the deadline, the sender hears that it locked: still nothing about the answered one.
    await moveClock(7 * DAY + 60);
    await worker.sweep();
    await eventually(() => smtp.to(ANA).length === 1, 'the lock notice');
    expect(smtp.to(ANA)[0]!.subject).toBe('Din BMB har låsts');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.mails).toHaveLength(2);
  });

  it('sends no reminder to a receiver who turned reminders off, but still the arrival', async () => {
    const bo = demoId('prescriber', 'k200bo');
    await world.db.update(prescribers).set({ remindersEnabled: false }).where(eq(prescribers.id, bo));
    try {
      const worker = await startWorker();
      const bmbId = await sendBmbAs(world, session, 'k100ana');
      await moveClock(5 * DAY + 60);
      await worker.sweep();
      await eventually(async () => {
        const rows = await outbox(bmbId);
        const status = (kind: string) => rows.find((r) => r.kind === kind)?.status;
        return status('bmb_reminder') === 'cancelled' && status('bmb_arrived') === 'sent';
      }, 'the arrival sent and the reminder cancelled');
      expect(smtp.to(BO).map((m) => m.subject)).toEqual(['Du har fått en BMB att kvittera']);
      const [reminder] = (await outbox(bmbId)).filter((r) => r.kind === 'bmb_reminder');
      expect(reminder!.cancelReason).toBe('reminders-off');
    } finally {
      await world.db.update(prescribers).set({ remindersEnabled: true }).where(eq(prescribers.id, bo));
    }
  });

  it('tells the sender when the BMB locks, and when Länsservice declines or unlocks', async () => {
    const worker = await startWorker();
    const bmbId = await sendBmbAs(world, session, 'k100ana');
    await moveClock(7 * DAY + 60);
    await worker.sweep();
    await eventually(() => smtp.to(ANA).length === 1, 'the lock notice');
    expect(smtp.to(ANA)[0]!.subject).toBe('Din BMB har låsts');
    expect(smtp.to(ANA)[0]!.raw).toContain('Bo Lindberg kvitterade inte din BMB');

    session.user = await world.userFor('k100ana');
    await requestUnlock({ message: '' }, formData({ bmbId, message: 'Bo var sjuk.' }));
    const [request] = await world.db.query.unlockRequests.findMany({ where: (r, { eq }) => eq(r.bmbId, bmbId) });
    session.user = await world.userFor('admin');
    await settle(() => answerUnlockRequest({ message: '' }, formData({ requestId: request!.id, decision: 'decline', message: 'Ring kundtjänst.' })));
    await unlockBmbs({ reason: '' }, formData({ bmbIds: [bmbId], reason: 'Efter samtal med Bo.' }));
    await worker.sweep();
    await eventually(() => smtp.to(ANA).length === 3, 'both answers from Länsservice');
    expect(smtp.to(ANA).map((m) => m.subject).slice(1).sort()).toEqual([
      'Länsservice har inte låst upp din BMB',
      'Länsservice har låst upp din BMB',
    ]);
    expect(smtp.to(ANA).find((m) => m.subject.includes('inte låst upp'))!.raw).toContain('Ring kundtjänst.');
    // The worker first ran after the lock: an arrival notice for a locked BMB would only confuse.
    expect(smtp.to(BO)).toEqual([]);
  });

  it('keeps mail while the SMTP server is down and delivers each exactly once when it is back', async () => {
    await smtp.stop();
    const worker = await startWorker();
    const sent = [
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] }),
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] }),
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] }),
    ];
    await worker.sweep();
    // Sending BMBs worked while mail failed; the failures are recorded and retried.
    await eventually(async () => {
      const rows = (await Promise.all(sent.map(outbox))).flat().filter((r) => r.kind === 'bmb_arrived');
      return rows.every((r) => r.attempts >= 2 && r.status !== 'sent');
    }, 'failed attempts');
    // Admin → Översikt shows them as failing, not lost.
    const counts = () => notificationCounts(world.db, testAdminScope(world.workspaceId), new Date());
    const whileDown = await counts();
    expect(whileDown.failing).toBe(3);
    await smtp.start();
    await eventually(() => smtp.to(BO).length === 3, 'every queued notice', 30_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.to(BO)).toHaveLength(3);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(3);
    const rows = (await Promise.all(sent.map(outbox))).flat().filter((r) => r.kind === 'bmb_arrived');
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(await counts()).toMatchObject({ failing: 0, sent: whileDown.sent + 3 });
  });

  it('sends each notice once with two workers sweeping at the same time', async () => {
    const [a, b] = [await startWorker(), await startWorker()];
    const sent = [
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(1)] }),
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] }),
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(3)] }),
      await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(4)] }),
    ];
    const swept = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
    expect(swept.reduce((x, y) => x + y, 0)).toBe(4);
    await eventually(() => smtp.to(BO).length === 4, 'four arrival notices');
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails).toHaveLength(4);
    expect(new Set(smtp.mails.map((m) => m.raw.match(/kvittera-bmb\/([\w-]+)/)?.[1]))).toEqual(new Set(sent));
  });

  it('reminds untrained new staff once, the region’s days after the account was made', async () => {
    const NORA = 'nora.nystrom@region.example';
    const worker = await startWorker();
    const housekeeping = await startHousekeeping({ handle: world.handle });
    try {
      // Too early: the account is new.
      expect((await housekeeping.run()).remindersQueued).toBe(0);
      await moveClock(8 * DAY);
      expect((await housekeeping.run()).remindersQueued).toBe(1);
      expect((await housekeeping.run()).remindersQueued).toBe(0); // once per person
      await worker.sweep();
      await eventually(() => smtp.to(NORA).length === 1, 'the reminder to train');
      const [mail] = smtp.to(NORA);
      expect(mail!.subject).toBe('Påminnelse: gör övningarna i BMB');
      expect(mail!.raw).toContain('övningarna Skicka BMB och Kvittera BMB i Övningsläge');
      expect(mail!.raw).toContain('https://bmb.region.example/ovningslage');
      // Nobody else is new staff.
      expect(smtp.mails).toHaveLength(1);
      // The check: a training reminder names no BMB, every other notice does.
      const [reminder] = await world.db.select().from(notifications).where(eq(notifications.kind, 'training_reminder'));
      expect(reminder).toMatchObject({ bmbId: null, status: 'sent' });
      await expect(
        world.db.insert(notifications).values({
          workspaceId: world.workspaceId,
          kind: 'bmb_arrived',
          recipientId: reminder!.recipientId,
          bmbId: null,
          dedupeKey: 'no-bmb',
          dueAt: new Date(),
        }),
      ).rejects.toThrow();
    } finally {
      await housekeeping.stop();
      await moveClock(0);
    }
  });

  it('never queues mail for a training sandbox: the database refuses it', async () => {
    const [sandbox] = await world.db.insert(workspaces).values({ kind: 'training', name: 'test sandbox' }).returning();
    await expect(
      world.db.insert(notifications).values({
        workspaceId: sandbox!.id,
        id: randomUUID(),
        kind: 'bmb_arrived',
        recipientId: randomUUID(),
        bmbId: randomUUID(),
        dedupeKey: 'x',
        dueAt: new Date(),
      }),
    ).rejects.toThrow();
    const rows = await world.db.select().from(notifications).where(and(eq(notifications.workspaceId, sandbox!.id)));
    expect(rows).toHaveLength(0);
  });
});
