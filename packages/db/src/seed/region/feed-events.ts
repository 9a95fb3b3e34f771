import { regionIdSql } from './ids';
import { openCount } from './open-bmbs';
import { inChunks, type Phase, type PhaseContext } from './phase';
import { feedEventsOf } from './plan';

/**
 * The integration's feed (bmb_events) as a region that has run BMB for its four
 * years would have it: every BMB's `bmb.sent`, and every answered one's
 * `bmb.accepted` or `bmb.rejected`, in time order, with the data the app writes
 * (queries/events.ts). The devices of an accepted BMB name the loan's holder as
 * it is now: the generated history has no earlier holders to name. The feed's
 * size is what the benchmark's `GET /api/v1/events` reads through.
 */
export const feedEventsPhase: Phase = {
  name: 'feed events',
  tables: ['bmb_events'],
  rows: feedEventsOf,
  async run(ctx) {
    const bmbs = ctx.plan.historicBmbs + openCount(ctx.plan);
    await inChunks(ctx, bmbs, (lo, hi) => insertFeedEvents(ctx, lo, hi), 50_000);
  },
};

const loanKeys = `'sourceId', l.source_id, 'articleNo', a.article_no, 'individNo', u.individ_no, 'quantity', l.quantity`;
const loanHolder = `'prescriber', p.username, 'payer', py.code, 'deliveryAddress', da.code, 'personnummer', pt.personnummer`;

function linesOf(fields: string): string {
  return `coalesce((
    select jsonb_agg(jsonb_build_object(${fields}) order by l.position, l.id)
    from bmb_lines bl
    join loans l on l.workspace_id = bl.workspace_id and l.id = bl.loan_id
    join articles a on a.workspace_id = l.workspace_id and a.id = l.article_id
    left join units u on u.workspace_id = l.workspace_id and u.id = l.unit_id
    join prescribers p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
    join payers py on py.workspace_id = l.workspace_id and py.id = l.payer_id
    join delivery_addresses da on da.workspace_id = l.workspace_id and da.id = l.delivery_address_id
    join patients pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
    where bl.workspace_id = b.workspace_id and bl.bmb_id = b.id
  ), '[]'::jsonb)`;
}

/** BMBs lo … hi-1: sent, and answered where they were; returns the events written. */
async function insertFeedEvents(ctx: PhaseContext, lo: number, hi: number): Promise<number> {
  const parties = `'bmbId', b.id, 'sender', s.username, 'receiver', r.username`;
  const rows = await ctx.run(`
    with written as (
      insert into bmb_events (workspace_id, type, occurred_at, bmb_id, data)
      select b.workspace_id, e.type::bmb_event_type, e.at, b.id, e.data
      from bmbs b
      join prescribers s on s.workspace_id = b.workspace_id and s.id = b.sender_id
      join prescribers r on r.workspace_id = b.workspace_id and r.id = b.receiver_id
      cross join lateral (values
        ('bmb.sent', b.sent_at, jsonb_build_object(${parties}, 'loans', ${linesOf(loanKeys)})),
        ('bmb.' || b.status::text, b.answered_at,
         case b.status
           when 'accepted' then jsonb_build_object(${parties}, 'loans', ${linesOf(`${loanKeys}, ${loanHolder}`)})
           else jsonb_build_object(${parties}, 'message', b.answer_message)
         end)
      ) as e(type, at, data)
      where b.workspace_id = ${ctx.ws}
        and b.id between ${regionIdSql('bmb', `${lo}`)} and ${regionIdSql('bmb', `${hi - 1}`)}
        and e.at is not null
      order by e.at
      returning 1
    )
    select count(*)::int as n from written`);
  return Number(rows[0]?.n ?? 0);
}
