import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@bmb/db/client';
import { ensureProductionWorkspace, seedDemoData } from '@bmb/db/seed';
import { regionSqlFromDb, seedRegion } from '@bmb/db/seed/region';
import { createTestDb, testDbKinds } from '@bmb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from './output';
import { runExport } from './run-export';
import { runImport } from './run-import';

/** A small region (500 patients, 1,000 loans) beside the demo data, as the region generator's tests make one. */
const SCALE = 0.0005;
const anchor = new Date('2026-11-25T12:00:00Z');

const collect = (): Output & { text: string } => {
  const out = { text: '', isTTY: false, write: (text: string) => void (out.text += text) };
  return out;
};

const ws = `(select id from workspaces where kind = 'production')`;
const listOf = (link: string, unitTable: string, column: string) => `
  (select coalesce(string_agg(u.code || case when l.is_default then '*' else '' end, '|' order by u.code), '')
   from ${link} l join ${unitTable} u on u.workspace_id = l.workspace_id and u.id = l.${column}
   where l.workspace_id = p.workspace_id and l.prescriber_id = p.id)`;

/**
 * What the files carry, per list, as BMB holds it: keys and values, never
 * BMB's own ids (which differ). A loan BMB made itself is known by the
 * `bmb-<id>` the export gives it.
 */
const CONTENT: Record<string, string> = {
  payers: `select code, name from payers where workspace_id = ${ws} order by code`,
  deliveryAddresses: `select code, name from delivery_addresses where workspace_id = ${ws} order by code`,
  prescribers: `
    select p.username, p.name, p.phone, p.mobile, p.fax, p.email, p.active,
      ${listOf('prescriber_payers', 'payers', 'payer_id')} as payers,
      ${listOf('prescriber_delivery_addresses', 'delivery_addresses', 'delivery_address_id')} as addresses
    from prescribers p where p.workspace_id = ${ws} order by p.username`,
  patients: `select personnummer, name from patients where workspace_id = ${ws} order by personnummer`,
  articles: `select article_no, name, kind::text, price_ore from articles where workspace_id = ${ws} order by article_no`,
  units: `
    select u.individ_no, a.article_no from units u join articles a on a.workspace_id = u.workspace_id and a.id = u.article_id
    where u.workspace_id = ${ws} order by u.individ_no`,
  loans: `
    select coalesce(l.source_id, 'bmb-' || l.id::text) as source_id, coalesce(l.source_version, 1)::text as version,
      pt.personnummer, a.article_no, u.individ_no, l.quantity, l.ordered_quantity, l.delivered_quantity,
      l.ordered_on::text as ordered_on, l.delivered_on::text as delivered_on, p.username, py.code as payer,
      da.code as delivery_address, l.returned_on is not null as returned
    from loans l
    join patients pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
    join articles a on a.workspace_id = l.workspace_id and a.id = l.article_id
    left join units u on u.workspace_id = l.workspace_id and u.id = l.unit_id
    join prescribers p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
    join payers py on py.workspace_id = l.workspace_id and py.id = l.payer_id
    join delivery_addresses da on da.workspace_id = l.workspace_id and da.id = l.delivery_address_id
    where l.workspace_id = ${ws} order by 1`,
  // The order of each patient's current devices (Pos): returned ones are numbered first on import.
  listOrder: `
    select pt.personnummer, string_agg(coalesce(l.source_id, 'bmb-' || l.id::text), ' ' order by l.position) as loans
    from loans l join patients pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
    where l.workspace_id = ${ws} and l.returned_on is null group by pt.personnummer order by 1`,
};

async function content(handle: DbHandle): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(CONTENT))
    result[name] = (await handle.raw.query(query)).rows;
  return result;
}

/** Every table's content, to prove a refused or dry run wrote nothing at all. */
async function checksums(handle: DbHandle): Promise<Record<string, unknown>> {
  const tables = (
    await handle.raw.query(`select tablename from pg_tables where schemaname = 'public' order by 1`)
  ).rows;
  const sums: Record<string, unknown> = {};
  for (const { tablename } of tables) {
    const [row] = (
      await handle.raw.query(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${String(tablename)}" t`,
      )
    ).rows;
    sums[String(tablename)] = row?.sum;
  }
  return sums;
}

const lastImport = async (handle: DbHandle) =>
  (
    await handle.raw.query(
      `select after from audit_events where action = 'masterdata.imported' order by id desc limit 1`,
    )
  ).rows[0]?.after;

/**
 * The round trip: the demo data and a generated region in database A,
 * exported to CSV files, imported into an empty production workspace in
 * database B; every list the same on both sides.
 */
describe.each(testDbKinds())('export and import on %s', (kind) => {
  let a: DbHandle;
  let b: DbHandle;
  let folder: string;
  let exported: { code: number; text: string };

  beforeAll(async () => {
    a = await createTestDb(kind);
    await seedDemoData(a.db);
    await seedRegion(regionSqlFromDb(a.db), { scale: SCALE, anchor, skipVacuum: true });
    b = await createTestDb(kind);
    await ensureProductionWorkspace(b.db);
    folder = await mkdtemp(join(tmpdir(), 'bmb-export-'));
    const out = collect();
    // Pages of 300 rows: every list but the smallest spans several.
    exported = { code: await runExport(a.db, folder, out, 300), text: out.text };
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('exports every list of the production workspace, one file each with its header', async () => {
    expect(exported.code, exported.text).toBe(0);
    expect((await readdir(folder)).sort()).toEqual([
      'articles.csv',
      'delivery-addresses.csv',
      'loans.csv',
      'patients.csv',
      'payers.csv',
      'prescribers.csv',
      'units.csv',
    ]);
    const loans = (await readFile(join(folder, 'loans.csv'), 'utf8')).split('\n');
    expect(loans[0]).toBe(
      'sourceId,personnummer,articleNo,individNo,quantity,orderedOn,deliveredOn,prescriber,payer,deliveryAddress,status,version',
    );
    const [{ n }] = (
      await a.raw.query(`select count(*)::int as n from loans where workspace_id = ${ws}`)
    ).rows as [{ n: number }];
    expect(n).toBeGreaterThan(1000);
    expect(loans.filter((line) => line !== '').length - 1).toBe(n);
    expect(exported.text).toContain(`loans.csv: ${n.toLocaleString('en-US')} rows`);
    // A loan BMB made itself gets a sourceId of its own id.
    expect(loans.some((line) => /^bmb-[0-9a-f-]{36},/.test(line))).toBe(true);
  });

  it('refuses to export over an export', async () => {
    const out = collect();
    expect(await runExport(a.db, folder, out)).toBe(2);
    expect(out.text).toContain('already holds payers.csv');
  });

  it('a dry run counts everything as new and writes nothing', async () => {
    const before = await checksums(b);
    const out = collect();
    expect(await runImport(b.db, { folder, dryRun: true }, out), out.text).toBe(0);
    expect(out.text).toContain('Dry run: nothing was written.');
    expect(out.text).toMatch(/\| patients\.csv \| 5\d\d \| 5\d\d \| 0 \| 0 \| {2}\|/);
    expect(await checksums(b)).toEqual(before);
  });

  it('imports into an empty production workspace: the same keys and values in every list', async () => {
    const out = collect();
    expect(await runImport(b.db, { folder, dryRun: false, chunkRows: 250 }, out), out.text).toBe(0);
    expect(out.text).toMatch(/Writing .* 100% /);
    const [left, right] = [await content(a), await content(b)];
    for (const list of Object.keys(CONTENT)) {
      expect(right[list]!.length, list).toBeGreaterThan(0);
      expect(right[list], list).toEqual(left[list]);
    }
    expect(await lastImport(b)).toMatchObject({
      client: 'import-cli',
      closedLines: 0,
      counts: { loans: { updated: 0, unchanged: 0 } },
    });
  });

  it('a second import of the same export changes nothing', async () => {
    const out = collect();
    expect(await runImport(b.db, { folder, dryRun: false }, out), out.text).toBe(0);
    const counts = (
      (await lastImport(b)) as {
        counts: Record<string, { created: number; updated: number; stale?: number }>;
      }
    ).counts;
    for (const [list, c] of Object.entries(counts))
      expect([list, c.created, c.updated, c.stale ?? 0]).toEqual([list, 0, 0, 0]);
  });

  it('a folder with bad rows says file, line and column in Swedish, and writes nothing', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'bmb-import-bad-'));
    try {
      await cp(folder, bad, { recursive: true });
      // patients.csv line 3: the second patient, with a wrong check digit.
      const patients = (await readFile(join(bad, 'patients.csv'), 'utf8')).split('\n');
      const pnr = patients[2]!.slice(0, 12);
      patients[2] = `${pnr.slice(0, 11)}${(Number(pnr[11]) + 1) % 10}${patients[2]!.slice(12)}`;
      await writeFile(join(bad, 'patients.csv'), patients.join('\n'));
      // loans.csv line 2: a prescriber BMB does not know.
      const loans = (await readFile(join(bad, 'loans.csv'), 'utf8')).split('\n');
      const cells = loans[1]!.split(',');
      cells[loans[0]!.split(',').indexOf('prescriber')] = 'k000ingen';
      loans[1] = cells.join(',');
      await writeFile(join(bad, 'loans.csv'), loans.join('\n'));

      const before = await checksums(b);
      const out = collect();
      expect(await runImport(b.db, { folder: bad, dryRun: false }, out)).toBe(1);
      const expected = [
        'patients.csv, rad 3, personnummer: Personnumret är inte giltigt: kontrollsiffran stämmer inte.',
        'loans.csv, rad 2, prescriber: Förskrivaren finns varken i batchen eller i BMB.',
      ];
      expect(out.text).toContain(
        'Filerna innehåller fel. Ingenting är inläst; rätta felen och kör importen igen. 2 fel:',
      );
      for (const line of expected) expect(out.text).toContain(`  ${line}\n`);
      const report = await readFile(join(bad, 'import-report.txt'), 'utf8');
      expect(report.trim().split('\n').slice(2)).toEqual(expected);
      expect(await checksums(b)).toEqual(before);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
