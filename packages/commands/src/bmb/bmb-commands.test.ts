import { randomUUID } from 'node:crypto';
import { auditEvents, bmbEvents, bmbs, loans, unlockRequests } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { messageText, type PersonActor } from '@bmb/domain';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult } from '../result';
import { demoId } from '@bmb/db/seed';
import {
  createWorld,
  manualLoan,
  otherPatient,
  seededBmb,
  svensson,
  type World,
} from '../test/world';
import { answerBmb } from './answer-bmb';
import { answerUnlockRequest } from './answer-unlock-request';
import { discardBmbDraft } from './discard-draft';
import { requestUnlock } from './request-unlock';
import { saveBmbDraft } from './save-draft';
import { sendBmb } from './send-bmb';
import { unlockBmbs } from './unlock-bmb';

/**
 * The BMB commands on their own, without Next.js: who may do what, every
 * refusal code, idempotency and races, on PGlite and on PostgreSQL.
 */
describe.each(testDbKinds())('BMB commands on %s', (kind) => {
  let world: World;
  let ana: PersonActor, bo: PersonActor, eva: PersonActor, admin: PersonActor, nora: PersonActor;

  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;
  const auditSince = (id: number) =>
    world.db.select().from(auditEvents).where(gt(auditEvents.id, id));
  const codeOf = (result: CommandResult<unknown>) => (result.ok ? 'ok' : result.code);
  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };

  /** A draft of the manual's example as `sender` (Ana's devices to Bo unless said otherwise). */
  const draft = async (sender: PersonActor, overrides: Record<string, unknown> = {}) =>
    valueOf(
      await saveBmbDraft(world.deps, sender, {
        fromPatientId: svensson.id,
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: svensson.personnummer,
        loanIds: [manualLoan(3)],
        message: 'Skickar BMB enl. överenskommelse.',
        ...overrides,
      }),
    ).bmbId;
  const send = (sender: PersonActor, bmbId: string, idempotencyKey: string = randomUUID()) =>
    sendBmb(world.deps, sender, { bmbId, idempotencyKey });

  beforeAll(async () => {
    world = await createWorld(kind);
    [ana, bo, eva, admin, nora] = await Promise.all([
      world.actor('k100ana'),
      world.actor('k200bo'),
      world.actor('k400eva'),
      world.actor('admin'),
      world.actor('k300ny'),
    ]);
  });
  afterAll(() => world?.close());

  // The manual's four devices back with Ana and Svensson, nothing of the tests' own open.
  beforeEach(async () => {
    const seeded = [seededBmb('locked-1'), seededBmb('locked-2'), seededBmb('waiting-1')];
    await world.db
      .update(bmbs)
      .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'test cleanup' })
      .where(
        and(
          eq(bmbs.status, 'sent'),
          sql`${bmbs.id} not in (${sql.join(
            seeded.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        ),
      );
    await world.db
      .update(loans)
      .set({
        patientId: svensson.id,
        prescriberId: ana.prescriberId,
        payerId: demoId('care-unit', '2990'),
        deliveryAddressId: demoId('care-unit', '2990'),
      })
      .where(
        inArray(
          loans.id,
          [1, 2, 3, 4].map((n) => manualLoan(n as 1 | 2 | 3 | 4)),
        ),
      );
  });

  it('answers what it did as data: the new draft id, the send, the moved loans', async () => {
    const bmbId = await draft(ana);
    const sent = valueOf(await send(ana, bmbId));
    expect(sent.bmbId).toBe(bmbId);
    const choice = await world.ownChoice(bo);
    const answered = valueOf(
      await answerBmb(world.deps, bo, { bmbId, approved: 'ja', ...choice, message: '' }),
    );
    expect(answered).toEqual({ bmbId, status: 'accepted', movedLoanIds: [manualLoan(3)] });
    const [loan] = await world.db
      .select()
      .from(loans)
      .where(eq(loans.id, manualLoan(3)));
    expect(loan).toMatchObject({
      prescriberId: bo.prescriberId,
      payerId: choice.payerId,
      deliveryAddressId: choice.deliveryAddressId,
    });
  });

  it('the authorisation table: only the sender edits, sends and discards a draft; only the receiver answers; only the sender asks for an unlock; only Länsservice unlocks', async () => {
    const bmbId = await draft(ana);
    const table: [string, () => Promise<CommandResult<unknown>>, string][] = [
      ['Bo sends Ana’s draft', () => send(bo, bmbId), 'not-found'],
      ['Länsservice sends Ana’s draft', () => send(admin, bmbId), 'not-found'],
      ['Bo discards Ana’s draft', () => discardBmbDraft(world.deps, bo, { bmbId }), 'not-found'],
      [
        'Eva edits Ana’s draft',
        () =>
          saveBmbDraft(world.deps, eva, {
            bmbId,
            fromPatientId: svensson.id,
            newPrescriberUsername: 'k200bo',
            newPatientPersonnummer: svensson.personnummer,
            loanIds: [manualLoan(3)],
          }),
        'not-found',
      ],
      [
        'Bo answers the draft before it is sent',
        async () =>
          answerBmb(world.deps, bo, {
            bmbId,
            approved: 'nej',
            deliveryAddressId: randomUUID(),
            payerId: randomUUID(),
            message: 'Nej.',
          }),
        'not-found',
      ],
    ];
    for (const [what, run, expected] of table) {
      const before = await lastAuditId();
      const result = await run();
      expect(codeOf(result), what).toBe(expected);
      // A refusal on who is asking is somebody's act: one action.denied, nothing else.
      expect(
        (await auditSince(before)).map((e) => e.action),
        what,
      ).toEqual(['action.denied']);
    }
    valueOf(await send(ana, bmbId));
    const sentTable: [string, () => Promise<CommandResult<unknown>>, string][] = [
      [
        'Eva answers Bo’s BMB',
        () =>
          answerBmb(world.deps, eva, {
            bmbId,
            approved: 'nej',
            deliveryAddressId: randomUUID(),
            payerId: randomUUID(),
            message: 'Nej.',
          }),
        'not-found',
      ],
      [
        'Ana answers her own BMB',
        () =>
          answerBmb(world.deps, ana, {
            bmbId,
            approved: 'nej',
            deliveryAddressId: randomUUID(),
            payerId: randomUUID(),
            message: 'Nej.',
          }),
        'not-found',
      ],
      [
        'Länsservice answers it',
        () =>
          answerBmb(world.deps, admin, {
            bmbId,
            approved: 'nej',
            deliveryAddressId: randomUUID(),
            payerId: randomUUID(),
            message: 'Nej.',
          }),
        'not-found',
      ],
      [
        'Bo asks to unlock Ana’s BMB',
        () => requestUnlock(world.deps, bo, { bmbId: seededBmb('locked-2') }),
        'forbidden',
      ],
      [
        'Ana unlocks',
        () => unlockBmbs(world.deps, ana, { bmbIds: [seededBmb('locked-1')], reason: 'Jag vill.' }),
        'forbidden',
      ],
      [
        'Bo answers an unlock request',
        () =>
          answerUnlockRequest(world.deps, bo, {
            requestId: randomUUID(),
            decision: 'unlock',
            message: 'Jag vill.',
          }),
        'forbidden',
      ],
    ];
    for (const [what, run, expected] of sentTable) {
      const before = await lastAuditId();
      expect(codeOf(await run()), what).toBe(expected);
      const denied = await auditSince(before);
      expect(
        denied.map((e) => e.action),
        what,
      ).toEqual(['action.denied']);
      expect(denied[0]!.after, what).toMatchObject({ reason: expected });
    }
    expect(
      codeOf(
        await answerBmb(world.deps, bo, {
          bmbId,
          approved: 'nej',
          deliveryAddressId: '',
          payerId: '',
          message: 'Fel patient.',
        }),
      ),
    ).toBe('invalid-input');
  });

  describe('saveBmbDraft', () => {
    it('refuses a malformed form with problems per field, by code, and checks the receiver all the same', async () => {
      const result = await saveBmbDraft(world.deps, ana, {
        fromPatientId: svensson.id,
        newPrescriberUsername: 'ingen.alls',
        newPatientPersonnummer: '1212121212',
        loanIds: [],
      });
      expect(result).toEqual({
        ok: false,
        code: 'invalid-input',
        problem: 'form.check-fields',
        fieldErrors: {
          newPatientPersonnummer: ['personnummer.only-ten-digits'],
          loanIds: ['draft.no-rows'],
          newPrescriberUsername: ['draft.unknown-receiver'],
        },
      });
    });

    it('refuses what breaks a rule: nothing changes, a patient-to-patient BMB needs both confirmations', async () => {
      expect(
        await saveBmbDraft(world.deps, ana, {
          fromPatientId: svensson.id,
          newPrescriberUsername: 'k100ana',
          newPatientPersonnummer: svensson.personnummer,
          loanIds: [manualLoan(1)],
        }),
      ).toMatchObject({
        code: 'invalid-input',
        fieldErrors: { newPrescriberUsername: ['draft.nothing-changes'] },
      });
      expect(
        await saveBmbDraft(world.deps, ana, {
          fromPatientId: svensson.id,
          newPrescriberUsername: 'k200bo',
          newPatientPersonnummer: otherPatient.personnummer,
          loanIds: [manualLoan(1)],
        }),
      ).toMatchObject({
        code: 'invalid-input',
        fieldErrors: { confirmations: ['draft.confirmations-missing'] },
      });
      const saved = await saveBmbDraft(world.deps, ana, {
        fromPatientId: svensson.id,
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: otherPatient.personnummer,
        loanIds: [manualLoan(1)],
        needsAssessmentConfirmed: true,
        deviceSafeConfirmed: true,
      });
      expect(valueOf(saved).patientToPatient).toBe(true);
    });

    it('refuses an unknown patient as not found, and a draft that is no longer one as a conflict', async () => {
      expect(
        await saveBmbDraft(world.deps, ana, {
          fromPatientId: randomUUID(),
          newPrescriberUsername: 'k200bo',
          newPatientPersonnummer: svensson.personnummer,
          loanIds: [manualLoan(3)],
        }),
      ).toMatchObject({
        code: 'not-found',
        problem: 'patient.not-found',
      });
      const bmbId = await draft(ana);
      valueOf(await send(ana, bmbId));
      expect(
        await saveBmbDraft(world.deps, ana, {
          bmbId,
          fromPatientId: svensson.id,
          newPrescriberUsername: 'k200bo',
          newPatientPersonnummer: svensson.personnummer,
          loanIds: [manualLoan(3)],
        }),
      ).toMatchObject({ code: 'conflict.not-a-draft', problem: 'draft.not-editable' });
    });
  });

  describe('sendBmb', () => {
    it('is idempotent: the same key again answers the same send, and changes nothing', async () => {
      const bmbId = await draft(ana);
      const key = randomUUID();
      const first = valueOf(await send(ana, bmbId, key));
      const before = await lastAuditId();
      expect(valueOf(await send(ana, bmbId, key))).toEqual(first);
      expect(await auditSince(before)).toEqual([]);
      // The same form used for another draft is refused, not sent.
      const other = await draft(ana, { loanIds: [manualLoan(4)] });
      expect(await send(ana, other, key)).toMatchObject({
        ok: false,
        code: 'conflict.form-used',
        problem: 'form.already-used',
      });
    });

    it('refuses new staff who have not trained, a malformed form, a discarded draft, and a draft whose device was sent meanwhile', async () => {
      const bmbId = await draft(ana);
      const untrained = await send(nora, bmbId);
      expect(untrained).toMatchObject({
        ok: false,
        code: 'forbidden',
        problem: { code: 'training.required' },
      });
      expect(!untrained.ok && messageText(untrained.problem)).toBe(
        'Innan du kan skicka en riktig BMB behöver du genomföra övningarna Skicka BMB och Kvittera BMB i Övningsläge.',
      );
      expect(
        await sendBmb(world.deps, ana, { bmbId, idempotencyKey: 'dubbelklick' }),
      ).toMatchObject({ code: 'invalid-input', problem: 'form.incomplete' });

      const discarded = await draft(ana, { loanIds: [manualLoan(1)] });
      valueOf(await discardBmbDraft(world.deps, ana, { bmbId: discarded }));
      expect(await send(ana, discarded)).toMatchObject({
        code: 'conflict.not-a-draft',
        problem: 'bmb.not-a-draft',
      });
      expect(await discardBmbDraft(world.deps, ana, { bmbId: discarded })).toMatchObject({
        code: 'conflict.not-a-draft',
      });
      expect(await discardBmbDraft(world.deps, ana, { bmbId: 'x' })).toMatchObject({
        code: 'invalid-input',
        problem: 'bmb.invalid-id',
      });

      const rival = await draft(ana, { newPrescriberUsername: 'k400eva' });
      valueOf(await send(ana, rival));
      const changed = await send(ana, bmbId);
      expect(changed).toMatchObject({
        ok: false,
        code: 'conflict.draft-changed',
        problem: { code: 'bmb.cannot-send' },
      });
      expect(!changed.ok && messageText(changed.problem)).toMatch(/Väntar på kvittens/);
    });

    it('ten drafts of one device sent at once: exactly one is sent, the others are refused as conflicts', async () => {
      const drafts = [];
      for (let i = 0; i < 10; i++) drafts.push(await draft(ana));
      const results = await Promise.all(drafts.map((id) => send(ana, id)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((r) => !r.ok))
        expect(codeOf(r)).toMatch(/^conflict\.(loan-in-open-bmb|draft-changed)$/);
      const open = await world.db
        .select()
        .from(bmbs)
        .where(and(inArray(bmbs.id, drafts), eq(bmbs.status, 'sent')));
      expect(open).toHaveLength(1);
    });
  });

  describe('answerBmb', () => {
    it('refuses a form without Ja or Nej, a Nej without a message, and a choice that is not the receiver’s own', async () => {
      const bmbId = await draft(ana);
      valueOf(await send(ana, bmbId));
      const choice = await world.ownChoice(bo);
      expect(await answerBmb(world.deps, bo, { bmbId, approved: '', ...choice })).toMatchObject({
        code: 'invalid-input',
        fieldErrors: { approved: ['answer.choose-ja-nej'] },
      });
      expect(
        await answerBmb(world.deps, bo, { bmbId, approved: 'nej', ...choice, message: '' }),
      ).toMatchObject({
        fieldErrors: { message: ['answer.message-required'] },
      });
      const anas = await world.ownChoice(ana);
      expect(await answerBmb(world.deps, bo, { bmbId, approved: 'ja', ...anas })).toMatchObject({
        code: 'invalid-input',
        fieldErrors: {
          deliveryAddressId: ['answer.not-your-address'],
          payerId: ['answer.not-your-payer'],
        },
      });
    });

    it('five answers at once: one takes effect, the others find it answered', async () => {
      const bmbId = await draft(ana);
      valueOf(await send(ana, bmbId));
      const choice = await world.ownChoice(bo);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          answerBmb(world.deps, bo, {
            bmbId,
            approved: i % 2 ? 'ja' : 'nej',
            ...choice,
            message: 'Svar.',
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((r) => !r.ok))
        expect(r).toMatchObject({ code: 'conflict.not-waiting', problem: 'bmb.not-waiting' });
      const answered = await world.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.entityId, bmbId),
            inArray(auditEvents.action, ['bmb.accepted', 'bmb.rejected']),
          ),
        );
      expect(answered).toHaveLength(1);
    });

    it('refuses a locked BMB: its deadline passed', async () => {
      const choice = await world.ownChoice(bo);
      expect(
        await answerBmb(world.deps, bo, {
          bmbId: seededBmb('locked-2'),
          approved: 'ja',
          ...choice,
        }),
      ).toMatchObject({
        code: 'conflict.locked',
        problem: 'bmb.locked',
      });
    });
  });

  describe('unlocks', () => {
    it('Begär upplåsning: a locked BMB only, once; Länsservice declines, then unlocks, each once', async () => {
      const bmbId = await draft(ana);
      valueOf(await send(ana, bmbId));
      expect(await requestUnlock(world.deps, ana, { bmbId })).toMatchObject({
        code: 'conflict.not-locked',
        problem: 'unlock.not-locked',
      });
      expect(await requestUnlock(world.deps, ana, { bmbId: randomUUID() })).toMatchObject({
        code: 'not-found',
      });

      const locked = seededBmb('locked-1');
      const { requestId } = valueOf(
        await requestUnlock(world.deps, ana, { bmbId: locked, message: 'Eva var på semester.' }),
      );
      expect(await requestUnlock(world.deps, ana, { bmbId: locked })).toMatchObject({
        code: 'conflict.already-requested',
        problem: 'unlock.already-requested',
      });

      expect(
        await answerUnlockRequest(world.deps, admin, {
          requestId,
          decision: 'decline',
          message: '',
        }),
      ).toMatchObject({
        code: 'invalid-input',
        fieldErrors: { message: ['unlock.decline-message-required'] },
      });
      expect(
        await answerUnlockRequest(world.deps, admin, {
          requestId: randomUUID(),
          decision: 'decline',
          message: 'Nej tack.',
        }),
      ).toMatchObject({ code: 'not-found' });
      expect(
        valueOf(
          await answerUnlockRequest(world.deps, admin, {
            requestId,
            decision: 'decline',
            message: 'Kontakta Eva först.',
          }),
        ),
      ).toEqual({
        bmbId: locked,
        decision: 'declined',
      });
      expect(
        await answerUnlockRequest(world.deps, admin, {
          requestId,
          decision: 'unlock',
          message: 'Nu så.',
        }),
      ).toMatchObject({
        code: 'conflict.request-answered',
      });

      const again = valueOf(
        await requestUnlock(world.deps, ana, { bmbId: locked, message: 'Eva har svarat nu.' }),
      );
      expect(
        valueOf(
          await answerUnlockRequest(world.deps, admin, {
            requestId: again.requestId,
            decision: 'unlock',
            message: 'Eva har svarat.',
          }),
        ),
      ).toEqual({
        bmbId: locked,
        decision: 'unlocked',
      });
      const requests = await world.db
        .select()
        .from(unlockRequests)
        .where(eq(unlockRequests.bmbId, locked));
      expect(requests.map((r) => r.status).sort()).toEqual(['declined', 'unlocked']);
      expect((await world.db.select().from(bmbs).where(eq(bmbs.id, locked)))[0]!.status).toBe(
        'unlocked',
      );
    });

    it('Lås upp: a reason is required; each BMB is unlocked once, and what could not be is said per BMB', async () => {
      const locked = seededBmb('locked-2');
      expect(await unlockBmbs(world.deps, admin, { bmbIds: [locked], reason: '' })).toMatchObject({
        code: 'invalid-input',
        problem: 'unlock.check',
        fieldErrors: { reason: ['unlock.reason-required'] },
      });
      const waiting = seededBmb('waiting-1');
      const [a, b] = await Promise.all([
        unlockBmbs(world.deps, admin, {
          bmbIds: [locked, waiting],
          reason: 'Mottagaren har slutat.',
        }),
        unlockBmbs(world.deps, admin, { bmbIds: [locked], reason: 'Mottagaren har slutat.' }),
      ]);
      const unlocked = [...valueOf(a).unlocked, ...valueOf(b).unlocked];
      expect(unlocked).toEqual([locked]);
      const refused = [...valueOf(a).refused, ...valueOf(b).refused].map((r) => r.problem).sort();
      expect(refused).toEqual(['bmb.already-unlocked', 'bmb.not-locked']);
    });
  });
  it('tells the stock system’s feed what it did, in the same transaction: sent, accepted, rejected, unlocked; a refusal tells nothing', async () => {
    const eventsOf = async (bmbId: string) =>
      (
        await world.db
          .select()
          .from(bmbEvents)
          .where(eq(bmbEvents.bmbId, bmbId))
          .orderBy(bmbEvents.id)
      ).map((e) => e.type);
    const accepted = await draft(ana);
    valueOf(await send(ana, accepted));
    valueOf(
      await answerBmb(world.deps, bo, {
        bmbId: accepted,
        approved: 'ja',
        ...(await world.ownChoice(bo)),
      }),
    );
    expect(await eventsOf(accepted)).toEqual(['bmb.sent', 'bmb.accepted']);
    const [event] = await world.db
      .select()
      .from(bmbEvents)
      .where(and(eq(bmbEvents.bmbId, accepted), eq(bmbEvents.type, 'bmb.accepted')));
    expect(event!.data).toMatchObject({
      sender: 'k100ana',
      receiver: 'k200bo',
      loans: [
        {
          articleNo: '10156',
          individNo: '170098',
          prescriber: 'k200bo',
          personnummer: svensson.personnummer,
        },
      ],
    });

    const rejected = await draft(ana, { loanIds: [manualLoan(4)] });
    valueOf(await send(ana, rejected));
    valueOf(
      await answerBmb(world.deps, bo, {
        bmbId: rejected,
        approved: 'nej',
        ...(await world.ownChoice(bo)),
        message: 'Fel patient.',
      }),
    );
    expect(await eventsOf(rejected)).toEqual(['bmb.sent', 'bmb.rejected']);

    // Unlocked by the tests above.
    expect(await eventsOf(seededBmb('locked-1'))).toEqual(['bmb.unlocked']);
    expect(await eventsOf(seededBmb('locked-2'))).toEqual(['bmb.unlocked']);

    expect(await send(bo, accepted)).toMatchObject({ ok: false });
    expect(
      await answerBmb(world.deps, bo, {
        bmbId: rejected,
        approved: 'ja',
        ...(await world.ownChoice(bo)),
      }),
    ).toMatchObject({ ok: false });
    expect(await eventsOf(accepted)).toEqual(['bmb.sent', 'bmb.accepted']);
    expect(await eventsOf(rejected)).toEqual(['bmb.sent', 'bmb.rejected']);
  });
});
