import { parsePersonnummer } from '@bmb/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../client';
import { countBmbsAwaitingAnswer, findIndividCard, listPatientLoans } from '../../queries';
import { createTestDb, testDbKinds } from '../../test/test-database';
import { seedDemoData } from '../index';
import { historicLinesOf } from './historic-bmbs';
import { openCount, openLinesOf } from './open-bmbs';
import { feedEventsOf } from './plan';
import { REGION_TABLES } from './preflight';
import {
  REGION_FIXTURES,
  RegionRefused,
  regionFixtures,
  regionPlan,
  regionSqlFromDb,
  seedRegion,
  type RegionSql,
  type SeedRegionResult,
} from './index';

const SCALE = 0.001;
const anchor = new Date('2026-11-25T12:00:00Z');
const deadline = (column: string) =>
  `(((${column} at time zone 'Europe/Stockholm') + interval '7 days') at time zone 'Europe/Stockholm')`;
const at = `timestamptz '${anchor.toISOString()}'`;
/** Rows of a generated kind: ids `fK000000-0000-8000-8000-…` (ids.ts). */
const generated = (column: string, kind: number) =>
  `${column}::text like 'f${kind}000000-0000-8000-8000-%'`;

describe('region plan', () => {
  it('is issue 9 region at scale 1 and scales down in proportion', () => {
    expect(regionPlan(1)).toMatchObject({
      patients: 1_000_000,
      loans: 2_000_000,
      units: 1_500_000,
      prescribers: 10_000,
      careUnits: 1_000,
      historicBmbs: 500_000,
      pendingBmbs: 4_000,
      lockedBmbs: 2_000,
      busyWaiting: 200,
      auditEvents: 3_000_000,
      accessLog: 5_000_000,
    });
    expect(regionPlan(SCALE)).toMatchObject({
      patients: 1_000,
      loans: 2_000,
      units: 1_500,
      prescribers: 10,
      careUnits: 3,
      historicBmbs: 500,
      pendingBmbs: 4,
      lockedBmbs: 2,
      busyWaiting: 1,
      auditEvents: 3_000,
      accessLog: 5_000,
    });
    expect(() => regionPlan(0)).toThrow();
    expect(REGION_FIXTURES.busyReceiverWaiting).toBe(200);
  });
});

/** Every table's generated rows, hashed in a fixed order and time zone. */
async function fingerprint(db: RegionSql): Promise<Record<string, string>> {
  const filters: Record<string, string> = {
    payers: generated('id', 1),
    delivery_addresses: generated('id', 1),
    prescribers: generated('id', 2),
    prescriber_payers: generated('prescriber_id', 2),
    prescriber_delivery_addresses: generated('prescriber_id', 2),
    articles: generated('id', 3),
    units: generated('id', 4),
    patients: generated('id', 5),
    loans: generated('id', 6),
    bmbs: generated('id', 7),
    bmb_lines: generated('bmb_id', 7),
    unlock_requests: generated('id', 9),
    bmb_events: 'true',
    audit_events: 'true',
    patient_access_log: 'true',
  };
  return db.transaction(async (run) => {
    await run(`set local timezone = 'UTC'`);
    const hashes: Record<string, string> = {};
    for (const [table, where] of Object.entries(filters)) {
      // workspace_id differs between databases (the demo seed's is fixed, but not everywhere), and
      // so does the transaction id the feed keeps: leave them out.
      const row_ = `(to_jsonb(t) - 'workspace_id' - 'tx_id')::text`;
      const [row] = await run(`
        select md5(string_agg(${row_}, '|' order by ${row_})) as h
        from ${table} t where ${where}`);
      hashes[table] = String(row?.h);
    }
    return hashes;
  });
}

const fingerprints = new Map<string, Record<string, string>>();

describe.each(testDbKinds())('region generator on %s', (kind) => {
  const plan = regionPlan(SCALE);
  const fixtures = regionFixtures(SCALE);
  let handle: DbHandle;
  let again: DbHandle;
  let db: RegionSql;
  let ws: string;
  let result: SeedRegionResult;
  let schemaBefore: string[];

  /** Every constraint and index, as PostgreSQL would recreate it. */
  const schemaOf = async (sql: RegionSql) =>
    (
      await sql.run(`
        select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as d
        from pg_constraint where connamespace = 'public'::regnamespace
        union all
        select indexdef from pg_indexes where schemaname = 'public'
        order by 1`)
    ).map((r) => String(r.d));
  const one = async (statement: string) => Number((await db.run(statement))[0]?.n);

  beforeAll(async () => {
    handle = await createTestDb(kind);
    db = regionSqlFromDb(handle.db);
    ws = await seedDemoData(handle.db);
    schemaBefore = await schemaOf(db);
    result = await seedRegion(db, { scale: SCALE, anchor });
    // A second database, for determinism.
    again = await createTestDb(kind);
    await seedDemoData(again.db);
    await seedRegion(regionSqlFromDb(again.db), { scale: SCALE, anchor, skipVacuum: true });
  });
  afterAll(async () => {
    await handle?.close();
    await again?.close();
  });

  it('writes the planned number of rows, in the planned phases', async () => {
    expect(result.workspaceId).toBe(ws);
    expect(result.timings.map((t) => t.phase)).toEqual(
      expect.arrayContaining(['indexes', 'foreign keys']),
    );
    const counts = {
      careUnits: await one(`select count(*)::int as n from payers where ${generated('id', 1)}`),
      deliveryAddresses: await one(
        `select count(*)::int as n from delivery_addresses where ${generated('id', 1)}`,
      ),
      prescribers: await one(
        `select count(*)::int as n from prescribers where ${generated('id', 2)}`,
      ),
      patients: await one(`select count(*)::int as n from patients where ${generated('id', 5)}`),
      loans: await one(`select count(*)::int as n from loans where ${generated('id', 6)}`),
      loansWithUnit: await one(
        `select count(unit_id)::int as n from loans where ${generated('id', 6)}`,
      ),
      units: await one(`select count(*)::int as n from units where ${generated('id', 4)}`),
      bmbs: await one(`select count(*)::int as n from bmbs where ${generated('id', 7)}`),
      lines: await one(`select count(*)::int as n from bmb_lines where ${generated('bmb_id', 7)}`),
      unlockRequests: await one(
        `select count(*)::int as n from unlock_requests where ${generated('id', 9)}`,
      ),
      feedEvents: await one(`select count(*)::int as n from bmb_events`),
      auditEvents: await one(`select count(*)::int as n from audit_events`),
      accessLog: await one(`select count(*)::int as n from patient_access_log`),
    };
    expect(counts).toEqual({
      careUnits: plan.careUnits,
      deliveryAddresses: plan.careUnits,
      prescribers: plan.prescribers,
      patients: plan.patients,
      loans: plan.loans,
      loansWithUnit: plan.units,
      units: plan.units,
      bmbs: plan.historicBmbs + openCount(plan),
      lines: historicLinesOf(0, plan.historicBmbs) + openLinesOf(plan, 0, openCount(plan)),
      unlockRequests: plan.unlockRequests,
      feedEvents: feedEventsOf(plan),
      auditEvents: plan.auditEvents,
      accessLog: plan.accessLog,
    });
    // Each prescriber belongs to one to three units, one of them the default.
    expect(
      await one(
        `select count(*)::int as n from prescriber_payers where ${generated('prescriber_id', 2)} and is_default`,
      ),
    ).toBe(plan.prescribers);
  });

  it('leaves every constraint and index as it was, and refuses a second region', async () => {
    expect(await schemaOf(db)).toEqual(schemaBefore);
    const before = await one(`select count(*)::int as n from loans`);
    await expect(seedRegion(db, { scale: SCALE, anchor })).rejects.toBeInstanceOf(RegionRefused);
    expect(await one(`select count(*)::int as n from loans`)).toBe(before);
  });

  it('gives every patient a valid, unique personnummer', async () => {
    const rows = await db.run(`select personnummer from patients where ${generated('id', 5)}`);
    const invalid = rows
      .map((r) => String(r.personnummer))
      .filter((p) => {
        const parsed = parsePersonnummer(p);
        return !parsed.ok || parsed.isSamordningsnummer;
      });
    expect(invalid).toEqual([]);
    expect(await one(`select count(distinct personnummer)::int as n from patients`)).toBe(
      await one(`select count(*)::int as n from patients`),
    );
  });

  it('keeps every loan in at most one open BMB, and the history consistent with who holds the loans', async () => {
    expect(
      await one(`select count(*)::int as n from (
        select loan_id from bmb_lines where bmb_status = 'sent' group by workspace_id, loan_id having count(*) > 1) twice`),
    ).toBe(0);
    // An accepted BMB's loans are with its receiver, a rejected one's still with the sender; none was returned.
    expect(
      await one(`select count(*)::int as n from bmbs b
        join bmb_lines l on l.workspace_id = b.workspace_id and l.bmb_id = b.id
        join loans lo on lo.workspace_id = l.workspace_id and lo.id = l.loan_id
        where ${generated('b.id', 7)} and (lo.returned_on is not null or lo.prescriber_id <>
          case when b.status = 'accepted' then b.receiver_id else b.sender_id end)`),
    ).toBe(0);
    // Answers came before the deadline and before the anchor; the loans were ordered before any BMB.
    expect(
      await one(`select count(*)::int as n from bmbs b where ${generated('b.id', 7)} and b.answered_at is not null
        and (b.answered_at >= ${deadline('b.sent_at')} or b.answered_at >= ${at})`),
    ).toBe(0);
  });

  it('has the pending and locked BMBs at the anchor, the busy receiver with exactly its waiting ones', async () => {
    const open = (where: string) =>
      one(
        `select count(*)::int as n from bmbs where ${generated('id', 7)} and status = 'sent' and ${where}`,
      );
    expect(await open(`${deadline('sent_at')} > ${at} and sent_at <= ${at}`)).toBe(
      plan.pendingBmbs,
    );
    expect(await open(`${deadline('sent_at')} <= ${at}`)).toBe(plan.lockedBmbs);
    expect(await countBmbsAwaitingAnswer(handle.db, ws, fixtures.busyReceiverId, anchor)).toBe(
      plan.busyWaiting,
    );
    expect(await open(`receiver_id = '${fixtures.busyReceiverId}'`)).toBe(plan.busyWaiting);
    // Still waiting six days later: sent in the last hours before the anchor.
    const sixDaysLater = new Date(anchor.getTime() + 6 * 86_400_000);
    expect(
      await countBmbsAwaitingAnswer(handle.db, ws, fixtures.busyReceiverId, sixDaysLater),
    ).toBe(plan.busyWaiting);
  });

  it('has the fixtures the benchmark looks for', async () => {
    expect(fixtures.busyReceiverUsername).toBe('k9busy');
    expect(fixtures.tenLoanPatientId).toBe(REGION_FIXTURES.tenLoanPatientId);
    const loans = await listPatientLoans(handle.db, ws, fixtures.tenLoanPatientId);
    expect(loans.map((l) => l.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(loans.map((l) => l.prescriberUsername))).toEqual(
      new Set([fixtures.tenLoanPatientHolderUsername]),
    );
    const card = await findIndividCard(handle.db, ws, fixtures.individWithHistory);
    expect(card?.loans).toHaveLength(2);
    expect(card?.loans.filter((l) => l.returnedOn !== null)).toHaveLength(1);
    expect(card?.current).not.toBeNull();
  });

  it('is deterministic: the same scale and anchor give the same rows', async () => {
    const mine = await fingerprint(db);
    expect(await fingerprint(regionSqlFromDb(again.db))).toEqual(mine);
    expect(Object.keys(mine).sort()).toEqual(
      REGION_TABLES.filter((t) => t !== 'workspaces').sort(),
    );
    fingerprints.set(kind, mine);
  });
});

describe('region generator across databases', () => {
  it.runIf(testDbKinds().length > 1)('writes the same rows on PGlite and PostgreSQL', () => {
    expect(fingerprints.get('pglite')).toBeDefined();
    expect(fingerprints.get('pglite')).toEqual(fingerprints.get('postgres'));
  });
});
