import { regionIdSql } from './ids';
import { FIRST_NAMES, LAST_NAMES, pickSql } from './names';
import { birthDateSql, personnummerSql } from './personnummer-sql';
import { inChunks, series, type Phase } from './phase';

/** Patients: valid, unique personnummer (personnummer-sql.ts) and a name as the register writes it. */
export const patientsPhase: Phase = {
  name: 'patients',
  tables: ['patients'],
  rows: (plan) => plan.patients,
  async run(ctx) {
    await inChunks(ctx, ctx.plan.patients, async (lo, hi) => {
      await ctx.run(`
        insert into patients (workspace_id, id, personnummer, name)
        select ${ctx.ws}, ${regionIdSql('patient', 'n')}, ${personnummerSql('n', 'born')},
               ${pickSql(LAST_NAMES, `n * 7 + n / ${LAST_NAMES.length}`)} || ', '
                 || ${pickSql(FIRST_NAMES, `n * 11 + n / ${LAST_NAMES.length * FIRST_NAMES.length}`)}
        from (select n, ${birthDateSql('n')} as born from ${series(lo, hi)} n) p`);
    });
  },
};
