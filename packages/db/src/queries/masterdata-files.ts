import {
  MASTERDATA_ENTITIES,
  type KnownMasterdata,
  type MasterdataEntity,
  type MasterdataLookup,
} from '@bmb/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import {
  articles,
  deliveryAddresses,
  loans,
  patients,
  payers,
  prescriberDeliveryAddresses,
  prescriberPayers,
  prescribers,
  units,
} from '../schema';
import { findKnownMasterdata } from './masterdata';
import { rowsOf } from './rows';

/**
 * The initial load of a whole region from files (`pnpm run import`, apps/import)
 * and its counterpart, the export: the same lists and fields as
 * POST /api/v1/masterdata, in pages, so that a region of a million patients
 * never travels as one statement or sits in memory as one result.
 */

/**
 * A whole region is written in one transaction, longer than the app's 15 s
 * limits allow (client.ts): this transaction only. The limits stay finite, so
 * that a dead client still lets go of its locks.
 */
export async function allowBulkLoad(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`set local statement_timeout = '10min'`);
  await tx.execute(sql`set local idle_in_transaction_session_timeout = '10min'`);
}

const tablesOf: Record<MasterdataEntity, SQL[]> = {
  payers: [sql`${payers}`],
  deliveryAddresses: [sql`${deliveryAddresses}`],
  prescribers: [sql`${prescribers}`, sql`${prescriberPayers}`, sql`${prescriberDeliveryAddresses}`],
  patients: [sql`${patients}`],
  // A unit makes its article tracked by individ.
  articles: [sql`${articles}`],
  units: [sql`${units}`, sql`${articles}`],
  loans: [sql`${loans}`],
};

/**
 * Fresh planner statistics for a list just loaded, inside the load's
 * transaction. Until autovacuum comes round, a table filled by a bulk load
 * looks as empty as before it: the next list's joins, and the look-ups of the
 * next import, were planned as nested loops over "no rows" (measured: 20 s
 * instead of 0.1 s for 46,000 keys). A role that does not own the tables gets
 * a warning instead, and the load goes on.
 */
export async function analyzeMasterdata(tx: DbOrTx, entity: MasterdataEntity): Promise<void> {
  await tx.execute(sql`analyze ${sql.join(tablesOf[entity], sql`, `)}`);
}

/**
 * `findKnownMasterdata` for a lookup of any size: at most `chunkKeys` keys of
 * each list per statement, the answers merged.
 */
export async function findKnownMasterdataInChunks(
  db: DbOrTx,
  workspaceId: string,
  lookup: MasterdataLookup,
  chunkKeys: number,
): Promise<KnownMasterdata> {
  const known = {
    payerCodes: new Set<string>(),
    deliveryAddressCodes: new Set<string>(),
    usernames: new Set<string>(),
    personnummer: new Set<string>(),
    articleNos: new Set<string>(),
    units: new Map<string, string>(),
    activeLoanOfUnit: new Map<string, string | null>(),
  };
  const longest = Math.max(...Object.values(lookup).map((keys: string[]) => keys.length));
  for (let from = 0; from < longest; from += chunkKeys) {
    const slice = (keys: string[]) => keys.slice(from, from + chunkKeys);
    const part = await findKnownMasterdata(db, workspaceId, {
      payerCodes: slice(lookup.payerCodes),
      deliveryAddressCodes: slice(lookup.deliveryAddressCodes),
      usernames: slice(lookup.usernames),
      personnummer: slice(lookup.personnummer),
      articleNos: slice(lookup.articleNos),
      individNos: slice(lookup.individNos),
    });
    part.payerCodes.forEach((k) => known.payerCodes.add(k));
    part.deliveryAddressCodes.forEach((k) => known.deliveryAddressCodes.add(k));
    part.usernames.forEach((k) => known.usernames.add(k));
    part.personnummer.forEach((k) => known.personnummer.add(k));
    part.articleNos.forEach((k) => known.articleNos.add(k));
    part.units.forEach((article, individ) => known.units.set(individ, article));
    part.activeLoanOfUnit.forEach((loan, individ) => known.activeLoanOfUnit.set(individ, loan));
  }
  return known;
}

/** One row as the API's list holds it: the field names are the API's (and the CSV files' columns). */
export type MasterdataExportRow = Record<string, string | number | boolean | string[] | null>;

/** The driver may hand jsonb back parsed (postgres.js) or as text. */
const parsedJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);

interface Page {
  /** Where the next page starts: the key of the last row, in the order of `select`. */
  after: unknown[] | null;
  rows: MasterdataExportRow[];
}

type PageReader = (
  db: DbOrTx,
  workspaceId: string,
  after: unknown[] | null,
  limit: number,
) => Promise<Page>;

/** A page of a list ordered by one text key (`keyColumn`, as `alias.column`). */
function byTextKey(
  select: (ws: string, from: SQL) => SQL,
  keyOf: (row: MasterdataExportRow) => string,
  keyColumn: SQL,
  shape: (row: Record<string, unknown>) => MasterdataExportRow = (row) =>
    row as MasterdataExportRow,
): PageReader {
  return async (db, workspaceId, after, limit) => {
    const from = after ? sql`and ${keyColumn} > ${String(after[0])}` : sql``;
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`${select(workspaceId, from)} order by ${keyColumn} limit ${limit}`),
    ).map(shape);
    const last = rows.at(-1);
    return { rows, after: last ? [keyOf(last)] : null };
  };
}

const codeNames = (table: typeof payers | typeof deliveryAddresses) =>
  byTextKey(
    (ws, from) => sql`select t.code, t.name from ${table} t where t.workspace_id = ${ws} ${from}`,
    (row) => String(row.code),
    sql`t.code`,
  );

/** A prescriber's units of one kind: all their codes, and the default's. */
const unitListOf = (
  link: typeof prescriberPayers | typeof prescriberDeliveryAddresses,
  unitTable: typeof payers | typeof deliveryAddresses,
  column: SQL,
) => ({
  codes: sql`coalesce((select jsonb_agg(u.code order by u.code) from ${link} l
    join ${unitTable} u on u.workspace_id = l.workspace_id and u.id = l.${column}
    where l.workspace_id = p.workspace_id and l.prescriber_id = p.id), '[]'::jsonb)`,
  chosen: sql`(select u.code from ${link} l
    join ${unitTable} u on u.workspace_id = l.workspace_id and u.id = l.${column}
    where l.workspace_id = p.workspace_id and l.prescriber_id = p.id and l.is_default)`,
});
const payerList = unitListOf(prescriberPayers, payers, sql.raw('payer_id'));
const addressList = unitListOf(
  prescriberDeliveryAddresses,
  deliveryAddresses,
  sql.raw('delivery_address_id'),
);

const pageReaders: Record<MasterdataEntity, PageReader> = {
  payers: codeNames(payers),
  deliveryAddresses: codeNames(deliveryAddresses),
  prescribers: byTextKey(
    (ws, from) => sql`
      select p.username, p.name, p.phone, p.mobile, p.fax, p.email, p.active,
        ${payerList.codes} as "payerCodes", ${addressList.codes} as "deliveryAddressCodes",
        ${payerList.chosen} as "defaultPayerCode", ${addressList.chosen} as "defaultDeliveryAddressCode"
      from ${prescribers} p where p.workspace_id = ${ws} ${from}`,
    (row) => String(row.username),
    sql`p.username`,
    (row) => ({
      ...(row as MasterdataExportRow),
      payerCodes: parsedJson<string[]>(row.payerCodes),
      deliveryAddressCodes: parsedJson<string[]>(row.deliveryAddressCodes),
    }),
  ),
  patients: byTextKey(
    (ws, from) =>
      sql`select t.personnummer, t.name from ${patients} t where t.workspace_id = ${ws} ${from}`,
    (row) => String(row.personnummer),
    sql`t.personnummer`,
  ),
  articles: byTextKey(
    (ws, from) => sql`
      select t.article_no as "articleNo", t.name, t.kind::text as kind, t.price_ore as "priceOre"
      from ${articles} t where t.workspace_id = ${ws} ${from}`,
    (row) => String(row.articleNo),
    sql`t.article_no`,
  ),
  units: byTextKey(
    (ws, from) => sql`
      select u.individ_no as "individNo", a.article_no as "articleNo"
      from ${units} u join ${articles} a on a.workspace_id = u.workspace_id and a.id = u.article_id
      where u.workspace_id = ${ws} ${from}`,
    (row) => String(row.individNo),
    sql`u.individ_no`,
  ),
  loans: exportLoansPage,
};

/**
 * Lån, each patient's in the order of their list (Pos), so that an import
 * into an empty BMB numbers them in the same order. A loan BMB did not get
 * from the stock system has no `sourceId`: it gets one made of its own id
 * (`bmb-<id>`), at version 1.
 */
async function exportLoansPage(
  db: DbOrTx,
  workspaceId: string,
  after: unknown[] | null,
  limit: number,
): Promise<Page> {
  const from = after
    ? sql`and (l.patient_id, l.position, l.id) > (${String(after[0])}::uuid, ${Number(after[1])}, ${String(after[2])}::uuid)`
    : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select coalesce(l.source_id, 'bmb-' || l.id::text) as "sourceId", pt.personnummer, a.article_no as "articleNo",
        u.individ_no as "individNo", l.quantity, l.ordered_on::text as "orderedOn", l.delivered_on::text as "deliveredOn",
        p.username as prescriber, py.code as payer, da.code as "deliveryAddress",
        case when l.returned_on is null then 'active' else 'returned' end as status,
        coalesce(l.source_version, 1)::text as version,
        l.patient_id::text as k_patient, l.position as k_position, l.id::text as k_id
      from ${loans} l
      join ${patients} pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
      join ${articles} a on a.workspace_id = l.workspace_id and a.id = l.article_id
      left join ${units} u on u.workspace_id = l.workspace_id and u.id = l.unit_id
      join ${prescribers} p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
      join ${payers} py on py.workspace_id = l.workspace_id and py.id = l.payer_id
      join ${deliveryAddresses} da on da.workspace_id = l.workspace_id and da.id = l.delivery_address_id
      where l.workspace_id = ${workspaceId} ${from}
      order by l.patient_id, l.position, l.id
      limit ${limit}`),
  );
  const last = rows.at(-1);
  return {
    after: last ? [last.k_patient, last.k_position, last.k_id] : null,
    rows: rows.map(({ k_patient: _p, k_position: _q, k_id: _i, version, ...row }) => ({
      ...(row as MasterdataExportRow),
      version: Number(version),
    })),
  };
}

/**
 * Reads every list of a workspace, in the order of the API's batch, `pageRows`
 * rows at a time, and hands each page to `write` before the next is read. One
 * read-only snapshot: the lists agree with each other even while BMB runs.
 */
export async function exportMasterdata(
  db: Db,
  workspaceId: string,
  pageRows: number,
  write: (entity: MasterdataEntity, rows: MasterdataExportRow[]) => Promise<void>,
  entities: readonly MasterdataEntity[] = MASTERDATA_ENTITIES,
): Promise<void> {
  await db.transaction(
    async (tx) => {
      await allowBulkLoad(tx);
      for (const entity of entities) {
        let after: unknown[] | null = null;
        do {
          const page: Page = await pageReaders[entity](tx, workspaceId, after, pageRows);
          if (page.rows.length > 0) await write(entity, page.rows);
          after = page.rows.length < pageRows ? null : page.after;
        } while (after);
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
