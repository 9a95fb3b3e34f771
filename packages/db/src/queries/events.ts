import type { BmbEventType } from '@bmb/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  articles,
  bmbEvents,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  patients,
  payers,
  prescribers,
  units,
  workspaces,
} from '../schema';
import { timestamptz } from './deadline-sql';
import { rowsOf } from './rows';

/**
 * The feed's events, written inside the transaction of the change they tell
 * of, by one INSERT … SELECT each: what the event says is read from the rows
 * as the change left them, without a round trip. A training sandbox gets none
 * (the database refuses them too: migration 0011).
 */

/** A loan as the stock system knows it: its own key, the article, the individ. */
const loanKeys = sql`'sourceId', l.source_id, 'articleNo', a.article_no, 'individNo', u.individ_no, 'quantity', l.quantity`;

/** Who holds the loan now, and pays: what an accepted BMB changed. */
const loanHolder = sql`'prescriber', p.username, 'payer', py.code, 'deliveryAddress', da.code, 'personnummer', pt.personnummer`;

/** The open lines of the BMB `b`, as JSON objects of `fields`, in the patient's list order. */
function linesOf(fields: SQL, line: SQL = sql`bl.closed_at is null`): SQL {
  return sql`coalesce((
    select jsonb_agg(jsonb_build_object(${fields}) order by l.position, l.id)
    from ${bmbLines} bl
    join ${loans} l on l.workspace_id = bl.workspace_id and l.id = bl.loan_id
    join ${articles} a on a.workspace_id = l.workspace_id and a.id = l.article_id
    left join ${units} u on u.workspace_id = l.workspace_id and u.id = l.unit_id
    join ${prescribers} p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
    join ${payers} py on py.workspace_id = l.workspace_id and py.id = l.payer_id
    join ${deliveryAddresses} da on da.workspace_id = l.workspace_id and da.id = l.delivery_address_id
    join ${patients} pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
    where bl.workspace_id = b.workspace_id and bl.bmb_id = b.id and ${line}
  ), '[]'::jsonb)`;
}

async function insertEvent(
  tx: DbOrTx,
  workspaceId: string,
  type: BmbEventType,
  bmbId: string,
  at: Date,
  data: SQL,
): Promise<void> {
  await tx.execute(sql`
    insert into ${bmbEvents} (workspace_id, type, occurred_at, bmb_id, data)
    select b.workspace_id, ${type}::bmb_event_type, ${timestamptz(at)}, b.id, ${data}
    from ${bmbs} b
    join ${workspaces} w on w.id = b.workspace_id and w.kind = 'production'
    join ${prescribers} s on s.workspace_id = b.workspace_id and s.id = b.sender_id
    join ${prescribers} r on r.workspace_id = b.workspace_id and r.id = b.receiver_id
    where b.workspace_id = ${workspaceId} and b.id = ${bmbId}`);
}

const parties = sql`'bmbId', b.id, 'sender', s.username, 'receiver', r.username`;

/** What an event of the whole BMB says, by type (a closed line names its loan: recordBmbLineClosed). */
const whatItSays: Record<Exclude<BmbEventType, 'bmb.line-closed'>, SQL> = {
  // Verkställ: the BMB and the devices it offers.
  'bmb.sent': sql`jsonb_build_object(${parties}, 'loans', ${linesOf(loanKeys)})`,
  // Ja: each loan with its new prescriber, payer, delivery address and patient.
  'bmb.accepted': sql`jsonb_build_object(${parties}, 'loans', ${linesOf(sql`${loanKeys}, ${loanHolder}`)})`,
  // Nej: nothing moved; the receiver's message says why.
  'bmb.rejected': sql`jsonb_build_object(${parties}, 'message', b.answer_message)`,
  // Länsservice unlocked a locked BMB: its devices are free for a new one.
  'bmb.unlocked': sql`jsonb_build_object(${parties}, 'reason', b.unlock_reason, 'loans', ${linesOf(loanKeys)})`,
};

/** Records what happened to the BMB, after the change itself, in its transaction. */
export function recordBmbEvent(
  tx: DbOrTx,
  workspaceId: string,
  type: keyof typeof whatItSays,
  bmbId: string,
  at: Date,
): Promise<void> {
  return insertEvent(tx, workspaceId, type, bmbId, at, whatItSays[type]);
}

/** A device of an open BMB went back to Länsservice: its line closed without an answer. */
export function recordBmbLineClosed(
  tx: DbOrTx,
  workspaceId: string,
  bmbId: string,
  loanId: string,
  at: Date,
): Promise<void> {
  return insertEvent(
    tx,
    workspaceId,
    'bmb.line-closed',
    bmbId,
    at,
    sql`jsonb_build_object(${parties}, 'reason', 'returned', 'loans', ${linesOf(loanKeys, sql`bl.loan_id = ${loanId}`)})`,
  );
}

export interface FeedEvent {
  id: string;
  type: BmbEventType;
  occurredAt: Date;
  data: unknown;
  /** Where a reader that has read this event goes on from: `${txId}.${id}`. */
  cursor: string;
}

/** A position in the feed: after this transaction's event `id` (both 0 for the start). */
export interface FeedCursor {
  txId: string;
  id: number;
}

export const FEED_START: FeedCursor = { txId: '0', id: 0 };

/**
 * The horizon of the feed (a CTE named `horizon`, column `xid`): the oldest
 * transaction that was still running when this statement's snapshot was taken
 * and may belong to this database, else the next transaction id to be given
 * out. Every transaction below it has committed or rolled back, so no event can
 * appear below it any more.
 *
 * The snapshot's list of running transactions is the whole server's: a long
 * transaction in another database (another region's BMB, a report) would hold
 * the feed back for nothing. So transactions that pg_stat_activity shows in
 * other databases are left out. Only those: one that ended between the
 * snapshot and that look is kept, and one whose database the role may not see
 * is kept too, which can only delay an event, never skip one. (The activity
 * view has 32-bit ids; a snapshot's are 64-bit: compared on the low 32 bits,
 * which the running transactions of one server never share.)
 */
export const feedHorizon = sql`
  snapshot as (select pg_current_snapshot() as s),
  elsewhere as (
    select a.backend_xid::text::bigint as xid32 from pg_stat_activity a
    where a.backend_xid is not null and a.datname is distinct from current_database()
  ),
  horizon as (
    select coalesce(
      (select x from snapshot, pg_snapshot_xip(snapshot.s) as x
       where (x::text::bigint % 4294967296) not in (select xid32 from elsewhere)
       order by x limit 1),
      (select pg_snapshot_xmax(s) from snapshot)
    ) as xid
  )`;

/**
 * The events after `after`, oldest first, at most `limit`: only those of
 * transactions that no running transaction precedes, so that no event can
 * still appear before the last one answered (docs/decisions/011).
 */
export async function readFeed(
  db: DbOrTx,
  workspaceId: string,
  after: FeedCursor,
  limit: number,
): Promise<FeedEvent[]> {
  const rows = rowsOf<{
    id: string;
    tx_id: string;
    type: BmbEventType;
    occurred_at: string | Date;
    data: unknown;
  }>(
    await db.execute(sql`
      with ${feedHorizon}
      select e.id::text as id, e.tx_id::text as tx_id, e.type, e.occurred_at, e.data
      from ${bmbEvents} e, horizon
      where e.workspace_id = ${workspaceId}
        and (e.tx_id, e.id) > (${after.txId}::xid8, ${after.id}::bigint)
        and e.tx_id < horizon.xid
      order by e.tx_id, e.id
      limit ${limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    occurredAt: new Date(r.occurred_at),
    data: r.data,
    cursor: `${r.tx_id}.${r.id}`,
  }));
}
