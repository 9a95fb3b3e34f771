import { regionIdSql } from './ids';
import { usernameOf } from './layout';
import { openCount } from './open-bmbs';
import { CHUNK_ROWS, type Phase, type PhaseContext } from './phase';
import { bmbAuditEvents } from './plan';

/** Logins span the history's four years and the last week. */
const LOGIN_DAYS = 4 * 365 + 7;
const LOGIN_SECONDS = LOGIN_DAYS * 86_400;

const iso = (at: string) => `to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The audit trail, with the events the app writes and their before/after:
 * every BMB's draft and sending, every answer, every unlock request, and logins
 * (one in 211 failed) for the rest. Written slice by slice in time order, so
 * that the table reads like a real append-only log (ids rise with time, within
 * a slice exactly, across slices roughly).
 */
export const auditEventsPhase: Phase = {
  name: 'audit events',
  tables: ['audit_events'],
  rows: (plan) => plan.auditEvents,
  async run(ctx) {
    const { plan } = ctx;
    const logins = plan.auditEvents - bmbAuditEvents(plan);
    const slices = Math.max(1, Math.ceil(plan.auditEvents / CHUNK_ROWS));
    const at = (s: number, total: number) => Math.floor((s * total) / slices);
    for (let s = 0; s < slices; s++) {
      const [jlo, jhi] = [at(s, plan.historicBmbs), at(s + 1, plan.historicBmbs)];
      const [xlo, xhi] = [at(s, logins), at(s + 1, logins)];
      const last = s === slices - 1;
      const parts = [
        ...(jhi > jlo ? [bmbEvents(ctx, jlo, jhi)] : []),
        ...(xhi > xlo ? [loginEvents(ctx, logins, xlo, xhi)] : []),
        // The open BMBs and unlock requests are the newest: the last slice.
        ...(last
          ? [
              bmbEvents(ctx, plan.historicBmbs, plan.historicBmbs + openCount(plan)),
              unlockRequestEvents(ctx),
            ]
          : []),
      ];
      await ctx.run(`
        insert into audit_events (workspace_id, occurred_at, actor_id, action, entity_type, entity_id, before, after)
        select ${ctx.ws}, at, actor, action, entity_type, entity_id, before, after
        from (${parts.join(' union all ')}) events
        order by at`);
      ctx.advance(
        3 * (jhi - jlo) + (xhi - xlo) + (last ? 2 * openCount(plan) + plan.unlockRequests : 0),
      );
    }
  },
};

/** Draft saved, sent and (if answered) the answer, for BMBs lo … hi-1, as the app records them. */
function bmbEvents(ctx: PhaseContext, lo: number, hi: number): string {
  const people = `'receiverId', b.receiver_id, 'fromPatientId', b.from_patient_id, 'toPatientId', b.to_patient_id`;
  return `
    select e.at, e.actor, e.action, 'bmb' as entity_type, b.id as entity_id, e.before, e.after
    from bmbs b
    cross join lateral (
      select jsonb_agg(l.loan_id order by l.loan_id) as ids
      from bmb_lines l where l.workspace_id = b.workspace_id and l.bmb_id = b.id
    ) loans
    cross join lateral (values
      (b.created_at, b.sender_id, 'bmb.draft.saved', null::jsonb,
       jsonb_build_object(${people}, 'loanIds', loans.ids, 'patientToPatient', false)),
      (b.sent_at, b.sender_id, 'bmb.sent', '{"status": "draft"}'::jsonb,
       jsonb_build_object('status', 'sent', 'sentAt', ${iso('b.sent_at')}, ${people}, 'loanIds', loans.ids,
                          'needsAssessmentConfirmed', false, 'deviceSafeConfirmed', false)),
      (b.answered_at, b.receiver_id, 'bmb.' || b.status::text, '{"status": "sent"}'::jsonb,
       jsonb_build_object('status', b.status, 'answeredAt', ${iso('b.answered_at')}, 'message', b.answer_message,
                          'deliveryAddressId', b.chosen_delivery_address_id, 'payerId', b.chosen_payer_id,
                          'loanIds', loans.ids))
    ) as e(at, actor, action, before, after)
    where b.workspace_id = ${ctx.ws}
      and b.id between ${regionIdSql('bmb', `${lo}`)} and ${regionIdSql('bmb', `${hi - 1}`)}
      and e.at is not null`;
}

/** Logins x = lo … hi-1 of `total`, evenly spread over the history and the last week. */
function loginEvents(ctx: PhaseContext, total: number, lo: number, hi: number): string {
  const step = Math.max(1, Math.floor(LOGIN_SECONDS / total));
  const failed = 'x % 211 = 0';
  return `
    select ${ctx.anchor} - interval '${LOGIN_DAYS} days' + (x * ${step} + x * 7919 % ${step}) * interval '1 second',
           case when ${failed} then null else ${regionIdSql('prescriber', 'p')} end,
           case when ${failed} then 'login.failed' else 'login.succeeded' end,
           'login', null::uuid, null::jsonb,
           case when ${failed} then '{"type": "CallbackRouteError"}'::jsonb
                else jsonb_build_object('username', ${usernameOf('p')}) end
    from (select x, x * 7919 % ${ctx.plan.prescribers} as p from generate_series(${lo}::bigint, ${hi - 1}::bigint) x) logins`;
}

function unlockRequestEvents(ctx: PhaseContext): string {
  return `
    select r.created_at, r.requested_by_id, 'bmb.unlock-request.created', 'bmb', r.bmb_id, null::jsonb,
           jsonb_build_object('requestId', r.id, 'message', r.message)
    from unlock_requests r
    where r.workspace_id = ${ctx.ws}
      and r.id between ${regionIdSql('unlockRequest', '0')}
                   and ${regionIdSql('unlockRequest', `${Math.max(0, ctx.plan.unlockRequests - 1)}`)}`;
}
