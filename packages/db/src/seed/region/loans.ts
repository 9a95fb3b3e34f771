import { regionIdSql } from './ids';
import {
  articleOfPlainLoan,
  articleOfUnit,
  holderOf,
  homeUnitOf,
  isIndivid,
  isReturned,
  patientOfLoan,
  positionOfLoan,
  unitOfLoan,
} from './layout';
import { inChunks, series, type Phase } from './phase';

/**
 * Loans: each patient's devices, all held by the patient's prescriber and paid
 * by that prescriber's home unit. Current ones were ordered 4½–10 years ago
 * (before any BMB on them), a month apart in the order of the patient's list.
 * One in twenty has been returned: ordered 13–15 years ago, and returned before
 * its individ was lent again.
 */
export const loansPhase: Phase = {
  name: 'loans',
  tables: ['loans'],
  rows: (plan) => plan.loans,
  async run(ctx) {
    const { plan } = ctx;
    const stockholm = (day: string) => `((${day}) + time '09:00') at time zone 'Europe/Stockholm'`;
    await inChunks(ctx, plan.loans, async (lo, hi) => {
      await ctx.run(`
        insert into loans (workspace_id, id, patient_id, article_id, unit_id, quantity, prescriber_id, payer_id,
                           delivery_address_id, position, ordered_on, ordered_quantity, delivered_on,
                           delivered_quantity, returned_on, created_at, updated_at)
        select ${ctx.ws}, ${regionIdSql('loan', 'g')}, ${regionIdSql('patient', 'n')},
               ${regionIdSql('article', `case when individ then ${articleOfUnit(plan, 'k')} else ${articleOfPlainLoan(plan, 'g')} end`)},
               case when individ then ${regionIdSql('unit', 'k')} end,
               quantity, ${regionIdSql('prescriber', 'h')},
               ${regionIdSql('careUnit', homeUnitOf(plan, 'h'))}, ${regionIdSql('careUnit', homeUnitOf(plan, 'h'))},
               ${positionOfLoan('g')}, ordered_on, quantity, ordered_on + (g % 10)::int, quantity,
               returned_on, ${stockholm('ordered_on')}, ${stockholm('coalesce(returned_on, ordered_on)')}
        from (
          select g, n, individ, ${holderOf(plan, 'n')} as h,
                 case when individ then ${unitOfLoan(plan, 'g')} end as k,
                 case when individ then 1 else 1 + (g / 4 % 3)::int end as quantity,
                 ordered_on,
                 case when returned then ordered_on + (100 + g % 900)::int end as returned_on
          from (
            select g, ${patientOfLoan('g')} as n, ${isIndivid('g')} as individ, returned,
                   -- Current ones in list order, a month apart, from a date of the patient's.
                   ${ctx.anchorDate} - case when returned then 4700 + g * 7919 % 900
                                            else 1900 + ${patientOfLoan('g')} * 7919 % 1700 - 30 * ${positionOfLoan('g')} end::int
                     as ordered_on
            from (select g, ${isReturned('g')} as returned from ${series(lo, hi)} g) numbered
          ) base
        ) l`);
    });
  },
};
