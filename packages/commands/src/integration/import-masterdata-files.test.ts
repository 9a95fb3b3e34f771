import { randomUUID } from 'node:crypto';
import { auditEvents, bmbLines, loans, patients } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import {
  luhnCheckDigit,
  parseMasterdataBatch,
  problemCode,
  type MachineActor,
  type MasterdataBatchInput,
  type PersonActor,
} from '@bmb/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBmbDraft } from '../bmb/save-draft';
import { sendBmb } from '../bmb/send-bmb';
import type { CommandResult } from '../result';
import { createWorld, type World } from '../test/world';
import { importMasterdataFiles, type MasterdataFilesMode } from './import-masterdata-files';

const pnr = (birthDate: string, serial: number) =>
  `${birthDate}${serial}${luhnCheckDigit(`${birthDate.slice(2)}${serial}`)}`;

type Loan = NonNullable<MasterdataBatchInput['loans']>[number];
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

/** The initial load from files, on PGlite and PostgreSQL: all of it in one transaction, in chunks. */
describe.each(testDbKinds())('importMasterdataFiles on %s', (kind) => {
  let world: World;
  let ana: PersonActor;
  let machine: MachineActor;

  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };
  /** Chunks of two rows: every list below spans several statements. */
  const load = (
    batch: MasterdataBatchInput,
    mode: MasterdataFilesMode = 'write',
    onProgress?: (done: number, total: number) => void,
  ) =>
    importMasterdataFiles(world.deps, machine, {
      parsed: parseMasterdataBatch(batch),
      mode,
      chunkRows: 2,
      onProgress,
    });
  const loanBySource = async (sourceId: string) =>
    (
      await world.db
        .select()
        .from(loans)
        .where(and(eq(loans.workspaceId, world.workspaceId), eq(loans.sourceId, sourceId)))
    )[0];
  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;

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

  beforeAll(async () => {
    world = await createWorld(kind);
    ana = await world.actor('k100ana');
    machine = {
      kind: 'machine',
      clientId: 'import-cli',
      workspaceId: world.workspaceId,
      scopes: ['masterdata:write'],
    };
  });
  afterAll(() => world?.close());

  const people = Array.from({ length: 5 }, (_, i) => pnr(`1971010${i + 1}`, 980 + i));
  const region = (): MasterdataBatchInput => ({
    payers: [
      { code: '7300', name: 'Vårdcentralen Ett' },
      { code: '7301', name: 'Vårdcentralen Två' },
      { code: '7302', name: 'Vårdcentralen Tre' },
    ],
    patients: people.map((personnummer, i) => ({ personnummer, name: `Fil, Person ${i}` })),
    articles: [{ articleNo: '93001', name: 'Rollator Fil', kind: 'H', priceOre: 10_000 }],
    units: [
      { individNo: '930001', articleNo: '93001' },
      { individNo: '930002', articleNo: '93001' },
    ],
    loans: [
      // Listed first, written after the loan below that gives its individ back.
      loan('F-1', people[0]!, { articleNo: '93001', individNo: '930001' }),
      loan('F-2', people[1]!, { quantity: 2 }),
      loan('F-3', people[2]!, { payer: '7301' }),
      loan('F-4', people[3]!, { articleNo: '93001', individNo: '930002' }),
      loan('F-5', people[4]!, {
        articleNo: '93001',
        individNo: '930001',
        status: 'returned',
        orderedOn: '2020-01-01',
        deliveredOn: null,
      }),
    ],
  });
  const created = {
    payers: { created: 3, updated: 0, unchanged: 0 },
    deliveryAddresses: { created: 0, updated: 0, unchanged: 0 },
    prescribers: { created: 0, updated: 0, unchanged: 0 },
    patients: { created: 5, updated: 0, unchanged: 0 },
    articles: { created: 1, updated: 0, unchanged: 0 },
    units: { created: 2, updated: 0, unchanged: 0 },
    loans: { created: 5, updated: 0, unchanged: 0, stale: 0 },
  };

  it('checks, or writes and rolls back (dry run) with the counts of a real run, without a trace', async () => {
    const before = await tableChecksums();
    expect(valueOf(await load(region(), 'check'))).toEqual({
      mode: 'check',
      rows: 16,
      imported: null,
    });
    const progress: number[] = [];
    const dry = valueOf(await load(region(), 'dry-run', (done) => progress.push(done)));
    expect(dry).toEqual({
      mode: 'dry-run',
      rows: 16,
      imported: { counts: created, stale: [], closedLines: 0 },
    });
    // Payers 2+1, patients 2+2+1, the article, the units, the loans (the returned one first) 2+2+1.
    expect(progress).toEqual([0, 2, 3, 5, 7, 8, 9, 11, 13, 15, 16]);
    expect(await tableChecksums()).toEqual(before);
  });

  it('writes a load larger than a chunk in one go, returned loans first, with one trail event', async () => {
    const before = await lastAuditId();
    const written = valueOf(await load(region()));
    expect(written).toEqual({
      mode: 'write',
      rows: 16,
      imported: { counts: created, stale: [], closedLines: 0 },
    });
    // The individ came back with F-5 and went out again with F-1, although F-1 is listed first.
    expect((await loanBySource('F-5'))!.returnedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await loanBySource('F-1')).toMatchObject({ returnedOn: null, quantity: 1 });
    const trail = await world.db.select().from(auditEvents).where(gt(auditEvents.id, before));
    expect(trail.map((e) => [e.action, e.actorId, e.entityType])).toEqual([
      ['masterdata.imported', null, 'masterdata'],
    ]);
    expect(trail[0]!.after).toMatchObject({
      client: 'import-cli',
      counts: created,
      closedLines: 0,
    });

    // The same load again: nothing changes.
    const again = valueOf(await load(region()));
    expect(again.imported!.counts).toMatchObject({
      payers: { created: 0, unchanged: 3 },
      patients: { created: 0, unchanged: 5 },
      units: { created: 0, unchanged: 2 },
      loans: { created: 0, updated: 0, unchanged: 5, stale: 0 },
    });
  });

  it('one bad row anywhere refuses the whole load, every bad row named, and nothing is written', async () => {
    const before = await tableChecksums();
    const batch = region();
    const valid = pnr('19710109', 989);
    const wrongCheckDigit = `${valid.slice(0, 11)}${(Number(valid[11]) + 1) % 10}`;
    batch.patients!.push({ personnummer: wrongCheckDigit, name: 'Fel, Kontrollsiffra' });
    batch.loans!.push(
      loan('F-6', people[0]!, { prescriber: 'k000ingen' }),
      loan('F-7', people[1]!, { version: 2 }),
    );
    const result = await load(batch);
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid-input',
      problem: 'import.check-files',
    });
    if (result.ok) return;
    expect(
      result.rows!.map((r) => `${r.entity}[${r.index}].${r.field} ${problemCode(r.problem)}`),
    ).toEqual([
      'patients[5].personnummer personnummer.wrong-check-digit',
      'loans[5].prescriber masterdata.unknown-prescriber',
    ]);
    expect(await tableChecksums()).toEqual(before);
  });

  it('a loan returned while in a waiting BMB closes that line, as through the API', async () => {
    const holder = people[1]!;
    const f2 = (await loanBySource('F-2'))!;
    const [patient] = await world.db
      .select()
      .from(patients)
      .where(eq(patients.personnummer, holder));
    const { bmbId } = valueOf(
      await saveBmbDraft(world.deps, ana, {
        fromPatientId: patient!.id,
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: holder,
        loanIds: [f2.id],
        message: 'Patienten flyttar.',
      }),
    );
    valueOf(await sendBmb(world.deps, ana, { bmbId, idempotencyKey: randomUUID() }));
    const batch = region();
    batch.loans![1] = loan('F-2', holder, { quantity: 2, status: 'returned', version: 2 });
    const result = valueOf(await load(batch));
    expect(result.imported).toMatchObject({
      counts: { loans: { updated: 1, unchanged: 4 } },
      closedLines: 1,
    });
    const [line] = await world.db.select().from(bmbLines).where(eq(bmbLines.bmbId, bmbId));
    expect(line).toMatchObject({ loanId: f2.id, closedReason: 'returned' });
  });

  it('an individ passes from a loan returned in the files to a new loan listed before it, a chunk apart', async () => {
    // Every returned loan of the load is written first.
    const passed = valueOf(
      await load({
        loans: [
          loan('F-8', people[2]!, { articleNo: '93001', individNo: '930001' }),
          loan('F-9', people[2]!),
          loan('F-5', people[4]!, {
            articleNo: '93001',
            individNo: '930001',
            status: 'returned',
            orderedOn: '2020-01-01',
            deliveredOn: null,
          }),
          loan('F-1', people[0]!, {
            articleNo: '93001',
            individNo: '930001',
            status: 'returned',
            version: 2,
          }),
        ],
      }),
    );
    expect(passed.imported!.counts.loans).toEqual({
      created: 2,
      updated: 1,
      unchanged: 1,
      stale: 0,
    });
    expect(await loanBySource('F-8')).toMatchObject({
      returnedOn: null,
      unitId: (await loanBySource('F-1'))!.unitId,
    });
  });

  it('refuses a machine without the scope', async () => {
    const reader: MachineActor = { ...machine, scopes: ['events:read'] };
    expect(
      await importMasterdataFiles(world.deps, reader, {
        parsed: parseMasterdataBatch(region()),
        mode: 'write',
      }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});
