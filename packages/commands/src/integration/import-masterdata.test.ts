import { randomUUID } from 'node:crypto';
import {
  articles,
  auditEvents,
  bmbEvents,
  bmbLines,
  loans,
  notifications,
  patients,
  prescriberPayers,
  prescribers,
  payers,
} from '@bmb/db/schema';
import { findNotificationForDelivery } from '@bmb/db/queries';
import { testDbKinds } from '@bmb/db/testing';
import {
  luhnCheckDigit,
  problemCode,
  type MachineActor,
  type MasterdataBatchInput,
  type MasterdataImported,
  type PersonActor,
} from '@bmb/domain';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBmb } from '../bmb/answer-bmb';
import { saveBmbDraft } from '../bmb/save-draft';
import { sendBmb } from '../bmb/send-bmb';
import type { CommandResult } from '../result';
import { createWorld, type World } from '../test/world';
import { importMasterdata } from './import-masterdata';

/** A test identity: birth date and a serial in 980–999, with its check digit. */
const pnr = (birthDate: string, serial: number) =>
  `${birthDate}${serial}${luhnCheckDigit(`${birthDate.slice(2)}${serial}`)}`;

type Loan = NonNullable<MasterdataBatchInput['loans']>[number];

/** A loan of the stock system, held by k100ana and paid by 2990 unless said otherwise. */
const loan = (sourceId: string, personnummer: string, overrides: Partial<Loan> = {}): Loan => ({
  sourceId,
  personnummer,
  articleNo: '15749',
  quantity: 1,
  orderedOn: '2026-01-10',
  deliveredOn: '2026-01-12',
  prescriber: 'k100ana',
  payer: '2990',
  deliveryAddress: '2990',
  status: 'active',
  version: 1,
  ...overrides,
});

/** The stock system's import, on PGlite and PostgreSQL. */
describe.each(testDbKinds())('importMasterdata on %s', (kind) => {
  let world: World;
  let ana: PersonActor, bo: PersonActor;
  let machine: MachineActor;

  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };
  const post = async (batch: unknown) =>
    valueOf(await importMasterdata(world.deps, machine, batch));
  const loanBySource = async (sourceId: string) =>
    (
      await world.db
        .select()
        .from(loans)
        .where(and(eq(loans.workspaceId, world.workspaceId), eq(loans.sourceId, sourceId)))
    )[0]!;
  const patientId = async (personnummer: string) =>
    (await world.db.select().from(patients).where(eq(patients.personnummer, personnummer)))[0]!.id;
  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;
  const auditSince = (id: number) =>
    world.db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(auditEvents.id);

  /** Every table's content, to prove a refused batch wrote nothing at all. */
  async function tableChecksums(): Promise<Record<string, string>> {
    const rows = (result: unknown) =>
      (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        name: string;
        sum: string;
      }[];
    const tables = rows(
      await world.db.execute(
        sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
      ),
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = rows(
        await world.db.execute(
          sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql.identifier(name)} t`,
        ),
      );
      sums[name] = row!.sum;
    }
    return sums;
  }

  /** Ana sends a BMB of these loans (one patient's) to Bo. */
  async function sendToBo(patient: string, loanIds: string[]): Promise<string> {
    const { bmbId } = valueOf(
      await saveBmbDraft(world.deps, ana, {
        fromPatientId: await patientId(patient),
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: patient,
        loanIds,
        message: 'Patienten flyttar.',
      }),
    );
    valueOf(await sendBmb(world.deps, ana, { bmbId, idempotencyKey: randomUUID() }));
    return bmbId;
  }

  beforeAll(async () => {
    world = await createWorld(kind);
    [ana, bo] = await Promise.all([world.actor('k100ana'), world.actor('k200bo')]);
    machine = {
      kind: 'machine',
      clientId: 'lagersystem',
      workspaceId: world.workspaceId,
      scopes: ['masterdata:write'],
    };
  });
  afterAll(() => world?.close());

  const fresh = pnr('19700101', 980);
  const firstBatch = (): MasterdataBatchInput => ({
    payers: [{ code: '7100', name: 'Vårdcentralen Norrfjärden' }],
    deliveryAddresses: [{ code: '7100', name: 'Vårdcentralen Norrfjärden, leveransadress' }],
    prescribers: [
      {
        username: 'K700Lina',
        name: 'Lina Lager',
        phone: '0911-100 00',
        email: 'lina.lager@region.example',
        payerCodes: ['2990', '7100'],
        defaultPayerCode: '7100',
        deliveryAddressCodes: ['7100'],
      },
    ],
    patients: [
      { personnummer: `${fresh.slice(0, 8)}-${fresh.slice(8)}`, name: 'Lagerström, Test' },
    ],
    articles: [{ articleNo: '90001', name: 'Gånghjälpmedel Test', kind: 'H', priceOre: 12_345 }],
    units: [{ individNo: '900001', articleNo: '90001' }],
    loans: [
      loan('S-1', fresh, {
        articleNo: '90001',
        individNo: '900001',
        prescriber: 'K700LINA',
        payer: '7100',
        deliveryAddress: '7100',
      }),
      loan('S-2', fresh, { quantity: 3 }),
    ],
  });

  it('a fresh batch creates everything; the same batch again changes nothing (idempotent)', async () => {
    const before = await lastAuditId();
    const first = await post(firstBatch());
    expect(first).toEqual<MasterdataImported>({
      counts: {
        payers: { created: 1, updated: 0, unchanged: 0 },
        deliveryAddresses: { created: 1, updated: 0, unchanged: 0 },
        prescribers: { created: 1, updated: 0, unchanged: 0 },
        patients: { created: 1, updated: 0, unchanged: 0 },
        articles: { created: 1, updated: 0, unchanged: 0 },
        units: { created: 1, updated: 0, unchanged: 0 },
        loans: { created: 2, updated: 0, unchanged: 0, stale: 0 },
      },
      stale: [],
      closedLines: 0,
    });
    const [lina] = await world.db
      .select()
      .from(prescribers)
      .where(eq(prescribers.username, 'k700lina'));
    expect(lina).toMatchObject({
      name: 'Lina Lager',
      phone: '0911-100 00',
      active: true,
      role: 'prescriber',
    });
    const units = await world.db
      .select({ code: payers.code, isDefault: prescriberPayers.isDefault })
      .from(prescriberPayers)
      .innerJoin(
        payers,
        and(
          eq(payers.workspaceId, prescriberPayers.workspaceId),
          eq(payers.id, prescriberPayers.payerId),
        ),
      )
      .where(eq(prescriberPayers.prescriberId, lina!.id))
      .orderBy(payers.code);
    expect(units).toEqual([
      { code: '2990', isDefault: false },
      { code: '7100', isDefault: true },
    ]);
    // New loans are next in the patient's list; an individ's article becomes tracked by individ.
    const [s1, s2] = [await loanBySource('S-1'), await loanBySource('S-2')];
    expect([s1.position, s2.position]).toEqual([1, 2]);
    expect(s1).toMatchObject({
      quantity: 1,
      prescriberId: lina!.id,
      sourceVersion: 1,
      returnedOn: null,
      orderedQuantity: 1,
    });
    expect(s2).toMatchObject({ quantity: 3, prescriberId: ana.prescriberId, deliveredQuantity: 3 });
    expect(
      (await world.db.select().from(articles).where(eq(articles.articleNo, '90001')))[0],
    ).toMatchObject({
      individual: true,
      priceOre: 12_345,
      patientFee: false,
    });

    const second = await post(firstBatch());
    expect(second.counts).toEqual({
      payers: { created: 0, updated: 0, unchanged: 1 },
      deliveryAddresses: { created: 0, updated: 0, unchanged: 1 },
      prescribers: { created: 0, updated: 0, unchanged: 1 },
      patients: { created: 0, updated: 0, unchanged: 1 },
      articles: { created: 0, updated: 0, unchanged: 1 },
      units: { created: 0, updated: 0, unchanged: 1 },
      loans: { created: 0, updated: 0, unchanged: 2, stale: 0 },
    });

    // One trail event per batch: the counts and the client, never a personnummer or a name.
    const trail = await auditSince(before);
    expect(trail.map((e) => [e.action, e.actorId, e.entityType])).toEqual([
      ['masterdata.imported', null, 'masterdata'],
      ['masterdata.imported', null, 'masterdata'],
    ]);
    expect(trail[0]!.after).toMatchObject({
      client: 'lagersystem',
      counts: { loans: { created: 2 } },
    });
    expect(JSON.stringify(trail.map((e) => e.after))).not.toMatch(
      new RegExp(`${fresh.slice(2)}|Lagerström|Lina`),
    );
  });

  it('a contact field or a unit list left out keeps what BMB has; a list sent replaces it', async () => {
    const result = await post({
      prescribers: [{ username: 'k700lina', name: 'Lina Lager', payerCodes: ['7100'] }],
    });
    expect(result.counts.prescribers).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [lina] = await world.db
      .select()
      .from(prescribers)
      .where(eq(prescribers.username, 'k700lina'));
    expect(lina).toMatchObject({ phone: '0911-100 00', email: 'lina.lager@region.example' });
    const rows = await world.db
      .select()
      .from(prescriberPayers)
      .where(eq(prescriberPayers.prescriberId, lina!.id));
    expect(rows.map((r) => r.isDefault)).toEqual([true]);
  });

  it('a newer version updates the loan; an older one is stale and changes nothing', async () => {
    const newer = await post({
      loans: [loan('S-2', fresh, { quantity: 2, payer: '7100', version: 5 })],
    });
    expect(newer.counts.loans).toEqual({ created: 0, updated: 1, unchanged: 0, stale: 0 });
    const updated = await loanBySource('S-2');
    expect(updated).toMatchObject({ quantity: 2, sourceVersion: 5, position: 2 });

    const older = await post({ loans: [loan('S-2', fresh, { quantity: 9, version: 4 })] });
    expect(older).toMatchObject({
      counts: { loans: { created: 0, updated: 0, unchanged: 0, stale: 1 } },
      stale: ['S-2'],
    });
    expect(await loanBySource('S-2')).toEqual(updated);
  });

  it('a loan a BMB moved since its last version stays with the new prescriber when that version is posted again', async () => {
    const holder = pnr('19700102', 981);
    await post({
      patients: [{ personnummer: holder, name: 'Flytt, Test' }],
      loans: [loan('S-3', holder, { version: 7 })],
    });
    const moved = await loanBySource('S-3');
    const bmbId = await sendToBo(holder, [moved.id]);
    const choice = await world.ownChoice(bo);
    expect(
      valueOf(await answerBmb(world.deps, bo, { bmbId, approved: 'ja', ...choice })),
    ).toMatchObject({ movedLoanIds: [moved.id] });

    const again = await post({ loans: [loan('S-3', holder, { version: 7 })] });
    expect(again.counts.loans).toEqual({ created: 0, updated: 0, unchanged: 1, stale: 0 });
    expect(await loanBySource('S-3')).toMatchObject({
      prescriberId: bo.prescriberId,
      payerId: choice.payerId,
    });
    expect((await post({ loans: [loan('S-3', holder, { version: 6 })] })).stale).toEqual(['S-3']);
    expect(await loanBySource('S-3')).toMatchObject({ prescriberId: bo.prescriberId });
  });

  it('a loan returned while in a waiting BMB closes that line: event, trail, both notices; the Ja moves only the open lines', async () => {
    const holder = pnr('19700103', 982);
    await post({
      patients: [{ personnummer: holder, name: 'Retur, Test' }],
      loans: [loan('S-4', holder), loan('S-5', holder, { articleNo: '41002', quantity: 2 })],
    });
    const [s4, s5] = [await loanBySource('S-4'), await loanBySource('S-5')];
    const bmbId = await sendToBo(holder, [s4.id, s5.id]);
    const before = await lastAuditId();

    const result = await post({ loans: [loan('S-4', holder, { status: 'returned', version: 2 })] });
    expect(result).toMatchObject({ counts: { loans: { updated: 1 } }, closedLines: 1 });
    expect((await loanBySource('S-4')).returnedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const lines = await world.db
      .select()
      .from(bmbLines)
      .where(eq(bmbLines.bmbId, bmbId))
      .orderBy(bmbLines.loanId);
    expect(lines.find((l) => l.loanId === s4.id)?.closedReason).toBe('returned');
    expect(lines.find((l) => l.loanId === s4.id)?.closedAt).toBeInstanceOf(Date);
    expect(lines.find((l) => l.loanId === s5.id)).toMatchObject({
      closedReason: null,
      closedAt: null,
    });

    const [event] = await world.db
      .select()
      .from(bmbEvents)
      .where(and(eq(bmbEvents.bmbId, bmbId), eq(bmbEvents.type, 'bmb.line-closed')));
    expect(event!.data).toMatchObject({
      sender: 'k100ana',
      receiver: 'k200bo',
      reason: 'returned',
      loans: [{ sourceId: 'S-4' }],
    });
    const trail = await auditSince(before);
    expect(trail.map((e) => [e.action, e.entityId])).toEqual([
      ['bmb.line-closed', bmbId],
      ['masterdata.imported', null],
    ]);
    expect(trail[0]!.after).toMatchObject({ loanId: s4.id, reason: 'returned' });
    const notices = await world.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.bmbId, bmbId), eq(notifications.kind, 'bmb_line_closed')));
    expect(notices.map((n) => n.recipientId).sort()).toEqual(
      [ana.prescriberId, bo.prescriberId].sort(),
    );
    expect(notices.every((n) => n.loanId === s4.id && n.status === 'pending')).toBe(true);
    // What the worker reads to write the mail: the device (never the patient), and whose notice it is.
    const facts = await Promise.all(
      notices.map((n) =>
        findNotificationForDelivery(world.db, { workspaceId: world.workspaceId, id: n.id }),
      ),
    );
    expect(facts.map((f) => [f!.recipientIsSender, f!.device, f!.noOpenLineLeft]).sort()).toEqual([
      [false, '15749 Skrivunderlägg 70x50x8', false],
      [true, '15749 Skrivunderlägg 70x50x8', false],
    ]);

    // The same batch again closes nothing twice.
    expect(
      (await post({ loans: [loan('S-4', holder, { status: 'returned', version: 2 })] }))
        .closedLines,
    ).toBe(0);

    const answered = valueOf(
      await answerBmb(world.deps, bo, { bmbId, approved: 'ja', ...(await world.ownChoice(bo)) }),
    );
    expect(answered.movedLoanIds).toEqual([s5.id]);
    expect(await loanBySource('S-4')).toMatchObject({ prescriberId: ana.prescriberId });
    expect(await loanBySource('S-5')).toMatchObject({ prescriberId: bo.prescriberId });
  });

  it('when the last open line closes, the receiver’s Ja is refused (nothing to take over), a Nej is still an answer', async () => {
    const holder = pnr('19700104', 983);
    await post({
      patients: [{ personnummer: holder, name: 'Sist, Test' }],
      loans: [loan('S-6', holder)],
    });
    const bmbId = await sendToBo(holder, [(await loanBySource('S-6')).id]);
    expect(
      (await post({ loans: [loan('S-6', holder, { status: 'returned', version: 2 })] }))
        .closedLines,
    ).toBe(1);

    const pending = await world.db
      .select({ kind: notifications.kind, status: notifications.status })
      .from(notifications)
      .where(
        and(
          eq(notifications.bmbId, bmbId),
          inArray(notifications.kind, ['bmb_reminder', 'bmb_locked']),
        ),
      );
    expect(pending.map((n) => n.status)).toEqual(['cancelled', 'cancelled']);

    const choice = await world.ownChoice(bo);
    expect(await answerBmb(world.deps, bo, { bmbId, approved: 'ja', ...choice })).toMatchObject({
      ok: false,
      code: 'conflict.no-open-lines',
      problem: 'bmb.all-lines-closed',
    });
    expect(
      valueOf(
        await answerBmb(world.deps, bo, {
          bmbId,
          approved: 'nej',
          ...choice,
          message: 'Inget kvar.',
        }),
      ),
    ).toMatchObject({
      status: 'rejected',
      movedLoanIds: [],
    });
  });

  it('an invalid batch lists every bad row in every list, and writes nothing', async () => {
    const before = await tableChecksums();
    const result = await importMasterdata(world.deps, machine, {
      payers: [
        { code: '7200', name: 'Ny betalare' },
        { code: '', name: 'Utan kod' },
      ],
      prescribers: [
        { username: 'k701ny', name: 'Ny', payerCodes: ['7200'], defaultPayerCode: '2990' },
      ],
      patients: [{ personnummer: '7001019800', name: 'Tio, Siffror' }],
      units: [{ individNo: '900001', articleNo: '15749' }],
      loans: [
        loan('S-7', fresh, { prescriber: 'k000ingen' }),
        loan('S-8', fresh, { individNo: '900001', articleNo: '90001', quantity: 2 }),
        loan('S-7', fresh),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid-input');
    expect(result.problem).toBe('masterdata.check-rows');
    expect(
      result.rows!.map((r) => `${r.entity}[${r.index}].${r.field} ${problemCode(r.problem)}`),
    ).toEqual([
      'payers[1].code masterdata.code-invalid',
      'prescribers[0].defaultPayerCode masterdata.default-not-listed',
      'patients[0].personnummer personnummer.only-ten-digits',
      'units[0].articleNo masterdata.unit-article-changed',
      'loans[0].sourceId masterdata.duplicate-key',
      'loans[0].prescriber masterdata.unknown-prescriber',
      'loans[1].quantity masterdata.individ-needs-quantity-1',
      'loans[1].individNo masterdata.individ-already-active',
      'loans[2].sourceId masterdata.duplicate-key',
    ]);
    expect(await tableChecksums()).toEqual(before);
  });

  it('refuses more rows than the limit, and a machine without the scope (forbidden, in the trail by client)', async () => {
    expect(
      await importMasterdata(world.deps, machine, { patients: new Array(10_001).fill({}) }),
    ).toMatchObject({
      ok: false,
      code: 'invalid-input',
      problem: 'masterdata.too-many-rows',
    });
    const before = await lastAuditId();
    const reader: MachineActor = { ...machine, scopes: ['events:read'] };
    expect(await importMasterdata(world.deps, reader, firstBatch())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const trail = await auditSince(before);
    expect(trail.map((e) => [e.action, e.actorId, e.after])).toEqual([
      [
        'action.denied',
        null,
        { action: 'masterdata.import', reason: 'forbidden', client: 'lagersystem' },
      ],
    ]);
  });

  it('measures 5,000 loans through the command (logged, not asserted)', async () => {
    const people = Array.from({ length: 1000 }, (_, i) => {
      const day = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000)
        .toISOString()
        .slice(0, 10)
        .replaceAll('-', '');
      return { personnummer: pnr(day, 990 + (i % 9)), name: `Bänk, Person ${i}` };
    });
    const batch = {
      patients: people,
      loans: Array.from({ length: 5000 }, (_, i) =>
        loan(`BENCH-${i}`, people[i % people.length]!.personnummer, {
          articleNo: i % 2 ? '15749' : '41002',
          quantity: 1 + (i % 3),
        }),
      ),
    };
    const time = async () => {
      const start = performance.now();
      const result = await post(batch);
      return { result, seconds: (performance.now() - start) / 1000 };
    };
    const created = await time();
    expect(created.result.counts.loans.created).toBe(5000);
    const again = await time();
    expect(again.result.counts.loans.unchanged).toBe(5000);
    const rate = (s: number) => Math.round(5000 / s).toLocaleString('sv-SE');
    console.log(
      `[masterdata bench, ${kind}] 5000 loans + 1000 patients: created in ${created.seconds.toFixed(2)} s (${rate(created.seconds)} loans/s), ` +
        `re-posted unchanged in ${again.seconds.toFixed(2)} s (${rate(again.seconds)} loans/s)`,
    );
  });
});
