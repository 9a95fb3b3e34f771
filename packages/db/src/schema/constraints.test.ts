import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../client';
import { demoId, seedDemoData } from '../seed';
import { createTestDb, testDbKinds } from '../test/test-database';
import { auditEvents, bmbLines, bmbs, loans, patientAccessLog, workspaces } from './index';

/** The error PostgreSQL raised, wherever the driver put it. */
async function pgError(promise: Promise<unknown>): Promise<{ code?: string; constraint?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { cause?: unknown } & Record<string, unknown>;
    const inner = (e.cause ?? e) as Record<string, unknown>;
    return {
      code: inner.code as string | undefined,
      constraint: (inner.constraint_name ?? inner.constraint) as string | undefined,
      message: String(inner.message ?? e.message),
    };
  }
  throw new Error('expected the database to refuse');
}

describe.each(testDbKinds())('database invariants on %s', (kind) => {
  let handle: DbHandle;
  let db: Db;
  let ws: string;
  const ana = demoId('prescriber', 'k100ana');
  const bo = demoId('prescriber', 'k200bo');
  const patient = demoId('patient', '191212121212');
  const cushionLoan = demoId('loan', 'manual-3');

  beforeAll(async () => {
    handle = await createTestDb(kind);
    db = handle.db;
    ws = await seedDemoData(db);
  });
  afterAll(() => handle?.close());

  it('gives a new patient a random id: an id never tells a personnummer (issue 15, item 8)', async () => {
    const rows = (await db.execute<Record<string, unknown>>(
      sql`select column_default as d from information_schema.columns where table_name = 'patients' and column_name = 'id'`,
    ));
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { d: string }[];
    expect(list[0]?.d).toBe('gen_random_uuid()');
  });

  async function draftWith(loanId: string): Promise<string> {
    const [row] = await db
      .insert(bmbs)
      .values({
        workspaceId: ws,
        senderId: ana,
        receiverId: bo,
        fromPatientId: patient,
        toPatientId: patient,
        bmbDate: '2026-11-25',
      })
      .returning({ id: bmbs.id });
    await db.insert(bmbLines).values({ workspaceId: ws, bmbId: row!.id, loanId });
    return row!.id;
  }

  const send = (id: string) =>
    db
      .update(bmbs)
      .set({ status: 'sent', sentAt: new Date() })
      .where(and(eq(bmbs.workspaceId, ws), eq(bmbs.id, id)));

  it('lets a loan be in many drafts but in only one open BMB', async () => {
    const first = await draftWith(cushionLoan);
    const second = await draftWith(cushionLoan);
    await send(first);
    const refused = await pgError(send(second));
    expect(refused.code).toBe('23505');
    expect(refused.message).toContain('bmb_lines_one_open_bmb_per_loan');

    // The line's status followed its BMB through the cascading key.
    const lines = await db.select().from(bmbLines).where(eq(bmbLines.bmbId, first));
    expect(lines.map((l) => l.bmbStatus)).toEqual(['sent']);

    // Once answered, the loan is free for a new BMB.
    await db
      .update(bmbs)
      .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'Nej' })
      .where(eq(bmbs.id, first));
    await send(second);
  });

  it('refuses a line whose status disagrees with its BMB', async () => {
    const id = await draftWith(demoId('loan', 'manual-4'));
    const refused = await pgError(
      db.insert(bmbLines).values({ workspaceId: ws, bmbId: id, loanId: demoId('loan', 'manual-2'), bmbStatus: 'sent' }),
    );
    expect(refused.code).toBe('23503');
  });

  it('refuses to send a patient-to-patient BMB without both confirmations', async () => {
    const [row] = await db
      .insert(bmbs)
      .values({
        workspaceId: ws,
        senderId: ana,
        receiverId: ana,
        fromPatientId: patient,
        toPatientId: demoId('patient', (await otherPatient())!),
        bmbDate: '2026-11-25',
        needsAssessmentConfirmed: true,
      })
      .returning({ id: bmbs.id });
    const refused = await pgError(send(row!.id));
    expect(refused.message).toContain('bmbs_patient_change_confirmed');
  });

  it('refuses a BMB that changes nothing', async () => {
    const refused = await pgError(
      db.insert(bmbs).values({
        workspaceId: ws,
        senderId: ana,
        receiverId: ana,
        fromPatientId: patient,
        toPatientId: patient,
        bmbDate: '2026-11-25',
      }),
    );
    expect(refused.message).toContain('bmbs_something_changes');
  });

  it('refuses a row of one workspace that points into another', async () => {
    const [training] = await db
      .insert(workspaces)
      .values({ kind: 'training', name: 'Övning' })
      .returning({ id: workspaces.id });
    const refused = await pgError(
      db.insert(loans).values({
        workspaceId: training!.id,
        patientId: patient, // a production patient
        articleId: demoId('article', '15749'),
        prescriberId: ana,
        payerId: demoId('care-unit', '2990'),
        deliveryAddressId: demoId('care-unit', '2990'),
        position: 1,
        orderedOn: '2026-01-01',
        orderedQuantity: 1,
      }),
    );
    expect(refused.code).toBe('23503');
  });

  it('refuses a second production workspace', async () => {
    const refused = await pgError(db.insert(workspaces).values({ kind: 'production', name: 'Andra' }));
    expect(refused.code).toBe('23505');
  });

  it('keeps one device with one patient at a time', async () => {
    const refused = await pgError(
      db.insert(loans).values({
        workspaceId: ws,
        patientId: demoId('patient', (await otherPatient())!),
        articleId: demoId('article', '10156'),
        unitId: demoId('unit', '170098'),
        prescriberId: ana,
        payerId: demoId('care-unit', '2990'),
        deliveryAddressId: demoId('care-unit', '2990'),
        position: 9,
        orderedOn: '2026-01-01',
        orderedQuantity: 1,
      }),
    );
    expect(refused.message).toContain('loans_one_active_per_unit');
  });

  it('keeps the audit trail and the access log append-only', async () => {
    await db.insert(auditEvents).values({ workspaceId: ws, actorId: ana, action: 'test.event', entityType: 'test' });
    await db.insert(patientAccessLog).values({ workspaceId: ws, userId: ana, patientId: patient, action: 'test' });
    for (const table of ['audit_events', 'patient_access_log']) {
      for (const statement of [
        `update ${table} set workspace_id = workspace_id`,
        `delete from ${table}`,
        `truncate ${table}`,
      ]) {
        const refused = await pgError(db.execute(sql.raw(statement)));
        expect(refused.message).toContain('append-only');
      }
    }
  });

  async function otherPatient(): Promise<string | undefined> {
    const { demoPatients } = await import('../seed');
    return demoPatients[1]?.personnummer;
  }
});
