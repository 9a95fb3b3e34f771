import type {
  KnownMasterdata,
  MasterdataBatch,
  MasterdataCounts,
  MasterdataLoanCounts,
  MasterdataLookup,
  MasterdataRow,
} from '@bmb/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  articles,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  patients,
  payers,
  prescriberDeliveryAddresses,
  prescriberPayers,
  prescribers,
  units,
} from '../schema';
import { timestamptz } from './deadline-sql';
import { rowsOf } from './rows';

/**
 * POST /api/v1/masterdata, the writing half: one set-based statement per list
 * (INSERT … SELECT … FROM jsonb_to_recordset(…) ON CONFLICT …), never a query
 * per row, so a batch of thousands of loans costs a handful of round trips.
 * The batch arrives checked (packages/domain, integration/masterdata.ts);
 * the caller runs all of it in one transaction.
 */

/** A JSON parameter: the rows travel as one jsonb value, whatever their number. */
const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;
const keys = (values: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${json(values)}))`;

/** The driver may hand jsonb back parsed (postgres.js) or as text. */
const parsed = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);

const countsOf = (total: number, written: { created: boolean }[]): MasterdataCounts => {
  const created = written.filter((w) => w.created).length;
  const updated = written.length - created;
  return { created, updated, unchanged: total - written.length };
};
const NOTHING: MasterdataCounts = { created: 0, updated: 0, unchanged: 0 };

/** What BMB already has of the keys a batch refers to, in one statement. */
export async function findKnownMasterdata(
  db: DbOrTx,
  workspaceId: string,
  lookup: MasterdataLookup,
): Promise<KnownMasterdata> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select
        (select coalesce(jsonb_agg(code), '[]') from ${payers}
          where workspace_id = ${workspaceId} and code in ${keys(lookup.payerCodes)}) as payer_codes,
        (select coalesce(jsonb_agg(code), '[]') from ${deliveryAddresses}
          where workspace_id = ${workspaceId} and code in ${keys(lookup.deliveryAddressCodes)}) as address_codes,
        (select coalesce(jsonb_agg(username), '[]') from ${prescribers}
          where workspace_id = ${workspaceId} and username in ${keys(lookup.usernames)}) as usernames,
        (select coalesce(jsonb_agg(personnummer), '[]') from ${patients}
          where workspace_id = ${workspaceId} and personnummer in ${keys(lookup.personnummer)}) as personnummer,
        (select coalesce(jsonb_agg(article_no), '[]') from ${articles}
          where workspace_id = ${workspaceId} and article_no in ${keys(lookup.articleNos)}) as article_nos,
        (select coalesce(jsonb_agg(jsonb_build_array(u.individ_no, a.article_no)), '[]')
          from ${units} u join ${articles} a on a.workspace_id = u.workspace_id and a.id = u.article_id
          where u.workspace_id = ${workspaceId} and u.individ_no in ${keys(lookup.individNos)}) as units,
        (select coalesce(jsonb_agg(jsonb_build_array(u.individ_no, l.source_id)), '[]')
          from ${loans} l join ${units} u on u.workspace_id = l.workspace_id and u.id = l.unit_id
          where l.workspace_id = ${workspaceId} and l.returned_on is null
            and u.individ_no in ${keys(lookup.individNos)}) as active_loans`),
  );
  const set = (column: string) => new Set(parsed<string[]>(row?.[column] ?? '[]'));
  return {
    payerCodes: set('payer_codes'),
    deliveryAddressCodes: set('address_codes'),
    usernames: set('usernames'),
    personnummer: set('personnummer'),
    articleNos: set('article_nos'),
    units: new Map(parsed<[string, string][]>(row?.units ?? '[]')),
    activeLoanOfUnit: new Map(parsed<[string, string | null][]>(row?.active_loans ?? '[]')),
  };
}

/** Betalare and Kund/leveransadress: a code and a name each. */
async function upsertCodeNames(
  tx: DbOrTx,
  workspaceId: string,
  table: typeof payers | typeof deliveryAddresses,
  rows: { code: string; name: string }[],
): Promise<MasterdataCounts> {
  if (rows.length === 0) return NOTHING;
  const written = rowsOf<{ created: boolean }>(
    await tx.execute(sql`
      insert into ${table} as t (workspace_id, code, name)
      select ${workspaceId}::uuid, r.code, r.name from jsonb_to_recordset(${json(rows)}) as r(code text, name text)
      on conflict (workspace_id, code) do update set name = excluded.name
      where t.name is distinct from excluded.name
      returning (xmax = 0) as created`),
  );
  return countsOf(rows.length, written);
}

/**
 * Förskrivare: a contact field or `active` left out keeps what BMB has (the
 * prescriber may have changed it under Dina uppgifter). Role, training and
 * reminder settings are BMB's own and never touched.
 */
async function upsertPrescribers(
  tx: DbOrTx,
  workspaceId: string,
  rows: MasterdataRow<'prescribers'>[],
): Promise<MasterdataCounts> {
  if (rows.length === 0) return NOTHING;
  const input = rows.map(({ username, name, phone, mobile, fax, email, active }) => ({
    username,
    name,
    phone,
    mobile,
    fax,
    email,
    active,
  }));
  const written = rowsOf<{ id: string; created: boolean }>(
    await tx.execute(sql`
      insert into ${prescribers} as t (workspace_id, username, name, phone, mobile, fax, email, active)
      select ${workspaceId}::uuid, i.username, i.name,
        coalesce(i.phone, p.phone, ''), coalesce(i.mobile, p.mobile, ''), coalesce(i.fax, p.fax, ''),
        coalesce(i.email, p.email, ''), coalesce(i.active, p.active, true)
      from jsonb_to_recordset(${json(input)})
        as i(username text, name text, phone text, mobile text, fax text, email text, active boolean)
      left join ${prescribers} p on p.workspace_id = ${workspaceId} and p.username = i.username
      on conflict (workspace_id, username) do update set
        name = excluded.name, phone = excluded.phone, mobile = excluded.mobile, fax = excluded.fax,
        email = excluded.email, active = excluded.active
      where (t.name, t.phone, t.mobile, t.fax, t.email, t.active)
        is distinct from (excluded.name, excluded.phone, excluded.mobile, excluded.fax, excluded.email, excluded.active)
      returning t.id, (xmax = 0) as created`),
  );
  const created = new Set(written.filter((w) => w.created).map((w) => w.id));
  const changed = new Set(written.filter((w) => !w.created).map((w) => w.id));
  for (const kind of ['payer', 'address'] as const) {
    for (const id of await replaceUnitList(tx, workspaceId, kind, rows))
      if (!created.has(id)) changed.add(id);
  }
  return {
    created: created.size,
    updated: changed.size,
    unchanged: rows.length - created.size - changed.size,
  };
}

const unitLists = {
  payer: { link: prescriberPayers, column: sql.raw('payer_id'), units: payers },
  address: {
    link: prescriberDeliveryAddresses,
    column: sql.raw('delivery_address_id'),
    units: deliveryAddresses,
  },
};

/**
 * A prescriber's payers (or delivery addresses), for each prescriber whose
 * list the batch sends: the list becomes the sent one, its default the sent
 * default or the first listed. Answers the prescribers whose list changed.
 */
async function replaceUnitList(
  tx: DbOrTx,
  workspaceId: string,
  kind: keyof typeof unitLists,
  rows: MasterdataRow<'prescribers'>[],
): Promise<string[]> {
  const sent = rows.flatMap((row) => {
    const codes = kind === 'payer' ? row.payerCodes : row.deliveryAddressCodes;
    if (!codes) return [];
    const chosen =
      (kind === 'payer' ? row.defaultPayerCode : row.defaultDeliveryAddressCode) ?? codes[0];
    return [
      {
        username: row.username,
        codes: codes.map((code) => ({ code, isDefault: code === chosen })),
      },
    ];
  });
  if (sent.length === 0) return [];
  const managed = json(sent.map((s) => s.username));
  const wanted = json(
    sent.flatMap((s) =>
      s.codes.map((c) => ({ username: s.username, code: c.code, is_default: c.isDefault })),
    ),
  );
  const { link, column, units: unitTable } = unitLists[kind];
  const wantedUnits = sql`jsonb_to_recordset(${wanted}) as w(username text, code text, is_default boolean)
    join ${unitTable} u on u.workspace_id = ${workspaceId} and u.code = w.code`;
  const ofManaged = sql`p.workspace_id = ${workspaceId} and p.username in (select jsonb_array_elements_text(${managed}))
    and l.workspace_id = p.workspace_id and l.prescriber_id = p.id`;

  const removed = rowsOf<{ prescriber_id: string }>(
    await tx.execute(sql`
      delete from ${link} l using ${prescribers} p
      where ${ofManaged}
        and not exists (select 1 from ${wantedUnits} where w.username = p.username and u.id = l.${column})
      returning l.prescriber_id`),
  );
  // The old default goes first: one default per prescriber holds after every row, not only at the end.
  const undefaulted = rowsOf<{ prescriber_id: string }>(
    await tx.execute(sql`
      update ${link} l set is_default = false from ${prescribers} p
      where ${ofManaged} and l.is_default
        and not exists (select 1 from ${wantedUnits} where w.username = p.username and w.is_default and u.id = l.${column})
      returning l.prescriber_id`),
  );
  const added = rowsOf<{ prescriber_id: string }>(
    await tx.execute(sql`
      insert into ${link} as l (workspace_id, prescriber_id, ${column}, is_default)
      select ${workspaceId}::uuid, p.id, u.id, w.is_default
      from ${wantedUnits}
      join ${prescribers} p on p.workspace_id = ${workspaceId} and p.username = w.username
      on conflict (workspace_id, prescriber_id, ${column}) do update set is_default = excluded.is_default
      where l.is_default <> excluded.is_default
      returning l.prescriber_id`),
  );
  return [...removed, ...undefaulted, ...added].map((r) => r.prescriber_id);
}

async function upsertPatients(
  tx: DbOrTx,
  workspaceId: string,
  rows: MasterdataRow<'patients'>[],
): Promise<MasterdataCounts> {
  if (rows.length === 0) return NOTHING;
  const written = rowsOf<{ created: boolean }>(
    await tx.execute(sql`
      insert into ${patients} as t (workspace_id, personnummer, name)
      select ${workspaceId}::uuid, r.personnummer, r.name
      from jsonb_to_recordset(${json(rows)}) as r(personnummer text, name text)
      on conflict (workspace_id, personnummer) do update set name = excluded.name
      where t.name is distinct from excluded.name
      returning (xmax = 0) as created`),
  );
  return countsOf(rows.length, written);
}

/**
 * Artiklar. Whether an article is tracked by individ is BMB's inference (the
 * batch does not say): it becomes so when a unit of it arrives, and stays so.
 * Egenavgift is not the stock system's to say either: false for a new article,
 * untouched for a known one.
 */
async function upsertArticles(
  tx: DbOrTx,
  workspaceId: string,
  rows: MasterdataRow<'articles'>[],
): Promise<MasterdataCounts> {
  if (rows.length === 0) return NOTHING;
  const input = rows.map((r) => ({
    article_no: r.articleNo,
    name: r.name,
    kind: r.kind,
    price_ore: r.priceOre,
  }));
  const written = rowsOf<{ created: boolean }>(
    await tx.execute(sql`
      insert into ${articles} as t (workspace_id, article_no, name, kind, price_ore, individual)
      select ${workspaceId}::uuid, r.article_no, r.name, r.kind::article_kind, r.price_ore, false
      from jsonb_to_recordset(${json(input)}) as r(article_no text, name text, kind text, price_ore integer)
      on conflict (workspace_id, article_no) do update set
        name = excluded.name, kind = excluded.kind, price_ore = excluded.price_ore
      where (t.name, t.kind, t.price_ore) is distinct from (excluded.name, excluded.kind, excluded.price_ore)
      returning (xmax = 0) as created`),
  );
  return countsOf(rows.length, written);
}

/** Individer. A known individ is left as it is: it never changes article (the batch check refuses that). */
async function insertUnits(
  tx: DbOrTx,
  workspaceId: string,
  rows: MasterdataRow<'units'>[],
): Promise<MasterdataCounts> {
  if (rows.length === 0) return NOTHING;
  const input = rows.map((r) => ({ individ_no: r.individNo, article_no: r.articleNo }));
  const written = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into ${units} (workspace_id, article_id, individ_no)
      select ${workspaceId}::uuid, a.id, r.individ_no
      from jsonb_to_recordset(${json(input)}) as r(individ_no text, article_no text)
      join ${articles} a on a.workspace_id = ${workspaceId} and a.article_no = r.article_no
      on conflict (workspace_id, individ_no) do nothing
      returning id`),
  );
  await tx.execute(sql`
    update ${articles} a set individual = true
    from jsonb_to_recordset(${json(input)}) as r(individ_no text, article_no text)
    where a.workspace_id = ${workspaceId} and a.article_no = r.article_no and not a.individual`);
  return { created: written.length, updated: 0, unchanged: rows.length - written.length };
}

type LoanOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

/**
 * Lån, keyed by the stock system's `sourceId`. A new one is inserted, next in
 * its patient's list (Pos). A known one is replaced only by a newer `version`:
 * the same version changes nothing (so a re-post never undoes what a BMB moved
 * since), an older one is stale. `returned` sets `returned_on` to `today` (the
 * date BMB learns it, in the workspace's Swedish calendar; a loan already
 * returned keeps its date).
 */
async function upsertLoans(
  tx: DbOrTx,
  workspaceId: string,
  rows: { row: MasterdataRow<'loans'>; idx: number }[],
  today: string,
): Promise<{ sourceId: string; outcome: LoanOutcome; returnedNow: string | null }[]> {
  if (rows.length === 0) return [];
  const ws = sql`${workspaceId}::uuid`;
  const input = rows.map(({ row, idx }) => ({
    idx,
    source_id: row.sourceId,
    personnummer: row.personnummer,
    article_no: row.articleNo,
    individ_no: row.individNo ?? null,
    quantity: row.quantity,
    ordered_on: row.orderedOn,
    delivered_on: row.deliveredOn ?? null,
    prescriber: row.prescriber,
    payer: row.payer,
    delivery_address: row.deliveryAddress,
    status: row.status,
    version: row.version,
  }));
  // The rows as they were before (`r`) and as written (`w`), side by side: joining the two CTEs
  // instead would be a nested loop over both (the planner cannot count a CTE's rows).
  const answer = rowsOf<{
    side: 'r' | 'w';
    sourceId: string;
    loanId: string | null;
    created: boolean | null;
    sameVersion: boolean | null;
    returning: boolean | null;
  }>(
    await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${json(input)}) as r(
          idx integer, source_id text, personnummer text, article_no text, individ_no text, quantity integer,
          ordered_on date, delivered_on date, prescriber text, payer text, delivery_address text, status text, version bigint)
      ),
      resolved as (
        select i.idx, i.source_id, i.version, i.quantity, i.ordered_on, i.delivered_on, i.status,
          pt.id as patient_id, a.id as article_id, u.id as unit_id,
          p.id as prescriber_id, py.id as payer_id, da.id as delivery_address_id,
          prior.id as prior_id, prior.source_version as prior_version, prior.patient_id as prior_patient_id,
          prior.position as prior_position, prior.returned_on as prior_returned_on
        from input i
        join ${patients} pt on pt.workspace_id = ${ws} and pt.personnummer = i.personnummer
        join ${articles} a on a.workspace_id = ${ws} and a.article_no = i.article_no
        left join ${units} u on u.workspace_id = ${ws} and u.individ_no = i.individ_no
        join ${prescribers} p on p.workspace_id = ${ws} and p.username = i.prescriber
        join ${payers} py on py.workspace_id = ${ws} and py.code = i.payer
        join ${deliveryAddresses} da on da.workspace_id = ${ws} and da.code = i.delivery_address
        left join ${loans} prior on prior.workspace_id = ${ws} and prior.source_id = i.source_id
      ),
      applied as (
        select r.*,
          case when r.prior_patient_id = r.patient_id then r.prior_position
          else coalesce((select max(l.position) from ${loans} l where l.workspace_id = ${ws} and l.patient_id = r.patient_id), 0)
            + sum(case when r.prior_patient_id is distinct from r.patient_id then 1 else 0 end)
                over (partition by r.patient_id order by r.idx)
          end as position
        from resolved r
        where r.prior_id is null or r.version > r.prior_version
      ),
      written as (
        insert into ${loans} as l (
          workspace_id, patient_id, article_id, unit_id, quantity, prescriber_id, payer_id, delivery_address_id, position,
          ordered_on, ordered_quantity, delivered_on, delivered_quantity, returned_on, source_id, source_version)
        select ${ws}, patient_id, article_id, unit_id, quantity, prescriber_id, payer_id, delivery_address_id, position,
          ordered_on, quantity, delivered_on, case when delivered_on is not null then quantity end,
          case when status = 'returned' then coalesce(prior_returned_on, ${today}::date) end,
          source_id, version
        from applied
        order by idx
        on conflict (workspace_id, source_id) where source_id is not null do update set
          patient_id = excluded.patient_id, article_id = excluded.article_id, unit_id = excluded.unit_id,
          quantity = excluded.quantity, prescriber_id = excluded.prescriber_id, payer_id = excluded.payer_id,
          delivery_address_id = excluded.delivery_address_id, position = excluded.position,
          ordered_on = excluded.ordered_on, ordered_quantity = excluded.ordered_quantity,
          delivered_on = excluded.delivered_on, delivered_quantity = excluded.delivered_quantity,
          returned_on = excluded.returned_on, source_version = excluded.source_version, updated_at = now()
        where excluded.source_version > l.source_version
        returning l.id, l.source_id, (xmax = 0) as created
      )
      select 'w' as side, w.source_id as "sourceId", w.id::text as "loanId", w.created,
        null::boolean as "sameVersion", null::boolean as returning
      from written w
      union all
      select 'r', r.source_id, r.prior_id::text, null, r.prior_version = r.version,
        r.prior_id is not null and r.prior_returned_on is null and r.status = 'returned'
      from resolved r`),
  );
  const written = new Map(answer.filter((a) => a.side === 'w').map((a) => [a.sourceId, a]));
  return answer
    .filter((a) => a.side === 'r')
    .map((before) => {
      const after = written.get(before.sourceId);
      // Applied but not written: another transaction wrote a newer version first. That makes this one stale too.
      const outcome: LoanOutcome = after
        ? after.created
          ? 'created'
          : 'updated'
        : before.sameVersion
          ? 'unchanged'
          : 'stale';
      return {
        sourceId: before.sourceId,
        outcome,
        returnedNow: after && !after.created && before.returning ? after.loanId : null,
      };
    });
}

export interface MasterdataWritten {
  counts: {
    payers: MasterdataCounts;
    deliveryAddresses: MasterdataCounts;
    prescribers: MasterdataCounts;
    patients: MasterdataCounts;
    articles: MasterdataCounts;
    units: MasterdataCounts;
    loans: MasterdataLoanCounts;
  };
  /** `sourceId` of each loan not applied because BMB had a newer version. */
  stale: string[];
  /** Loans that went back to Länsservice with this batch (active before it). */
  returnedLoanIds: string[];
}

/**
 * Writes a checked batch, list by list in the order they refer to each other.
 * Returned loans go before active ones, so that an individ can pass from a
 * returned loan to a new one in the same batch (one active loan per individ
 * holds after every row).
 */
export async function upsertMasterdata(
  tx: DbOrTx,
  workspaceId: string,
  batch: MasterdataBatch,
  today: string,
): Promise<MasterdataWritten> {
  const counts = {
    payers: await upsertCodeNames(tx, workspaceId, payers, batch.payers),
    deliveryAddresses: await upsertCodeNames(
      tx,
      workspaceId,
      deliveryAddresses,
      batch.deliveryAddresses,
    ),
    prescribers: await upsertPrescribers(tx, workspaceId, batch.prescribers),
    patients: await upsertPatients(tx, workspaceId, batch.patients),
    articles: await upsertArticles(tx, workspaceId, batch.articles),
    units: await insertUnits(tx, workspaceId, batch.units),
  };
  const indexed = batch.loans.map((row, idx) => ({ row, idx }));
  const outcomes = [
    ...(await upsertLoans(
      tx,
      workspaceId,
      indexed.filter((l) => l.row.status === 'returned'),
      today,
    )),
    ...(await upsertLoans(
      tx,
      workspaceId,
      indexed.filter((l) => l.row.status === 'active'),
      today,
    )),
  ];
  const loanCounts: MasterdataLoanCounts = { created: 0, updated: 0, unchanged: 0, stale: 0 };
  for (const { outcome } of outcomes) loanCounts[outcome]++;
  return {
    counts: { ...counts, loans: loanCounts },
    stale: outcomes.filter((o) => o.outcome === 'stale').map((o) => o.sourceId),
    returnedLoanIds: outcomes.flatMap((o) => (o.returnedNow ? [o.returnedNow] : [])),
  };
}

const openLineOf = sql`bl.bmb_status = 'sent' and bl.closed_at is null`;

/**
 * Locks the BMBs whose open lines hold any of these loans of the stock
 * system, in id order, before the loans are written: the lock order of every
 * command is the BMB row first, then its lines and loans.
 */
export async function lockOpenBmbsOfSourceLoans(
  tx: DbOrTx,
  workspaceId: string,
  sourceIds: string[],
): Promise<void> {
  if (sourceIds.length === 0) return;
  await tx.execute(sql`
    select b.id from ${bmbs} b
    join ${bmbLines} bl on bl.workspace_id = b.workspace_id and bl.bmb_id = b.id
    join ${loans} l on l.workspace_id = bl.workspace_id and l.id = bl.loan_id
    where b.workspace_id = ${workspaceId} and ${openLineOf} and l.source_id in ${keys(sourceIds)}
    order by b.id
    for update of b`);
}

export interface ClosedLine {
  bmbId: string;
  loanId: string;
  senderId: string;
  receiverId: string;
  /** The BMB has no open line left: there is nothing for the receiver to take over. */
  noOpenLineLeft: boolean;
}

/**
 * Closes the open BMB lines of loans that went back to Länsservice: the
 * receiver can no longer take them over, and the loans are free of the BMB.
 * The BMBs are locked first (again: a no-op for those already locked). The
 * BMB itself is left as it is.
 */
export async function closeLinesOfReturnedLoans(
  tx: DbOrTx,
  workspaceId: string,
  loanIds: string[],
  at: Date,
): Promise<ClosedLine[]> {
  if (loanIds.length === 0) return [];
  const ofLoans = sql`bl.workspace_id = ${workspaceId} and ${openLineOf} and bl.loan_id in (select (jsonb_array_elements_text(${json(loanIds)}))::uuid)`;
  await tx.execute(sql`
    select b.id from ${bmbs} b join ${bmbLines} bl on bl.workspace_id = b.workspace_id and bl.bmb_id = b.id
    where ${ofLoans} order by b.id for update of b`);
  const closed = rowsOf<{ bmbId: string; loanId: string }>(
    await tx.execute(sql`
      update ${bmbLines} bl set closed_at = ${timestamptz(at)}, closed_reason = 'returned'
      where ${ofLoans}
      returning bl.bmb_id::text as "bmbId", bl.loan_id::text as "loanId"`),
  );
  if (closed.length === 0) return [];
  const parties = rowsOf<{
    bmbId: string;
    senderId: string;
    receiverId: string;
    noOpenLineLeft: boolean;
  }>(
    await tx.execute(sql`
      select b.id::text as "bmbId", b.sender_id::text as "senderId", b.receiver_id::text as "receiverId",
        not exists (select 1 from ${bmbLines} x
          where x.workspace_id = b.workspace_id and x.bmb_id = b.id and x.closed_at is null) as "noOpenLineLeft"
      from ${bmbs} b
      where b.workspace_id = ${workspaceId} and b.id in (select (jsonb_array_elements_text(${json([...new Set(closed.map((c) => c.bmbId))])}))::uuid)`),
  );
  const byBmb = new Map(parties.map((p) => [p.bmbId, p]));
  return closed
    .map((line) => ({ ...byBmb.get(line.bmbId)!, ...line }))
    .sort((a, b) => a.bmbId.localeCompare(b.bmbId) || a.loanId.localeCompare(b.loanId));
}
