import type { AdminScope } from '@bmb/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { bmbs, unlockRequests } from '../schema';
import { builtOnce } from './prepared';
import { atSwedishTime, isLockedSql, isWaitingSql, swedishMonthStartSql, timestamptz } from './deadline-sql';

export interface BmbOverview {
  waiting: number;
  locked: number;
  acceptedThisMonth: number;
  rejectedThisMonth: number;
  /** Median hours from sent to answered, for BMBs answered this month; null when none. */
  medianHoursToAnswer: number | null;
}

/** Admin → Översikt: where BMBs stand now, and this calendar month (Swedish time). */
export async function bmbOverview(db: DbOrTx, admin: AdminScope, now: Date): Promise<BmbOverview> {
  const { workspaceId } = admin;
  const nowSql = timestamptz(now);
  const monthStart = swedishMonthStartSql(nowSql);
  // Bounded at now too: a workspace clock moved back (training, tests) must not count the future.
  const answeredThisMonth = sql`${bmbs.answeredAt} >= ${monthStart} and ${bmbs.answeredAt} <= ${nowSql}`;
  const [row] = await db
    .select({
      waiting: sql<number>`count(*) filter (where ${isWaitingSql(bmbs, nowSql)})::int`,
      locked: sql<number>`count(*) filter (where ${isLockedSql(bmbs, nowSql)})::int`,
      acceptedThisMonth: sql<number>`count(*) filter (where ${bmbs.status} = 'accepted' and ${answeredThisMonth})::int`,
      rejectedThisMonth: sql<number>`count(*) filter (where ${bmbs.status} = 'rejected' and ${answeredThisMonth})::int`,
      medianHoursToAnswer: sql<number | null>`(percentile_cont(0.5) within group (
        order by extract(epoch from ${bmbs.answeredAt} - ${bmbs.sentAt})
      ) filter (where ${bmbs.answeredAt} is not null and ${answeredThisMonth}) / 3600)::float8`,
    })
    .from(bmbs)
    .where(and(eq(bmbs.workspaceId, workspaceId), sql`${bmbs.status} in ('sent', 'accepted', 'rejected')`));
  return {
    waiting: Number(row?.waiting ?? 0),
    locked: Number(row?.locked ?? 0),
    acceptedThisMonth: Number(row?.acceptedThisMonth ?? 0),
    rejectedThisMonth: Number(row?.rejectedThisMonth ?? 0),
    medianHoursToAnswer: row?.medianHoursToAnswer == null ? null : Number(row.medianHoursToAnswer),
  };
}

export interface WeekCount {
  /** Monday of the week, `YYYY-MM-DD` (Swedish calendar). */
  week: string;
  sent: number;
}

/** BMBs sent per week over the last 52 weeks, every week present (0 where none). */
export async function bmbsSentPerWeek(db: DbOrTx, admin: AdminScope, now: Date): Promise<WeekCount[]> {
  const { workspaceId } = admin;
  const thisWeek = sql`date_trunc('week', ${atSwedishTime(timestamptz(now))})`;
  const firstWeek = sql`(${thisWeek} - interval '51 weeks')`;
  const rows = await db.execute(sql`
    with weeks as (
      select generate_series(
        ${firstWeek},
        ${thisWeek},
        interval '1 week'
      ) as week
    ),
    sent as (
      select date_trunc('week', ${atSwedishTime(bmbs.sentAt)}) as week, count(*)::int as n
      from ${bmbs}
      where ${bmbs.workspaceId} = ${workspaceId}
        and ${bmbs.sentAt} >= ${atSwedishTime(firstWeek)}
      group by 1
    )
    select to_char(weeks.week, 'YYYY-MM-DD') as week, coalesce(sent.n, 0)::int as sent
    from weeks left join sent using (week)
    order by weeks.week
  `);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as WeekCount[];
  return list.map((r) => ({ week: r.week, sent: Number(r.sent) }));
}

/**
 * What waits for Länsservice: open "Begär upplåsning" requests. An open
 * request is always on a locked BMB (it can only be made for one, and
 * unlocking closes it in the same transaction), so the count needs no join:
 * a 0.1 ms index count. The start page, the Admin menu's badge, Översikt and
 * the queue on Låsta BMB show it.
 */
export async function countOpenUnlockRequests(db: DbOrTx, admin: AdminScope): Promise<number> {
  const [row] = await openUnlockRequestsQuery(db).execute({ workspaceId: admin.workspaceId });
  return row?.n ?? 0;
}

const openUnlockRequestsQuery = builtOnce((db) =>
  db
    .select({ n: count() })
    .from(unlockRequests)
    .where(and(eq(unlockRequests.workspaceId, sql.placeholder('workspaceId')), eq(unlockRequests.status, 'open')))
    .prepare('count_open_unlock_requests'),
);
