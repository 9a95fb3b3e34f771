import { regionIdSql } from './ids';
import { holderOf, homeUnitOf, isReturned, layout, patientOfLoan } from './layout';
import { BMB_MESSAGES, REJECTION_MESSAGES, pickSql } from './names';
import { inChunks, series, type Phase, type PhaseContext } from './phase';

/** Four years of answered BMBs, the newest sent a week before the anchor. */
const HISTORY_SECONDS = 4 * 365 * 86_400;

/**
 * BMB j of the history is about block j of four loans (4j … 4j+3): always loan
 * 4j+1, sometimes 4j+2 and 4j too when they are the same patient's. Blocks do
 * not share loans, so no loan is in two BMBs of the history; loans ≡ 3 mod 4 are
 * left for the open BMBs.
 *
 * One in seven was rejected; the rest accepted. They agree with who holds the
 * loans now: an accepted BMB's receiver holds them (with the payer and address
 * chosen), a rejected one's sender still does.
 */
export const historicBmbsPhase: Phase = {
  name: 'historic BMBs',
  tables: ['bmbs', 'bmb_lines'],
  rows: (plan) => plan.historicBmbs + historicLinesOf(0, plan.historicBmbs),
  async run(ctx) {
    await inChunks(ctx, ctx.plan.historicBmbs, (lo, hi) => insertBmbs(ctx, lo, hi));
    await inChunks(ctx, ctx.plan.historicBmbs, (lo, hi) => insertLines(ctx, lo, hi));
  },
};

const status = (j: string) =>
  `(case when ${j} % 7 = 3 then 'rejected' else 'accepted' end)::bmb_status`;

async function insertBmbs(ctx: PhaseContext, lo: number, hi: number): Promise<number> {
  const { plan } = ctx;
  // Sent times rise with j (one every `step` seconds, jittered): the history reads in order.
  const step = Math.max(1, Math.floor(HISTORY_SECONDS / plan.historicBmbs));
  await ctx.run(`
    insert into bmbs (workspace_id, id, status, sender_id, receiver_id, from_patient_id, to_patient_id, bmb_date,
                      message, send_key, created_at, updated_at, sent_at, answered_at, answer_message,
                      chosen_delivery_address_id, chosen_payer_id)
    select ${ctx.ws}, ${regionIdSql('bmb', 'j')}, status,
           ${regionIdSql('prescriber', 'sender')}, ${regionIdSql('prescriber', 'receiver')},
           ${regionIdSql('patient', 'n')}, ${regionIdSql('patient', 'n')},
           (sent_at at time zone 'Europe/Stockholm')::date,
           ${pickSql(BMB_MESSAGES, 'j * 3')}, ${regionIdSql('sendKey', 'j')},
           sent_at - (5 + j % 55) * interval '1 minute', answered_at, sent_at, answered_at,
           case when status = 'rejected' then ${pickSql(REJECTION_MESSAGES, 'j / 7')} else '' end,
           case when status = 'accepted' then ${regionIdSql('careUnit', homeUnitOf(plan, 'receiver'))} end,
           case when status = 'accepted' then ${regionIdSql('careUnit', homeUnitOf(plan, 'receiver'))} end
    from (
      select j, n, status, sent_at,
             -- Answered within five days: before the deadline, and before the anchor.
             sent_at + (60 + j * 97 % (5 * 1440)) * interval '1 minute' as answered_at,
             case when status = 'accepted' then other else holder end as sender,
             case when status = 'accepted' then holder else other end as receiver
      from (
        select j, n, ${status('j')} as status, ${holderOf(plan, 'n')} as holder,
               -- Anyone but the holder (the busy receiver included: it sends, too).
               (${holderOf(plan, 'n')} + 1 + j % ${plan.prescribers - 1}) % ${plan.prescribers} as other,
               ${ctx.anchor} - interval '7 days'
                 - ((${plan.historicBmbs} - j) * ${step} - j * 7919 % ${step}) * interval '1 second' as sent_at
        from (select j, ${patientOfLoan('4 * j + 1')} as n from ${series(lo, hi)} j) numbered
      ) people
    ) b`);
  return hi - lo;
}

async function insertLines(ctx: PhaseContext, lo: number, hi: number): Promise<number> {
  await ctx.run(`
    insert into bmb_lines (workspace_id, bmb_id, loan_id, bmb_status)
    select ${ctx.ws}, ${regionIdSql('bmb', 'j')}, ${regionIdSql('loan', 'g')}, ${status('j')}
    from ${series(lo, hi)} j
    cross join lateral (values (4 * j + 1), (4 * j + 2), (4 * j)) as line(g)
    where g = 4 * j + 1
       or (${patientOfLoan('g')} = ${patientOfLoan('4 * j + 1')}
           and ((g = 4 * j + 2 and j % 2 = 0 and not ${isReturned('g')}) or (g = 4 * j and j % 5 = 0)))`);
  return historicLinesOf(lo, hi);
}

/** The loans of history BMB j, in TypeScript: the same rule as the SQL above. */
export function historicLoansOf(j: number): number[] {
  const first = 4 * j + 1;
  const samePatient = (g: number) => layout.patientOfLoan(g) === layout.patientOfLoan(first);
  return [
    first,
    ...(j % 2 === 0 && samePatient(4 * j + 2) && !layout.isReturned(4 * j + 2) ? [4 * j + 2] : []),
    ...(j % 5 === 0 && samePatient(4 * j) ? [4 * j] : []),
  ];
}

export function historicLinesOf(lo: number, hi: number): number {
  let total = 0;
  for (let j = lo; j < hi; j++) total += historicLoansOf(j).length;
  return total;
}
