import { regionIdSql } from './ids';
import { holderOf, isInactive, isReturned, layout, patientOfLoan } from './layout';
import { BMB_MESSAGES, pickSql } from './names';
import { inChunks, series, type Phase, type PhaseContext } from './phase';
import { openStride, type RegionPlan } from './plan';

/**
 * Sent, unanswered BMBs: open BMB i (0 … pending+locked-1) is about block
 * `i · stride` of four loans, loan 4b+3, which no BMB of the history holds;
 * one in three also carries loan 4b+2 when the history left it alone (b odd).
 * Each loan is in one open BMB at most: the partial unique index holds.
 *
 * The first `busyWaiting` go to the busy receiver (prescriber 0), sent in the
 * last few hours, so that they stay waiting for almost seven days. The other
 * pending ones were sent 1 hour to 6 days ago; the locked ones 8 to 38 days ago.
 * The holder sends; no other open BMB goes to the busy receiver, nor to anyone
 * who has left.
 */
export const openBmbsPhase: Phase = {
  name: 'open BMBs',
  tables: ['bmbs', 'bmb_lines'],
  rows: (plan) => openCount(plan) + openLinesOf(plan, 0, openCount(plan)),
  async run(ctx) {
    await inChunks(
      ctx,
      openCount(ctx.plan),
      async (lo, hi) => {
        await insertBmbs(ctx, lo, hi);
        await insertLines(ctx, lo, hi);
        return hi - lo + openLinesOf(ctx.plan, lo, hi);
      },
      50_000,
    );
  },
};

export const openCount = (plan: RegionPlan) => plan.pendingBmbs + plan.lockedBmbs;

/** Open BMB i's number among all BMBs: after the history. */
export const openBmbNumber = (plan: RegionPlan, i: string) => `(${plan.historicBmbs} + ${i})`;

async function insertBmbs(ctx: PhaseContext, lo: number, hi: number): Promise<void> {
  const { plan } = ctx;
  const P = plan.prescribers;
  // Anyone but the holder and the busy receiver; one who has left passes it to the next.
  const candidate = `((h + 1 + i % ${P - 4}) % ${P})`;
  const receiver = `case when i < ${plan.busyWaiting} then 0
                         when ${candidate} = 0 or ${isInactive(plan, candidate)} then ${candidate} + 1
                         else ${candidate} end`;
  const sentAt = `case when i < ${plan.busyWaiting} then ${ctx.anchor} - (5 + i) * interval '1 minute'
                       when i < ${plan.pendingBmbs} then ${ctx.anchor} - (60 + i * 7919 % (6 * 1440)) * interval '1 minute'
                       else ${ctx.anchor} - interval '8 days' - (i * 7919 % (30 * 1440)) * interval '1 minute' end`;
  await ctx.run(`
    insert into bmbs (workspace_id, id, status, sender_id, receiver_id, from_patient_id, to_patient_id, bmb_date,
                      message, send_key, created_at, updated_at, sent_at)
    select ${ctx.ws}, ${regionIdSql('bmb', openBmbNumber(plan, 'i'))}, 'sent',
           ${regionIdSql('prescriber', 'h')}, ${regionIdSql('prescriber', 'receiver')},
           ${regionIdSql('patient', 'n')}, ${regionIdSql('patient', 'n')},
           (sent_at at time zone 'Europe/Stockholm')::date, ${pickSql(BMB_MESSAGES, 'i')},
           ${regionIdSql('sendKey', openBmbNumber(plan, 'i'))},
           sent_at - (3 + i % 30) * interval '1 minute', sent_at, sent_at
    from (
      select i, n, h, ${receiver} as receiver, ${sentAt} as sent_at
      from (
        select i, n, ${holderOf(plan, 'n')} as h
        from (select i, ${patientOfLoan(`4 * i * ${openStride(plan)} + 3`)} as n from ${series(lo, hi)} i) numbered
      ) holders
    ) b`);
}

async function insertLines(ctx: PhaseContext, lo: number, hi: number): Promise<void> {
  const { plan } = ctx;
  const b = `(i * ${openStride(plan)})`;
  await ctx.run(`
    insert into bmb_lines (workspace_id, bmb_id, loan_id, bmb_status)
    select ${ctx.ws}, ${regionIdSql('bmb', openBmbNumber(plan, 'i'))}, ${regionIdSql('loan', 'g')}, 'sent'
    from ${series(lo, hi)} i
    cross join lateral (values (4 * ${b} + 3), (4 * ${b} + 2)) as line(g)
    where g = 4 * ${b} + 3
       or (i % 3 = 0 and ${b} % 2 = 1 and not ${isReturned('g')}
           and ${patientOfLoan('g')} = ${patientOfLoan(`4 * ${b} + 3`)})`);
}

/** The loans of open BMB i, in TypeScript: the same rule as the SQL above. */
export function openLoansOf(plan: RegionPlan, i: number): number[] {
  const b = i * openStride(plan);
  const first = 4 * b + 3;
  const second = 4 * b + 2;
  const carriesSecond =
    i % 3 === 0 &&
    b % 2 === 1 &&
    !layout.isReturned(second) &&
    layout.patientOfLoan(second) === layout.patientOfLoan(first);
  return carriesSecond ? [first, second] : [first];
}

export function openLinesOf(plan: RegionPlan, lo: number, hi: number): number {
  let total = 0;
  for (let i = lo; i < hi; i++) total += openLoansOf(plan, i).length;
  return total;
}
