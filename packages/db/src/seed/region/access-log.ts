import { regionIdSql } from './ids';
import { holderOf, homeUnitOf } from './layout';
import { pickSql } from './names';
import { inChunks, series, type Phase } from './phase';

/** Two years of patient lookups. */
const LOG_DAYS = 2 * 365;
const LOG_MICROSECONDS = LOG_DAYS * 86_400 * 1_000_000;

/** What users read, weighted the way work goes: searches and Hjälpmedel lists most. */
const ACCESS_ACTIONS = [
  'patient.search',
  'patient.loans.view',
  'patient.search',
  'patient.loans.view',
  'patient.loans.view',
  'bmb.form.view',
  'bmb.view',
  'individ.card.view',
  'bmb.answer.view',
  'bmb.answer',
];

/**
 * The patient access log (patientdatalagen): who read which patient, acting
 * for which care unit (their home unit), in time order. Three reads in four
 * are by the patient's own prescriber; the rest by anyone.
 */
export const accessLogPhase: Phase = {
  name: 'access log',
  tables: ['patient_access_log'],
  rows: (plan) => plan.accessLog,
  async run(ctx) {
    const { plan } = ctx;
    const step = Math.max(1, Math.floor(LOG_MICROSECONDS / plan.accessLog));
    await inChunks(ctx, plan.accessLog, async (lo, hi) => {
      await ctx.run(`
        insert into patient_access_log (workspace_id, occurred_at, user_id, care_unit_id, patient_id, action)
        select ${ctx.ws},
               ${ctx.anchor} - interval '${LOG_DAYS} days' + (r * ${step} + r * 7919 % ${step}) * interval '1 microsecond',
               ${regionIdSql('prescriber', 'u')}, ${regionIdSql('careUnit', homeUnitOf(plan, 'u'))},
               ${regionIdSql('patient', 'n')}, ${pickSql(ACCESS_ACTIONS, 'r * 3 + r / 10')}
        from (
          select r, n, case when r % 4 <> 0 then ${holderOf(plan, 'n')} else r * 31 % ${plan.prescribers} end as u
          from (select r, (r * 48271 + r / 1000) % ${plan.patients} as n from ${series(lo, hi)} r) numbered
        ) reads`);
    });
  },
};
