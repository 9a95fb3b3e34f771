import type { BmbDisplayState } from '@bmb/domain';
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
  prescribers,
  units,
} from '../schema';
import { deadlineSql, isLockedSql, isWaitingSql, timestamptz } from './deadline-sql';
import { rowsOf } from './rows';

/**
 * BMBs as the integration API shows them (GET /api/v1/bmbs and /bmbs/{id}):
 * sent ones only (a draft is its sender's alone), with the stock system's own
 * keys of the devices. Paged in the order they last changed, so a reader that
 * asks for `updatedSince` its last page gets every change once.
 */
export interface ApiBmb {
  id: string;
  status: Exclude<BmbDisplayState, 'draft' | 'discarded'>;
  sender: string;
  receiver: string;
  sentAt: string;
  deadline: string;
  answeredAt: string | null;
  updatedAt: string;
}

export interface ApiBmbDetail extends ApiBmb {
  message: string;
  answerMessage: string | null;
  fromPersonnummer: string;
  toPersonnummer: string;
  chosenPayer: string | null;
  chosenDeliveryAddress: string | null;
  loans: {
    sourceId: string | null;
    articleNo: string;
    individNo: string | null;
    quantity: number;
    closed: boolean;
  }[];
}

export interface ApiBmbFilter {
  status?: ApiBmb['status'];
  updatedSince?: Date;
  /** The last row of the previous page: (updatedAt, id). */
  after?: { updatedAt: string; id: string };
  limit: number;
}

const statusSql = (now: Date): SQL =>
  sql`case when ${isLockedSql(bmbs, now)} then 'locked' when ${isWaitingSql(bmbs, now)} then 'waiting' else ${bmbs.status}::text end`;

const summary = (now: Date) => sql`
  ${bmbs.id} as id, ${statusSql(now)} as status, s.username as sender, r.username as receiver,
  ${bmbs.sentAt} as sent_at, ${deadlineSql(bmbs.sentAt)} as deadline, ${bmbs.answeredAt} as answered_at,
  ${bmbs.updatedAt} as updated_at, to_char(${bmbs.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at`;

const people = sql`
  join ${prescribers} s on s.workspace_id = ${bmbs.workspaceId} and s.id = ${bmbs.senderId}
  join ${prescribers} r on r.workspace_id = ${bmbs.workspaceId} and r.id = ${bmbs.receiverId}`;

interface SummaryRow {
  id: string;
  status: ApiBmb['status'];
  sender: string;
  receiver: string;
  sent_at: string | Date;
  deadline: string | Date;
  answered_at: string | Date | null;
  updated_at: string | Date;
  cursor_at: string;
}

const iso = (value: string | Date) => new Date(value).toISOString();
const toSummary = (r: SummaryRow): ApiBmb => ({
  id: r.id,
  status: r.status,
  sender: r.sender,
  receiver: r.receiver,
  sentAt: iso(r.sent_at),
  deadline: iso(r.deadline),
  answeredAt: r.answered_at ? iso(r.answered_at) : null,
  updatedAt: iso(r.updated_at),
});

/** A page of sent BMBs, oldest change first; `next` continues after the last row. */
export async function listBmbsForApi(
  db: DbOrTx,
  workspaceId: string,
  now: Date,
  filter: ApiBmbFilter,
): Promise<{ bmbs: ApiBmb[]; next: { updatedAt: string; id: string } | null }> {
  const conditions = [
    sql`${bmbs.workspaceId} = ${workspaceId}`,
    sql`${bmbs.status} <> 'draft' and ${bmbs.status} <> 'discarded'`,
  ];
  if (filter.updatedSince)
    conditions.push(sql`${bmbs.updatedAt} >= ${timestamptz(filter.updatedSince)}`);
  if (filter.after)
    conditions.push(
      sql`(${bmbs.updatedAt}, ${bmbs.id}) > (${filter.after.updatedAt}::timestamptz, ${filter.after.id}::uuid)`,
    );
  if (filter.status) conditions.push(sql`${statusSql(now)} = ${filter.status}`);
  const rows = rowsOf<SummaryRow>(
    await db.execute(sql`
      select ${summary(now)} from ${bmbs} ${people}
      where ${sql.join(conditions, sql` and `)}
      order by ${bmbs.updatedAt}, ${bmbs.id}
      limit ${filter.limit + 1}`),
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    bmbs: page.map(toSummary),
    next: rows.length > filter.limit && last ? { updatedAt: last.cursor_at, id: last.id } : null,
  };
}

/** One sent BMB, with its patients, the receiver's choice and its devices. */
export async function findBmbForApi(
  db: DbOrTx,
  workspaceId: string,
  bmbId: string,
  now: Date,
): Promise<ApiBmbDetail | null> {
  const [row] = rowsOf<
    SummaryRow & {
      message: string;
      answer_message: string | null;
      from_pnr: string;
      to_pnr: string;
      payer: string | null;
      address: string | null;
      lines: ApiBmbDetail['loans'];
    }
  >(
    await db.execute(sql`
      select ${summary(now)}, ${bmbs.message} as message, ${bmbs.answerMessage} as answer_message,
             fp.personnummer as from_pnr, tp.personnummer as to_pnr, py.code as payer, da.code as address,
             coalesce((
               select jsonb_agg(jsonb_build_object('sourceId', l.source_id, 'articleNo', a.article_no, 'individNo', u.individ_no,
                                                   'quantity', l.quantity, 'closed', bl.closed_at is not null) order by l.position, l.id)
               from ${bmbLines} bl
               join ${loans} l on l.workspace_id = bl.workspace_id and l.id = bl.loan_id
               join ${articles} a on a.workspace_id = l.workspace_id and a.id = l.article_id
               left join ${units} u on u.workspace_id = l.workspace_id and u.id = l.unit_id
               where bl.workspace_id = ${bmbs.workspaceId} and bl.bmb_id = ${bmbs.id}
             ), '[]'::jsonb) as lines
      from ${bmbs} ${people}
      join ${patients} fp on fp.workspace_id = ${bmbs.workspaceId} and fp.id = ${bmbs.fromPatientId}
      join ${patients} tp on tp.workspace_id = ${bmbs.workspaceId} and tp.id = ${bmbs.toPatientId}
      left join ${payers} py on py.workspace_id = ${bmbs.workspaceId} and py.id = ${bmbs.chosenPayerId}
      left join ${deliveryAddresses} da on da.workspace_id = ${bmbs.workspaceId} and da.id = ${bmbs.chosenDeliveryAddressId}
      where ${bmbs.workspaceId} = ${workspaceId} and ${bmbs.id} = ${bmbId}
        and ${bmbs.status} <> 'draft' and ${bmbs.status} <> 'discarded'`),
  );
  if (!row) return null;
  return {
    ...toSummary(row),
    message: row.message,
    answerMessage: row.answer_message,
    fromPersonnummer: row.from_pnr,
    toPersonnummer: row.to_pnr,
    chosenPayer: row.payer,
    chosenDeliveryAddress: row.address,
    loans: row.lines,
  };
}
