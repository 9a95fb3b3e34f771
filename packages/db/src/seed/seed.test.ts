import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { findPatientByPersonnummer, findPrescriberByUsername, listPatientLoans } from '../queries';
import * as schema from '../schema';
import { createTestDb, testDbKinds } from '../test/test-database';
import { seedDemoData } from './index';

describe.each(testDbKinds())('demo data on %s', (kind) => {
  let handle: DbHandle;
  let ws: string;

  beforeAll(async () => {
    handle = await createTestDb(kind);
    ws = await seedDemoData(handle.db);
  });
  afterAll(() => handle?.close());

  async function rowCounts() {
    const tables = [
      schema.prescribers,
      schema.payers,
      schema.deliveryAddresses,
      schema.patients,
      schema.articles,
      schema.units,
      schema.loans,
      schema.bmbs,
      schema.bmbLines,
      schema.workspaces,
    ];
    return Promise.all(tables.map(async (t) => (await handle.db.select({ n: count() }).from(t))[0]!.n));
  }

  it('seeding twice adds nothing', async () => {
    const before = await rowCounts();
    expect(await seedDemoData(handle.db)).toBe(ws);
    expect(await rowCounts()).toEqual(before);
  });

  it("holds the manual's example exactly", async () => {
    const patient = await findPatientByPersonnummer(handle.db, ws, '191212121212');
    expect(patient?.name).toBe('Svensson, Testare');
    const loans = await listPatientLoans(handle.db, ws, patient!.id);
    expect(loans.map((l) => [l.articleNo, l.articleName, l.individNo, l.prescriberUsername, l.payerCode])).toEqual([
      ['15749', 'Skrivunderlägg 70x50x8', null, 'k100ana', '2990'],
      ['25800', 'Röstförstärkare Falck 1005', '75082', 'k100ana', '2990'],
      ['10156', 'Sittdyna Roho Quadro Select hög 39,5x43', '170098', 'k100ana', '2990'],
      ['15014', 'Sittdyna Roho Quadro Select hög 44x43', '157792', 'k100ana', '2990'],
    ]);
    expect(loans[0]).toMatchObject({ orderedOn: '2012-01-13', deliveredOn: '2012-01-13', quantity: 1 });
    const [cushion] = await handle.db
      .select({ price: schema.articles.priceOre })
      .from(schema.articles)
      .where(and(eq(schema.articles.workspaceId, ws), eq(schema.articles.articleNo, '10156')));
    expect(cushion?.price).toBe(17484);
  });

  it('has the four demo users and gives k200bo other payers than k100ana', async () => {
    for (const username of ['k100ana', 'k200bo', 'admin', 'k300ny']) {
      expect(await findPrescriberByUsername(handle.db, ws, username)).not.toBeNull();
    }
    const payersOf = async (username: string) => {
      const p = await findPrescriberByUsername(handle.db, ws, username);
      const rows = await handle.db
        .select({ payerId: schema.prescriberPayers.payerId })
        .from(schema.prescriberPayers)
        .where(eq(schema.prescriberPayers.prescriberId, p!.id));
      return rows.map((r) => r.payerId);
    };
    const ana = await payersOf('k100ana');
    const bo = await payersOf('k200bo');
    expect(bo.length).toBeGreaterThan(0);
    expect(bo.filter((id) => ana.includes(id))).toEqual([]);
    expect((await findPrescriberByUsername(handle.db, ws, 'admin'))?.role).toBe('admin');
  });

  it('has a dozen patients, a few dozen loans and answered history', async () => {
    const counts = await rowCounts();
    expect(counts[3]).toBeGreaterThanOrEqual(12); // patients
    expect(counts[6]).toBeGreaterThanOrEqual(30); // loans
    const statuses = await handle.db.selectDistinct({ status: schema.bmbs.status }).from(schema.bmbs);
    expect(statuses.map((r) => r.status)).toEqual(expect.arrayContaining(['accepted', 'rejected']));
  });
});
