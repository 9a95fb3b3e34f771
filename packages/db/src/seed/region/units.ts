import { regionIdSql } from './ids';
import { articleOfUnit } from './layout';
import { inChunks, series, type Phase } from './phase';

/** First individ number: seven digits, above any the demo uses. */
export const FIRST_INDIVID_NO = 3_000_000;

/** Individer: one per individ loan (layout.ts), numbered from 3000000. */
export const unitsPhase: Phase = {
  name: 'individer',
  tables: ['units'],
  rows: (plan) => plan.units,
  async run(ctx) {
    const { plan } = ctx;
    await inChunks(ctx, plan.units, async (lo, hi) => {
      await ctx.run(`
        insert into units (workspace_id, id, article_id, individ_no)
        select ${ctx.ws}, ${regionIdSql('unit', 'k')}, ${regionIdSql('article', articleOfUnit(plan, 'k'))},
               (${FIRST_INDIVID_NO} + k)::text
        from ${series(lo, hi)} k`);
    });
  },
};
