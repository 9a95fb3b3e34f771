import { randomUUID } from 'node:crypto';
import type { Db } from '@bmb/db/client';
import {
  LIST_PAGE_SIZE,
  listIncomingBmbs,
  listUnansweredBmbsInvolving,
  listUnreadDeclinedBmbs,
  listUnreadLansserviceAnswers,
  workspaceNow,
} from '@bmb/db/queries';
import { regionFixtures } from '@bmb/db/seed/region';
import type postgres from 'postgres';

/**
 * What the benchmark works on: the generated region's fixtures, and for the
 * two writes one prepared BMB per request — drafts on distinct loans for
 * Verkställ, and the BMBs those sends produce for the answer (Ja), so that a
 * run leaves the region as it found it apart from a few thousand closed BMBs.
 */
export interface BenchFixtures {
  workspaceId: string;
  holder: string;
  busyReceiver: string;
  admin: string;
  /** A prescriber whose Kvittera BMB shows no row (nothing waiting, locked, declined or unlocked): the list's empty variant. */
  emptyReceiver: string;
  /** Who receives the benchmark's sends and answers them (not the busy receiver: its list must stay as generated). */
  answerer: string;
  tenLoanPatientId: string;
  tenLoanPatientPersonnummer: string;
  individ: string;
  /** Halfway through the integration feed: where a stock system catching up would read from. */
  feedCursor: string;
}

export async function benchFixtures(sql: postgres.Sql, db: Db, scale: number): Promise<BenchFixtures> {
  const f = regionFixtures(scale);
  const [ws] = await sql<{ id: string }[]>`select id from workspaces where kind = 'production'`;
  const [patient] = await sql<{ personnummer: string }[]>`
    select personnummer from patients where workspace_id = ${ws!.id} and id = ${f.tenLoanPatientId}`;
  const [admin] = await sql<{ username: string }[]>`
    select username from prescribers where workspace_id = ${ws!.id} and role = 'admin' and active order by username limit 1`;
  // The last prescriber by username: far from the fixtures, and the same in every run.
  const [answerer] = await sql<{ username: string }[]>`
    select username from prescribers
    where workspace_id = ${ws!.id} and role = 'prescriber' and active and not training_required
      and username not in (${f.busyReceiverUsername}, ${f.tenLoanPatientHolderUsername})
    order by username desc limit 1`;
  const [feed] = await sql<{ cursor: string }[]>`
    select tx_id::text || '.' || id as cursor from bmb_events where workspace_id = ${ws!.id}
    order by tx_id, id offset (select count(*) / 2 from bmb_events where workspace_id = ${ws!.id}) limit 1`;
  if (!patient || !admin || !answerer || !feed)
    throw new Error('The database is not a generated region (pnpm db:seed:region)');
  const reserved = [f.busyReceiverUsername, f.tenLoanPatientHolderUsername, answerer.username];
  return {
    workspaceId: ws!.id,
    holder: f.tenLoanPatientHolderUsername,
    busyReceiver: f.busyReceiverUsername,
    admin: admin.username,
    emptyReceiver: await findEmptyReceiver(sql, db, ws!.id, reserved),
    answerer: answerer.username,
    tenLoanPatientId: f.tenLoanPatientId,
    tenLoanPatientPersonnummer: patient.personnummer,
    individ: f.individWithHistory,
    feedCursor: feed.cursor,
  };
}

/**
 * The first prescriber (by username) for whom Kvittera BMB's four lists are
 * empty, asked through the page's own query functions. Candidates are those
 * with nothing sent to them still open; the bench's senders (the first 40 by
 * username with free loans) are avoided by starting from the other end.
 */
async function findEmptyReceiver(sql: postgres.Sql, db: Db, workspaceId: string, reserved: string[]): Promise<string> {
  const now = await workspaceNow(db, workspaceId);
  const candidates = await sql<{ id: string; username: string }[]>`
    select p.id, p.username from prescribers p
    where p.workspace_id = ${workspaceId} and p.role = 'prescriber' and p.active and not p.training_required
      and p.username not in ${sql(reserved)}
      and not exists (select 1 from bmbs b where b.workspace_id = p.workspace_id and b.receiver_id = p.id and b.status = 'sent')
    order by p.username desc limit 200`;
  for (const p of candidates) {
    const [incoming, locked, declined, news] = await Promise.all([
      listIncomingBmbs(db, workspaceId, p.id, now, { sort: 'oldest', state: 'all', page: 1, size: LIST_PAGE_SIZE }),
      listUnansweredBmbsInvolving(db, workspaceId, p.id, now, 1),
      listUnreadDeclinedBmbs(db, workspaceId, p.id, now, 30, 1),
      listUnreadLansserviceAnswers(db, workspaceId, p.id, now, 30, 1),
    ]);
    if (incoming.rows.length + locked.length + declined.length + news.length === 0) return p.username;
  }
  throw new Error('No prescriber in the region has an empty Kvittera BMB (among 200 candidates)');
}

export interface Draft {
  bmbId: string;
  sender: string;
}

/**
 * `count` drafts to the answerer, one free loan each (current, held by its
 * sender, in no sent BMB), spread over the prescribers who hold the most.
 */
export async function prepareDrafts(
  sql: postgres.Sql,
  fx: BenchFixtures,
  count: number,
): Promise<Draft[]> {
  const rows = await sql<{ bmbId: string; sender: string }[]>`
    with senders as (
      -- The first 40 prescribers (by username) who still hold enough free loans:
      -- every run's answers move the loans it sent to the answerer, so after a
      -- few runs the first senders have none left and the next ones take over.
      select p.id, p.username from prescribers p
      where p.workspace_id = ${fx.workspaceId} and p.role = 'prescriber' and p.active and not p.training_required
        and p.username not in (${fx.busyReceiver}, ${fx.answerer}, ${fx.holder})
        and (
          select count(*) from loans l
          where l.workspace_id = p.workspace_id and l.prescriber_id = p.id and l.returned_on is null
            and not exists (select 1 from bmb_lines bl
                            where bl.workspace_id = l.workspace_id and bl.loan_id = l.id and bl.bmb_status in ('draft', 'sent'))
        ) >= ${Math.ceil(count / 20)}
      order by p.username limit 40
    ),
    free as (
      select l.id as loan_id, l.patient_id, s.id as sender_id, s.username,
             row_number() over (order by l.id) as n
      from senders s
      join lateral (
        select l.id, l.patient_id from loans l
        where l.workspace_id = ${fx.workspaceId} and l.prescriber_id = s.id and l.returned_on is null
          and not exists (select 1 from bmb_lines bl
                          where bl.workspace_id = l.workspace_id and bl.loan_id = l.id and bl.bmb_status in ('draft', 'sent'))
        limit ${Math.ceil(count / 20)}
      ) l on true
    ),
    picked as (select *, gen_random_uuid() as bmb_id from free where n <= ${count}),
    receiver as (select id from prescribers where workspace_id = ${fx.workspaceId} and username = ${fx.answerer}),
    new_bmbs as (
      insert into bmbs (workspace_id, id, status, sender_id, receiver_id, from_patient_id, to_patient_id, bmb_date, message)
      select ${fx.workspaceId}, bmb_id, 'draft', sender_id, (select id from receiver), patient_id, patient_id, current_date, 'pnpm bench'
      from picked
      returning id
    ),
    new_lines as (
      insert into bmb_lines (workspace_id, bmb_id, loan_id)
      select ${fx.workspaceId}, bmb_id, loan_id from picked
    )
    select bmb_id as "bmbId", username as sender from picked order by n`;
  if (rows.length < count) throw new Error(`Only ${rows.length} free loans for ${count} drafts`);
  return rows.map((r) => ({ bmbId: r.bmbId, sender: r.sender }));
}

/** BMBs sent to the answerer by the benchmark and still waiting: the answer's work list. */
export async function pendingForAnswerer(sql: postgres.Sql, fx: BenchFixtures): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select b.id from bmbs b join prescribers r on r.workspace_id = b.workspace_id and r.id = b.receiver_id
    where b.workspace_id = ${fx.workspaceId} and r.username = ${fx.answerer} and b.status = 'sent'
      and b.sent_at > now() - interval '6 days' and b.message = 'pnpm bench'
    order by b.sent_at`;
  return rows.map((r) => r.id);
}

/** A fresh idempotency key, as the summary page renders into the Verkställ form. */
export const idempotencyKey = (): string => randomUUID();
