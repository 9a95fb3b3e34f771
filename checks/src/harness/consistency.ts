import type postgres from 'postgres';

/**
 * What must hold in the database after any fault, in SQL, over the BMBs the
 * check created (created at or after `since`) and the loans it gave out.
 * Every figure's target is 0.
 */

export interface Finding {
  group: 'half-applied' | 'audit' | 'open-bmb' | 'connections';
  name: string;
  count: number;
  examples: string[];
}

export interface FixtureLoan {
  loanId: string;
  /** Who held it before the check began. */
  holderId: string;
}

export async function checkConsistency(sql: postgres.Sql, options: { since: Date; loans: FixtureLoan[]; database: string }): Promise<Finding[]> {
  const since = options.since;
  const findings: Finding[] = [];
  const add = async (group: Finding['group'], name: string, query: Promise<{ id: string }[]>) => {
    const rows = await query;
    findings.push({ group, name, count: rows.length, examples: rows.slice(0, 3).map((r) => r.id) });
  };
  const events = (action: string) => sql`
    select entity_id, count(*)::int as n from audit_events where action = ${action} and occurred_at >= ${since} group by entity_id`;

  // Audit trail against the change it records, both ways.
  await add('audit', 'sent BMB without exactly one bmb.sent event', sql`
    select b.id from bmbs b left join (${events('bmb.sent')}) e on e.entity_id = b.id
    where b.created_at >= ${since} and b.status in ('sent', 'accepted', 'rejected', 'unlocked') and coalesce(e.n, 0) <> 1`);
  await add('audit', 'bmb.sent event for a BMB that is not sent', sql`
    select e.entity_id::text as id from (${events('bmb.sent')}) e join bmbs b on b.id = e.entity_id
    where b.status in ('draft', 'discarded')`);
  await add('audit', 'accepted BMB without exactly one bmb.accepted event (or with bmb.rejected)', sql`
    select b.id from bmbs b
      left join (${events('bmb.accepted')}) a on a.entity_id = b.id
      left join (${events('bmb.rejected')}) r on r.entity_id = b.id
    where b.created_at >= ${since} and b.status = 'accepted' and (coalesce(a.n, 0) <> 1 or coalesce(r.n, 0) <> 0)`);
  await add('audit', 'rejected BMB without exactly one bmb.rejected event (or with bmb.accepted)', sql`
    select b.id from bmbs b
      left join (${events('bmb.accepted')}) a on a.entity_id = b.id
      left join (${events('bmb.rejected')}) r on r.entity_id = b.id
    where b.created_at >= ${since} and b.status = 'rejected' and (coalesce(r.n, 0) <> 1 or coalesce(a.n, 0) <> 0)`);
  await add('audit', 'answer event for a BMB that is not answered', sql`
    select b.id from bmbs b join audit_events e on e.entity_id = b.id and e.action in ('bmb.accepted', 'bmb.rejected')
    where b.created_at >= ${since} and b.status not in ('accepted', 'rejected')`);
  await add('audit', 'BMB without a bmb.draft.saved event', sql`
    select b.id from bmbs b
    where b.created_at >= ${since}
      and not exists (select 1 from audit_events e where e.entity_id = b.id and e.action = 'bmb.draft.saved')`);
  await add('audit', 'BMB event whose BMB does not exist', sql`
    select e.id::text as id from audit_events e
    where e.occurred_at >= ${since} and e.entity_type = 'bmb'
      and not exists (select 1 from bmbs b where b.id = e.entity_id)`);
  await add('audit', "bmb.sent event whose loans are not the BMB's lines", sql`
    select b.id from bmbs b join audit_events e on e.entity_id = b.id and e.action = 'bmb.sent'
    where b.created_at >= ${since}
      and (select coalesce(array_agg(x order by x), '{}') from jsonb_array_elements_text(e.after -> 'loanIds') x)
       <> (select coalesce(array_agg(l.loan_id::text order by l.loan_id::text), '{}') from bmb_lines l where l.bmb_id = b.id)`);

  // Half-applied changes: part of a transition without the rest.
  await add('half-applied', "line status differs from its BMB's", sql`
    select l.bmb_id::text || '/' || l.loan_id::text as id from bmb_lines l join bmbs b on b.id = l.bmb_id
    where b.created_at >= ${since} and l.bmb_status <> b.status`);
  await add('half-applied', 'sent/answered BMB without its sent_at/answered_at', sql`
    select id from bmbs where created_at >= ${since}
      and ((status in ('sent', 'accepted', 'rejected') and sent_at is null)
        or (status in ('accepted', 'rejected') and answered_at is null) or (status = 'sent' and answered_at is not null))`);
  const loanIds = options.loans.map((l) => l.loanId);
  const holders = options.loans.map((l) => l.holderId);
  await add('half-applied', 'loan not with the receiver of its last accepted BMB (prescriber, payer, address, patient)', sql`
    with last_accepted as (
      select distinct on (l.loan_id) l.loan_id, b.receiver_id, b.chosen_payer_id, b.chosen_delivery_address_id, b.to_patient_id
      from bmb_lines l join bmbs b on b.id = l.bmb_id
      where b.status = 'accepted' and b.created_at >= ${since}
      order by l.loan_id, b.answered_at desc)
    select lo.id from loans lo join last_accepted a on a.loan_id = lo.id
    where lo.prescriber_id <> a.receiver_id or lo.payer_id <> a.chosen_payer_id
       or lo.delivery_address_id <> a.chosen_delivery_address_id or lo.patient_id <> a.to_patient_id`);
  await add('half-applied', 'loan moved without an accepted BMB', sql`
    select lo.id from loans lo join unnest(${loanIds}::uuid[], ${holders}::uuid[]) f(loan_id, holder_id) on f.loan_id = lo.id
    where lo.prescriber_id <> f.holder_id
      and not exists (select 1 from bmb_lines l join bmbs b on b.id = l.bmb_id where l.loan_id = lo.id and b.status = 'accepted')`);
  await add('half-applied', 'sent BMB without its arrival notice in the outbox', sql`
    select b.id from bmbs b where b.created_at >= ${since} and b.status in ('sent', 'accepted', 'rejected')
      and not exists (select 1 from notifications n where n.dedupe_key = 'bmb_arrived:' || b.id)`);
  await add('half-applied', 'answered BMB without its answer notice in the outbox', sql`
    select b.id from bmbs b where b.created_at >= ${since} and b.status in ('accepted', 'rejected')
      and not exists (select 1 from notifications n where n.dedupe_key = 'bmb_answered:' || b.id)`);
  await add('half-applied', 'notice for a BMB that was never sent', sql`
    select n.id from notifications n join bmbs b on b.id = n.bmb_id
    where b.created_at >= ${since} and b.status in ('draft', 'discarded')`);

  await add('open-bmb', 'loan in two open BMBs', sql`
    select loan_id::text as id from bmb_lines where bmb_status = 'sent' group by loan_id having count(*) > 1`);

  await add('connections', 'connection idle in transaction', sql`
    select pid::text as id from pg_stat_activity
    where datname = ${options.database} and state like 'idle in transaction%' and pid <> pg_backend_pid()`);
  return findings;
}

export function findingsTotal(findings: Finding[], group: Finding['group']): number {
  return findings.filter((f) => f.group === group).reduce((sum, f) => sum + f.count, 0);
}
