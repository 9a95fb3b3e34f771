import { deadlineSql, workspaceNow } from '@bmb/db/queries';
import { displayState } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../table-checksums';
import { manualLoanId, PATIENTS, type ModelWorld } from './fixtures';
import { LOAN_NOS, type AuditDelta, type LoanState, type PatientKey, type Projection, type RequestStatus, type Username } from './model';

/**
 * What the model-based test reads back from the database after every step,
 * straight with SQL: the rules that must hold whatever happened, the audit
 * events added since a watermark, and the state of the model's loans and BMBs.
 */

/**
 * Rules for every row of every workspace, independent of the model. Returns the
 * violations found, as text (empty when all hold).
 */
export async function invariantViolations({ world }: ModelWorld, runBmbIds: string[]): Promise<string[]> {
  const ids = sql.join(
    runBmbIds.length > 0 ? runBmbIds.map((id) => sql`${id}::uuid`) : [sql`null::uuid`],
    sql`, `,
  );
  const rows = rowsOf<{ violation: string }>(
    await world.db.execute(sql`
      -- At most one open BMB per loan (open: sent, waiting or locked).
      select 'loan ' || bl.loan_id || ' is in ' || count(*) || ' open BMBs' as violation
      from bmb_lines bl join bmbs b on b.workspace_id = bl.workspace_id and b.id = bl.bmb_id
      where b.status = 'sent' group by bl.workspace_id, bl.loan_id having count(*) > 1
      union all
      select 'line of BMB ' || bl.bmb_id || ' says ' || bl.bmb_status || ', the BMB ' || b.status
      from bmb_lines bl join bmbs b on b.workspace_id = bl.workspace_id and b.id = bl.bmb_id
      where bl.bmb_status <> b.status
      -- Every loan has one prescriber, payer and delivery address, all existing.
      union all
      select 'loan ' || l.id || ' lacks a prescriber, payer or address'
      from loans l
      left join prescribers p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
      left join payers py on py.workspace_id = l.workspace_id and py.id = l.payer_id
      left join delivery_addresses d on d.workspace_id = l.workspace_id and d.id = l.delivery_address_id
      where p.id is null or py.id is null or d.id is null
      union all
      select 'individ ' || l.unit_id || ' is lent ' || count(*) || ' times'
      from loans l where l.unit_id is not null and l.returned_on is null
      group by l.workspace_id, l.unit_id having count(*) > 1
      -- Only admins unlock: in the BMB and in the audit trail.
      union all
      select 'BMB ' || b.id || ' unlocked by a non-admin'
      from bmbs b left join prescribers p on p.workspace_id = b.workspace_id and p.id = b.unlocked_by_id
      where b.status = 'unlocked' and p.role is distinct from 'admin'
      union all
      select 'bmb.unlocked audited for a non-admin: ' || a.id
      from audit_events a left join prescribers p on p.workspace_id = a.workspace_id and p.id = a.actor_id
      where a.action = 'bmb.unlocked' and p.role is distinct from 'admin'
      -- One audit event per state change, for this run's BMBs: as many as the state says happened.
      union all
      select 'BMB ' || b.id || ' (' || b.status || ') has ' || e.n || ' × ' || e.action
      from bmbs b
      cross join lateral (
        select x.action, coalesce((select count(*) from audit_events a
          where a.workspace_id = b.workspace_id and a.entity_id = b.id and a.action = x.action), 0) as n, x.expected
        from (values
          ('bmb.draft.saved', 1),
          ('bmb.sent', case when b.status in ('sent', 'accepted', 'rejected', 'unlocked') then 1 else 0 end),
          ('bmb.accepted', case when b.status = 'accepted' then 1 else 0 end),
          ('bmb.rejected', case when b.status = 'rejected' then 1 else 0 end),
          ('bmb.unlocked', case when b.status = 'unlocked' then 1 else 0 end),
          ('bmb.unlock-request.created',
            (select count(*) from unlock_requests r where r.workspace_id = b.workspace_id and r.bmb_id = b.id)::int),
          ('bmb.unlock-request.declined',
            (select count(*) from unlock_requests r where r.workspace_id = b.workspace_id and r.bmb_id = b.id
             and r.status = 'declined')::int)
        ) as x(action, expected)
      ) e
      where b.workspace_id = ${world.workspaceId} and b.id in (${ids}) and e.n <> e.expected`),
  );
  return rows.map((r) => r.violation);
}

/** The newest audit event id: what a step adds is everything after it. */
export async function auditWatermark({ world }: ModelWorld): Promise<number> {
  const [row] = rowsOf<{ id: string | number }>(
    await world.db.execute(sql`select coalesce(max(id), 0) as id from audit_events`),
  );
  return Number(row?.id ?? 0);
}

/** The events added to the production trail since the watermark, by action. */
export async function auditSince({ world }: ModelWorld, watermark: number): Promise<AuditDelta> {
  const rows = rowsOf<{ action: string; n: string | number }>(
    await world.db.execute(sql`
      select action, count(*) as n from audit_events
      where id > ${watermark} and workspace_id = ${world.workspaceId} group by action`),
  );
  return Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
}

/**
 * The model's loans and BMBs as the database has them. "Locked" is read the
 * two ways the app reads it: the domain's displayState on the workspace clock,
 * and the SQL deadline the lists use; they must agree.
 */
export async function snapshot({ world }: ModelWorld, bmbIds: string[]): Promise<Projection> {
  const ws = world.workspaceId;
  const loanRows = rowsOf<{ id: string; prescriber: Username; payer: string; delivery: string; patient: string }>(
    await world.db.execute(sql`
      select l.id, p.username as prescriber, py.code as payer, d.code as delivery, l.patient_id as patient
      from loans l
      join prescribers p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
      join payers py on py.workspace_id = l.workspace_id and py.id = l.payer_id
      join delivery_addresses d on d.workspace_id = l.workspace_id and d.id = l.delivery_address_id
      where l.workspace_id = ${ws} and l.id in (${sql.join(LOAN_NOS.map((n) => sql`${manualLoanId(n)}::uuid`), sql`, `)})`),
  );
  const patientKey = (id: string) =>
    (Object.entries(PATIENTS).find(([, p]) => p.id === id)?.[0] ?? `unknown ${id}`) as PatientKey;
  const loans = Object.fromEntries(
    LOAN_NOS.map((n) => {
      const row = loanRows.find((r) => r.id === manualLoanId(n));
      const state: LoanState | undefined = row && {
        prescriber: row.prescriber,
        payer: row.payer,
        delivery: row.delivery,
        patient: patientKey(row.patient),
      };
      return [n, state];
    }),
  ) as Projection['loans'];

  const [clock] = rowsOf<{ seconds: number }>(
    await world.db.execute(sql`select clock_offset_seconds as seconds from workspaces where id = ${ws}`),
  );
  const bmbs: Projection['bmbs'] = {};
  if (bmbIds.length > 0) {
    const now = await workspaceNow(world.db, ws);
    const rows = rowsOf<{
      id: string;
      status: Projection['bmbs'][string]['status'];
      sent_at: string | null;
      sent_hours_ago: number | null;
      locked_sql: boolean;
      unlocked_by: Username | null;
      requests: RequestStatus[] | null;
    }>(
      await world.db.execute(sql`
        select b.id, b.status, b.sent_at::text as sent_at, u.username as unlocked_by,
          -- Real time adds seconds to the model's whole hours: round them away.
          round(extract(epoch from now() + make_interval(secs => w.clock_offset_seconds) - b.sent_at) / 3600)::int
            as sent_hours_ago,
          (b.status = 'sent' and ${deadlineSql(sql`b.sent_at`)} <= now() + make_interval(secs => w.clock_offset_seconds)) as locked_sql,
          (select array_agg(r.status::text order by r.created_at, r.id) from unlock_requests r
           where r.workspace_id = b.workspace_id and r.bmb_id = b.id) as requests
        from bmbs b
        join workspaces w on w.id = b.workspace_id
        left join prescribers u on u.workspace_id = b.workspace_id and u.id = b.unlocked_by_id
        where b.workspace_id = ${ws} and b.id in (${sql.join(bmbIds.map((id) => sql`${id}::uuid`), sql`, `)})`),
    );
    for (const r of rows) {
      const sentAt = r.sent_at ? new Date(r.sent_at) : null;
      const locked = displayState({ status: r.status, sentAt }, now) === 'locked';
      if (locked !== r.locked_sql) throw new Error(`BMB ${r.id}: the domain says locked=${locked}, SQL ${r.locked_sql}`);
      bmbs[r.id] = {
        status: r.status,
        sentHoursAgo: r.sent_hours_ago,
        locked,
        unlockedBy: r.unlocked_by,
        requests: r.requests ?? [],
      };
    }
  }
  return { hour: Number(clock?.seconds ?? 0) / 3600, loans, bmbs };
}
